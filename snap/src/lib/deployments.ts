// The protocol's deployments, bundled at build time from contracts/deployments/*.json
// (snap.config.ts injects them as process.env.SNAP_DEPLOYMENTS). An unknown chain is a clear error.
import { InvalidParamsError } from './errors';
import { parseManifest, type Manifest } from '@metis-liquid-staking/contracts';

const RAW = (process.env.SNAP_DEPLOYMENTS ?? []) as unknown as unknown[];

let cache: Map<number, Manifest> | undefined;

/** Every bundled deployment, validated, by chain id. */
export function deployments(): Map<number, Manifest> {
  if (!cache) {
    cache = new Map();
    for (const raw of RAW) {
      const m = parseManifest(raw);
      cache.set(m.chainId, m);
    }
  }
  return cache;
}

/** The deployment on `chainId`, or undefined. */
export function manifestOf(chainId: number): Manifest | undefined {
  return deployments().get(chainId);
}

/** The deployment on `chainId`; throws InvalidParamsError naming the known chains otherwise. */
export function requireManifest(chainId: number): Manifest {
  const m = manifestOf(chainId);
  if (!m) {
    const known = [...deployments().keys()].join(', ') || 'none';
    throw new InvalidParamsError(`Unknown chain ${chainId}: the protocol is not deployed there (known chains: ${known}).`);
  }
  return m;
}

/** Chain id from a CAIP-2 id ("eip155:31337"), or undefined for a non-EVM namespace. */
export function chainIdFromCaip(caip: string): number | undefined {
  const m = /^eip155:(\d+)$/.exec(caip);
  return m ? Number(m[1]) : undefined;
}
