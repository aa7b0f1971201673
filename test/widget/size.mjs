// Prints the widget bundles' sizes (min and min+gzip) against their budgets. The budgets are targets that
// `npm run bench` reports (met / NO); the build says when one is missed and fails only with --strict.
// Run after `npm run build:widget`: node test/widget/size.mjs [--json] [--strict]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** gzip -9 budgets in bytes: the IIFE carries lit and viem; the ES module leaves them to the partner's bundler. */
export const BUDGETS = { 'metis-stake-widget.iife.js': 34 * 1024, 'metis-stake-widget.js': 17 * 1024 };
const dist = resolve(dirname(createRequire(import.meta.url).resolve('@metis-liquid-staking/widget/package.json')), 'dist');

export function sizeOf(name) {
  const bytes = readFileSync(resolve(dist, name));
  return { file: `widget/dist/${name}`, min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, budgetGzip: BUDGETS[name] };
}

/** Files the bundles load on first use (not part of their budgets: only pages that need them fetch them). */
export const LAZY = {
  'metis-stake-widget.ja.json': 'first Japanese render (the IIFE, fetched beside it)',
  'metis-stake-widget.ja.js': 'first Japanese render (ES module)',
  'metis-stake-widget.restake.js': 'first show of the Restake tab (ES module)',
  'metis-stake-widget.redeem.js': 'first show of the Redeem tab (ES module)',
  'metis-stake-widget.rewards.js': 'first show of the Rewards tab (ES module)',
  'metis-stake-widget.airdrop.js': 'first show of the Airdrop tab (ES module)',
  'metis-stake-widget.airdrop-claim.js': 'first airdrop lookup of a connected account (ES module)',
};

const files = Object.keys(BUDGETS).map(sizeOf);
const lazy = Object.keys(LAZY).map(sizeOf);
if (process.argv.includes('--json')) console.log(JSON.stringify({ files, lazy }));
else {
  for (const f of files)
    console.log(`${f.file}: ${(f.min / 1024).toFixed(1)} KB min, ${(f.gzip / 1024).toFixed(1)} KB min+gzip (budget ${f.budgetGzip / 1024} KB)`);
  for (const [i, f] of lazy.entries())
    console.log(`${f.file}: ${(f.min / 1024).toFixed(1)} KB min, ${(f.gzip / 1024).toFixed(1)} KB min+gzip (loaded on ${Object.values(LAZY)[i]})`);
}
for (const f of files) {
  if (f.gzip > f.budgetGzip) {
    console.error(`over budget: ${f.file} is ${f.gzip} B gzip, budget ${f.budgetGzip} B (+${f.gzip - f.budgetGzip} B)`);
    if (process.argv.includes('--strict')) process.exitCode = 1;
  }
}
