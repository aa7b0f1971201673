// The deployment manifest: the contract between contracts/, snap/, widget/ and devnet/.
// Format (DESIGN.md): contracts/deployments/<chainId>.json
import { getAddress, isAddress, type Address, type Hex } from 'viem';

export const CONTRACT_KEYS = [
  'metis',
  'lockingPool',
  'stakingManager',
  'eMetis',
  'seMetis',
  'rewardDispatcher',
  'redemptionQueue',
  'governanceToken',
  'airdrop',
  'liquidityMining',
  'lens',
] as const;

export type ContractKey = (typeof CONTRACT_KEYS)[number];

export interface Manifest {
  chainId: number;
  name: string;
  rpcUrl?: string;
  explorer?: string;
  startBlock: number;
  contracts: Record<ContractKey, Address>;
  airdrop: { root: Hex; proofsUrl?: string };
}

export class ManifestError extends Error {
  override name = 'ManifestError';
}

function fail(msg: string): never {
  throw new ManifestError(`invalid deployment manifest: ${msg}`);
}

/** Validates an untrusted manifest object and returns it with checksummed addresses. */
export function parseManifest(input: unknown): Manifest {
  if (typeof input !== 'object' || input === null) fail('not an object');
  const m = input as Record<string, unknown>;
  const chainId = m.chainId;
  if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId <= 0) fail('chainId must be a positive integer');
  if (typeof m.name !== 'string' || m.name === '') fail('name missing');
  const startBlock = m.startBlock ?? 0;
  if (typeof startBlock !== 'number' || !Number.isSafeInteger(startBlock) || startBlock < 0) fail('startBlock must be a block number');
  for (const k of ['rpcUrl', 'explorer'] as const) {
    if (m[k] !== undefined && typeof m[k] !== 'string') fail(`${k} must be a string`);
  }
  const rawContracts = m.contracts;
  if (typeof rawContracts !== 'object' || rawContracts === null) fail('contracts missing');
  const contracts = {} as Record<ContractKey, Address>;
  for (const key of CONTRACT_KEYS) {
    const v = (rawContracts as Record<string, unknown>)[key];
    if (typeof v !== 'string' || !isAddress(v, { strict: false })) fail(`contracts.${key} is not an address`);
    contracts[key] = getAddress(v);
  }
  const rawAirdrop = (m.airdrop ?? {}) as Record<string, unknown>;
  const root = rawAirdrop.root;
  if (typeof root !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(root)) fail('airdrop.root must be a 32-byte hex string');
  if (rawAirdrop.proofsUrl !== undefined && typeof rawAirdrop.proofsUrl !== 'string') fail('airdrop.proofsUrl must be a string');
  return {
    chainId,
    name: m.name,
    ...(m.rpcUrl ? { rpcUrl: m.rpcUrl as string } : {}),
    ...(m.explorer ? { explorer: m.explorer as string } : {}),
    startBlock,
    contracts,
    airdrop: { root: root as Hex, ...(rawAirdrop.proofsUrl ? { proofsUrl: rawAirdrop.proofsUrl as string } : {}) },
  };
}

/** Fetches and validates a manifest (browser or Node 18+). */
export async function fetchManifest(url: string, fetchImpl: typeof fetch = fetch): Promise<Manifest> {
  let res: Response;
  try {
    res = await fetchImpl(url);
  } catch (e) {
    throw new ManifestError(`could not load the deployment manifest from ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new ManifestError(`could not load the deployment manifest from ${url}: HTTP ${res.status}`);
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new ManifestError(`the deployment manifest at ${url} is not JSON`);
  }
  return parseManifest(json);
}

/** The name of the protocol contract at `address` in `manifest`, if any. */
export function contractKeyOf(manifest: Manifest, address: string | undefined | null): ContractKey | undefined {
  if (!address) return undefined;
  const a = address.toLowerCase();
  return CONTRACT_KEYS.find((k) => manifest.contracts[k].toLowerCase() === a);
}
