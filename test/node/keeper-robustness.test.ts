// The keeper (devnet/keeper.ts) when things go wrong across the two chains: a crash between its L1 and L2 steps,
// a hub out of ETH for Metis's bridge fees, a seat Metis's governance takes off the LockingPool whitelist, and
// mainnet's BFT rule refusing an unlock. What cannot exist here is played: Metis's contracts are the models of
// contracts/src/network (governance is the devnet admin, the MPC is the keeper's devnet MPC key, the bridge is
// the devnet relayer); a crash is an RPC that stops answering mid-tick (a small proxy in front of the L2 anvil
// that cuts every connection once the hub's returnToL2 has gone out on L1). One devnet for the file: three users
// stake 270,000 METIS, the keeper bridges it, opens the three seats (100,000 / 100,000 / 70,001) and bridges a
// first batch of rewards; every test starts from that state (EVM snapshots of both chains) and runs on
// simulated time.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeFunctionData, parseEther, parseTransaction, zeroAddress, type Address, type Hex } from 'viem';
import {
  eMetisAbi,
  l1MessengerAbi,
  lensAbi,
  lockingInfoAbi,
  lockingPoolAbi,
  metisAbi,
  redemptionQueueAbi,
  sequencerHubAbi,
  stakingManagerAbi,
} from '@metis-liquid-staking/contracts/abis';
import { makeClients, write, type Clients } from '../../devnet/chain.js';
import { Keeper, KeeperRpcError, SeatState, type KeeperAction, type KeeperActionKind, type KeeperOptions } from '../../devnet/keeper.js';
import type { Relay } from '../../devnet/relayer.js';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet-fixture.js';
import { advanceBoth, keeperOptions } from '../helpers/cycle.js';
import { chainClient, revert, snapshot } from '../helpers/rpc.js';

const METIS = (n: number | string) => parseEther(String(n));
const ETH = (n: number | string) => parseEther(String(n));
/** IRedemptionQueue.TicketStatus: None, Pending, Claimable (funded), Claimed. */
const PENDING = 1;
const CLAIMABLE = 2;
/** Kinds that send a transaction for the protocol (the MPC batch is Metis's, played). */
const PROTOCOL_TX: KeeperActionKind[] = [
  'guard',
  'credit',
  'harvest',
  'fund',
  'rewards',
  'sync',
  'claim',
  'return',
  'withdraw',
  'unlock',
  'bridge',
  'topUp',
  'open',
  'report',
];

