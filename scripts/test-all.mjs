#!/usr/bin/env node
// `npm test` (after scripts/ensure-installed.mjs --browser): every suite of the project, in order, with
// progress and one summary at the end.
//   contracts: forge build + bindings current + solhint + forge fmt --check + forge test (unit, fuzz, invariant)
//   TypeScript: typecheck, ESLint + Prettier, build widget and snap (both snap manifests current),
//   node:test suites (bindings, airdrop tool, devnet, snap), browser: web-test-runner (widget in Chromium)
//   and end-to-end partner flows (playwright).
// Each runner prints its own summary; the last line is "N passed, N failed" over all of them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, HOW_TO_GET_CHROMIUM } from './find-chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const only = process.argv.slice(2); // optional step names to run

// ensure-installed.mjs found (or installed) it; without one the browser steps fail with this line
const chromium = findChromium();
if (chromium) process.env.CHROME_PATH = chromium;
else console.error(HOW_TO_GET_CHROMIUM);

/** Runs a command, streaming its output, and returns { code, output }. */
function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    child.on('error', (e) => resolve({ code: 1, output: String(e) }));
  });
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const hasFiles = (dir, re) => {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return false;
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).some((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : re.test(e.name)));
  return walk(full);
};

/** Parses a runner's own summary into counts. */
function counts(kind, output) {
  // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
  const clean = output.replace(/\x1b\[[0-9;]*m/g, '');
  if (kind === 'forge') {
    const m = [...clean.matchAll(/(\d+) tests passed, (\d+) failed, (\d+) skipped/g)].pop();
    if (m) return { passed: +m[1], failed: +m[2], skipped: +m[3] };
  }
  if (kind === 'node') {
    const p = [...clean.matchAll(/^# pass (\d+)/gm)].pop();
    const f = [...clean.matchAll(/^# fail (\d+)/gm)].pop();
    const s = [...clean.matchAll(/^# skipped (\d+)/gm)].pop();
    if (p && f) return { passed: +p[1], failed: +f[1], skipped: s ? +s[1] : 0 };
  }
  if (kind === 'wtr') {
    const p = [...clean.matchAll(/(\d+) passed/g)].pop();
    const f = [...clean.matchAll(/(\d+) failed/g)].pop();
    if (p) return { passed: +p[1], failed: f ? +f[1] : 0, skipped: 0 };
  }
  return undefined;
}

const steps = [
  { name: 'build:contracts', kind: 'build', cmd: 'npm', args: ['run', '-s', 'build:contracts'] },
  {
    name: 'bindings-current',
    kind: 'build',
    cmd: 'git',
    args: ['diff', '--exit-code', '--stat', '--', 'contracts/bindings/abis.ts', 'contracts/bindings/frontend-abis.ts'],
    why: 'the committed ABIs differ from the contracts: run `npm run build:contracts` and commit contracts/bindings/',
    skip: () => !fs.existsSync(path.join(root, '.git')),
  },
  { name: 'lint:sol', kind: 'build', cmd: 'npm', args: ['run', '-s', 'lint:sol'] },
  {
    name: 'fmt:sol',
    kind: 'build',
    cmd: 'npm',
    args: ['run', '-s', 'fmt:sol'],
    why: 'Solidity is not as `forge fmt` writes it ([fmt] in contracts/foundry.toml): run `node contracts/scripts/forge.mjs fmt` and commit',
  },
  { name: 'typecheck', kind: 'build', cmd: 'npm', args: ['run', '-s', 'typecheck'] },
  { name: 'lint', kind: 'build', cmd: 'npm', args: ['run', '-s', 'lint'], why: 'ESLint or Prettier: `npm run format` fixes what it can' },
  {
    name: 'gas-snapshot-current',
    kind: 'build',
    cmd: 'node',
    args: ['contracts/scripts/forge.mjs', 'snapshot', '--match-path', 'test/gas/*', '--check'],
    why: 'gas changed: run `npm run gas:snapshot` and commit contracts/.gas-snapshot',
  },
  { name: 'forge test', kind: 'forge', cmd: 'node', args: ['contracts/scripts/forge.mjs', 'test'] },
  {
    name: 'build:widget',
    kind: 'build',
    cmd: 'npm',
    args: ['run', '-s', 'build:widget'],
    skip: () => !fs.existsSync(path.join(root, 'rollup.config.mjs')),
  },
  {
    name: 'build:snap',
    kind: 'build',
    cmd: 'npm',
    args: ['run', '-s', 'build:snap'],
    skip: () => !fs.existsSync(path.join(root, 'snap/scripts/build.mjs')),
  },
  {
    name: 'snap-manifest-current',
    kind: 'build',
    cmd: 'git',
    args: ['diff', '--exit-code', '--', 'snap/snap.manifest.json', 'snap/snap.manifest.devnet.json'],
    why: 'the snap bundle changed: commit both snap manifests with the shasums `npm run build:snap` wrote',
    skip: () => !fs.existsSync(path.join(root, '.git')) || !fs.existsSync(path.join(root, 'snap/snap.manifest.json')),
  },
  {
    name: 'node tests',
    kind: 'node',
    cmd: 'node',
    args: ['scripts/node-test.mjs', 'test/node', 'snap/test'],
  },
  {
    name: 'widget (Chromium)',
    kind: 'wtr',
    cmd: bin('web-test-runner'),
    args: ['--config', 'test/widget/web-test-runner.config.mjs'],
    skip: () => !fs.existsSync(path.join(root, 'test/widget/web-test-runner.config.mjs')),
  },
  {
    name: 'end-to-end (Chromium)',
    kind: 'node',
    cmd: 'node',
    args: ['scripts/node-test.mjs', 'test/e2e'],
    skip: () => !hasFiles('test/e2e', /\.test\.ts$/),
  },
];

const results = [];
for (const [i, step] of steps.entries()) {
  if (only.length && !only.includes(step.name)) continue;
  if (step.skip?.()) {
    console.log(`\n=== [${i + 1}/${steps.length}] ${step.name}: skipped (not present yet)`);
    continue;
  }
  const t0 = Date.now();
  console.log(`\n=== [${i + 1}/${steps.length}] ${step.name}`);
  // node's test runner prints TAP-like totals only with the tap/spec reporters' footers; spec prints "ℹ pass N".
  const { code, output } = await run(step.cmd, step.args);
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  let c = counts(step.kind, output);
  if (!c && step.kind === 'node') {
    const p = [...output.matchAll(/ℹ pass (\d+)/g)].pop();
    const f = [...output.matchAll(/ℹ fail (\d+)/g)].pop();
    const s = [...output.matchAll(/ℹ skipped (\d+)/g)].pop();
    if (p && f) c = { passed: +p[1], failed: +f[1], skipped: s ? +s[1] : 0 };
  }
  results.push({ step, code, secs, counts: c });
  if (code !== 0) {
    console.log(`--- ${step.name} FAILED (exit ${code})${step.why ? `: ${step.why}` : ''}`);
    if (
      step.kind === 'build' &&
      !['bindings-current', 'gas-snapshot-current', 'snap-manifest-current', 'lint:sol', 'fmt:sol', 'typecheck', 'lint'].includes(step.name)
    )
      break;
  }
}

console.log('\n=== Summary');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  const c = r.counts;
  const status = r.code === 0 ? 'ok  ' : 'FAIL';
  const detail = c
    ? `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`
    : r.step.kind === 'build'
      ? 'build step'
      : 'no counts parsed';
  console.log(`${status} ${r.step.name.padEnd(24)} ${detail.padEnd(36)} ${r.secs}s`);
  if (c) {
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
  }
  if (r.code !== 0 && (!c || c.failed === 0)) failed += 1; // a failed build or a runner that crashed counts as a failure
}
console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)}s`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && results.every((r) => r.code === 0) ? 0 : 1);
