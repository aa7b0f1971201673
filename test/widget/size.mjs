// Prints the widget bundles' sizes (min and min+gzip) and fails when the IIFE exceeds its budget.
// Run after `npm run build:widget`: node test/widget/size.mjs [--json]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_GZIP_BYTES = 25 * 1024;
const root = resolve(fileURLToPath(import.meta.url), '../../..');

export function sizeOf(file) {
  const bytes = readFileSync(resolve(root, file));
  return { file, min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const files = ['dist/metis-stake-widget.iife.js', 'dist/metis-stake-widget.js'].map(sizeOf);
if (process.argv.includes('--json')) console.log(JSON.stringify({ budgetGzip: BUDGET_GZIP_BYTES, files }));
else for (const f of files) console.log(`${f.file}: ${(f.min / 1024).toFixed(1)} KB min, ${(f.gzip / 1024).toFixed(1)} KB min+gzip`);
const iife = files[0];
if (iife.gzip > BUDGET_GZIP_BYTES) {
  console.error(`over budget: ${iife.file} is ${(iife.gzip / 1024).toFixed(1)} KB gzip, budget ${BUDGET_GZIP_BYTES / 1024} KB`);
  process.exitCode = 1;
}
