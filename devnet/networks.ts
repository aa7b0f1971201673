// The networks the protocol deploys to: each is a Metis L2 with its Ethereum L1. Real networks take RPC URLs,
// keys and optional address overrides from the environment; `resolveNetwork` lists everything missing at once.
import type { Address, Hex } from 'viem';
import { METIS_L1, metis, metisSepolia, type MetisL1Addresses } from '@metis-liquid-staking/contracts';

export type NetworkName = 'devnet' | 'metis-sepolia' | 'andromeda';

/** The env variables a network reads (one prefix per network: DEVNET_, METIS_SEPOLIA_, ANDROMEDA_). */
export interface NetworkEnv {
  l2RpcUrl: string;
  l1RpcUrl: string;
  /** Deployer keys: the same key may deploy both sides. */
  l2DeployerKey: string;
  l1DeployerKey: string;
  /** Keeper keys (KEEPER_ROLE on the manager, and on the hub). */
  l2KeeperKey: string;
  l1KeeperKey: string;
  /** Addresses granted roles at deploy (default: the deployer). */
  l2KeeperAddress: string;
  l1KeeperAddress: string;
  guardianAddress: string;
  treasury: string;
}

export interface NetworkConfig {
  name: NetworkName;
  /** The L2 (Metis) chain id. */
  chainId: number;
  l1ChainId: number;
  rpcUrl?: string;
  l1RpcUrl?: string;
  explorer?: string;
  l1Explorer?: string;
  /** The devnet deploys models of Metis's contracts; real networks use Metis's own. */
  isDevnet: boolean;
  /** Metis's L1 contracts (real networks; each can be overridden by env `<PREFIX>_L1_<NAME>`). */
  metisL1?: MetisL1Addresses;
  env: NetworkEnv;
  /** Seconds per L2 block (blocks per year for the APR figures). */
  blockTimeSeconds: number;
  /** Lens estimates: seconds from an L1 deposit to its credit on L2, and of the fast path. */
  returnDelaySeconds: number;
  fastPathDelaySeconds: number;
}

const envFor = (prefix: string): NetworkEnv => ({
  l2RpcUrl: `${prefix}_RPC_URL`,
  l1RpcUrl: `${prefix}_L1_RPC_URL`,
  l2DeployerKey: `${prefix}_DEPLOYER_KEY`,
  l1DeployerKey: `${prefix}_L1_DEPLOYER_KEY`,
  l2KeeperKey: `${prefix}_KEEPER_KEY`,
  l1KeeperKey: `${prefix}_L1_KEEPER_KEY`,
  l2KeeperAddress: `${prefix}_KEEPER_ADDRESS`,
  l1KeeperAddress: `${prefix}_L1_KEEPER_ADDRESS`,
  guardianAddress: `${prefix}_GUARDIAN_ADDRESS`,
  treasury: `${prefix}_TREASURY`,
});

export const NETWORKS: Record<NetworkName, NetworkConfig> = {
  devnet: {
    name: 'devnet',
    // chain ids no real network uses: 31337 (anvil's) for the L2, 1337 for the L1
    chainId: 31337,
    l1ChainId: 1337,
    rpcUrl: 'http://127.0.0.1:8545',
    l1RpcUrl: 'http://127.0.0.1:8546',
    isDevnet: true,
    env: envFor('DEVNET'),
    blockTimeSeconds: 2,
    returnDelaySeconds: 60,
    fastPathDelaySeconds: 5 * 60,
  },
  'metis-sepolia': {
    name: 'metis-sepolia',
    chainId: metisSepolia.id,
    l1ChainId: METIS_L1[metisSepolia.id]!.chainId,
    rpcUrl: metisSepolia.rpcUrls.default.http[0],
    explorer: metisSepolia.blockExplorers.default.url,
    l1Explorer: 'https://sepolia.etherscan.io',
    isDevnet: false,
    metisL1: METIS_L1[metisSepolia.id],
    env: envFor('METIS_SEPOLIA'),
    blockTimeSeconds: 2,
    // Metis relays L1->L2 after ~35 L1 confirmations (~7 minutes); the keeper acts within its interval
    returnDelaySeconds: 30 * 60,
    fastPathDelaySeconds: 2 * 60 * 60,
  },
  andromeda: {
    name: 'andromeda',
    chainId: metis.id,
    l1ChainId: METIS_L1[metis.id]!.chainId,
    explorer: metis.blockExplorers.default.url,
    l1Explorer: 'https://etherscan.io',
    isDevnet: false,
    metisL1: METIS_L1[metis.id],
    env: envFor('ANDROMEDA'),
    blockTimeSeconds: 2,
    returnDelaySeconds: 30 * 60,
    fastPathDelaySeconds: 2 * 60 * 60,
  },
};

export function isNetworkName(name: string): name is NetworkName {
  return Object.prototype.hasOwnProperty.call(NETWORKS, name);
}

