#!/usr/bin/env node
// Runs first in `npm start` and `npm test`, so a fresh clone needs nothing but those two commands.
// Plain Node only: it runs before any dependency is installed.
//   - node_modules missing or older than package-lock.json -> `npm ci` (installs exactly the lock), with a line saying so
//   - with --browser (npm test): a Chromium/Chrome for the browser tests (scripts/find-chromium.mjs); if there is
//     none and this is root on a machine with apt-get, installs Debian's `chromium`; else one line says how.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOW_TO_GET_CHROMIUM, findChromium } from './find-chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mtime = (f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : undefined);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/** Why node_modules needs an install, or undefined when it matches the lock. */
function installReason() {
  const lock = mtime(path.join(root, 'package-lock.json'));
  // npm writes node_modules/.package-lock.json at every install
  const installed = mtime(path.join(root, 'node_modules', '.package-lock.json'));
  if (installed === undefined) return 'node_modules is missing';
  if (lock !== undefined && installed < lock) return 'node_modules is older than package-lock.json';
  return undefined;
}

const reason = installReason();
if (reason) {
  console.log(`${reason}: installing from the lock (npm ci) ...`);
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    console.error('npm ci failed (see above); fix it and run the command again.');
    process.exit(1);
  }
}

if (process.argv.includes('--browser') && !findChromium()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log("no Chromium found for the browser tests: installing Debian's chromium (apt-get) ...");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) !== 0 || !findChromium()) {
      console.error(`apt-get could not install chromium. ${HOW_TO_GET_CHROMIUM}`);
      process.exit(1);
    }
  } else {
    console.error(HOW_TO_GET_CHROMIUM);
    process.exit(1);
  }
}
