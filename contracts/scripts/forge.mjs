#!/usr/bin/env node
// Runs forge from contracts/ (where foundry.toml lives) with the npm-installed binary, passing its exit code on.
// Usage: node contracts/scripts/forge.mjs <forge args...>
// The native binary of @foundry-rs/forge-<platform>-<arch> is used when present: the package's Node wrapper
// (node_modules/.bin/forge) exits 0 even when forge fails (e.g. `forge fmt --check` with a diff).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const contractsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ARCH = { x64: 'amd64', arm64: 'arm64' };

function forgeBinary() {
  const require = createRequire(import.meta.url);
  try {
    const pkg = require.resolve(`@foundry-rs/forge-${process.platform}-${ARCH[process.arch] ?? process.arch}/package.json`);
    const native = path.join(path.dirname(pkg), 'bin', process.platform === 'win32' ? 'forge.exe' : 'forge');
    if (fs.existsSync(native)) return native;
  } catch {
    /* no native package for this platform: the wrapper */
  }
  return path.resolve(contractsDir, '../node_modules/.bin/forge');
}

const res = spawnSync(forgeBinary(), process.argv.slice(2), { cwd: contractsDir, stdio: 'inherit' });
if (res.error) {
  console.error(`could not run forge (${res.error.message}); run \`npm install\` first`);
  process.exit(1);
}
process.exit(res.status ?? 1);
