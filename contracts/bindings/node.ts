// Node-only entry (@metis-liquid-staking/contracts/node): the package's folders (deployment manifests, forge
// artifacts) and manifest loading, kept apart from the browser entry so bundles never pull in `fs`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseManifest, type Manifest } from './manifest.js';

export type { Manifest };

/** The contracts package's folder (foundry.toml, src/, out/ once built). */
export const CONTRACTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where deployment manifests live: <chainId>.json. */
export const DEPLOYMENTS_DIR = path.join(CONTRACTS_DIR, 'deployments');
/** forge's build output (<Name>.sol/<Name>.json artifacts). */
export const ARTIFACTS_DIR = path.join(CONTRACTS_DIR, 'out');

export function manifestPath(chainId: number, dir = DEPLOYMENTS_DIR): string {
  return path.join(dir, `${chainId}.json`);
}

/** Reads and validates contracts/deployments/<chainId>.json. */
export function loadManifest(chainId: number, dir = DEPLOYMENTS_DIR): Manifest {
  const file = manifestPath(chainId, dir);
  if (!fs.existsSync(file)) throw new Error(`no deployment manifest for chain ${chainId} at ${file}; deploy first`);
  return parseManifest(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export function writeManifest(manifest: Manifest, dir = DEPLOYMENTS_DIR): string {
  const file = manifestPath(manifest.chainId, dir);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(parseManifest(manifest), null, 2) + '\n');
  return file;
}
