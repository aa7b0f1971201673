#!/usr/bin/env node
// Runs node:test over every *.test.ts / *.test.tsx file under the given folders (Node 20's `--test`
// does not expand globs). Usage: node scripts/node-test.mjs test/node [more folders or files...]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const files = [];
const walk = (p) => {
  if (!fs.existsSync(p)) return;
  if (fs.statSync(p).isFile()) return files.push(p);
  for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
};
for (const arg of process.argv.slice(2)) walk(arg);
const tests = files.filter((f) => /\.test\.tsx?$/.test(f));
if (tests.length === 0) {
  console.error(`no test files under ${process.argv.slice(2).join(', ')}`);
  process.exit(1);
}
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...tests], { stdio: 'inherit' });
child.on('close', (code) => process.exit(code ?? 1));
