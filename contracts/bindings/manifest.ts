// The deployment manifest: the contract between contracts/, snap/, widget/ and devnet/.
// Format (DESIGN.md): contracts/deployments/<l2ChainId>.json. The front ends read only the L2 part; the
// keeper, the relayer and the deploy also read `l1`.
import { getAddress, isAddress, type Address, type Hex } from 'viem';

/** Where the shard files are (the manifest's `airdrop.shards`). */
export interface AirdropShardsRef {
  /** Base URL of the shard directory (relative URLs resolve against `baseUrl` or the page). */
  url: string;
  /** Hex digits of the address that name its shard. */
  prefixLength: number;
}

/** Longest prefix the builder and the parser accept (an address has 40 hex digits). */
export const MAX_PREFIX_LENGTH = 40;

/** The L2 (Metis) contracts: the protocol's and Metis's own it calls. */
export const CONTRACT_KEYS = [
  'metis',
  'stakingManager',
  'rewardReceiver',
  'eMetis',
  'seMetis',
  'rewardDispatcher',
  'redemptionQueue',
  'governanceToken',
  'airdrop',
  'liquidityMining',
  'lens',
  'partnerRegistry',
  'l2Bridge',
  'l2Messenger',
] as const;

/** The L1 (Ethereum) contracts: Metis's LockingPool, LockingInfo, bridge, messenger, METIS, and the hub. */
export const L1_CONTRACT_KEYS = ['metis', 'lockingPool', 'lockingInfo', 'l1Bridge', 'l1Messenger', 'hub'] as const;

/** Devnet only: the models of Metis's L1 plumbing the relayer and the deploy use. */
export const L1_NETWORK_KEYS = ['stateCommitmentChain', 'addressManager', 'discountOracle'] as const;

export type ContractKey = (typeof CONTRACT_KEYS)[number];
export type L1ContractKey = (typeof L1_CONTRACT_KEYS)[number];
export type L1NetworkKey = (typeof L1_NETWORK_KEYS)[number];

export interface L1Manifest {
  chainId: number;
  rpcUrl?: string;
  explorer?: string;
  startBlock: number;
  contracts: Record<L1ContractKey, Address>;
  network?: Record<L1NetworkKey, Address>;
}

export interface Manifest {
  chainId: number;
  name: string;
  rpcUrl?: string;
  explorer?: string;
  startBlock: number;
  contracts: Record<ContractKey, Address>;
  l1?: L1Manifest;
  /** `proofsUrl`: the whole proofs file; `shards`: the per-address shard files (one small fetch per account). */
  airdrop: { root: Hex; proofsUrl?: string; shards?: AirdropShardsRef };
}

export class ManifestError extends Error {
  override name = 'ManifestError';
}

function fail(msg: string): never {
  throw new ManifestError(`invalid deployment manifest: ${msg}`);
}

function blockNumber(v: unknown, what: string): number {
  const b = v ?? 0;
  if (typeof b !== 'number' || !Number.isSafeInteger(b) || b < 0) fail(`${what} must be a block number`);
  return b;
}

function chainIdOf(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) fail(`${what} must be a positive integer`);
  return v;
}

function addresses<K extends string>(raw: unknown, keys: readonly K[], what: string): Record<K, Address> {
  if (typeof raw !== 'object' || raw === null) fail(`${what} missing`);
  const out = {} as Record<K, Address>;
  for (const key of keys) {
    const v = (raw as Record<string, unknown>)[key];
    if (typeof v !== 'string' || !isAddress(v, { strict: false })) fail(`${what}.${key} is not an address`);
    out[key] = getAddress(v);
  }
  return out;
}

function optionalStrings(m: Record<string, unknown>, what: string): { rpcUrl?: string; explorer?: string } {
  for (const k of ['rpcUrl', 'explorer'] as const) {
    if (m[k] !== undefined && typeof m[k] !== 'string') fail(`${what}${k} must be a string`);
  }
  return { ...(m.rpcUrl ? { rpcUrl: m.rpcUrl as string } : {}), ...(m.explorer ? { explorer: m.explorer as string } : {}) };
}

