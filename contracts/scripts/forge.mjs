#!/usr/bin/env node
// Runs forge from contracts/ (where foundry.toml lives) with the npm-installed binary.
// Usage: node contracts/scripts/forge.mjs <forge args...>
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const contractsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const forge = path.resolve(contractsDir, '../node_modules/.bin/forge');
const res = spawnSync(forge, process.argv.slice(2), { cwd: contractsDir, stdio: 'inherit' });
if (res.error) {
  console.error(`could not run forge (${res.error.message}); run \`npm install\` first`);
  process.exit(1);
}
process.exit(res.status ?? 1);