/** A JSON-RPC proxy in front of `target` that can be cut (every connection reset) and watches what passes. */
async function startProxy(target: string, onRequest: (body: { method?: string; params?: unknown[] }) => void = () => {}) {
  const state = { dead: false, requests: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.dead) {
        req.socket.destroy();
        return;
      }
      state.requests++;
      const body = Buffer.concat(chunks).toString('utf8');
      void (async () => {
        try {
          const upstream = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          const text = await upstream.text();
          const parsed = JSON.parse(body) as { method?: string; params?: unknown[] } | { method?: string; params?: unknown[] }[];
          for (const one of Array.isArray(parsed) ? parsed : [parsed]) onRequest(one);
          res.writeHead(upstream.status, { 'content-type': 'application/json' });
          res.end(text);
        } catch {
          req.socket.destroy();
        }
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('keeper robustness across both chains', () => {
  let d: TestDevnet;
  const users: Clients[] = [];
  const logs: string[] = [];
  let actions: KeeperAction[] = [];
  let relays: Relay[] = [];
  let l1Admin: Clients;
  let base: readonly [Hex, Hex];

  const m = () => d.manifest.contracts;
  const h = () => d.manifest.l1!.contracts;
  const l2 = () => chainClient(d.url);
  const l1 = () => chainClient(d.l1Url);
  const keeperOpts = (over: Partial<KeeperOptions> = {}): KeeperOptions => keeperOptions(d, { log: (l) => logs.push(l), ...over });
  /** The keeper with the devnet MPC (reward batches when enough L1 time has passed). */
  const keeper = (over: Partial<KeeperOptions> = {}) => new Keeper(keeperOpts(over));
  /** The keeper without the MPC: only the protocol's own duties, so a tick's actions do not depend on wall time. */
  const bare = (over: Partial<KeeperOptions> = {}) => new Keeper(keeperOpts({ mpcKey: undefined, ...over }));

  const protocol = () => l2().readContract({ address: m().lens, abi: lensAbi, functionName: 'getProtocol' });
  const tickets = async (a: Address) => (await l2().readContract({ address: m().lens, abi: lensAbi, functionName: 'getUser', args: [a] })).tickets;
  const hubEth = () => l1().getBalance({ address: h().hub });
  const setHubEth = (value: bigint) => l1().setBalance({ address: h().hub, value });
  const hubMetis = () => l1().readContract({ address: h().metis, abi: metisAbi, functionName: 'balanceOf', args: [h().hub] });
  const hubTotals = () => l1().readContract({ address: h().hub, abi: sequencerHubAbi, functionName: 'totals' });
  const hubLastReport = () => l1().readContract({ address: h().hub, abi: sequencerHubAbi, functionName: 'lastReport' });
  const liveReport = () => l1().readContract({ address: h().hub, abi: sequencerHubAbi, functionName: 'buildReport' });
  const l2Report = () => l2().readContract({ address: m().stakingManager, abi: stakingManagerAbi, functionName: 'lastReport' });
  const seat = async (i: number) => {
    const [agent, , seqId, principal, state] = await l1().readContract({
      address: h().hub,
      abi: sequencerHubAbi,
      functionName: 'seat',
      args: [BigInt(i)],
    });
    const s = await l1().readContract({ address: h().lockingPool, abi: lockingPoolAbi, functionName: 'sequencers', args: [seqId] });
    return { agent, seqId, principal, state, amount: s[0], reward: s[1], claimTime: s[6], poolStatus: s[12] };
  };
  const seatAmounts = async () => Promise.all([0, 1, 2].map(async (i) => (await seat(i)).amount));
  const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
  /** Messages the L1 messenger sent (the hub's reports, rewards and returns all go through it). */
  const l1Messages = async () =>
    (await l1().getContractEvents({ address: h().l1Messenger, abi: l1MessengerAbi, eventName: 'SentMessage', fromBlock: 0n })).length;

  const did = (k: KeeperActionKind, from = actions) => from.filter((a) => a.kind === k);
  const txKinds = (from = actions) => from.filter((a) => a.tx && PROTOCOL_TX.includes(a.kind)).map((a) => a.kind);
  const why = (from = actions) =>
    [...from.map((a) => `${a.kind}: ${a.message}`), ...relays.map((r) => `${r.direction} #${r.nonce} ok=${r.ok}`)].join(' | ');
  /** Past the fraud window of every batch the relayer committed (L1 time), then relays. */
  const relayPastWindow = async () => {
    const first = await d.relayer.tick();
    const pending = await d.relayer.pendingToL1();
    const now = (await l1().getBlock()).timestamp;
    const readyAt = pending.reduce((a, p) => (p.readyAt > a ? p.readyAt : a), 0n);
    if (readyAt > now) await advanceBoth(d, Number(readyAt - now) + 1);
    relays = [...first, ...(await d.relayer.tick())];
  };
  /** Ticks and relays (the fraud window passed each round) until a round does nothing; returns every action. */
  const settle = async (k: Keeper, rounds = 8) => {
    const all: KeeperAction[] = [];
    for (let i = 0; i < rounds; i++) {
      const acts = await k.tick();
      all.push(...acts);
      await relayPastWindow();
      // the devnet MPC pays a batch whenever 20 s of L1 time passed: not a sign of work left
      if (acts.filter((a) => a.tx && a.kind !== 'mpc').length === 0 && relays.length === 0) break;
      await advanceBoth(d, 30);
    }
    return (actions = all);
  };
  const redeem = async (u: Clients, amount: bigint) => {
    await write(u, m().eMetis, eMetisAbi, 'approve', [m().redemptionQueue, amount]);
    await write(u, m().redemptionQueue, redemptionQueueAbi, 'requestRedemption', [amount, u.address]);
  };
  /** The books agree on both chains: eMETIS is fully backed, and the L2's view of L1 is what L1 holds. */
  const assertConverged = async (msg: string) => {
    const p = await protocol();
    const live = await liveReport();
    const [nonce] = await hubLastReport();
    assert.equal(p.reportNonce, nonce, `${msg}: the L2 has the hub's last report`);
    assert.equal(p.backingRatio, 10n ** 18n, `${msg}: one METIS per eMETIS`);
    assert.equal(p.tvl, p.eMetisSupply, `${msg}: supply == backing`);
    assert.equal(p.totalLocked, live.locked, `${msg}: locked as the pool holds it`);
    assert.equal(p.unlocking, live.unlocking, msg);
    assert.equal(p.l1Idle, await hubMetis(), msg);
    assert.equal(p.inFlightToL2, 0n, `${msg}: nothing left on its way to L2`);
    assert.equal(p.inFlightToL1, 0n, `${msg}: nothing left on its way to L1`);
    assert.equal(live.shortfall, 0n, `${msg}: no loss on L1`);
    // what backs eMETIS is exactly what exists: the L2 buffer, the hub's idle METIS and the seats
    assert.equal(p.tvl, p.buffered + (await hubMetis()) + sum(await seatAmounts()), `${msg}: nothing lost`);
  };

  before(async () => {
    d = await startTestDevnet({ seed: true });
    // the devnet admin plays Metis's governance of the L1 models (whitelist, lock limits)
    l1Admin = await makeClients({ rpcUrl: d.l1Url, key: d.roles.admin.key });
    for (const i of [1, 2, 3]) users.push(await makeClients({ rpcUrl: d.url, key: d.accounts[i]!.key }));
    for (const u of users) await write(u, m().stakingManager, stakingManagerAbi, 'stake', [u.address, zeroAddress], 'stake', METIS(90_000));
    const k = keeper();
    await settle(k);
    assert.deepEqual(
      did('open').map((a) => a.amount),
      [METIS(100_000), METIS(100_000), METIS(70_001)],
      why(),
    );
    // an hour of L2 blocks: the MPC pays the seats, the keeper bridges the rewards, the relayer delivers, harvest
    await advanceBoth(d, 3_600);
    await settle(k);
    assert.equal(did('rewards').length, 3, why());
    assert.ok(did('harvest').length > 0, why());
    await assertConverged('base');
    base = [await snapshot(d.url), await snapshot(d.l1Url)];
  });

  beforeEach(async () => {
    // anvil forgets a snapshot once reverted to: take it again each time
    await revert(d.url, base[0]);
    await revert(d.l1Url, base[1]);
    base = [await snapshot(d.url), await snapshot(d.l1Url)];
    actions = [];
    relays = [];
  });

  after(async () => {
    await d?.stop();
    if (process.env.DEVNET_TEST_VERBOSE) console.log(logs.join('\n'));
  });

  describe('crash between L1 and L2 steps', () => {
    test('the L2 RPC dies right after the hub returned principal on L1: the next tick does not withdraw or return again; the redemption is paid once', async () => {
      const [u1] = users as [Clients];
      const amount = METIS(30_000);
      await redeem(u1, amount);
      const need = amount - (await protocol()).buffered;
      const seatsBefore = await seatAmounts();
      const totalsBefore = await hubTotals();
      const l2Before = await l2Report();

      // played crash: the L2 stops answering once the hub's returnToL2 is on L1 (as if the keeper's host lost
      // its L2 link, or the process died before its L2 steps)
      const l2Proxy = await startProxy(d.url);
      const l1Proxy = await startProxy(d.l1Url, (body) => {
        if (body.method !== 'eth_sendRawTransaction') return;
        const tx = parseTransaction(body.params![0] as Hex);
        if (tx.to?.toLowerCase() !== h().hub.toLowerCase() || !tx.data) return;
        if (decodeFunctionData({ abi: sequencerHubAbi, data: tx.data }).functionName === 'returnToL2') l2Proxy.state.dead = true;
      });
      try {
        const crashing = bare({ l2RpcUrl: l2Proxy.url, l1RpcUrl: l1Proxy.url, retries: 2, retryBaseMs: 10 });
        await assert.rejects(crashing.tick(), (err: unknown) => err instanceof KeeperRpcError && err.step === 'bridge to L1');
      } finally {
        await l2Proxy.close();
        await l1Proxy.close();
      }
      // L1 did its part: the fast path withdrew `need` from the biggest seat and sent it back with a report
      const seatsMid = await seatAmounts();
      assert.equal(sum(seatsBefore) - sum(seatsMid), need, 'one withdrawal, of what the buffer could not pay');
      assert.equal((await hubTotals())[2] - totalsBefore[2], need, 'sent back to L2 once');
      assert.equal(await hubMetis(), 0n);
      // L2 has not heard of it yet
      assert.deepEqual(await l2Report(), l2Before);
      assert.equal((await tickets(u1.address))[0]!.status, PENDING);

      // the keeper restarts before Metis has delivered anything: it sees the principal on its way and waits
      actions = await bare().tick();
      assert.deepEqual(txKinds(), [], `nothing to do while the return is in flight: ${why()}`);
      assert.deepEqual(await seatAmounts(), seatsMid, 'no second withdrawal');
      assert.equal((await hubTotals())[2] - totalsBefore[2], need, 'no second return');

      // Metis delivers; the keeper credits and funds; the books agree
      await settle(keeper());
      assert.equal(did('withdraw').length + did('return').length + did('unlock').length, 0, why());
      const [t] = await tickets(u1.address);
      assert.equal(t!.status, CLAIMABLE, why());
      assert.equal(t!.metisAmount, amount);
      assert.equal((await hubTotals())[2] - totalsBefore[2], need, 'returned exactly once in all');
      await assertConverged('after the crash');
    });

    test('the L1 RPC dies right after the L2 bridged the buffer to the hub: no second bridge; once it arrives the seat is topped up once and reported once', async () => {
      const u4 = await makeClients({ rpcUrl: d.url, key: d.accounts[4]!.key });
      await write(u4, m().stakingManager, stakingManagerAbi, 'stake', [u4.address, zeroAddress], 'stake', METIS(20_000));
      const buffered = (await protocol()).buffered;
      const seatsBefore = await seatAmounts();
      const [nonceBefore] = await hubLastReport();

      // played crash: the L1 stops answering once bridgeToL1 is on L2
      const l1Proxy = await startProxy(d.l1Url);
      const l2Proxy = await startProxy(d.url, (body) => {
        if (body.method !== 'eth_sendRawTransaction') return;
        const tx = parseTransaction(body.params![0] as Hex);
        if (tx.to?.toLowerCase() !== m().stakingManager.toLowerCase() || !tx.data) return;
        if (decodeFunctionData({ abi: stakingManagerAbi, data: tx.data }).functionName === 'bridgeToL1') l1Proxy.state.dead = true;
      });
      try {
        const crashing = bare({ l2RpcUrl: l2Proxy.url, l1RpcUrl: l1Proxy.url, retries: 2, retryBaseMs: 10 });
        await assert.rejects(crashing.tick(), (err: unknown) => err instanceof KeeperRpcError && err.step === 'allocate on L1');
      } finally {
        await l2Proxy.close();
        await l1Proxy.close();
      }
      let p = await protocol();
      assert.equal(p.buffered, 0n);
      assert.equal(p.inFlightToL1, buffered, 'bridged once, on its way');

      // restarted before the fraud window is over: nothing to do (the METIS is not on L1 yet)
      actions = await bare().tick();
      assert.deepEqual(txKinds(), [], why());
      assert.equal((await protocol()).inFlightToL1, buffered, 'no second bridge');

      await settle(keeper());
      assert.equal(did('bridge').length, 0, why());
      assert.deepEqual(
        did('topUp').map((a) => [a.message.split(' ')[1], a.amount]),
        [['2', buffered]],
        why(),
      );
      assert.equal(did('open').length, 0, why());
      assert.deepEqual(await seatAmounts(), [seatsBefore[0], seatsBefore[1], seatsBefore[2]! + buffered]);
      assert.equal((await hubLastReport())[0], nonceBefore + 1n, 'one report, for the top-up');
      p = await protocol();
      assert.equal(p.totalLocked, sum(seatsBefore) + buffered);
      await assertConverged('after the L1 crash');
    });

    test('two ticks back to back (before Metis delivers anything) are safe: the second does nothing', async () => {
      const [u1, u2] = users as [Clients, Clients];
      await redeem(u1, METIS(30_000));
      // and a stake worth bridging once the queue is paid
      await write(u2, m().stakingManager, stakingManagerAbi, 'stake', [u2.address, zeroAddress], 'stake', METIS(5_000));
      const k = bare();
      const first = await k.tick();
      assert.deepEqual(txKinds(first), ['withdraw', 'return'], why(first));
      const afterFirst = {
        seats: await seatAmounts(),
        totals: await hubTotals(),
        nonce: (await hubLastReport())[0],
        messages: await l1Messages(),
        p: await protocol(),
      };
      actions = await k.tick();
      assert.deepEqual(actions, [], why());
      // and a fresh keeper (a restart) agrees
      actions = await bare().tick();
      assert.deepEqual(actions, [], why());
      assert.deepEqual(await seatAmounts(), afterFirst.seats);
      assert.deepEqual(await hubTotals(), afterFirst.totals);
      assert.equal((await hubLastReport())[0], afterFirst.nonce, 'no second report');
      assert.equal(await l1Messages(), afterFirst.messages);
      const p = await protocol();
      assert.deepEqual(
        [p.buffered, p.inFlightToL1, p.reportNonce, p.queueUnfinalized],
        [afterFirst.p.buffered, afterFirst.p.inFlightToL1, afterFirst.p.reportNonce, afterFirst.p.queueUnfinalized],
      );

      await settle(keeper());
      assert.equal((await tickets(u1.address))[0]!.status, CLAIMABLE, why());
      await assertConverged('after two ticks');
    });
  });

  describe('hub out of ETH for bridge fees', () => {
    test('rewards to bridge and a report due: one error per step naming HubInsufficientEth, nothing else moves; after a refund the next tick does both', async () => {
      // played: the operator let the hub's fee budget run out (anvil_setBalance to 0) while an hour of rewards and
      // a periodic report are due
      await advanceBoth(d, 3_600);
      await setHubEth(0n);
      const before = {
        seats: await Promise.all([0, 1, 2].map(seat)),
        nonce: (await hubLastReport())[0],
        messages: await l1Messages(),
        l2: await l2Report(),
      };
      // (a batch needs 1,000 L2 blocks of L1 time here, so the second tick below cannot pay another)
      const k = keeper({ minBatchBlocks: 1_000n });
      actions = await k.tick();
      // the MPC batch is Metis's (its own key pays the gas); every step that needs a bridge fee stops
      assert.deepEqual(
        actions.map((a) => a.kind),
        ['mpc', 'error', 'error'],
        why(),
      );
      const errors = did('error');
      assert.match(errors[0]!.message, /^withdraw rewards: .*HubInsufficientEth/, why());
      assert.match(errors[1]!.message, /^report: .*HubInsufficientEth/, why());
      const seatsNow = await Promise.all([0, 1, 2].map(seat));
      for (const [i, s] of seatsNow.entries()) {
        assert.ok(s.reward > before.seats[i]!.reward, `seat ${i}: the batch's rewards wait on the pool`);
        assert.equal(s.amount, before.seats[i]!.amount);
      }
      assert.equal((await hubLastReport())[0], before.nonce, 'no report');
      assert.equal(await l1Messages(), before.messages, 'nothing sent through the L1 messenger');
      assert.deepEqual(await l2Report(), before.l2);
      // still dry: the same failures are not recorded again, nothing is sent
      actions = await k.tick();
      assert.deepEqual(actions, [], why());

      await setHubEth(ETH(10));
      actions = await k.tick();
      assert.deepEqual(
        did('rewards').map((a) => a.amount),
        seatsNow.map((s) => s.reward),
        why(),
      );
      assert.equal(did('report').length, 1, why());
      assert.equal(did('error').length, 0, why());
      assert.ok((await hubEth()) < ETH(10), 'the fees were paid');
      const harvested = await settle(keeper());
      assert.equal(
        did('harvest', harvested).reduce((a, x) => a + x.amount!, 0n),
        sum(seatsNow.map((s) => s.reward)),
        why(harvested),
      );
      await assertConverged('after the refund');
    });

    test('a redemption needing principal back: the fast path withdraws, returnToL2 fails on the fee and the METIS waits on the hub (not withdrawn again); after a refund it is returned', async () => {
      const [u1] = users as [Clients];
      const amount = METIS(30_000);
      await redeem(u1, amount);
      const need = amount - (await protocol()).buffered;
      const seatsBefore = await seatAmounts();
      const totalsBefore = await hubTotals();
      // played: the hub's ETH runs out (anvil_setBalance to 0) just as a redemption needs principal back
      await setHubEth(0n);
      const k = bare();
      actions = await k.tick();
      assert.deepEqual(
        actions.map((a) => a.kind),
        ['withdraw', 'error'],
        why(),
      );
      assert.match(did('error')[0]!.message, /^redemptions from L1: .*HubInsufficientEth/, why());
      assert.equal(sum(seatsBefore) - sum(await seatAmounts()), need);
      assert.equal(await hubMetis(), need, 'parked on the hub, not lost');
      assert.deepEqual(await hubTotals(), [totalsBefore[0], totalsBefore[1] + need, totalsBefore[2]], 'nothing sent to L2');
      assert.equal((await liveReport()).shortfall, 0n, 'no loss: the principal is idle on the hub');
      // the keeper neither withdraws again nor locks the parked METIS back while the queue waits for it
      actions = await k.tick();
      assert.deepEqual(actions, [], why());
      actions = await bare().tick();
      assert.deepEqual(
        actions.map((a) => a.kind),
        ['error'],
        `a restarted keeper says it again, once: ${why()}`,
      );
      assert.equal(await hubMetis(), need);

      await setHubEth(ETH(10));
      actions = await k.tick();
      assert.deepEqual(txKinds(), ['return'], why());
      assert.equal(did('return')[0]!.amount, need);
      await settle(keeper());
      assert.equal(did('withdraw').length, 0, why());
      assert.equal((await tickets(u1.address))[0]!.status, CLAIMABLE, why());
      assert.equal((await hubTotals())[2] - totalsBefore[2], need);
      await assertConverged('after the refund');
    });
  });

  describe('a seat taken off the LockingPool whitelist', () => {
    test('the keeper skips it (no top-up, reward bridge, withdrawal, unlock or claim), keeps serving the others, never errors; re-whitelisted, its rewards are bridged', async () => {
      const [u1] = users as [Clients];
      const u4 = await makeClients({ rpcUrl: d.url, key: d.accounts[4]!.key });
      const s0 = await seat(0);
      // Metis's governance: room on seats 0 and 1 (maxLock 120,000), then seat 0's agent off the whitelist
      await write(l1Admin, h().lockingInfo, lockingInfoAbi, 'setMaxLock', [METIS(120_000)]);
      await write(l1Admin, h().lockingPool, lockingPoolAbi, 'setWhitelist', [s0.agent, false]);
      const minLock = await l1().readContract({ address: h().lockingInfo, abi: lockingInfoAbi, functionName: 'minLock' });
      const all: KeeperAction[] = [];
      const k = keeper();
      const seatsBefore = await seatAmounts();

      // a new stake: the top-up goes to seat 1, the first whitelisted seat with room (seat 0 has room too)
      await write(u4, m().stakingManager, stakingManagerAbi, 'stake', [u4.address, zeroAddress], 'stake', METIS(15_000));
      const bridged = (await protocol()).buffered; // with the rewards harvested earlier
      all.push(...(await settle(k)));
      assert.deepEqual(
        did('topUp').map((a) => [a.message.split(' ')[1], a.amount]),
        [['1', bridged]],
        why(),
      );
      assert.deepEqual(await seatAmounts(), [seatsBefore[0], seatsBefore[1]! + bridged, seatsBefore[2]]);

      // an hour of blocks: Metis still pays seat 0 (it still sequences); only seats 1 and 2's rewards can be bridged
      await advanceBoth(d, 3_600);
      all.push(...(await settle(k)));
      assert.deepEqual(
        did('rewards').map((a) => a.message.split(':')[0]),
        ['seat 1', 'seat 2'],
        why(),
      );
      const stuck = (await seat(0)).reward;
      assert.ok(stuck > 0n, "seat 0's rewards wait on the pool (Metis's withdrawRewards needs the whitelist)");

      // a redemption beyond the buffer: the fast path takes from seat 1, not from seat 0 (the biggest... but not whitelisted)
      await redeem(u1, METIS(30_000));
      all.push(...(await settle(k)));
      assert.ok(did('withdraw').length > 0, why());
      assert.ok(
        did('withdraw').every((a) => !a.message.startsWith('seat 0')),
        why(),
      );
      assert.equal((await tickets(u1.address))[0]!.status, CLAIMABLE, why());
      assert.equal((await seat(0)).amount, seatsBefore[0], 'seat 0 untouched');
      assert.equal((await seat(0)).state, SeatState.Active, 'not unlocked: it still holds its METIS and earns');
      actions = all;
      assert.equal(did('error').length, 0, `the keeper did not brick: ${why()}`);
      assert.ok(
        all.every((a) => !a.message.startsWith('seat 0')),
        `nothing done with seat 0: ${why()}`,
      );
      // the lens's fast capacity leaves seat 0 out: only whitelisted seats can give METIS back at once
      const p = await protocol();
      const [, s1, s2] = await seatAmounts();
      assert.equal(p.fastCapacity, s1! - minLock + s2! - minLock + p.l1Idle + p.inFlightToL2);
      assert.equal(p.activeSeats, 3n, 'still an active seat, still counted as locked');
      await assertConverged('seat 0 off the whitelist');

      // governance puts it back: the next tick bridges what it earned meanwhile
      await write(l1Admin, h().lockingPool, lockingPoolAbi, 'setWhitelist', [s0.agent, true]);
      const owed = (await seat(0)).reward;
      actions = await bare().tick();
      assert.deepEqual(
        did('rewards')
          .filter((a) => a.message.startsWith('seat 0'))
          .map((a) => a.amount),
        [owed],
        why(),
      );
      assert.ok(owed >= stuck);
      await settle(keeper());
      await assertConverged('seat 0 back on the whitelist');
    });

    test('removed by governance (forced out and off the whitelist): the keeper notices the unlock but cannot claim it (Metis needs the whitelist), without errors; the L2 counts it unlocking; re-whitelisted, it is claimed once', async () => {
      const s0 = await seat(0);
      const gas = await l1().readContract({ address: h().hub, abi: sequencerHubAbi, functionName: 'rewardL2Gas' });
      const fee = await l1().readContract({ address: h().hub, abi: sequencerHubAbi, functionName: 'bridgeFee', args: [gas] });
      await write(l1Admin, h().lockingPool, lockingPoolAbi, 'forceUnlock', [s0.seqId, gas], 'forceUnlock', fee);
      await write(l1Admin, h().lockingPool, lockingPoolAbi, 'setWhitelist', [s0.agent, false]);
      actions = await bare().tick();
      assert.deepEqual(txKinds(), ['sync', 'report'], why());
      assert.equal((await seat(0)).state, SeatState.Unlocking);
      await settle(keeper());
      let p = await protocol();
      assert.equal(p.unlocking, s0.amount, 'the L2 knows it is unlocking');
      assert.equal(p.activeSeats, 2n);

      // past the exit delay: the hub may not claim while its agent is off the whitelist; the keeper waits quietly
      await advanceBoth(d, Number(p.exitDelay) + 60);
      await settle(keeper());
      assert.equal(did('claim').length, 0, why());
      assert.equal(did('error').length, 0, why());
      assert.equal((await seat(0)).state, SeatState.Unlocking);
      p = await protocol();
      assert.equal(p.unlocking, s0.amount, 'still counted, not lost');
      await assertConverged('seat 0 forced out, off the whitelist');

      await write(l1Admin, h().lockingPool, lockingPoolAbi, 'setWhitelist', [s0.agent, true]);
      const claimed = await settle(keeper());
      assert.deepEqual(
        did('claim', claimed).map((a) => [a.message.split(':')[0], a.amount]),
        [['seat 0', s0.amount]],
        why(claimed),
      );
      assert.equal(did('error', claimed).length, 0, why(claimed));
      assert.equal((await seat(0)).state, SeatState.Closed);
      p = await protocol();
      assert.equal(p.unlocking, 0n);
      await assertConverged('seat 0 claimed');
    });
  });

  describe("mainnet's BFT rule", () => {
    test('a second unlock is refused: the keeper says so once and waits; tickets the fast path and the first unlock cover are paid, the rest by new stakes', async () => {
      const [u1, u2, u3] = users as [Clients, Clients, Clients];
      const u4 = await makeClients({ rpcUrl: d.url, key: d.accounts[4]!.key });
      assert.equal(
        await l1().readContract({ address: h().lockingPool, abi: lockingPoolAbi, functionName: 'bftRestriction' }),
        true,
        'the mainnet variant',
      );
      // 240,000 eMETIS asked back: the fast path gives 210,001 (all above minLock), one seat must unlock for the rest
      await redeem(u1, METIS(90_000));
      await redeem(u2, METIS(90_000));
      await redeem(u3, METIS(60_000));
      const k = bare();
      actions = await k.tick();
      assert.deepEqual(txKinds(), ['withdraw', 'withdraw', 'withdraw', 'return', 'unlock', 'report'], why());
      const unlocked = Number(did('unlock')[0]!.message.split(' ')[1]!.replace(':', ''));
      // one of three seats unlocking: 1 x 3 <= 3, allowed; a second would be 2 x 3 > 3
      assert.equal(await l1().readContract({ address: h().hub, abi: sequencerHubAbi, functionName: 'unlockWouldPassBft' }), false);

      // the next tick still needs ~10,000 METIS beyond the unlocking seat: every other unlock is refused
      actions = await k.tick();
      assert.deepEqual(
        actions.map((a) => a.kind),
        ['error'],
        why(),
      );
      assert.match(
        actions[0]!.message,
        /^redemptions from L1: .* METIS of redemptions need a seat unlock, and Metis's BFT rule refuses every one now; waiting$/,
      );
      const states = await Promise.all([0, 1, 2].map(async (i) => (await seat(i)).state));
      assert.deepEqual(
        states,
        [0, 1, 2].map((i) => (i === unlocked ? SeatState.Unlocking : SeatState.Active)),
      );
      actions = await k.tick();
      assert.deepEqual(actions, [], `said once: ${why()}`);

      // Metis delivers: the returned principal pays the first two tickets; the third waits, honestly on the slow path
      await settle(keeper());
      const ticket = async (u: Clients) => (await tickets(u.address))[0]!;
      assert.equal((await ticket(u1)).status, CLAIMABLE, why());
      assert.equal((await ticket(u2)).status, CLAIMABLE, why());
      let t3 = await ticket(u3);
      assert.equal(t3.status, PENDING);
      assert.equal(t3.fastPath, false, 'the lens does not promise the fast path');
      const p = await protocol();
      assert.ok(t3.eta >= p.timestamp + p.exitDelay - 60n, `eta ${t3.eta}: after an exit delay`);
      assert.equal(p.unlocking, (await seat(unlocked)).amount, 'the L2 knows what is unlocking');

      // the exit delay passes: the keeper claims the seat and returns it; still short, still refused by the BFT rule
      await advanceBoth(d, Number(p.exitDelay) + 60);
      await settle(keeper());
      assert.deepEqual(
        did('claim').map((a) => a.message.split(':')[0]),
        [`seat ${unlocked}`],
        why(),
      );
      assert.ok(did('return').length > 0, why());
      assert.equal(did('unlock').length, 0, why());
      assert.ok(
        did('error').some((a) => /BFT rule refuses/.test(a.message)),
        why(),
      );
      t3 = await ticket(u3);
      assert.equal(t3.status, PENDING, 'still waiting');

      // another route: new stakes on L2 fill the buffer and fund the ticket, no unlock needed
      await write(u4, m().stakingManager, stakingManagerAbi, 'stake', [u4.address, zeroAddress], 'stake', METIS(20_000));
      await settle(keeper());
      assert.equal((await ticket(u3)).status, CLAIMABLE, why());
      assert.equal(did('unlock').length, 0, why());
      assert.equal((await seat(unlocked)).state, SeatState.Closed);
      await assertConverged('after the BFT wait');
    });
  });
});
