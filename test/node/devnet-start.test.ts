// `npm start` end to end (without the widget/snap builds): both anvils, banner, partner page, manifest with its l1
// part, proofs, snap server with CORS, the keeper bridging the demo stake and the relayer carrying it to L1 after
// a short fraud window, seat 0 opened and its report delivered on L2, Ctrl-C saving both chains
// (l2-state.json, l1-state.json), and a restart that skips the deploy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../../devnet/anvil.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Run {
  child: ChildProcess;
  out: () => string;
  waitFor: (re: RegExp, ms?: number) => Promise<void>;
  exit: Promise<number | null>;
}

function startDevnet(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'devnet', 'start.ts'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms = 90_000) => {
    const end = Date.now() + ms;
    while (!re.test(out)) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}) before ${re}:\n${out}`);
      if (Date.now() > end) throw new Error(`timed out waiting for ${re}:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, out: () => out, waitFor, exit };
}

function rawStatus(port: number, rawPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: rawPath }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

test('npm start: both anvils up, serving, relayer and keeper working; Ctrl-C saves both chains; a restart skips the deploy', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devnet-start-'));
  const [port, l1Port, web, snap] = [await findFreePort(), await findFreePort(), await findFreePort(), await findFreePort()];
  const args = [
    '--port',
    String(port),
    '--l1-port',
    String(l1Port),
    '--web-port',
    String(web),
    '--snap-port',
    String(snap),
    '--state-dir',
    path.join(dir, 'state'),
    '--manifest-dir',
    path.join(dir, 'deployments'),
    '--no-build',
    '--keeper-interval',
    '1',
    '--block-time',
    '1',
    '--l1-block-time',
    '1',
    '--relayer-interval',
    '1',
    '--fraud-window',
    '5',
  ];
  let run = startDevnet(args);
  try {
    await run.waitFor(/devnet is up/);
    assert.match(run.out(), new RegExp(`L2 \\(Metis\\)\\s+http://127\\.0\\.0\\.1:${port}\\s+chain id 31337`));
    assert.match(run.out(), new RegExp(`L1 \\(Ethereum\\)\\s+http://127\\.0\\.0\\.1:${l1Port}\\s+chain id 1337`));
    assert.match(run.out(), /after a 5s fraud window/);
    assert.match(run.out(), /#9 0xa0Ee7A142d267C1f36714E4a8F75612F20a79720/);

    const page = await (await fetch(`http://localhost:${web}/`)).text();
    assert.equal((page.match(/<script src="\/metis-stake-widget\.iife\.js"><\/script>/g) ?? []).length, 1, 'one script tag');
    assert.match(
      page,
      new RegExp(
        `<metis-stake-widget chain-id="31337" manifest-url="/deployments/31337\\.json" referral="0x[0-9a-f]{40}" snap-id="local:http://localhost:${snap}" theme="dark">`,
      ),
      'the page offers the devnet snap served on --snap-port (and pins the dark theme: the page is dark)',
    );
    const manifest = (await (await fetch(`http://localhost:${web}/deployments/31337.json`)).json()) as {
      rpcUrl: string;
      contracts: Record<string, string>;
      l1: { chainId: number; rpcUrl: string; contracts: Record<string, string> };
    };
    assert.equal(manifest.rpcUrl, `http://127.0.0.1:${port}`);
    assert.equal(Object.keys(manifest.contracts).length, 14);
    assert.equal(manifest.l1.chainId, 1337);
    assert.equal(manifest.l1.rpcUrl, `http://127.0.0.1:${l1Port}`);
    assert.ok(manifest.l1.contracts.hub, 'the hub is in the l1 part');
    assert.ok(fs.existsSync(path.join(dir, 'deployments', '31337.json')), 'manifest written where asked');
    const proofs = (await (await fetch(`http://localhost:${web}/airdrop/proofs.json`)).json()) as { count: number };
    assert.equal(proofs.count, 6);
    // the page names no proofs file: the widget follows the manifest's shards (one small file per account)
    const shards = (manifest as { airdrop?: { shards?: { url: string } } }).airdrop?.shards;
    assert.ok(shards, 'the manifest names its airdrop shards');
    assert.equal((await fetch(new URL(`${shards.url}all.json`, `http://localhost:${web}/deployments/`))).status, 200);
    // the IIFE's Japanese strings beside it
    const ja = await fetch(`http://localhost:${web}/metis-stake-widget.ja.json`);
    assert.equal(ja.status, 200);
    assert.equal(((await ja.json()) as { tabStake: string }).tabStake, 'ステーク');
    // no way out of a served directory (raw path: fetch would normalise the dots away)
    assert.equal(await rawStatus(web, '/assets/..%2f..%2f..%2fpackage.json'), 404);
    assert.equal(await rawStatus(web, '/assets/logo.svg'), 200);

    const snapRes = await fetch(`http://localhost:${snap}/snap.manifest.json`);
    assert.equal(snapRes.headers.get('access-control-allow-origin'), '*');
    const served = (await snapRes.json()) as {
      initialPermissions: { 'endowment:rpc': { dapps?: boolean; allowedOrigins?: string[] } };
      source: { location: { npm: { filePath: string } } };
    };
    // any site may call; the snap itself serves only origins registered in the on-chain PartnerRegistry
    assert.equal(served.initialPermissions['endowment:rpc'].dapps, true);
    assert.equal(served.initialPermissions['endowment:rpc'].allowedOrigins, undefined);
    assert.equal(served.source.location.npm.filePath, 'dist/devnet/bundle.js');

    // the keeper bridges the demo stake, the relayer carries it to the hub after the fraud window, the keeper
    // opens seat 0 and reports, and the relayer delivers the report to the manager
    await run.waitFor(/\[keeper\] L2 bridge: 30001 METIS bridged to the hub/);
    await run.waitFor(/\[relayer\] L2->L1 #\d+ delivered/);
    await run.waitFor(/\[keeper\] L1 open: seat 0 opened with 30001 METIS/);
    await run.waitFor(new RegExp(`\\[keeper\\] L1 open: seat 0[^]*\\[keeper\\] L1 report: report sent \\(L1 holdings changed\\)`));
    await run.waitFor(new RegExp(`\\[keeper\\] L1 open: seat 0[^]*\\[relayer\\] L1->L2 #\\d+ delivered to ${manifest.contracts.stakingManager}`));

    run.child.kill('SIGINT');
    assert.equal(await run.exit, 0);
    assert.match(run.out(), /chain state saved to/);
    for (const f of ['l2-state.json', 'l1-state.json']) assert.ok(fs.statSync(path.join(dir, 'state', f)).size > 0, `${f} saved`);

    run = startDevnet(args);
    await run.waitFor(/devnet is up/);
    assert.match(run.out(), /continuing from/);
    assert.match(run.out(), /protocol already deployed on both chains .*: skipping deploy/);
    assert.doesNotMatch(run.out(), /\[deploy/);
    run.child.kill('SIGINT');
    assert.equal(await run.exit, 0);
  } finally {
    if (run.child.exitCode === null) {
      run.child.kill('SIGINT');
      await run.exit;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
