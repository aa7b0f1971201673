#!/usr/bin/env node
// A `solc` that forge accepts, backed by the npm `solc` package (solc-js), because forge cannot
// download native compilers on these machines. It runs the compiler in-process, which sidesteps the
// solc-js CLI quirks (stdin EAGAIN, truncated piped stdout, the SMT banner line). It also:
//  - answers `--version` with the `Version: x.y.z+commit...` line forge parses;
//  - drops `--allow-paths <dirs>` (two words) and other path flags solc-js does not need, because
//    forge sends every source's content inside the standard JSON.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const solc = require('solc');

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}
if (!args.includes('--standard-json')) {
  process.stderr.write('this solc wrapper only supports --standard-json (as forge uses it)\n');
  process.exit(2);
}

// Base and include paths let the import callback resolve a file forge did not inline.
const roots = [process.cwd()];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--base-path' || args[i] === '--include-path') roots.push(args[i + 1]);
}
function findImports(p) {
  for (const root of roots) {
    const full = path.resolve(root, p);
    if (fs.existsSync(full)) return { contents: fs.readFileSync(full, 'utf8') };
  }
  return { error: `file not found: ${p}` };
}

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const input = Buffer.concat(chunks).toString('utf8');
  const output = solc.compile(input, { import: findImports });
  // Blocking writes so nothing is cut when stdout is a pipe.
  const buf = Buffer.from(output, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(1, buf, off, buf.length - off);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
    }
  }
});
