#!/usr/bin/env node
// `npm run build:snap`: builds the snap twice with mm-snap (webpack + SWC, evaluated under SES; each build
// rewrites source.shasum in its manifest) and validates both manifests:
//   production  snap.manifest.json         -> dist/bundle.js          (published to npm)
//   devnet      snap.manifest.devnet.json  -> dist/devnet/bundle.js   (adds http://localhost:3000)
// Prints the production bundle's size (minified and gzip) and fails above the 26 KB gzip budget.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const snapDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('@metamask/snaps-cli/package.json')), 'dist', 'main.mjs');
export const BUDGET_GZIP = 26 * 1024;

function run(args, target) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: snapDir, stdio: 'inherit', env: { ...process.env, CI: 'true', SNAP_TARGET: target } });
  if (r.status !== 0) {
    console.error(`snap build (${target}): mm-snap ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

// each build reads its manifest (snap.config.ts, by SNAP_TARGET) and fixes its shasum
for (const target of ['production', 'devnet']) {
  run(['build'], target);
  run(['manifest'], target);
}

const bundle = readFileSync(path.join(snapDir, 'dist', 'bundle.js'));
const gz = gzipSync(bundle, { level: 9 }).length;
const shasum = (f) => JSON.parse(readFileSync(path.join(snapDir, f), 'utf8')).source.shasum;
console.log(
  `snap bundle: ${bundle.length} bytes minified, ${gz} bytes gzip (budget ${BUDGET_GZIP}); shasum ${shasum('snap.manifest.json')} (devnet ${shasum('snap.manifest.devnet.json')})`,
);
if (gz > BUDGET_GZIP) {
  console.error(`snap build: bundle is over the ${BUDGET_GZIP}-byte gzip budget`);
  process.exit(1);
}
