// Network configurations for deploy and keeper. Real networks take their RPC URL, keys and the
// Metis LockingPool address from the environment; `resolveNetwork` says exactly what is missing.
import type { Address, Hex } from 'viem';
import { metis, metisSepolia } from '@metis-liquid-staking/contracts';

/** The METIS ERC-20 on Metis L2 (the gas token's ERC-20 face). */
export const L2_METIS: Address = '0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000';

export type NetworkName = 'devnet' | 'metis-sepolia' | 'andromeda';

export interface NetworkConfig {
  name: NetworkName;
  chainId: number;
  /** Default RPC URL (overridable by env). */
  rpcUrl?: string;
  explorer?: string;
  /** Devnet only: deploy DevMetis and our SequencerLockingPool. */
  isDevnet: boolean;
  /** Fixed METIS token address on real networks. */
  metis?: Address;
  /** Env variable names read for this network. */
  env: {
    rpcUrl: string;
    deployerKey: string;
    keeperKey: string;
    lockingPool: string;
    treasury: string;
    /** Address granted KEEPER_ROLE at deploy (default: the deployer). */
    keeperAddress: string;
  };
  /** Seconds per L2 block, used for blocksPerYear in APR figures. */
  blockTimeSeconds: number;
}

export const NETWORKS: Record<NetworkName, NetworkConfig> = {
  devnet: {
    name: 'devnet',
    chainId: 31337,
    rpcUrl: 'http://127.0.0.1:8545',
    isDevnet: true,
    env: {
      rpcUrl: 'DEVNET_RPC_URL',
      deployerKey: 'DEVNET_DEPLOYER_KEY',
      keeperKey: 'DEVNET_KEEPER_KEY',
      lockingPool: 'DEVNET_LOCKING_POOL',
      treasury: 'DEVNET_TREASURY',
      keeperAddress: 'DEVNET_KEEPER_ADDRESS',
    },
    blockTimeSeconds: 2,
  },
  'metis-sepolia': {
    name: 'metis-sepolia',
    // chain metadata from the bindings (viem/chains)
    chainId: metisSepolia.id,
    rpcUrl: metisSepolia.rpcUrls.default.http[0],
    explorer: metisSepolia.blockExplorers.default.url,
    isDevnet: false,
    metis: L2_METIS,
    env: {
      rpcUrl: 'METIS_SEPOLIA_RPC_URL',
      deployerKey: 'METIS_SEPOLIA_DEPLOYER_KEY',
      keeperKey: 'METIS_SEPOLIA_KEEPER_KEY',
      lockingPool: 'METIS_SEPOLIA_LOCKING_POOL',
      treasury: 'METIS_SEPOLIA_TREASURY',
      keeperAddress: 'METIS_SEPOLIA_KEEPER_ADDRESS',
    },
    blockTimeSeconds: 2,
  },
  andromeda: {
    name: 'andromeda',
    // no default RPC for mainnet deploys: ANDROMEDA_RPC_URL names it
    chainId: metis.id,
    explorer: metis.blockExplorers.default.url,
    isDevnet: false,
    metis: L2_METIS,
    env: {
      rpcUrl: 'ANDROMEDA_RPC_URL',
      deployerKey: 'ANDROMEDA_DEPLOYER_KEY',
      keeperKey: 'ANDROMEDA_KEEPER_KEY',
      lockingPool: 'ANDROMEDA_LOCKING_POOL',
      treasury: 'ANDROMEDA_TREASURY',
      keeperAddress: 'ANDROMEDA_KEEPER_ADDRESS',
    },
    blockTimeSeconds: 2,
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

export interface ResolvedNetwork {
  config: NetworkConfig;
  rpcUrl: string;
  key?: Hex;
  lockingPool?: Address;
  treasury?: Address;
  keeperAddress?: Address;
}

/** Thrown when env variables a command needs are not set. */
export class MissingConfigError extends Error {
  constructor(
    readonly network: string,
    readonly missing: string[],
  ) {
    super(`Cannot use network "${network}"; set these environment variables:\n${missing.map((m) => `  ${m}`).join('\n')}`);
    this.name = 'MissingConfigError';
  }
}

const isKey = (s: string) => /^0x[0-9a-fA-F]{64}$/.test(s);
const isAddress = (s: string) => /^0x[0-9a-fA-F]{40}$/.test(s);

/**
 * Reads the RPC URL, key (deployer or keeper) and the LockingPool/treasury addresses for `name` from `env`.
 * Devnet falls back to its defaults (anvil's dev keys are supplied by the caller); real networks need
 * everything explicitly and get a MissingConfigError listing each missing variable.
 */
export function resolveNetwork(name: string, role: 'deployer' | 'keeper', env: NodeJS.ProcessEnv = process.env): ResolvedNetwork {
  const config = getNetwork(name);
  const missing: string[] = [];
  const rpcUrl = env[config.env.rpcUrl] || env.RPC_URL || (config.isDevnet ? config.rpcUrl : undefined);
  if (!rpcUrl) missing.push(`${config.env.rpcUrl} (RPC URL of ${config.name}, chain id ${config.chainId})`);
  const keyVar = role === 'deployer' ? config.env.deployerKey : config.env.keeperKey;
  const rawKey = env[keyVar] || env.PRIVATE_KEY;
  let key: Hex | undefined;
  if (rawKey) {
    if (!isKey(rawKey)) missing.push(`${keyVar} (must be a 0x-prefixed 32-byte hex private key)`);
    else key = rawKey as Hex;
  } else if (!config.isDevnet) {
    missing.push(`${keyVar} (private key of the ${role})`);
  }
  const rawPool = env[config.env.lockingPool];
  let lockingPool: Address | undefined;
  if (rawPool) {
    if (!isAddress(rawPool)) missing.push(`${config.env.lockingPool} (must be a 0x address)`);
    else lockingPool = rawPool as Address;
  } else if (!config.isDevnet && role === 'deployer') {
    missing.push(`${config.env.lockingPool} (address of Metis's LockingPool on ${config.name})`);
  }
  const rawTreasury = env[config.env.treasury];
  let treasury: Address | undefined;
  if (rawTreasury) {
    if (!isAddress(rawTreasury)) missing.push(`${config.env.treasury} (must be a 0x address)`);
    else treasury = rawTreasury as Address;
  }
  const rawKeeper = env[config.env.keeperAddress];
  let keeperAddress: Address | undefined;
  if (rawKeeper) {
    if (!isAddress(rawKeeper)) missing.push(`${config.env.keeperAddress} (must be a 0x address)`);
    else keeperAddress = rawKeeper as Address;
  }
  if (missing.length) throw new MissingConfigError(config.name, missing);
  return { config, rpcUrl: rpcUrl!, key, lockingPool, treasury, keeperAddress };
}
