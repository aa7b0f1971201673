// The two chains together: users on L2, the keeper (devnet/keeper.ts) on both chains, the relayer
// (devnet/relayer.ts) carrying messages and METIS across, simulated time on both anvils (evm_increaseTime +
// evm_mine) for Metis's fraud-proof window. What cannot exist here is played: Metis's contracts are the models of
// contracts/src/network (same signatures and rules), Metis's MPC is the keeper's devnet MPC key, and where a test
// needs Metis's sequencer to deliver something the relayer would not (a reordered or repeated report) it
// impersonates the aliased L1 messenger exactly as the relayer does. Bad-input tests run inside EVM snapshots of
// both chains and assert that nothing changed before the snapshot is restored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeErrorResult,
  decodeFunctionData,
  encodeFunctionData,
  keccak256,
  parseEther,
  parseEventLogs,
  zeroAddress,
  type Address,
  type Hex,
  type TransactionReceipt,
} from 'viem';
import {
  discountOracleAbi,
  eMetisAbi,
  l1MessengerAbi,
  l2MessengerAbi,
  lensAbi,
  metisAbi,
  redemptionQueueAbi,
  sequencerHubAbi,
  stakingManagerAbi,
  stateCommitmentChainAbi,
} from '@metis-liquid-staking/contracts/abis';
import { L2_CROSS_DOMAIN_MESSENGER } from '@metis-liquid-staking/contracts';
import { makeClients, write, type Clients } from '../../devnet/chain.js';
import { Keeper, type KeeperAction, type KeeperActionKind } from '../../devnet/keeper.js';
import { batchProof, Relayer, stateElement, xDomainCalldata, type Relay } from '../../devnet/relayer.js';
import { keeperOptions } from '../helpers/cycle.js';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet-fixture.js';
import { chainClient, evmIncreaseTime, revert, rpc, snapshot } from '../helpers/rpc.js';

const ONE = 10n ** 18n;
const METIS = (n: number | string) => parseEther(String(n));
/** IRedemptionQueue.TicketStatus: None, Pending, Claimable (funded), Claimed. */
const PENDING = 1;
const CLAIMABLE = 2;

