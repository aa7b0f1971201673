// Integration: a fresh devnet, users staking through viem, keeper ticks, and the lens figures moving.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { maxUint256, parseEther, zeroAddress, type Address, type Hex } from 'viem';
import {
  eMetisAbi,
  lensAbi,
  lockingPoolAbi,
  metisAbi,
  redemptionQueueAbi,
  rewardDispatcherAbi,
  seMetisAbi,
  stakingManagerAbi,
} from '@metis-liquid-staking/contracts/abis';
import { makeClients, read, write, type Clients } from '../../devnet/chain.js';
import { Keeper, type KeeperAction } from '../../devnet/keeper.js';
import { claimFor } from '../../devnet/airdrop.js';
import { airdropAbi } from '@metis-liquid-staking/contracts/abis';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet-fixture.js';
import { evmIncreaseTime, mine } from '../helpers/rpc.js';

type ProtocolView = {
  tvl: bigint;
  buffered: bigint;
  totalLocked: bigint;
  nodeCount: bigint;
  nodeLocked: readonly bigint[];
  eMetisSupply: bigint;
  seMetisSupply: bigint;
  seMetisTotalAssets: bigint;
  sharePrice: bigint;
  aprBps: bigint;
  grossAprBps: bigint;
  streamAprBps: bigint;
  feeBps: bigint;
  exitDelay: bigint;
  streamEnd: bigint;
  backingRatio: bigint;
  queueUnfinalized: bigint;
  timestamp: bigint;
};
type UserView = {
  metisBalance: bigint;
  eMetisBalance: bigint;
  seMetisBalance: bigint;
  seMetisAssets: bigint;
  rewardsEarned: bigint;
  governanceBalance: bigint;
  tickets: readonly { id: bigint; eMetisAmount: bigint; status: number; maturity: bigint }[];
};
type AirdropView = { merkleRoot: Hex; claimed: readonly boolean[]; vestedTotal: bigint };

const ONE = 10n ** 18n;
const BPS = 10_000n;
const YEAR = 365n * 86_400n;

