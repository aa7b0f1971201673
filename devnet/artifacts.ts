// Reads forge artifacts (ABI + creation bytecode) at runtime from the contracts package's out/.
import fs from 'node:fs';
import path from 'node:path';
import type { Abi, Hex } from 'viem';
import { ARTIFACTS_DIR } from '@metis-liquid-staking/contracts/node';
import { REPO_ROOT } from './anvil.js';

export const OUT_DIR = ARTIFACTS_DIR;

export interface Artifact {
  name: string;
  abi: Abi;
  bytecode: Hex;
  /** Size of the deployed (runtime) code in bytes. */
  runtimeSize: number;
}

const cache = new Map<string, Artifact>();

/** The artifact of contract `name` (contracts/out/<name>.sol/<name>.json); a clear error if it is not built. */
export function artifact(name: string): Artifact {
  const hit = cache.get(name);
  if (hit) return hit;
  const file = path.join(OUT_DIR, `${name}.sol`, `${name}.json`);
  if (!fs.existsSync(file)) {
    throw new Error(`No forge artifact for ${name} (${path.relative(REPO_ROOT, file)}); run \`npm run build:contracts\` first.`);
  }
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    abi: Abi;
    bytecode: { object: string };
    deployedBytecode: { object: string };
  };
  const bytecode = (json.bytecode.object.startsWith('0x') ? json.bytecode.object : `0x${json.bytecode.object}`) as Hex;
  if (bytecode === '0x') throw new Error(`${name} has no creation bytecode (an interface or abstract contract?)`);
  const runtimeSize = json.deployedBytecode.object.replace(/^0x/, '').length / 2;
  const a = { name, abi: json.abi, bytecode, runtimeSize };
  cache.set(name, a);
  return a;
}