export function getNetwork(name: string): NetworkConfig {
  if (!isNetworkName(name)) {
    throw new Error(`Unknown network "${name}". Choose one of: ${Object.keys(NETWORKS).join(', ')}.`);
  }
  return NETWORKS[name];
}

/** Thrown when env variables a command needs are not set (all of them listed). */
export class MissingConfigError extends Error {
  constructor(
    readonly network: string,
    readonly missing: string[],
  ) {
    super(`Cannot use network "${network}"; set these environment variables:\n${missing.map((m) => `  ${m}`).join('\n')}`);
    this.name = 'MissingConfigError';
  }
}

export interface ResolvedNetwork {
  config: NetworkConfig;
  l2RpcUrl: string;
  l1RpcUrl: string;
  l2Key?: Hex;
  l1Key?: Hex;
  /** Metis's L1 contracts with env overrides applied (real networks). */
  metisL1?: MetisL1Addresses;
  treasury?: Address;
  l2KeeperAddress?: Address;
  l1KeeperAddress?: Address;
  guardianAddress?: Address;
}

const isKey = (s: string) => /^0x[0-9a-fA-F]{64}$/.test(s);
const isAddr = (s: string) => /^0x[0-9a-fA-F]{40}$/.test(s);
const L1_OVERRIDES = ['metis', 'lockingPool', 'lockingInfo', 'l1Bridge', 'l1Messenger'] as const;
const overrideVar = (prefix: string, k: string) => `${prefix}_L1_${k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/**
 * Reads what `role` needs for `name` from `env`: RPC URLs of both chains, the role's keys (or none with
 * `keys: false`, e.g. for `--plan`), role addresses, and overrides of Metis's L1 addresses
 * (`<PREFIX>_L1_LOCKING_POOL`, `…_L1_LOCKING_INFO`, `…_L1_L1_BRIDGE`, `…_L1_L1_MESSENGER`, `…_L1_METIS`).
 * The devnet falls back to its local defaults; real networks list every missing variable in one error.
 */
export function resolveNetwork(
  name: string,
  role: 'deployer' | 'keeper',
  env: NodeJS.ProcessEnv = process.env,
  opts: { keys?: boolean } = {},
): ResolvedNetwork {
  const config = getNetwork(name);
  const e = config.env;
  const prefix = e.l2RpcUrl.replace(/_RPC_URL$/, '');
  const missing: string[] = [];
  const l2RpcUrl = env[e.l2RpcUrl] || config.rpcUrl;
  const l1RpcUrl = env[e.l1RpcUrl] || (config.isDevnet ? config.l1RpcUrl : undefined);
  if (!l2RpcUrl) missing.push(`${e.l2RpcUrl} (RPC URL of ${config.name}, chain ${config.chainId})`);
  if (!l1RpcUrl) missing.push(`${e.l1RpcUrl} (RPC URL of its L1, chain ${config.l1ChainId})`);
  const key = (v: string, what: string): Hex | undefined => {
    const raw = env[v];
    if (raw) {
      if (!isKey(raw)) missing.push(`${v} (must be a 0x-prefixed 32-byte hex private key)`);
      else return raw as Hex;
    } else if (!config.isDevnet && opts.keys !== false) {
      missing.push(`${v} (private key of the ${what})`);
    }
    return undefined;
  };
  const l2Key = key(role === 'deployer' ? e.l2DeployerKey : e.l2KeeperKey, `${role} on ${config.name}`);
  const l1Key = key(role === 'deployer' ? e.l1DeployerKey : e.l1KeeperKey, `${role} on its L1`);
  const address = (v: string): Address | undefined => {
    const raw = env[v];
    if (!raw) return undefined;
    if (!isAddr(raw)) {
      missing.push(`${v} (must be a 0x address)`);
      return undefined;
    }
    return raw as Address;
  };
  let metisL1 = config.metisL1 ? { ...config.metisL1 } : undefined;
  if (metisL1) {
    for (const k of L1_OVERRIDES) {
      const a = address(overrideVar(prefix, k));
      if (a) metisL1 = { ...metisL1, [k]: a };
    }
  }
  const resolved: ResolvedNetwork = {
    config,
    l2RpcUrl: l2RpcUrl ?? '',
    l1RpcUrl: l1RpcUrl ?? '',
    l2Key,
    l1Key,
    metisL1,
    treasury: address(e.treasury),
    l2KeeperAddress: address(e.l2KeeperAddress),
    l1KeeperAddress: address(e.l1KeeperAddress),
    guardianAddress: address(e.guardianAddress),
  };
  if (missing.length) throw new MissingConfigError(config.name, missing);
  return resolved;
}

/** The env variable that overrides Metis's L1 address `key` on `network`. */
export function l1OverrideVar(network: NetworkConfig, key: (typeof L1_OVERRIDES)[number]): string {
  return overrideVar(network.env.l2RpcUrl.replace(/_RPC_URL$/, ''), key);
}
