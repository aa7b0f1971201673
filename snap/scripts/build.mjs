#!/usr/bin/env node
// `npm run build:snap`: builds the snap with mm-snap (webpack + SWC, evaluated under SES; it also
// rewrites source.shasum in snap.manifest.json), validates the manifest, and prints the bundle size
// (minified and gzip) against the 25 KB gzip budget.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const snapDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.resolve(snapDir, '..', 'node_modules', '.bin', 'mm-snap');
const BUDGET_GZIP = 25 * 1024;

function run(args) {
  const r = spawnSync(bin, args, { cwd: snapDir, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) {
    console.error(`snap build: mm-snap ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

run(['build']);
run(['manifest']);

const bundle = readFileSync(path.join(snapDir, 'dist', 'bundle.js'));
const gz = gzipSync(bundle, { level: 9 }).length;
const manifest = JSON.parse(readFileSync(path.join(snapDir, 'snap.manifest.json'), 'utf8'));
console.log(`snap bundle: ${bundle.length} bytes minified, ${gz} bytes gzip (budget ${BUDGET_GZIP}); shasum ${manifest.source.shasum}`);
// The snap decodes and encodes with contracts/bindings/abi-codec.ts; viem must not come back in.
if (/\bviem\b/.test(bundle.toString('utf8'))) {
  console.error('snap build: the bundle contains viem code; import the codec from the bindings instead');
  process.exit(1);
}
if (gz > BUDGET_GZIP) {
  console.error(`snap build: bundle is over the ${BUDGET_GZIP}-byte gzip budget`);
  process.exit(1);
}