describe('devnet: stake, keeper, lens', () => {
  let d: TestDevnet;
  let keeper: Keeper;
  let actions: KeeperAction[] = [];
  const users: Clients[] = [];
  let lens: Address;
  const logs: string[] = [];

  const getAll = async (who: Address, indexes: bigint[] = []) => {
    const [p, u, a] = (await users[0]!.publicClient.readContract({
      address: lens,
      abi: lensAbi,
      functionName: 'getAll',
      args: [who, indexes],
    })) as unknown as [ProtocolView, UserView, AirdropView];
    return { p, u, a };
  };
  const tick = async () => {
    actions = await keeper.tick();
    return actions;
  };

  before(async () => {
    const t0 = Date.now();
    d = await startTestDevnet({ seed: true });
    logs.push(`devnet up in ${Date.now() - t0} ms`);
    lens = d.manifest.contracts.lens;
    for (const i of [1, 2, 3]) users.push(await makeClients({ rpcUrl: d.url, key: d.accounts[i]!.key }));
    users.unshift(await makeClients({ rpcUrl: d.url, key: d.accounts[0]!.key }));
    keeper = new Keeper({
      rpcUrl: d.url,
      manifest: d.manifest,
      keeperKey: d.roles.keeper.key,
      mpcKey: d.roles.mpc.key,
      log: (m) => logs.push(m),
      minTopUp: 1n,
    });
  });

  after(async () => {
    await d?.stop();
    if (process.env.DEVNET_TEST_VERBOSE) console.log(logs.join('\n'));
  });

  test('the deploy wires everything and the lens reads it', async () => {
    const c = users[0]!;
    const m = d.manifest.contracts;
    for (const [name, addr] of Object.entries(m)) {
      const code = await c.publicClient.getCode({ address: addr });
      assert.ok(code && code.length > 2, `${name} has code`);
    }
    assert.equal(await read(c, m.stakingManager, stakingManagerAbi, 'eMetis'), m.eMetis);
    assert.equal(await read(c, m.stakingManager, stakingManagerAbi, 'seMetis'), m.seMetis);
    assert.equal(await read(c, m.stakingManager, stakingManagerAbi, 'redemptionQueue'), m.redemptionQueue);
    const keeperRole = await read<Hex>(c, m.stakingManager, stakingManagerAbi, 'KEEPER_ROLE');
    assert.equal(await read(c, m.stakingManager, stakingManagerAbi, 'hasRole', [keeperRole, d.roles.keeper.address]), true);
    const dispRole = await read<Hex>(c, m.seMetis, seMetisAbi, 'DISPATCHER_ROLE');
    assert.equal(await read(c, m.seMetis, seMetisAbi, 'hasRole', [dispRole, m.rewardDispatcher]), true);
    assert.equal(await read(c, m.rewardDispatcher, rewardDispatcherAbi, 'treasury'), d.roles.treasury);

    const { p, a } = await getAll(d.accounts[1]!.address, [0n, 1n]);
    assert.equal(p.nodeCount, 3n, 'three seats added');
    assert.deepEqual([...p.nodeLocked], [0n, 0n, 0n], 'no seat open yet');
    assert.equal(p.totalLocked, 0n);
    assert.equal(p.grossAprBps, 0n, 'nothing locked: no APR yet');
    // the seed deposit: 1 METIS staked and restaked for the dead address
    assert.equal(p.tvl, ONE);
    assert.equal(p.seMetisTotalAssets, ONE);
    assert.equal(p.feeBps, 1000n);
    assert.equal(a.merkleRoot, d.manifest.airdrop.root);
    assert.deepEqual([...a.claimed], [false, false]);
    // agents are whitelisted by the pool's governance
    for (let i = 0n; i < 3n; i++) {
      const [agent] = await read<readonly [Address]>(c, m.stakingManager, stakingManagerAbi, 'node', [i]);
      assert.equal(await read(c, m.lockingPool, lockingPoolAbi, 'whitelist', [agent]), true);
    }
  });

  test('the demo airdrop proofs claim on chain; account 9 has none', async () => {
    const c = users[1]!;
    const who = d.accounts[1]!.address;
    const claim = claimFor(d.proofs, who);
    assert.ok(claim, 'account 1 is in the airdrop');
    assert.equal(claimFor(d.proofs, d.accounts[9]!.address), undefined);
    await write(c, d.manifest.contracts.airdrop, airdropAbi, 'claim', [BigInt(claim.index), who, BigInt(claim.amount), claim.proof]);
    const { u, a } = await getAll(who, [BigInt(claim.index)]);
    assert.deepEqual([...a.claimed], [true]);
    // half is paid at once, half vests
    assert.equal(u.governanceBalance + a.vestedTotal, BigInt(claim.amount));
    assert.ok(a.vestedTotal > 0n);
  });

  test('staking moves TVL and buffer; the keeper opens a seat once >= minLock is free', async () => {
    const c = users[1]!;
    const m = d.manifest.contracts;
    const amount = parseEther('30000');
    await write(c, m.metis, metisAbi, 'approve', [m.stakingManager, maxUint256]);
    await write(c, m.stakingManager, stakingManagerAbi, 'stakeAndRestake', [amount, c.address, d.accounts[5]!.address]);
    const first = await getAll(c.address);
    let { p } = first;
    const { u } = first;
    assert.equal(p.tvl, amount + ONE);
    assert.equal(p.buffered, amount + ONE);
    assert.ok(u.seMetisAssets >= amount - 1n && u.seMetisAssets <= amount, 'shares worth the deposit (rounded down)');

    await tick();
    const alloc = actions.find((a) => a.kind === 'allocate');
    assert.ok(alloc, `keeper allocated (actions: ${actions.map((a) => a.message).join(' | ')})`);
    ({ p } = await getAll(c.address));
    assert.equal(p.nodeLocked[0], amount + ONE, 'seat 0 opened with the whole buffer');
    assert.equal(p.totalLocked, amount + ONE);
    assert.equal(p.buffered, 0n);

    // APR figures against the underlying contracts
    const rpb = await read<bigint>(c, m.lockingPool, lockingPoolAbi, 'rewardPerBlock');
    const poolLocked = await read<bigint>(c, m.lockingPool, lockingPoolAbi, 'totalLocked');
    const bpy = YEAR / 2n;
    const yearly = (rpb * bpy * p.totalLocked) / poolLocked;
    assert.equal(p.grossAprBps, (yearly * BPS) / p.tvl);
    assert.equal(p.aprBps, (yearly * (BPS - p.feeBps)) / p.seMetisTotalAssets);
    // reward per block targets 20% at 100,000 METIS locked: 30,001 locked earns ~66%
    assert.ok(p.grossAprBps > 6000n && p.grossAprBps < 7000n, `gross APR ${p.grossAprBps}`);

    // a second tick with nothing new does nothing (idempotent)
    await tick();
    assert.equal(actions.filter((a) => a.kind !== 'mpc' && a.kind !== 'harvest').length, 0, actions.map((a) => a.message).join(' | '));
  });

  test('an MPC batch pays rewards; harvest sends the fee to the treasury and streams the rest', async () => {
    const c = users[0]!;
    const m = d.manifest.contracts;
    const treasuryBefore = await read<bigint>(c, m.eMetis, eMetisAbi, 'balanceOf', [d.roles.treasury]);
    const before = await getAll(d.accounts[1]!.address);
    const batchBefore = await read<bigint>(c, m.lockingPool, lockingPoolAbi, 'currentBatch');
    await mine(d.url, 500);
    await tick();
    const mpc = actions.find((a) => a.kind === 'mpc');
    const harvest = actions.find((a) => a.kind === 'harvest');
    assert.ok(mpc && harvest, actions.map((a) => a.message).join(' | '));
    assert.equal(await read<bigint>(c, m.lockingPool, lockingPoolAbi, 'currentBatch'), batchBefore + 1n);
    const rewards = harvest.amount!;
    assert.ok(rewards >= mpc.amount!, 'harvest collects at least this batch');
    const treasuryAfter = await read<bigint>(c, m.eMetis, eMetisAbi, 'balanceOf', [d.roles.treasury]);
    assert.equal(treasuryAfter - treasuryBefore, (rewards * 1000n) / BPS, '10% fee to the treasury');

    const after1 = await getAll(d.accounts[1]!.address);
    assert.ok(after1.p.streamAprBps > 0n, 'a reward stream is running');
    assert.ok(after1.p.streamEnd > after1.p.timestamp);
    assert.ok(after1.p.eMetisSupply > before.p.eMetisSupply, 'rewards minted as eMETIS');

    // streaming: the share price and the user's earned rewards rise with time
    await evmIncreaseTime(d.url, 3 * 86_400);
    const later = await getAll(d.accounts[1]!.address);
    assert.ok(later.p.sharePrice > before.p.sharePrice, 'share price rose');
    assert.ok(later.u.rewardsEarned > 0n, 'user earned rewards');
    assert.ok(later.p.seMetisTotalAssets > after1.p.seMetisTotalAssets);
    // a restarted keeper (no memory) does not credit the same blocks again: it finds the last batch on chain
    const rpb = await read<bigint>(c, m.lockingPool, lockingPoolAbi, 'rewardPerBlock');
    const fresh = new Keeper({
      rpcUrl: d.url,
      manifest: d.manifest,
      keeperKey: d.roles.keeper.key,
      mpcKey: d.roles.mpc.key,
      log: (l) => logs.push(l),
    });
    const batchNow = await read<bigint>(c, m.lockingPool, lockingPoolAbi, 'currentBatch');
    const blocksSince = (await c.publicClient.getBlockNumber()) - (await c.publicClient.getTransactionReceipt({ hash: mpc.tx! })).blockNumber;
    const again = await fresh.tick();
    const batch = again.find((a) => a.kind === 'mpc');
    assert.ok(batch, 'blocks were mined since, so there is a batch');
    assert.ok(batch.amount! <= (blocksSince + 1n) * rpb, `only the ${blocksSince} new blocks: ${batch.message}`);
    assert.equal(await read<bigint>(c, m.lockingPool, lockingPoolAbi, 'currentBatch'), batchNow + 1n, 'one new batch id');
  });

  test('redemptions: the keeper funds tickets from the buffer, then from a node', async () => {
    const u2 = users[2]!;
    const m = d.manifest.contracts;
    await write(u2, m.metis, metisAbi, 'approve', [m.stakingManager, maxUint256]);
    await write(u2, m.stakingManager, stakingManagerAbi, 'stake', [parseEther('5000'), u2.address, zeroAddress]);
    await write(u2, m.eMetis, eMetisAbi, 'approve', [m.redemptionQueue, maxUint256]);
    await write(u2, m.redemptionQueue, redemptionQueueAbi, 'requestRedemption', [parseEther('2000'), u2.address]);
    let { p, u } = await getAll(u2.address);
    assert.equal(u.tickets.length, 1);
    assert.equal(u.tickets[0]!.status, 1, 'Pending');
    assert.equal(p.queueUnfinalized, parseEther('2000'));

    await tick();
    assert.ok(
      actions.find((a) => a.kind === 'fund'),
      actions.map((a) => a.message).join(' | '),
    );
    ({ p, u } = await getAll(u2.address));
    assert.equal(u.tickets[0]!.status, 2, 'Funded');
    assert.equal(p.queueUnfinalized, 0n);

    // a ticket bigger than the buffer: the keeper withdraws from the node (it stays above minLock)
    await write(u2, m.redemptionQueue, redemptionQueueAbi, 'requestRedemption', [parseEther('2900'), u2.address]);
    const lockedBefore = (await getAll(u2.address)).p.totalLocked;
    await tick();
    const kinds = actions.map((a) => a.kind);
    assert.ok(kinds.includes('withdraw') && kinds.includes('fund'), actions.map((a) => a.message).join(' | '));
    ({ p, u } = await getAll(u2.address));
    assert.equal(p.queueUnfinalized, 0n);
    assert.ok(p.totalLocked < lockedBefore);
    assert.ok(u.tickets.every((t) => t.status === 2));

    // after the exit delay the tickets are claimable
    await evmIncreaseTime(d.url, Number(p.exitDelay) + 1);
    ({ u } = await getAll(u2.address));
    assert.ok(
      u.tickets.every((t) => t.status === 3),
      'Claimable',
    );
    const metisBefore = u.metisBalance;
    await write(u2, m.redemptionQueue, redemptionQueueAbi, 'claimBatch', [u.tickets.map((t) => t.id), u2.address]);
    ({ u } = await getAll(u2.address));
    assert.equal(u.metisBalance - metisBefore, parseEther('4900'));
  });

  test('a redemption larger than what nodes can spare: withdraw, unlock, exit delay, claim, fund', async () => {
    const u1 = users[1]!;
    const m = d.manifest.contracts;
    const c = users[0]!;
    // user 1 leaves seMETIS for eMETIS and asks for 25,000 of it back
    const shares = await read<bigint>(u1, m.seMetis, seMetisAbi, 'balanceOf', [u1.address]);
    await write(u1, m.seMetis, seMetisAbi, 'redeem', [shares, u1.address, u1.address]);
    await write(u1, m.eMetis, eMetisAbi, 'approve', [m.redemptionQueue, maxUint256]);
    await write(u1, m.redemptionQueue, redemptionQueueAbi, 'requestRedemption', [parseEther('25000'), u1.address]);

    await tick();
    const unlock = actions.find((a) => a.kind === 'unlock');
    assert.ok(unlock, actions.map((a) => a.message).join(' | '));
    const state = await read<number>(c, m.stakingManager, stakingManagerAbi, 'nodeState', [0n]);
    assert.equal(state, 2, 'node 0 is unlocking');
    // nothing more to do until the exit delay passes: a second tick does not unlock another node
    await tick();
    assert.equal(actions.filter((a) => a.kind === 'unlock' || a.kind === 'withdraw').length, 0, actions.map((a) => a.message).join(' | '));

    const { p } = await getAll(u1.address);
    assert.ok(p.queueUnfinalized > 0n, 'the ticket waits for the node');
    await evmIncreaseTime(d.url, 21 * 86_400 + 1);
    await tick();
    const kinds = actions.map((a) => a.kind);
    assert.ok(kinds.includes('claim') && kinds.includes('fund'), actions.map((a) => a.message).join(' | '));
    const after = await getAll(u1.address);
    assert.equal(after.p.queueUnfinalized, 0n, 'every ticket funded');
    assert.equal(await read<number>(c, m.stakingManager, stakingManagerAbi, 'nodeState', [0n]), 3, 'node 0 closed');
    // what is left in the buffer (about 5,100 METIS) is below minLock: no new seat, nothing locked
    assert.equal(after.p.totalLocked, 0n);
    assert.ok(after.p.buffered > 0n && after.p.buffered < parseEther('20000'), `buffer ${after.p.buffered}`);
    assert.ok(!kinds.includes('allocate'));
    assert.equal(after.p.tvl, after.p.buffered, 'all backing is back in the buffer');
  });
});
