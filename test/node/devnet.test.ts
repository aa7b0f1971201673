// Integration on the two-chain devnet: the deploy's wiring on both chains, the demo airdrop, native stakes on L2,
// the keeper (both chains, playing Metis's MPC with its devnet key) and the relayer (playing Metis's bridge relay)
// opening seats on L1, redemptions from the buffer and through a seat's unlock (the slow path, past Metis's BFT
// rule), and the lens figures against the contracts. Metis's contracts are the models of contracts/src/network;
// time on both anvils is simulated (evm_increaseTime + evm_mine).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEther, zeroAddress, type Address, type Hex } from 'viem';
import {
  airdropAbi,
  discountOracleAbi,
  eMetisAbi,
  l2MetisAbi,
  lensAbi,
  lockingPoolAbi,
  metisAbi,
  redemptionQueueAbi,
  rewardDispatcherAbi,
  seMetisAbi,
  sequencerHubAbi,
  stakingManagerAbi,
} from '@metis-liquid-staking/contracts/abis';
import { makeClients, write, type Clients } from '../../devnet/chain.js';
import { Keeper, SeatState, type KeeperAction, type KeeperActionKind } from '../../devnet/keeper.js';
import { claimFor } from '../../devnet/airdrop.js';
import { DEAD_ADDRESS } from '../../devnet/accounts.js';
import { keeperOptions } from '../helpers/cycle.js';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet-fixture.js';
import { chainClient, evmIncreaseTime } from '../helpers/rpc.js';

const ONE = 10n ** 18n;
const METIS = (n: number) => parseEther(String(n));
/** IRedemptionQueue.TicketStatus: None, Pending, Claimable (funded), Claimed. */
const PENDING = 1;
const CLAIMABLE = 2;