function parseL1(input: unknown): L1Manifest {
  if (typeof input !== 'object' || input === null) fail('l1 must be an object');
  const m = input as Record<string, unknown>;
  return {
    chainId: chainIdOf(m.chainId, 'l1.chainId'),
    ...optionalStrings(m, 'l1.'),
    startBlock: blockNumber(m.startBlock, 'l1.startBlock'),
    contracts: addresses(m.contracts, L1_CONTRACT_KEYS, 'l1.contracts'),
    ...(m.network !== undefined ? { network: addresses(m.network, L1_NETWORK_KEYS, 'l1.network') } : {}),
  };
}

function parseShardsRef(input: unknown): AirdropShardsRef {
  if (typeof input !== 'object' || input === null) fail('airdrop.shards must be an object');
  const { url, prefixLength } = input as Record<string, unknown>;
  if (typeof url !== 'string' || url === '') fail('airdrop.shards.url must be a non-empty string');
  if (typeof prefixLength !== 'number' || !Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > MAX_PREFIX_LENGTH) {
    fail(`airdrop.shards.prefixLength must be an integer from 0 to ${MAX_PREFIX_LENGTH}`);
  }
  return { url, prefixLength };
}

/**
 * Validates the L2 part of an untrusted manifest object (what a front end reads; an `l1` part is left out,
 * unread) and returns it with checksummed addresses.
 */
export function parseL2Manifest(input: unknown): Manifest {
  if (typeof input !== 'object' || input === null) fail('not an object');
  const m = input as Record<string, unknown>;
  const chainId = chainIdOf(m.chainId, 'chainId');
  if (typeof m.name !== 'string' || m.name === '') fail('name missing');
  const contracts = addresses(m.contracts, CONTRACT_KEYS, 'contracts');
  const rawAirdrop = (m.airdrop ?? {}) as Record<string, unknown>;
  const root = rawAirdrop.root;
  if (typeof root !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(root)) fail('airdrop.root must be a 32-byte hex string');
  if (rawAirdrop.proofsUrl !== undefined && typeof rawAirdrop.proofsUrl !== 'string') fail('airdrop.proofsUrl must be a string');
  const shards = rawAirdrop.shards === undefined ? undefined : parseShardsRef(rawAirdrop.shards);
  return {
    chainId,
    name: m.name,
    ...optionalStrings(m, ''),
    startBlock: blockNumber(m.startBlock, 'startBlock'),
    contracts,
    airdrop: { root: root as Hex, ...(rawAirdrop.proofsUrl ? { proofsUrl: rawAirdrop.proofsUrl as string } : {}), ...(shards ? { shards } : {}) },
  };
}

/** Validates an untrusted manifest object, its `l1` part too, and returns it with checksummed addresses. */
export function parseManifest(input: unknown): Manifest {
  const { airdrop, ...l2 } = parseL2Manifest(input);
  const l1 = (input as Record<string, unknown>).l1;
  // the key order of the files the deploy writes: ..., contracts, l1, airdrop
  return { ...l2, ...(l1 !== undefined ? { l1: parseL1(l1) } : {}), airdrop };
}

/** The manifest without its L1 part: what a front end needs (bundled into the snap). */
export function l2Part(m: Manifest): Manifest {
  const { l1: _l1, ...l2 } = m;
  return l2;
}

/** Fetches a manifest and validates its L2 part, what a front end reads (parseL2Manifest; browser or Node 18+). */
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
  return parseL2Manifest(json);
}

/** The name of the protocol contract at `address` in `manifest`, if any. */
export function contractKeyOf(manifest: Manifest, address: string | undefined | null): ContractKey | undefined {
  if (!address) return undefined;
  const a = address.toLowerCase();
  return CONTRACT_KEYS.find((k) => manifest.contracts[k].toLowerCase() === a);
}