describe('relayer and keeper across both chains', () => {
  let d: TestDevnet;
  let keeper: Keeper;
  let l1Admin: Clients;
  const users: Clients[] = [];
  const logs: string[] = [];
  let actions: KeeperAction[] = [];
  let relays: Relay[] = [];

  const m = () => d.manifest.contracts;
  const h = () => d.manifest.l1!.contracts;
  const l2 = () => chainClient(d.url);
  const l1 = () => chainClient(d.l1Url);
  const protocol = () => l2().readContract({ address: m().lens, abi: lensAbi, functionName: 'getProtocol' });
  const user = (a: Address) => l2().readContract({ address: m().lens, abi: lensAbi, functionName: 'getUser', args: [a] });
  const hubMetis = () => l1().readContract({ address: h().metis, abi: metisAbi, functionName: 'balanceOf', args: [h().hub] });
  const lastReport = () => l2().readContract({ address: m().stakingManager, abi: stakingManagerAbi, functionName: 'lastReport' });
  const kinds = () => actions.map((a) => a.kind);
  const did = (k: KeeperActionKind) => actions.filter((a) => a.kind === k);
  const why = () => [...actions.map((a) => `${a.kind}: ${a.message}`), ...relays.map((r) => `${r.direction} #${r.nonce} ok=${r.ok}`)].join(' | ');

  const tick = async () => (actions = await keeper.tick());
  const relay = async () => (relays = await d.relayer.tick());
  const advance = async (seconds: number) => {
    await evmIncreaseTime(d.url, seconds);
    await evmIncreaseTime(d.l1Url, seconds);
  };
  /** Past the fraud window of every batch the relayer committed (L1 time). */
  const pastFraudWindow = async () => {
    const pending = await d.relayer.pendingToL1();
    const now = (await l1().getBlock()).timestamp;
    const readyAt = pending.reduce((a, p) => (p.readyAt > a ? p.readyAt : a), 0n);
    if (readyAt > now) await advance(Number(readyAt - now) + 1);
  };
  /** Both chains as one snapshot; `fn` runs, then both are restored. */
  const inSnapshot = async (fn: () => Promise<void>) => {
    const ids = [await snapshot(d.url), await snapshot(d.l1Url)] as const;
    try {
      await fn();
    } finally {
      await revert(d.url, ids[0]);
      await revert(d.l1Url, ids[1]);
    }
  };
  /** Plays Metis's sequencer: delivers an L1->L2 message at the next queue index, as the relayer does. */
  const deliverAsSequencer = async (target: Address, sender: Address, message: Hex): Promise<TransactionReceipt> => {
    const alias = d.relayer.l1MessengerAlias;
    const next = await l2().readContract({ address: L2_CROSS_DOMAIN_MESSENGER, abi: l2MessengerAbi, functionName: 'nextQueueIndex' });
    await l2().impersonateAccount({ address: alias });
    await l2().setBalance({ address: alias, value: ONE });
    try {
      const hash = await l2().sendUnsignedTransaction({
        from: alias,
        to: L2_CROSS_DOMAIN_MESSENGER,
        data: encodeFunctionData({ abi: l2MessengerAbi, functionName: 'relayMessage', args: [target, sender, message, next] }),
        gas: 3_000_000n,
      });
      return await l2().waitForTransactionReceipt({ hash });
    } finally {
      await l2().stopImpersonatingAccount({ address: alias });
    }
  };
  /** The hub's reports sent through the L1 messenger (newest last). */
  const reportMessages = async () => {
    const logs1 = await l1().getContractEvents({ address: h().l1Messenger, abi: l1MessengerAbi, eventName: 'SentMessage', fromBlock: 0n });
    return logs1
      .filter((l) => l.args.target === m().stakingManager && l.args.sender === h().hub)
      .map((l) => {
        const { args } = decodeFunctionData({ abi: stakingManagerAbi, data: l.args.message! });
        return { message: l.args.message!, nonce: l.args.messageNonce!, report: args[0] as { nonce: bigint } };
      });
  };

  before(async () => {
    d = await startTestDevnet({ seed: true });
    l1Admin = await makeClients({ rpcUrl: d.l1Url, key: d.roles.admin.key });
    for (const i of [1, 2, 3]) users.push(await makeClients({ rpcUrl: d.url, key: d.accounts[i]!.key }));
    keeper = new Keeper(keeperOptions(d, { log: (l) => logs.push(l) }));
  });

  after(async () => {
    await d?.stop();
    if (process.env.DEVNET_TEST_VERBOSE) console.log(logs.join('\n'));
  });

  test('round trip: stakes on L2 bridged to the hub after the fraud window, a seat opened and topped up, the report back on L2', async () => {
    const [u1, u2, u3] = users as [Clients, Clients, Clients];
    const mgr = m().stakingManager;
    await write(u1, mgr, stakingManagerAbi, 'stake', [u1.address, zeroAddress], 'stake', METIS(20_000));
    await write(u2, mgr, stakingManagerAbi, 'stakeAndRestake', [u2.address, zeroAddress], 'stakeAndRestake', METIS(15_000));
    let p = await protocol();
    const staked = METIS(35_001); // with the deploy's 1-METIS seed deposit
    assert.equal(p.buffered, staked);
    assert.equal(p.tvl, staked);

    // the keeper bridges the buffer to the hub; Metis holds it for the fraud window
    await tick();
    assert.deepEqual(
      did('bridge').map((a) => a.amount),
      [staked],
      why(),
    );
    p = await protocol();
    assert.equal(p.buffered, 0n);
    assert.equal(p.inFlightToL1, staked);
    assert.equal(p.tvl, staked, 'in flight still backs eMETIS');
    await relay();
    assert.equal(relays.filter((r) => r.direction === 'L2->L1').length, 0, 'inside the fraud window: committed, not relayed');
    assert.equal(await hubMetis(), 0n);
    const [pending] = await d.relayer.pendingToL1();
    assert.ok(pending, 'the withdrawal waits in a committed batch');
    const window = await l1().readContract({
      address: d.manifest.l1!.network!.stateCommitmentChain,
      abi: stateCommitmentChainAbi,
      functionName: 'FRAUD_PROOF_WINDOW',
    });
    assert.ok(pending.readyAt - (await l1().getBlock()).timestamp <= window);

    await pastFraudWindow();
    await relay();
    assert.ok(
      relays.some((r) => r.direction === 'L2->L1' && r.ok),
      why(),
    );
    assert.equal(await hubMetis(), staked, 'the hub holds the bridged METIS on L1');

    // the keeper opens seat 0 with it and reports; the relayer carries the report to the manager
    await tick();
    assert.deepEqual(
      did('open').map((a) => a.amount),
      [staked],
      why(),
    );
    assert.ok(kinds().includes('report'), why());
    assert.equal(await hubMetis(), 0n);
    await relay();
    assert.ok(
      relays.some((r) => r.direction === 'L1->L2' && r.target === mgr && r.ok),
      why(),
    );
    const built = await l1().readContract({ address: h().hub, abi: sequencerHubAbi, functionName: 'buildReport' });
    const [hubNonce, sentAt] = await l1().readContract({ address: h().hub, abi: sequencerHubAbi, functionName: 'lastReport' });
    p = await protocol();
    assert.equal(p.reportNonce, hubNonce, 'the L2 has the hub’s last report');
    assert.equal(p.reportTimestamp, sentAt);
    assert.equal(p.totalLocked, staked);
    assert.equal(p.totalLocked, built.locked);
    assert.equal(p.activeSeats, 1n);
    assert.equal(p.l1Idle, 0n);
    assert.equal(p.inFlightToL1, 0n);
    assert.equal(p.unlocking, 0n);
    const minLock = METIS(20_000);
    assert.equal(p.fastCapacity, staked - minLock, 'above minLock can come back at once');
    assert.equal(p.tvl, staked);

    // a later stake tops the seat up through the same path
    await write(u3, mgr, stakingManagerAbi, 'stake', [u3.address, zeroAddress], 'stake', METIS(2_000));
    await tick();
    assert.deepEqual(
      did('bridge').map((a) => a.amount),
      [METIS(2_000)],
      why(),
    );
    await relay();
    await pastFraudWindow();
    await relay();
    await tick();
    assert.deepEqual(
      did('topUp').map((a) => a.amount),
      [METIS(2_000)],
      why(),
    );
    await relay();
    p = await protocol();
    assert.equal(p.totalLocked, METIS(37_001), why());
    assert.equal(p.inFlightToL1, 0n);
    assert.equal(p.reportNonce, (await l1().readContract({ address: h().hub, abi: sequencerHubAbi, functionName: 'lastReport' }))[0]);
    assert.equal(p.tvl, METIS(37_001));
  });

  test('rewards: the MPC pays the seat, the keeper bridges them to the RewardReceiver, the relayer delivers, harvest streams them', async () => {
    const before = await protocol();
    await advance(3_600);
    await tick();
    const mpc = did('mpc')[0];
    const sent = did('rewards')[0];
    assert.ok(mpc && sent, why());
    assert.ok(sent.amount! >= mpc.amount! - 1n, 'at least this batch is bridged');
    // rewards that arrived earlier are harvested now; these are on their way
    const harvested = did('harvest').reduce((a, x) => a + x.amount!, 0n);
    assert.equal(harvested, before.pendingRewards);
    await relay();
    assert.ok(
      relays.some((r) => r.direction === 'L1->L2' && r.ok),
      why(),
    );
    const arrived = await protocol();
    assert.equal(arrived.pendingRewards, sent.amount, 'the rewards wait in the RewardReceiver');
    await tick();
    assert.deepEqual(
      did('harvest').map((a) => a.amount),
      [sent.amount],
      why(),
    );
    const after1 = await protocol();
    assert.equal(after1.pendingRewards, 0n);
    assert.equal(after1.tvl, before.tvl + before.pendingRewards + sent.amount!, 'harvested rewards back the eMETIS minted for them');
    assert.equal(after1.eMetisSupply, before.eMetisSupply + before.pendingRewards + sent.amount!);
    assert.ok(after1.streamEnd > after1.timestamp, 'streamed to seMETIS');
  });

  test('fast path: a redemption the L2 buffer cannot pay is withdrawn from a seat, returned, credited, funded and claimed', async () => {
    const u1 = users[0]!;
    const amount = METIS(10_000);
    const { totalLocked: lockedBefore, buffered } = await protocol();
    await write(u1, m().eMetis, eMetisAbi, 'approve', [m().redemptionQueue, amount]);
    await write(u1, m().redemptionQueue, redemptionQueueAbi, 'requestRedemption', [amount, u1.address]);
    let t = (await user(u1.address)).tickets[0]!;
    assert.equal(t.status, PENDING);
    assert.equal(t.fastPath, true, 'the seat has more than minLock: no exit delay');
    assert.ok(t.eta > 0n);

    const all: KeeperAction[] = [];
    for (let round = 0; round < 6 && t.status === PENDING; round++) {
      await tick();
      all.push(...actions);
      await relay();
      await advance(60);
      t = (await user(u1.address)).tickets[0]!;
    }
    actions = all;
    const withdrawn = did('withdraw').reduce((a, x) => a + x.amount!, 0n);
    assert.equal(withdrawn, amount - buffered, 'the seat gave up what the buffer could not pay');
    assert.equal(t.status, CLAIMABLE, `claimable (${why()})`);
    assert.ok(did('withdraw').length > 0 && did('return').length > 0 && did('credit').length > 0 && did('fund').length > 0, why());
    assert.equal(did('unlock').length, 0, 'no seat unlock (slow path) was needed');
    assert.equal(t.metisAmount, amount, 'one METIS per eMETIS');

    const to = '0x000000000000000000000000000000000000c1a1' as Address;
    await write(u1, m().redemptionQueue, redemptionQueueAbi, 'claim', [t.id, to]);
    assert.equal(await l2().getBalance({ address: to }), amount, 'paid in native METIS');
    await tick();
    await relay();
    const p = await protocol();
    assert.equal(p.reportNonce, (await l1().readContract({ address: h().hub, abi: sequencerHubAbi, functionName: 'lastReport' }))[0]);
    assert.equal(p.totalLocked, lockedBefore - withdrawn);
    assert.equal(p.queueUnfinalized, 0n);
  });

  describe('cross-chain bad input changes nothing', () => {
    test('a report replayed, or an older report delivered after a newer one, is ignored', async () => {
      // the hub sends two more reports; keep them on L1 and deliver them as a misbehaving sequencer would
      const hubKeeper = await makeClients({ rpcUrl: d.l1Url, key: d.roles.keeper.key });
      await inSnapshot(async () => {
        const applied = await lastReport();
        await write(hubKeeper, h().hub, sequencerHubAbi, 'report');
        await advance(10);
        await write(hubKeeper, h().hub, sequencerHubAbi, 'report');
        const msgs = (await reportMessages()).slice(-2);
        const [older, newer] = msgs as [(typeof msgs)[0], (typeof msgs)[0]];
        assert.equal(older.report.nonce, applied.nonce + 1n);
        assert.equal(newer.report.nonce, applied.nonce + 2n);

        // the exact message already delivered cannot run again (the messenger refuses it)
        const done = (await reportMessages()).find((r) => r.report.nonce === applied.nonce)!;
        await assert.rejects(
          l2().simulateContract({
            address: L2_CROSS_DOMAIN_MESSENGER,
            abi: l2MessengerAbi,
            functionName: 'relayMessage',
            args: [m().stakingManager, h().hub, done.message, done.nonce],
            account: d.relayer.l1MessengerAlias,
          }),
          /already been received/,
        );
        // newer first, then older: the older is ignored
        const r1 = await deliverAsSequencer(m().stakingManager, h().hub, newer.message);
        assert.equal(parseEventLogs({ abi: stakingManagerAbi, logs: r1.logs, eventName: 'ReportApplied' }).length, 1);
        const afterNewer = await lastReport();
        assert.equal(afterNewer.nonce, newer.report.nonce);
        const r2 = await deliverAsSequencer(m().stakingManager, h().hub, older.message);
        const ignored = parseEventLogs({ abi: stakingManagerAbi, logs: r2.logs, eventName: 'ReportIgnored' });
        assert.deepEqual(
          ignored.map((e) => [e.args.nonce, e.args.lastNonce]),
          [[older.report.nonce, newer.report.nonce]],
        );
        assert.deepEqual(await lastReport(), afterNewer, 'the older report changed nothing');
        // the same report again (equal nonce, as a retried message would bring it)
        const r3 = await deliverAsSequencer(m().stakingManager, h().hub, newer.message);
        assert.equal(parseEventLogs({ abi: stakingManagerAbi, logs: r3.logs, eventName: 'ReportIgnored' }).length, 1);
        assert.equal(parseEventLogs({ abi: stakingManagerAbi, logs: r3.logs, eventName: 'ReportApplied' }).length, 0);
        assert.deepEqual(await lastReport(), afterNewer);
      });
    });

    test('a report from an L1 sender other than the hub is rejected (ManagerUnauthorizedReport) and changes nothing', async () => {
      await inSnapshot(async () => {
        // account 4 is let onto Metis's cross-domain sender whitelist (the devnet admin plays Metis's governance)
        // and sends a forged report, with a loss, through the real L1 messenger; the relayer carries it faithfully
        const forger = await makeClients({ rpcUrl: d.l1Url, key: d.accounts[4]!.key });
        await write(l1Admin, d.manifest.l1!.network!.discountOracle, discountOracleAbi, 'setWhitelistedXDomainSender', [forger.address, true]);
        const real = await lastReport();
        const forged = { ...real, nonce: real.nonce + 100n, shortfall: METIS(30_000), locked: 0n };
        const message = encodeFunctionData({ abi: stakingManagerAbi, functionName: 'receiveReport', args: [forged] });
        await write(forger, h().l1Messenger, l1MessengerAbi, 'sendMessageViaChainId', [
          BigInt(d.manifest.chainId),
          m().stakingManager,
          message,
          500_000,
        ]);
        const before = await protocol();
        await relay();
        const carried = relays.find((r) => r.direction === 'L1->L2' && r.sender === forger.address);
        assert.ok(carried, why());
        assert.equal(carried.ok, false, 'delivered, but the manager refused it');
        // what the manager reverted with, from the L2 trace of the delivery
        const trace = await rpc<{ calls?: { to: string; output?: Hex; error?: string }[] }>(d.url, 'debug_traceTransaction', [
          carried.destinationTx,
          { tracer: 'callTracer' },
        ]);
        const call = trace.calls?.find((c) => c.to.toLowerCase() === m().stakingManager.toLowerCase());
        assert.ok(call?.output, JSON.stringify(trace));
        const err = decodeErrorResult({ abi: stakingManagerAbi, data: call.output });
        assert.equal(err.errorName, 'ManagerUnauthorizedReport');
        assert.deepEqual(await lastReport(), real);
        const after1 = await protocol();
        assert.equal(after1.tvl, before.tvl);
        assert.equal(after1.backingRatio, before.backingRatio);
        assert.equal(after1.paused, false);
        // and called directly by anyone on L2
        await assert.rejects(
          l2().simulateContract({
            address: m().stakingManager,
            abi: stakingManagerAbi,
            functionName: 'receiveReport',
            args: [forged],
            account: users[0]!.address,
          }),
          /ManagerUnauthorizedReport/,
        );
      });
    });

    test('an L2->L1 withdrawal with a wrong proof, or inside the fraud window, is refused and not finalized; relayed twice it is refused', async () => {
      await inSnapshot(async () => {
        const u2 = users[1]!;
        await write(u2, m().stakingManager, stakingManagerAbi, 'stake', [u2.address, zeroAddress], 'stake', METIS(1_500));
        await tick();
        assert.equal(did('bridge').length, 1, why());
        await relay(); // commits the batch
        const chainId = BigInt(d.manifest.chainId);
        const sent = await l2().getContractEvents({
          address: L2_CROSS_DOMAIN_MESSENGER,
          abi: l2MessengerAbi,
          eventName: 'SentMessage',
          fromBlock: 0n,
        });
        const msgs = sent.map((l) => ({ target: l.args.target!, sender: l.args.sender!, message: l.args.message!, nonce: l.args.messageNonce! }));
        const batches = await l1().getContractEvents({
          address: d.manifest.l1!.network!.stateCommitmentChain,
          abi: stateCommitmentChainAbi,
          eventName: 'StateBatchAppended',
          fromBlock: 0n,
        });
        const b = batches[batches.length - 1]!.args;
        const members = msgs.slice(Number(b._prevTotalElements), Number(b._prevTotalElements! + b._batchSize!));
        const leaves = members.map(stateElement);
        const i = members.length - 1;
        const w = members[i]!;
        const proofFor = (over: { root?: Hex; siblings?: Hex[]; index?: bigint; stateRoot?: Hex } = {}) => ({
          stateRoot: over.stateRoot ?? leaves[i]!,
          stateRootBatchHeader: {
            batchIndex: b._batchIndex!,
            batchRoot: over.root ?? b._batchRoot!,
            batchSize: b._batchSize!,
            prevTotalElements: b._prevTotalElements!,
            extraData: b._extraData!,
          },
          stateRootProof: { index: over.index ?? BigInt(i), siblings: over.siblings ?? batchProof(leaves, i) },
          stateTrieWitness: '0x' as Hex,
          storageTrieWitness: '0x' as Hex,
        });
        const relayWith = (proof: ReturnType<typeof proofFor>, message: Hex = w.message) =>
          l1().simulateContract({
            address: h().l1Messenger,
            abi: l1MessengerAbi,
            functionName: 'relayMessageViaChainId',
            args: [chainId, w.target, w.sender, message, w.nonce, proof],
            account: d.accounts[5]!.address,
          });
        const hubBefore = await hubMetis();
        const id = keccak256(xDomainCalldata(w));
        const finalized = () => l1().readContract({ address: h().l1Messenger, abi: l1MessengerAbi, functionName: 'successfulMessages', args: [id] });

        // a correct proof, too early
        await assert.rejects(relayWith(proofFor()), /could not be verified/);
        await pastFraudWindow();
        // a wrong sibling path, a batch root the chain never committed, and the message changed (more METIS)
        const bogus = keccak256('0x01');
        await assert.rejects(relayWith(proofFor({ siblings: [bogus] })), /Invalid inclusion proof/);
        await assert.rejects(relayWith(proofFor({ root: bogus })), /Invalid batch header/);
        const richer = `${w.message.slice(0, -2)}ff` as Hex;
        await assert.rejects(relayWith(proofFor(), richer), /could not be verified/);
        assert.equal(await finalized(), false, 'not finalized');
        assert.equal(await hubMetis(), hubBefore, 'no METIS moved');

        // the relayer's proof goes through once; the same relay again is refused
        await relay();
        assert.ok(
          relays.some((r) => r.direction === 'L2->L1' && r.ok),
          why(),
        );
        assert.equal(await finalized(), true);
        assert.equal(await hubMetis(), hubBefore + METIS(1_500));
        await assert.rejects(relayWith(proofFor()), /already been received/);
        assert.equal(await hubMetis(), hubBefore + METIS(1_500), 'paid once');
      });
    });
  });

  test('a restarted relayer (no memory) commits nothing twice, relays nothing twice and skips nothing', async () => {
    const u3 = users[2]!;
    const scc = d.manifest.l1!.network!.stateCommitmentChain;
    const chainId = BigInt(d.manifest.chainId);
    const committed = () =>
      l1().readContract({ address: scc, abi: stateCommitmentChainAbi, functionName: 'getTotalElementsByChainId', args: [chainId] });
    await write(u3, m().stakingManager, stakingManagerAbi, 'stake', [u3.address, zeroAddress], 'stake', METIS(1_200));
    await tick();
    assert.equal(did('bridge').length, 1, why());
    await relay();
    const total = await committed();
    const hubBefore = await hubMetis();
    const fresh = new Relayer({ ...d.relayer.opts, log: () => {} });
    assert.deepEqual(await fresh.tick(), [], 'inside the window: nothing to do, nothing committed again');
    assert.equal(await committed(), total);
    await pastFraudWindow();
    const carried = await fresh.tick();
    assert.deepEqual(
      carried.map((r) => [r.direction, r.ok]),
      [['L2->L1', true]],
    );
    assert.equal(await hubMetis(), hubBefore + METIS(1_200));
    assert.deepEqual(await d.relayer.tick(), [], 'the first relayer finds it delivered');
  });

  test('a message sent right after a relayer pass is carried by the next pass (the chain head is never a cached one)', async () => {
    // viem caches a client's block number for its polling interval (4 s); both passes fall well inside it
    await d.relayer.tick();
    const before = await lastReport();
    const hubKeeper = await makeClients({ rpcUrl: d.l1Url, key: d.roles.keeper.key });
    await write(hubKeeper, h().hub, sequencerHubAbi, 'report');
    const carried = await d.relayer.tick();
    assert.deepEqual(
      carried.map((r) => [r.direction, r.target, r.ok]),
      [['L1->L2', m().stakingManager, true]],
    );
    assert.equal((await lastReport()).nonce, before.nonce + 1n, 'the report arrived');
  });
});
