// Small helpers shared by the command-line entry points.
import fs from 'node:fs';
import path from 'node:path';
import { BaseError, createPublicClient, http } from 'viem';
import { parseManifest, type Manifest } from '@metis-liquid-staking/contracts';
import { DEFAULT_MANIFEST_DIR } from './deploy.js';
import { MissingConfigError } from './networks.js';

/** Prints a one-line (or short) reason and exits 1; stack traces only with DEBUG=1. */
export function fail(err: unknown): never {
  if (process.env.DEBUG === '1') console.error(err);
  let msg: string;
  if (err instanceof MissingConfigError) msg = err.message;
  else if (err instanceof BaseError) msg = err.shortMessage + (err.details ? ` (${err.details})` : '');
  else if (err instanceof Error) msg = err.message;
  else msg = String(err);
  console.error(`error: ${msg}`);
  process.exit(1);
}

/** Loads contracts/deployments/<chainId>.json (or `file`), with a clear message when it is missing. */
export function loadManifest(chainId: number, file?: string): Manifest {
  const f = file ?? path.join(DEFAULT_MANIFEST_DIR, `${chainId}.json`);
  if (!fs.existsSync(f)) {
    throw new Error(
      `no deployment manifest at ${path.relative(process.cwd(), f)}; deploy first (npm run deploy -- --network <name>) or pass --manifest <file>`,
    );
  }
  const m = parseManifest(JSON.parse(fs.readFileSync(f, 'utf8')));
  if (m.chainId !== chainId) throw new Error(`${f} is for chain ${m.chainId}, expected ${chainId}`);
  return m;
}

/** Asks `url` its chain id (a few seconds at most): one clear line when it is down or another chain. */
export async function checkChainId(url: string, expected: number, what: string, envVar: string, hint = ''): Promise<void> {
  let id: number;
  try {
    id = await createPublicClient({ transport: http(url, { retryCount: 1, timeout: 5_000 }) }).getChainId();
  } catch (err) {
    const why = err instanceof BaseError ? err.shortMessage : err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`cannot reach the ${what} RPC at ${url} (${envVar}): ${why}${hint}`, { cause: err });
  }
  if (id !== expected) throw new Error(`the ${what} RPC at ${url} (${envVar}) is chain ${id}, expected ${expected}`);
}
