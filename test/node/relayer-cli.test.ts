// `npm run relayer` as a child process on the two test anvils: it carries an L1->L2 deposit and the manager's
// L2->L1 bridge of staked METIS (after the fraud-proof window it sets with --fraud-window, as Metis's governance
// would), prints one line per relay with both transaction hashes, relays nothing twice when run again, and fails
// with one line on an unreachable RPC, the wrong chain or a missing manifest. Metis's contracts are the models of
// contracts/src/network (the devnet's stand-ins), and anvil time travel plays the fraud-proof window passing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEther, zeroAddress, type Hex, type PublicClient } from 'viem';
import { gasPriceOracleAbi, l1BridgeAbi, metisAbi, stakingManagerAbi } from '@metis-liquid-staking/contracts/abis';
import { L2_METIS, OVM_GAS_PRICE_ORACLE } from '@metis-liquid-staking/contracts';
import fs from 'node:fs';
import os from 'node:os';
import { findFreePort } from '../../devnet/anvil.js';
import { ANVIL_KEYS } from '../../devnet/accounts.js';
import { demoRecipientsCsv } from '../../devnet/airdrop.js';
import { deployProtocolFull } from '../../devnet/deploy.js';
import { makeClients, write } from '../../devnet/chain.js';
import { pendingWithdrawals } from '../../devnet/relayer-cli.js';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet-fixture.js';
import { startMetisStandin } from '../helpers/metis-standin.js';
import { chainClient, evmIncreaseTime } from '../helpers/rpc.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function run(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(ANDROMEDA|METIS_SEPOLIA|DEVNET)_/.test(k)) clean[k] = v;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'devnet', 'relayer-cli.ts'), ...args], {
      cwd: root,
      env: { ...clean, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** `[relayer] <dir> #n ... (source tx 0x…, destination tx 0x…)` lines: direction, nonce and both hashes. */
function relayLines(out: string) {
  const re = /\[relayer\] (L1->L2|L2->L1) #(\d+) delivered[^(]*\(source tx (0x[0-9a-f]{64}), destination tx (0x[0-9a-f]{64})\)/g;
  return [...out.matchAll(re)].map((m) => ({ direction: m[1]!, nonce: BigInt(m[2]!), source: m[3] as Hex, destination: m[4] as Hex }));
}

describe('npm run relayer (devnet)', () => {
  let d: TestDevnet;
  let env: Record<string, string>;
  const l1 = () => chainClient(d.l1Url) as unknown as PublicClient;
  const l2 = () => chainClient(d.url) as unknown as PublicClient;
  const depositAmount = parseEther('25');
  let bridged = 0n;

  before(async () => {
    d = await startTestDevnet({ seats: 1 });
    env = { DEVNET_RPC_URL: d.url, DEVNET_L1_RPC_URL: d.l1Url };
    const m = d.manifest.contracts;
    const l1c = d.manifest.l1!.contracts;
    // an L1->L2 deposit through the L1 bridge (the admin owns the devnet's L1 METIS model and mints)
    const admin1 = await makeClients({ rpcUrl: d.l1Url, key: d.roles.admin.key });
    const user = d.accounts[3]!;
    await write(admin1, l1c.metis, metisAbi, 'mint', [user.address, depositAmount]);
    const user1 = await makeClients({ rpcUrl: d.l1Url, key: user.key });
    await write(user1, l1c.metis, metisAbi, 'approve', [l1c.l1Bridge, depositAmount]);
    await write(
      user1,
      l1c.l1Bridge,
      l1BridgeAbi,
      'depositERC20ToByChainId',
      [BigInt(d.manifest.chainId), l1c.metis, L2_METIS, user.address, depositAmount, 200_000, '0x'],
      'deposit',
      200_000n * 1_000_000_000n,
    );
    // an L2->L1 message: a stake, then the keeper bridges it to the hub (as devnet/keeper.ts does)
    const staker = await makeClients({ rpcUrl: d.url, key: d.accounts[2]!.key });
    await write(staker, m.stakingManager, stakingManagerAbi, 'stake', [staker.address, zeroAddress], 'stake', parseEther('2000'));
    const keeper = await makeClients({ rpcUrl: d.url, key: d.roles.keeper.key });
    bridged = await l2().readContract({ address: m.stakingManager, abi: stakingManagerAbi, functionName: 'bridgeable' });
    const fee = await l2().readContract({ address: OVM_GAS_PRICE_ORACLE, abi: gasPriceOracleAbi, functionName: 'minErc20BridgeCost' });
    await write(keeper, m.stakingManager, stakingManagerAbi, 'bridgeToL1', [bridged], 'bridgeToL1', fee);
    assert.ok(bridged > 0n);
  });
  after(async () => d?.stop());

  test('first pass relays the L1->L2 deposit with both hashes and commits the withdrawal; it waits for the fraud window', async () => {
    const l2Before = await l2().getBalance({ address: d.accounts[3]!.address });
    const r = await run(['--once', '--manifest', d.manifestFile, '--confirmations', '0', '--fraud-window', '30'], env);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /fraud-proof window set to 30s/);
    const lines = relayLines(r.stdout);
    const down = lines.filter((l) => l.direction === 'L1->L2');
    assert.equal(down.length, 1, r.stdout);
    assert.equal(lines.filter((l) => l.direction === 'L2->L1').length, 0, 'nothing relayed to L1 inside the window');
    // the hashes are the real transactions: the deposit on L1, its delivery on L2
    assert.equal((await l1().getTransactionReceipt({ hash: down[0]!.source })).status, 'success');
    assert.equal((await l2().getTransactionReceipt({ hash: down[0]!.destination })).status, 'success');
    assert.equal((await l2().getBalance({ address: d.accounts[3]!.address })) - l2Before, depositAmount);
    assert.match(r.stdout, /committed L2->L1 messages/);
    assert.match(r.stdout, /L2->L1 #\d+ committed, in the fraud-proof window until/);
    assert.match(r.stdout, /pass done: 1 relayed/);

    // the read-only watch of real networks, here on the devnet's contracts: the bridge is pending, ready 30 s after it was sent
    const w = await pendingWithdrawals(l1(), l2(), d.manifest, { chunk: 7n });
    assert.equal(w.window.seconds, 30n);
    assert.equal(w.pending.length, 1);
    assert.equal(w.pending[0]!.readyAt - w.pending[0]!.sentAt, 30n);
    assert.equal(w.pending[0]!.target, d.manifest.l1!.contracts.l1Bridge);
  });

  test('after the window it relays the withdrawal to the hub with both hashes; a second run relays nothing again', async () => {
    await evmIncreaseTime(d.l1Url, 31);
    await evmIncreaseTime(d.url, 31);
    const l1c = d.manifest.l1!.contracts;
    const hubBefore = await l1().readContract({ address: l1c.metis, abi: metisAbi, functionName: 'balanceOf', args: [l1c.hub] });
    const r = await run(['--once', '--manifest', d.manifestFile, '--confirmations', '0'], env);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const up = relayLines(r.stdout).filter((l) => l.direction === 'L2->L1');
    assert.equal(up.length, 1, r.stdout);
    assert.equal((await l2().getTransactionReceipt({ hash: up[0]!.source })).status, 'success');
    assert.equal((await l1().getTransactionReceipt({ hash: up[0]!.destination })).status, 'success');
    const hubAfter = await l1().readContract({ address: l1c.metis, abi: metisAbi, functionName: 'balanceOf', args: [l1c.hub] });
    assert.equal(hubAfter - hubBefore, bridged);
    const w = await pendingWithdrawals(l1(), l2(), d.manifest);
    assert.equal(w.pending.length, 0);
    assert.equal(w.relayed, 1);

    const again = await run(['--once', '--manifest', d.manifestFile, '--confirmations', '0'], env);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(relayLines(again.stdout), []);
    assert.doesNotMatch(again.stdout, /committed L2->L1/);
    assert.match(again.stdout, /pass done: 0 relayed/);
    assert.equal(await l1().readContract({ address: l1c.metis, abi: metisAbi, functionName: 'balanceOf', args: [l1c.hub] }), hubAfter);
  });

  test('an unreachable RPC, the wrong chain and a missing manifest each exit 1 with one line', async () => {
    const port = await findFreePort();
    const down = await run(['--once', '--manifest', d.manifestFile], { ...env, DEVNET_L1_RPC_URL: `http://127.0.0.1:${port}` });
    assert.equal(down.status, 1);
    assert.equal(down.stderr.trim().split('\n').length, 1, down.stderr);
    assert.match(down.stderr, /^error: cannot reach the devnet's L1 RPC at http:\/\/127\.0\.0\.1:\d+ \(DEVNET_L1_RPC_URL\)/);

    const wrong = await run(['--once', '--manifest', d.manifestFile], { ...env, DEVNET_L1_RPC_URL: d.url });
    assert.equal(wrong.status, 1);
    assert.equal(wrong.stderr.trim().split('\n').length, 1, wrong.stderr);
    assert.match(wrong.stderr, /is chain 31337, expected 1337/);

    const missing = await run(['--once', '--manifest', path.join(d.dir, 'nope.json')], env);
    assert.equal(missing.status, 1);
    assert.equal(missing.stderr.trim().split('\n').length, 1, missing.stderr);
    assert.match(missing.stderr, /no deployment manifest at .*nope\.json/);
  });

  test('a real network without env lists both RPC variables at once and needs no key', async () => {
    const r = await run(['--network', 'andromeda', '--once'], {});
    assert.equal(r.status, 1);
    assert.match(r.stderr, /ANDROMEDA_RPC_URL/);
    assert.match(r.stderr, /ANDROMEDA_L1_RPC_URL/);
    assert.doesNotMatch(r.stderr, /KEY/, 'the watch needs no key');
  });
});

describe('npm run relayer on a real network (anvils standing in for Sepolia and Metis Sepolia)', () => {
  test('it only watches: no key, the pending withdrawals and their window, devnet-only flags refused', async () => {
    // Metis's models copied to Metis's real addresses on anvils with the real chain ids (they stand in for Metis's
    // contracts, which cannot exist here); the deploy takes the real-network path
    const s = await startMetisStandin('metis-sepolia');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relayer-watch-'));
    try {
      const { manifestFile } = await deployProtocolFull({
        network: 'metis-sepolia',
        l2: { rpcUrl: s.l2.url, key: ANVIL_KEYS[0] },
        l1: { rpcUrl: s.l1.url, key: ANVIL_KEYS[0] },
        metisL1: s.metisL1,
        airdropCsv: demoRecipientsCsv(),
        manifestDir: dir,
        proofsFile: null,
      });
      const env = { METIS_SEPOLIA_RPC_URL: s.l2.url, METIS_SEPOLIA_L1_RPC_URL: s.l1.url };
      const r = await run(['--network', 'metis-sepolia', '--once', '--manifest', manifestFile!], env);
      assert.equal(r.status, 0, r.stderr);
      // the messenger copy has no address manager, so the window falls back to Metis's 7 days
      assert.match(r.stdout, /metis-sepolia: 0 pending, 0 relayed by Metis; fraud-proof window 604800s \(Metis's 7 days/);
      assert.doesNotMatch(r.stdout, /delivered|committed/, 'it sends nothing');
      const refused = await run(['--network', 'metis-sepolia', '--once', '--manifest', manifestFile!, '--fraud-window', '5'], env);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /^error: --fraud-window is for the devnet; on metis-sepolia Metis's own rules apply/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await s.stop();
    }
  });
});