describe('devnet: both chains deployed, stakes, keeper and relayer, lens', () => {
  let d: TestDevnet;
  let keeper: Keeper;
  const users: Clients[] = [];
  const logs: string[] = [];
  let actions: KeeperAction[] = [];

  const m = () => d.manifest.contracts;
  const h = () => d.manifest.l1!.contracts;
  const l2 = () => chainClient(d.url);
  const l1 = () => chainClient(d.l1Url);
  const protocol = () => l2().readContract({ address: m().lens, abi: lensAbi, functionName: 'getProtocol' });
  const userView = (a: Address) => l2().readContract({ address: m().lens, abi: lensAbi, functionName: 'getUser', args: [a] });
  const hubReport = () => l1().readContract({ address: h().hub, abi: sequencerHubAbi, functionName: 'buildReport' });
  const seat = (i: number) => l1().readContract({ address: h().hub, abi: sequencerHubAbi, functionName: 'seat', args: [BigInt(i)] });
  const did = (k: KeeperActionKind) => actions.filter((a) => a.kind === k);
  const why = () => actions.map((a) => `${a.kind}: ${a.message}`).join(' | ');
  const advance = async (seconds: number) => {
    await evmIncreaseTime(d.url, seconds);
    await evmIncreaseTime(d.l1Url, seconds);
  };
  /** Keeper pass, relayer pass, `step` seconds on both chains; until `done()` or `rounds`. Every action is kept. */
  const settleUntil = async (done: () => Promise<boolean>, rounds = 8, step = 150) => {
    const all: KeeperAction[] = [];
    for (let i = 0; i < rounds && !(await done()); i++) {
      all.push(...(await keeper.tick()));
      await d.relayer.tick();
      await advance(step);
    }
    actions = all;
    return done();
  };

  before(async () => {
    d = await startTestDevnet({ seed: true });
    for (const i of [1, 2, 3]) users.push(await makeClients({ rpcUrl: d.url, key: d.accounts[i]!.key }));
    keeper = new Keeper(keeperOptions(d, { log: (l) => logs.push(l) }));
  });

  after(async () => {
    await d?.stop();
    if (process.env.DEVNET_TEST_VERBOSE) console.log(logs.join('\n'));
  });

  test('the deploy wires both chains: contracts, roles, the hub on L1 bound to the L2 manager, seats, the genesis deposit', async () => {
    for (const [name, a] of Object.entries(m())) assert.ok(((await l2().getCode({ address: a })) ?? '0x').length > 2, `${name} has code on L2`);
    for (const [name, a] of Object.entries(h())) assert.ok(((await l1().getCode({ address: a })) ?? '0x').length > 2, `${name} has code on L1`);
    const mgr = m().stakingManager;
    const rd = <F extends 'eMetis' | 'seMetis' | 'redemptionQueue' | 'l1Hub' | 'rewardReceiver'>(functionName: F) =>
      l2().readContract({ address: mgr, abi: stakingManagerAbi, functionName });
    assert.equal(await rd('eMetis'), m().eMetis);
    assert.equal(await rd('seMetis'), m().seMetis);
    assert.equal(await rd('redemptionQueue'), m().redemptionQueue);
    assert.equal(await rd('rewardReceiver'), m().rewardReceiver);
    assert.equal(await rd('l1Hub'), h().hub);
    const keeperAddr = d.roles.keeper.address;
    for (const role of ['KEEPER_ROLE', 'GUARDIAN_ROLE'] as const) {
      const r = await l2().readContract({ address: mgr, abi: stakingManagerAbi, functionName: role });
      assert.equal(await l2().readContract({ address: mgr, abi: stakingManagerAbi, functionName: 'hasRole', args: [r, keeperAddr] }), true, role);
    }
    const dispRole = await l2().readContract({ address: m().seMetis, abi: seMetisAbi, functionName: 'DISPATCHER_ROLE' });
    assert.equal(
      await l2().readContract({ address: m().seMetis, abi: seMetisAbi, functionName: 'hasRole', args: [dispRole, m().rewardDispatcher] }),
      true,
    );
    assert.equal(await l2().readContract({ address: m().rewardDispatcher, abi: rewardDispatcherAbi, functionName: 'treasury' }), d.roles.treasury);

    // the hub: bound to this L2's manager and RewardReceiver, Metis's pool and bridge, the keeper's role
    const hub = h().hub;
    const hr = <F extends 'l2Manager' | 'l2RewardReceiver' | 'l2ChainId' | 'pool' | 'metis' | 'l1Bridge' | 'l1Messenger'>(functionName: F) =>
      l1().readContract({ address: hub, abi: sequencerHubAbi, functionName });
    assert.equal(await hr('l2Manager'), mgr);
    assert.equal(await hr('l2RewardReceiver'), m().rewardReceiver);
    assert.equal(await hr('l2ChainId'), BigInt(d.manifest.chainId));
    assert.equal(await hr('pool'), h().lockingPool);
    assert.equal(await hr('metis'), h().metis);
    assert.equal(await hr('l1Bridge'), h().l1Bridge);
    assert.equal(await hr('l1Messenger'), h().l1Messenger);
    const hubKeeper = await l1().readContract({ address: hub, abi: sequencerHubAbi, functionName: 'KEEPER_ROLE' });
    assert.equal(await l1().readContract({ address: hub, abi: sequencerHubAbi, functionName: 'hasRole', args: [hubKeeper, keeperAddr] }), true);
    assert.equal(
      await l1().readContract({
        address: d.manifest.l1!.network!.discountOracle,
        abi: discountOracleAbi,
        functionName: 'isXDomainSenderAllowed',
        args: [hub],
      }),
      true,
      "the hub is on Metis's cross-domain sender whitelist",
    );
    assert.ok((await l1().getBalance({ address: hub })) > 0n, 'the hub has ETH for bridge fees');

    // three pending seats, their agents whitelisted by the pool's governance
    assert.equal(await l1().readContract({ address: hub, abi: sequencerHubAbi, functionName: 'seatCount' }), 3n);
    for (let i = 0; i < 3; i++) {
      const [agent, , , , state] = await seat(i);
      assert.equal(state, SeatState.Pending);
      assert.equal(await l1().readContract({ address: h().lockingPool, abi: lockingPoolAbi, functionName: 'whitelist', args: [agent] }), true);
    }
    // the genesis deposit backs L2 withdrawals with L1 METIS held by the L1 bridge
    assert.ok((await l1().readContract({ address: h().metis, abi: metisAbi, functionName: 'balanceOf', args: [h().l1Bridge] })) >= METIS(10_000_000));

    const p = await protocol();
    assert.equal(p.chainId, BigInt(d.manifest.chainId));
    assert.equal(p.activeSeats, 0n);
    assert.equal(p.totalLocked, 0n);
    assert.equal(p.grossAprBps, 0n, 'nothing locked: no APR yet');
    // the seed deposit: 1 METIS staked and restaked for the dead address
    assert.equal(p.tvl, ONE);
    assert.equal(p.buffered, ONE);
    assert.equal(p.seMetisTotalAssets, ONE);
    assert.equal((await l2().readContract({ address: m().seMetis, abi: seMetisAbi, functionName: 'maxRedeem', args: [DEAD_ADDRESS] })) > 0n, true);
    assert.equal(p.feeBps, 1000n);
  });

  test('the demo airdrop proofs claim on chain; account 9 has none', async () => {
    const c = users[0]!;
    const claim = claimFor(d.proofs, c.address);
    assert.ok(claim, 'account 1 is in the airdrop');
    assert.equal(claimFor(d.proofs, d.accounts[9]!.address), undefined);
    await write(c, m().airdrop, airdropAbi, 'claim', [BigInt(claim.index), c.address, BigInt(claim.amount), claim.proof as Hex[]]);
    const [, u, a] = await l2().readContract({ address: m().lens, abi: lensAbi, functionName: 'getAll', args: [c.address, [BigInt(claim.index)]] });
    assert.deepEqual([...a.claimed], [true]);
    // half is paid at once, half vests
    assert.equal(u.governanceBalance + a.vestedTotal, BigInt(claim.amount));
    assert.ok(a.vestedTotal > 0n);
  });

  test('native stakes need no allowance; the ERC-20 face needs one; below minStake is refused', async () => {
    const [u1, u2, u3] = users as [Clients, Clients, Clients];
    const mgr = m().stakingManager;
    const native = await l2().getBalance({ address: u1.address });
    const r = await write(u1, mgr, stakingManagerAbi, 'stake', [u1.address, d.accounts[5]!.address], 'stake', METIS(80_000));
    const gas = r.gasUsed * r.effectiveGasPrice;
    assert.equal(await l2().getBalance({ address: u1.address }), native - METIS(80_000) - gas, 'paid in native METIS');
    assert.equal(await l2().readContract({ address: m().eMetis, abi: eMetisAbi, functionName: 'balanceOf', args: [u1.address] }), METIS(80_000));
    await write(u2, mgr, stakingManagerAbi, 'stakeAndRestake', [u2.address, zeroAddress], 'stakeAndRestake', METIS(80_000));
    const shares = await l2().readContract({ address: m().seMetis, abi: seMetisAbi, functionName: 'balanceOf', args: [u2.address] });
    assert.ok(shares > 0n);
    // the same METIS through its ERC-20 face: refused without an allowance, accepted with one
    await assert.rejects(write(u3, mgr, stakingManagerAbi, 'stakeErc20', [METIS(80_000), u3.address, zeroAddress]));
    await write(u3, m().metis, l2MetisAbi, 'approve', [mgr, METIS(80_000)]);
    await write(u3, mgr, stakingManagerAbi, 'stakeErc20', [METIS(80_000), u3.address, zeroAddress]);
    await assert.rejects(write(u3, mgr, stakingManagerAbi, 'stake', [u3.address, zeroAddress], 'stake', 1n), /ManagerBelowMinimum/);
    const p = await protocol();
    assert.equal(p.buffered, METIS(240_001));
    assert.equal(p.tvl, METIS(240_001));
    assert.equal(p.eMetisSupply, METIS(240_001));
  });

  test('the keeper bridges the stakes to the hub and, after the fraud window, opens the three seats up to maxLock', async () => {
    const opened = await settleUntil(async () => (await protocol()).activeSeats === 3n && (await protocol()).reportNonce > 0n);
    assert.ok(opened, why());
    const p = await protocol();
    const locked = await Promise.all([0, 1, 2].map(async (i) => (await seat(i))[3]));
    assert.deepEqual(locked, [METIS(100_000), METIS(100_000), METIS(40_001)], 'seats filled in order up to maxLock');
    const r = await hubReport();
    assert.equal(p.totalLocked, r.locked);
    assert.equal(p.totalLocked, METIS(240_001));
    assert.equal(p.buffered + p.inFlightToL1 + p.l1Idle, 0n, 'all of it locked');
    assert.equal(p.fastCapacity, METIS(240_001 - 60_000), 'above minLock of each seat');
    assert.ok(p.grossAprBps > 0n, 'locked METIS earns');
    assert.equal(did('unlock').length, 0);
  });

  test('a second keeper pass with nothing new moves no METIS; a restarted keeper does not pay the same blocks twice', async () => {
    await advance(120);
    actions = await keeper.tick();
    const moving: KeeperActionKind[] = ['bridge', 'open', 'topUp', 'withdraw', 'unlock', 'return', 'fund', 'claim'];
    assert.deepEqual(
      actions.filter((a) => moving.includes(a.kind)),
      [],
      why(),
    );
    const first = did('mpc')[0];
    assert.ok(first, `120 s of L2 blocks are worth a batch: ${why()}`);
    const batch = await l1().readContract({ address: h().lockingPool, abi: lockingPoolAbi, functionName: 'currentBatch' });

    await advance(40);
    const fresh = new Keeper({ ...keeper.opts, log: (l) => logs.push(l) });
    const again = await fresh.tick();
    const next = again.find((a) => a.kind === 'mpc');
    assert.ok(next, again.map((a) => a.message).join(' | '));
    assert.equal(
      await l1().readContract({ address: h().lockingPool, abi: lockingPoolAbi, functionName: 'currentBatch' }),
      batch + 1n,
      'one new batch id',
    );
    // only the ~20 L2 blocks (2 s each) since the last batch, not the 80 of both
    const blocks = Number(/: (\d+) blocks/.exec(next.message)![1]);
    assert.ok(blocks >= 15 && blocks <= 25, next.message);
  });

  test('a redemption the buffer covers is funded at once and claimed in native METIS', async () => {
    const u1 = users[0]!;
    await write(u1, m().stakingManager, stakingManagerAbi, 'stake', [u1.address, zeroAddress], 'stake', METIS(500));
    await write(u1, m().eMetis, eMetisAbi, 'approve', [m().redemptionQueue, METIS(300)]);
    await write(u1, m().redemptionQueue, redemptionQueueAbi, 'requestRedemption', [METIS(300), u1.address]);
    let [t] = (await userView(u1.address)).tickets;
    assert.equal(t!.status, PENDING);
    assert.equal((await protocol()).queueUnfinalized, METIS(300));
    actions = await keeper.tick();
    assert.equal(did('fund').length, 1, why());
    assert.equal(did('withdraw').length + did('unlock').length, 0, 'the buffer paid');
    [t] = (await userView(u1.address)).tickets;
    assert.equal(t!.status, CLAIMABLE);
    const to = '0x000000000000000000000000000000000000be11' as Address;
    await write(u1, m().redemptionQueue, redemptionQueueAbi, 'claim', [t!.id, to]);
    assert.equal(await l2().getBalance({ address: to }), METIS(300));
  });

  test('beyond the fast capacity a seat unlocks (2 of 3 stay active: the BFT rule allows it); after the exit delay its METIS returns and every ticket is funded', async () => {
    const [u1, u2, u3] = users as [Clients, Clients, Clients];
    const q = m().redemptionQueue;
    // u2 leaves seMETIS for eMETIS; the three ask for 200,000 eMETIS back: more than the 180,001 above minLock
    const shares = await l2().readContract({ address: m().seMetis, abi: seMetisAbi, functionName: 'balanceOf', args: [u2.address] });
    await write(u2, m().seMetis, seMetisAbi, 'redeem', [shares, u2.address, u2.address]);
    for (const [u, amount] of [
      [u1, METIS(80_000)],
      [u2, METIS(80_000)],
      [u3, METIS(40_000)],
    ] as const) {
      await write(u, m().eMetis, eMetisAbi, 'approve', [q, amount]);
      await write(u, q, redemptionQueueAbi, 'requestRedemption', [amount, u.address]);
    }
    const before = await protocol();
    assert.ok(before.queueUnfinalized > before.fastCapacity + before.buffered);
    // in queue order: the first two tickets fit the fast path, the last one needs a seat's exit delay
    const [first] = (await userView(u1.address)).tickets;
    assert.equal(first!.fastPath, true);
    assert.ok(first!.eta < before.timestamp + before.exitDelay);
    const [last] = (await userView(u3.address)).tickets;
    assert.equal(last!.fastPath, false, 'the lens says this one waits for an exit delay');
    assert.ok(last!.eta >= before.timestamp + before.exitDelay, 'its ETA is at least the exit delay away');

    const unlocked = await settleUntil(async () => (await protocol()).unlocking > 0n, 4, 60);
    assert.ok(unlocked, why());
    assert.equal(did('unlock').length, 1, why());
    assert.ok(did('withdraw').length >= 1, 'the fast path went first');
    const states = await Promise.all([0, 1, 2].map(async (i) => (await seat(i))[4]));
    assert.deepEqual(states.filter((s) => s === SeatState.Unlocking).length, 1);
    // nothing more to unlock while the exit delay runs
    actions = await keeper.tick();
    assert.equal(did('unlock').length, 0, why());
    assert.ok((await protocol()).queueUnfinalized > 0n, 'the rest waits for the seat');

    await advance(Number(before.exitDelay) + 1);
    const paid = await settleUntil(async () => (await protocol()).queueUnfinalized === 0n, 6, 60);
    assert.ok(paid, why());
    assert.ok(did('claim').length === 1 && did('return').length >= 1 && did('fund').length >= 1, why());
    const after1 = await protocol();
    assert.equal(after1.unlocking, 0n);
    assert.equal(after1.activeSeats, 2n);
    for (const u of [u1, u2, u3]) {
      const v = await userView(u.address);
      assert.ok(
        v.tickets.every((x) => x.status === CLAIMABLE),
        `${u.address}'s tickets are claimable`,
      );
    }
  });
});
