// Node-only manifest loading (kept apart from manifest.ts so browser bundles never pull in `fs`).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseManifest, type Manifest } from './manifest.js';

export type { Manifest };

export const DEPLOYMENTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'deployments');

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
