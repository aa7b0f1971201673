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

// solc-js passes the standard JSON to the compiler through emscripten's `ccall`, which copies a string
// argument onto the wasm STACK (4 bytes per character, 5 MiB stack): an input longer than ~1,310,000
// characters overflows it and the compiler dies with "RuntimeError: memory access out of bounds". Large
// inputs are therefore copied to the HEAP (solc's own allocator) and `solidity_compile` is called directly,
// with the same import callback. Smaller inputs keep the usual `solc.compile` path.
const STACK_SAFE_INPUT_CHARS = 1_000_000;
function compileOnHeap(input) {
  const soljson = require('solc/soljson.js');
  const toC = (str) => {
    const n = soljson.lengthBytesUTF8(str);
    const ptr = soljson._solidity_alloc(n + 1);
    soljson.stringToUTF8(str, ptr, n + 1);
    return ptr;
  };
  const callback = soljson.addFunction((context, kind, data, contents, error) => {
    const result = soljson.UTF8ToString(kind) === 'source' ? findImports(soljson.UTF8ToString(data)) : { error: 'SMT solver callback not supported' };
    if (typeof result.contents === 'string') soljson.setValue(contents, toC(result.contents), '*');
    if (typeof result.error === 'string') soljson.setValue(error, toC(result.error), '*');
  }, 'viiiii');
  try {
    return soljson.UTF8ToString(soljson._solidity_compile(toC(input), callback, 0));
  } finally {
    soljson.removeFunction(callback);
    soljson._solidity_reset();
  }
}

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const input = Buffer.concat(chunks).toString('utf8');
  const output = input.length > STACK_SAFE_INPUT_CHARS ? compileOnHeap(input) : solc.compile(input, { import: findImports });
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
