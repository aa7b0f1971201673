// `npm run bench`: gas, bundle sizes and RPC calls, all measured in this run on a fresh anvil devnet
// (startTestDevnet, hardfork shanghai) and on bundles built in this run. Prints progress, a table, and as
// its LAST line one JSON object.
//
// Gas figures are receipt gasUsed: the whole transaction, including the 21,000 base, calldata and after
// EIP-3529 refunds. "exec" = gasUsed - 21,000 - calldata gas (16 per non-zero byte, 4 per zero byte): what
// the contracts themselves cost. Returning-user figures are a second call by the same account (balances
// and unlimited approvals already exist); the first call is printed beside it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  encodeDeployData,
  encodeFunctionData,
  erc20Abi,
  getAddress,
  keccak256,
  maxUint256,
  parseEther,
  toHex,
  type Abi,
  type Address,
  type Hex,
} from 'viem';
import {
  approveTx,
  claimAirdropTx,
  claimRedemptionTx,
  readScreen,
  requestRedemptionTx,
  ticketStatus,
  stakeErc20Tx,
  restakeTx,
  stakeTx,
  type TxRequest,
} from '@metis-liquid-staking/contracts';
import { buildAirdrop } from '@metis-liquid-staking/contracts/airdrop-tree';
import { ARTIFACTS_DIR } from '@metis-liquid-staking/contracts/node';
import { REPO_ROOT } from '../../devnet/anvil.js';
import { SNAP_DIR } from '../../devnet/serve.js';
import { artifact } from '../../devnet/artifacts.js';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet-fixture.js';
import { mine, rpc } from '../helpers/rpc.js';
import { advanceBoth, keeperTick, settle } from '../helpers/cycle.js';
import type { KeeperAction } from '../../devnet/keeper.js';
import { e2eWallet, launchChromium, openPartnerPage, servePartnerSite, startSnap, WIDGET_BUNDLE } from '../e2e/harness.js';

const started = Date.now();
/** Bundle budgets, KB (1,024 B) of gzip -9: issue 11. */
const BUDGETS = { widgetIife: 34, widgetEsm: 17, snap: 26 };
const log = (msg: string) => console.log(`· ${msg}`);
const secs = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;

// ---------------------------------------------------------------- chain helpers
let d!: TestDevnet;

interface Gas {
  gasUsed: number;
  exec: number;
}

function calldataGas(data: Hex): number {
  let g = 0;
  for (let i = 2; i < data.length; i += 2) g += data.slice(i, i + 2) === '00' ? 4 : 16;
  return g;
}

/** anvil mines right away but may answer eth_sendTransaction before the receipt is queryable: poll briefly. */
async function receiptOf(hash: Hex, url = d.url): Promise<any> {
  for (let i = 0; i < 400; i++) {
    const r = await rpc<any>(url, 'eth_getTransactionReceipt', [hash]);
    if (r) return r;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`no receipt for ${hash}`);
}

/** Sends `tx` from an unlocked anvil account and returns its receipt's gasUsed and the execution part. */
async function send(from: Address, tx: { to?: Address; data: Hex; value?: bigint }, what: string): Promise<Gas & { receipt: any }> {
  const hash = await rpc<Hex>(d.url, 'eth_sendTransaction', [
    { from, ...(tx.to ? { to: tx.to } : {}), data: tx.data, ...(tx.value ? { value: toHex(tx.value) } : {}) },
  ]);
  const receipt = await receiptOf(hash);
  if (receipt.status !== '0x1') {
    const why = await rpc(d.url, 'eth_call', [{ from, to: tx.to, data: tx.data }, `0x${(BigInt(receipt.blockNumber) - 1n).toString(16)}`]).then(
      () => 'no revert in a replay',
      (e: Error) => e.message,
    );
    throw new Error(`${what} failed (${hash}, gasUsed ${BigInt(receipt.gasUsed)}): ${why}`);
  }
  const gasUsed = Number(BigInt(receipt.gasUsed));
  return { gasUsed, exec: gasUsed - 21_000 - calldataGas(tx.data), receipt };
}

async function receiptGas(hash: Hex, url = d.url): Promise<Gas> {
  const receipt = await receiptOf(hash, url);
  const tx = await rpc<any>(url, 'eth_getTransactionByHash', [hash]);
  if (receipt.status !== '0x1') throw new Error(`tx ${hash} reverted`);
  const gasUsed = Number(BigInt(receipt.gasUsed));
  return { gasUsed, exec: gasUsed - 21_000 - calldataGas(tx.input) };
}

async function deploy(from: Address, name: string, args: unknown[]): Promise<Address> {
  const a = artifact(name);
  const r = await send(from, { data: encodeDeployData({ abi: a.abi, bytecode: a.bytecode, args } as never) }, `deploy ${name}`);
  return getAddress(r.receipt.contractAddress);
}

const call = (to: Address, abi: Abi | readonly unknown[], functionName: string, args: unknown[] = []): TxRequest => ({
  to,
  data: encodeFunctionData({ abi: abi as Abi, functionName, args } as never),
  value: 0n,
});

async function balanceOf(token: Address, who: Address): Promise<bigint> {
  return BigInt(
    await rpc<Hex>(d.url, 'eth_call', [{ to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [who] }) }, 'latest']),
  );
}

const screen = (who: Address) => readScreen((a) => rpc(d.url, a.method, (a.params ?? []) as unknown[]), d.manifest.contracts.lens, who);

function build(script: string): void {
  const t = Date.now();
  const r = spawnSync('npm', ['run', '-s', script], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run ${script} failed:\n${r.stdout}\n${r.stderr}`);
  log(`npm run ${script} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
}

// ---------------------------------------------------------------- measurements
const gas: Record<string, Gas> = {};
const first: Record<string, Gas> = {};
const extra: Record<string, Gas> = {};
const notes: string[] = [];

async function userPaths(): Promise<void> {
  const m = d.manifest;
  const u1 = d.accounts[1]!.address;
  const u2 = d.accounts[2]!.address;
  // setup (not measured): unlimited eMETIS approvals, as a returning user has them. A native stake needs none.
  await send(u1, approveTx(m.contracts.eMetis, m.contracts.seMetis, maxUint256), 'approve eMETIS to seMETIS');
  await send(u1, approveTx(m.contracts.eMetis, m.contracts.redemptionQueue, maxUint256), 'approve eMETIS to queue');

  const twice = async (key: string, from: Address, tx: () => TxRequest) => {
    first[key] = await send(from, tx(), `${key} (first)`);
    gas[key] = await send(from, tx(), `${key} (returning)`);
    log(`${key}: first ${first[key]!.gasUsed}, returning ${gas[key]!.gasUsed} gas`);
  };
  await twice('stake', u1, () => stakeTx(m, { amount: parseEther('100'), receiver: u1 }));
  await twice('stakeAndRestake', u2, () => stakeTx(m, { amount: parseEther('100'), receiver: u2, restake: true }));
  await twice('restake', u1, () => restakeTx(m, { assets: parseEther('10'), receiver: u1 }));
  await twice('requestRedemption', u1, () => requestRedemptionTx(m, { amount: parseEther('5'), owner: u1 }));

  // the ERC-20 face of METIS: a one-time approve, then stakeErc20 (integrations holding METIS as a token)
  const u3 = d.accounts[3]!.address;
  extra.approveMetis = await send(u3, approveTx(m.contracts.metis, m.contracts.stakingManager, maxUint256), 'approve METIS');
  await send(u3, stakeErc20Tx(m, { amount: parseEther('100'), receiver: u3 }), 'stakeErc20 (first)');
  extra.stakeErc20 = await send(u3, stakeErc20Tx(m, { amount: parseEther('100'), receiver: u3 }), 'stakeErc20 (returning)');
  notes.push(`a native stake needs no approval (one tx); the ERC-20 face needs a one-time approve (${extra.approveMetis.gasUsed} gas)`);

  const tickets = (await screen(u1)).user.tickets.map((t) => t.id);
  const funded = await keeperTick(d); // the L2 buffer covers both tickets: funded at once
  if (!funded.some((a) => a.kind === 'fund')) throw new Error(`the keeper did not fund the tickets: ${funded.map((a) => a.message).join('; ')}`);
  first.claimRedemption = await send(u1, claimRedemptionTx(m, { ticketId: tickets[0]!, to: u1 }), 'claim ticket 1');
  gas.claimRedemption = await send(u1, claimRedemptionTx(m, { ticketId: tickets[1]!, to: u1 }), 'claim ticket 2');
  log(`claimRedemption: first ${first.claimRedemption.gasUsed}, returning ${gas.claimRedemption.gasUsed} gas`);
}

const txOf = (actions: KeeperAction[], kind: KeeperAction['kind'], chain?: 'L1' | 'L2') =>
  actions.find((a) => a.kind === kind && a.tx && (!chain || a.chain === chain));
const kinds = (actions: KeeperAction[]) => actions.map((a) => `${a.chain ?? ''} ${a.kind}: ${a.message}`).join('; ');

/** ETH the hub spent in L1 transaction `hash` (its bridge fees: the hub pays them from its own balance). */
async function hubEthSpent(hash: Hex): Promise<bigint> {
  const r = await receiptOf(hash, d.l1Url);
  const hub = d.manifest.l1!.contracts.hub;
  const at = (n: bigint) => rpc<Hex>(d.l1Url, 'eth_getBalance', [hub, toHex(n)]).then(BigInt);
  const block = BigInt(r.blockNumber);
  return (await at(block - 1n)) - (await at(block));
}

/**
 * Keeper and relayer rounds until the buffered METIS is on L1 in a node seat and the report is back on L2
 * (bridge on L2 -> relayer after the fraud-proof window -> the hub opens or tops up a seat -> report -> L2).
 */
async function allocateAll(): Promise<KeeperAction[]> {
  const r = await settle(d, { maxRounds: 12, stepSeconds: 180 });
  if (!r.actions.some((a) => (a.kind === 'open' || a.kind === 'topUp') && a.tx)) throw new Error(`no seat opened or topped up: ${kinds(r.actions)}`);
  return r.actions;
}

/**
 * One reward cycle: the sequencers produce `blocks` L2 blocks, the devnet MPC submits the batch on L1, the hub
 * withdraws each seat's reward through the bridge (ETH fee from the hub), the relayer delivers it to the
 * RewardReceiver and the keeper harvests on L2.
 */
async function rewardCycle(blocks: number): Promise<{ rewards: Gas; ethFee: bigint; harvest: Gas }> {
  await mine(d.url, blocks);
  await advanceBoth(d, blocks * 2);
  const r = await settle(d, { maxRounds: 8, stepSeconds: 60 });
  const rw = txOf(r.actions, 'rewards', 'L1');
  const h = txOf(r.actions, 'harvest');
  if (!rw || !h) throw new Error(`no full reward cycle: ${kinds(r.actions)}`);
  return { rewards: await receiptGas(rw.tx!, d.l1Url), ethFee: await hubEthSpent(rw.tx!), harvest: await receiptGas(h.tx!) };
}

let l1RewardEthFee = 0n;

/**
 * Harvest + dispatch with 1 and with 10,000 seMETIS stakers, in otherwise identical runs from the same
 * snapshot of both chains: the same METIS is staked and restaked (34,999 by one account, or 25,000 by one plus
 * 1 each by 9,999 more), allocated to a seat on L1, one warm-up reward cycle and the measured one.
 */
async function harvestScaling(): Promise<void> {
  const m = d.manifest;
  const admin = d.accounts[0]!.address;
  const start2 = await rpc<string>(d.url, 'evm_snapshot');
  const start1 = await rpc<string>(d.l1Url, 'evm_snapshot');

  const measure = async (label: string) => {
    await allocateAll();
    await rewardCycle(100); // warm-up: the first cycle initialises storage; not measured
    const c = await rewardCycle(100);
    log(`harvest with ${label}: ${c.harvest.gasUsed} gas; L1 withdrawRewards ${c.rewards.gasUsed} gas + ${c.ethFee} wei ETH fee`);
    return c;
  };

  // one staker (besides the deploy's seed shares held by 0x...dEaD)
  await send(admin, stakeTx(m, { amount: parseEther('34999'), receiver: admin, restake: true }), 'stakeAndRestake 34,999');
  const one = await measure('1 staker');
  gas.harvest1 = one.harvest;
  gas.l1RewardCyclePerSeat = one.rewards;
  l1RewardEthFee = one.ethFee;
  await rpc(d.url, 'evm_revert', [start2]);
  await rpc(d.l1Url, 'evm_revert', [start1]);

  // 10,000 stakers: 25,000 by the admin, then BenchStakers calls stakeErc20AndRestake once per distinct receiver
  await send(admin, stakeTx(m, { amount: parseEther('25000'), receiver: admin, restake: true }), 'stakeAndRestake 25,000');
  const helper = await deploy(admin, 'BenchStakers', []);
  const helperAbi = artifact('BenchStakers').abi;
  const amount = parseEther('1');
  const total = 9_999;
  const batch = 150;
  await send(admin, approveTx(m.contracts.metis, helper, amount * BigInt(total)), 'approve helper');
  const supply = async () =>
    BigInt(
      await rpc<Hex>(d.url, 'eth_call', [
        { to: m.contracts.seMetis, data: encodeFunctionData({ abi: erc20Abi, functionName: 'totalSupply' }) },
        'latest',
      ]),
    );
  const supplyBefore = await supply();
  const t = Date.now();
  for (let id = 0; id < total; id += batch) {
    const n = Math.min(batch, total - id);
    await send(
      admin,
      call(helper, helperAbi, 'stakeFor', [m.contracts.stakingManager, m.contracts.metis, BigInt(id), BigInt(n), amount]),
      'stakeFor',
    );
    if ((id / batch) % 10 === 9 || id + n === total) log(`stakers: ${id + n + 1} of 10,000 (${((Date.now() - t) / 1000).toFixed(0)}s)`);
  }
  // they are real, distinct holders
  const receiverOf = async (id: number) =>
    getAddress(
      `0x${(await rpc<Hex>(d.url, 'eth_call', [{ to: helper, data: encodeFunctionData({ abi: helperAbi, functionName: 'receiverOf', args: [BigInt(id)] } as never) }, 'latest'])).slice(26)}`,
    );
  const sample = [0, 1, 4_999, total - 1];
  const holders = new Set<string>();
  for (const id of sample) {
    const r = await receiverOf(id);
    if ((await balanceOf(m.contracts.seMetis, r)) === 0n) throw new Error(`staker ${id} holds no seMETIS`);
    holders.add(r);
  }
  if (holders.size !== sample.length) throw new Error('receivers are not distinct');
  notes.push(
    `harvest: 9,999 bench stakers made by contracts/test/bench/BenchStakers.sol (stakeAndRestake each); seMETIS supply +${((await supply()) - supplyBefore) / 10n ** 24n} whole shares`,
  );
  gas.harvest10000 = (await measure('10,000 stakers')).harvest;
}

/** The hub's permissionless report on L1 (one cross-domain message) and its delivery on L2 (receiveReport). */
async function reportPath(): Promise<void> {
  const u = d.accounts[4]!.address;
  await send(u, stakeTx(d.manifest, { amount: parseEther('30000'), receiver: u }), 'stake 30,000');
  await allocateAll();
  await advanceBoth(d, 3601); // the report's rate limit
  const actions = await keeperTick(d);
  const rep = txOf(actions, 'report', 'L1');
  if (!rep) throw new Error(`no report: ${kinds(actions)}`);
  gas.l1Report = await receiptGas(rep.tx!, d.l1Url);
  const delivered = (await d.relayer.tick()).find((r) => r.direction === 'L1->L2' && r.ok);
  if (!delivered) throw new Error('the report was not delivered to L2');
  gas.l2ReceiveReport = await receiptGas(delivered.destinationTx);
  log(`report: L1 ${gas.l1Report.gasUsed} gas, its L2 delivery ${gas.l2ReceiveReport.gasUsed} gas`);
}

/**
 * Redemption latency in simulated time on the devnet (its windows, not mainnet's), from the request to the
 * ticket being claimable, stepping both chains' clocks by `step` seconds between keeper and relayer passes;
 * beside it the ETA the lens gave at the request (the promise the front ends show).
 */
async function redemptionLatency(label: string, eMetis: bigint, step: number, maxSteps: number): Promise<{ seconds: number; eta: number }> {
  const user = d.accounts[4]!.address; // staked 30,000 in reportPath: all of it now on L1
  const m = d.manifest;
  await send(user, approveTx(m.contracts.eMetis, m.contracts.redemptionQueue, maxUint256), 'approve eMETIS to queue');
  await send(user, requestRedemptionTx(m, { amount: eMetis, owner: user }), `requestRedemption (${label})`);
  const s0 = await screen(user);
  const ticket = s0.user.tickets.at(-1)!;
  const t0 = Number(s0.protocol.timestamp);
  const eta = ticket.eta === 0n ? 0 : Number(ticket.eta) - t0;
  for (let i = 0; i < maxSteps; i++) {
    await keeperTick(d);
    await d.relayer.tick();
    const s = await screen(user);
    const t = s.user.tickets.find((x) => x.id === ticket.id)!;
    if (ticketStatus(t) !== 'pending') return { seconds: Number(s.protocol.timestamp) - t0, eta };
    await advanceBoth(d, step);
  }
  // not reached: say so in the table (e.g. the devnet's single seat under mainnet's BFT rule cannot unlock)
  log(`${label} redemption not claimable after ${maxSteps} steps of ${step} s (lens ETA ${eta} s)`);
  return { seconds: -1, eta };
}

async function airdropClaims(): Promise<void> {
  const admin = d.accounts[0]!.address;
  const claimer = d.accounts[5]!.address;
  const n = 10_000;
  // deterministic pseudo-random recipients and amounts
  const recipients = Array.from({ length: n }, (_, i) => {
    const h = keccak256(toHex(`bench-airdrop-${i}`));
    return { account: getAddress(`0x${h.slice(26)}`), amount: ((BigInt(`0x${h.slice(2, 10)}`) % 1000n) + 1n) * 10n ** 18n };
  });
  const t = Date.now();
  const built = buildAirdrop(recipients);
  log(
    `airdrop tree: ${built.count} leaves built with contracts/scripts/airdrop (${((Date.now() - t) / 1000).toFixed(1)}s), root ${built.root.slice(0, 10)}...`,
  );
  const picks = new Set<number>();
  let seed = 12345;
  while (picks.size < 50) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    picks.add(seed % n);
  }
  /** Deploys a MerkleAirdrop over the tree, funds it with a fresh token, claims the picked indices; the average. */
  const run = async (vestingBps: number, vestingDuration: bigint): Promise<Gas> => {
    const snapshotId = await rpc<string>(d.url, 'evm_snapshot');
    const token = await deploy(admin, 'DevMetis', [admin]);
    const head = await rpc<{ timestamp: Hex }>(d.url, 'eth_getBlockByNumber', ['latest', false]);
    const airdrop = await deploy(admin, 'MerkleAirdrop', [
      token,
      built.root,
      BigInt(head.timestamp) + 180n * 86400n,
      d.roles.treasury,
      admin,
      vestingBps,
      vestingDuration,
    ]);
    await send(admin, call(token, artifact('DevMetis').abi, 'mint', [airdrop, BigInt(built.total)]), 'fund airdrop');
    const m = { ...d.manifest, contracts: { ...d.manifest.contracts, airdrop } };
    let sumUsed = 0;
    let sumExec = 0;
    for (const i of picks) {
      const r = recipients[i]!;
      const c = built.claims[r.account]!;
      const g = await send(
        claimer,
        claimAirdropTx(m as never, { index: BigInt(c.index), account: r.account, amount: BigInt(c.amount), proof: c.proof }),
        `claim ${i}`,
      );
      sumUsed += g.gasUsed;
      sumExec += g.exec;
    }
    await rpc(d.url, 'evm_revert', [snapshotId]);
    return { gasUsed: Math.round(sumUsed / picks.size), exec: Math.round(sumExec / picks.size) };
  };
  // the vesting parameters the devnet deploy uses (50% paid at claim, the rest over 90 days) ...
  gas.airdropClaimAvg = await run(5000, 90n * 86400n);
  log(`airdrop claim average over ${picks.size} (vesting 50%/90 days, as deployed): ${gas.airdropClaimAvg.gasUsed} gas`);
  // ... and without vesting, the same shape as Uniswap's MerkleDistributor claim, for comparison
  extra.airdropClaimAvgNoVesting = await run(0, 0n);
  log(`airdrop claim average over ${picks.size} (no vesting): ${extra.airdropClaimAvgNoVesting.gasUsed} gas`);
  notes.push(
    `airdrop: ${picks.size} random claims of a ${n}-leaf tree (proofs of ${built.claims[recipients[0]!.account]!.proof.length} hashes) by fresh recipients (token balance and most bitmap words go 0 -> non-zero)`,
  );
}

async function rpcCounts(): Promise<{ widgetRefresh: number; snapHomePage: number; widgetMethods: string[] }> {
  // the widget in Chromium on the partner page, with a counting provider (every request it makes to the wallet)
  const site = await servePartnerSite(d);
  const browser = await launchChromium(site);
  const wallet = e2eWallet(d, d.accounts[1]!.address);
  const snap = await startSnap(d);
  try {
    const p = await openPartnerPage(browser, wallet);
    const direct: string[] = [];
    p.page.on('request', (r) => {
      if (r.url().startsWith(d.url)) direct.push(r.postData() ?? '');
    });
    await p.page.locator('metis-stake-widget [part~=connect]').click();
    await p.page.locator('metis-stake-widget [part~=wallet]').first().click();
    // the connected account's figures are on screen and nothing is pending (the connection's own reads are
    // done: snap check, registry); then the window holds exactly one refresh
    await p.page.waitForFunction(() => {
      const w = (document.querySelector('metis-stake-widget') as any).wallet;
      return !!w.account && w.screen?.user?.account === w.account && !w.loading;
    });
    let seen = -1;
    while (seen !== wallet.calls.length + direct.length) {
      seen = wallet.calls.length + direct.length;
      await new Promise((r) => setTimeout(r, 500));
    }
    wallet.calls = [];
    direct.length = 0;
    await p.page.evaluate(async () => {
      const el = document.querySelector('metis-stake-widget') as any;
      await el.wallet.refresh();
    });
    const widgetMethods = [...wallet.calls.map((c) => c.method), ...direct.map((b) => `http:${(JSON.parse(b) as { method: string }).method}`)];
    await p.close();
    const before = snap.chainCalls.length;
    await snap.sim.onHomePage();
    const snapCalls = snap.chainCalls.slice(before);
    log(`widget refresh: ${widgetMethods.join(', ')}; snap home page: ${snapCalls.join(', ')}`);
    return { widgetRefresh: widgetMethods.length, snapHomePage: snapCalls.length, widgetMethods };
  } finally {
    await browser.close();
    await snap.close();
    await site.close();
  }
}

// ---------------------------------------------------------------- report
const k = (n: number) => `${(n / 1000).toFixed(1)}k`;
const pad = (s: string, n: number) => s.padEnd(n);

async function main(): Promise<void> {
  console.log('npm run bench: every figure below is measured in this run (anvil, shanghai; bundles built now).');
  if (!fs.existsSync(path.join(ARTIFACTS_DIR, 'BenchStakers.sol'))) build('build:contracts');
  build('build:widget');
  build('build:snap');
  const gz = (file: string) => gzipSync(fs.readFileSync(file), { level: 9 }).length;
  const widgetGzip = gz(WIDGET_BUNDLE);
  // the ES module build: lit, @lit/task and viem are its peers/dependencies (external), the bindings are inside
  const widgetEsmGzip = gz(path.join(path.dirname(WIDGET_BUNDLE), 'metis-stake-widget.js'));
  const snapGzip = gz(path.join(SNAP_DIR, 'dist', 'bundle.js'));

  d = await startTestDevnet({ seed: true });
  log(`devnet on ${d.url} (${secs()})`);
  try {
    const clean = await rpc<string>(d.url, 'evm_snapshot');
    await userPaths();
    const counts = await rpcCounts();
    await rpc(d.url, 'evm_revert', [clean]);
    const clean2 = await rpc<string>(d.url, 'evm_snapshot');
    await airdropClaims();
    await rpc(d.url, 'evm_revert', [clean2]);
    const clean3 = await rpc<string>(d.url, 'evm_snapshot');
    const clean3l1 = await rpc<string>(d.l1Url, 'evm_snapshot');
    await reportPath();
    // the stakes are on L1 now: 5,000 comes back by the fast path (a partial withdraw above the seat's minimum),
    // then 25,000 more than the seats can give without unlocking: the slow path
    const latency = {
      fast: await redemptionLatency('fast path', parseEther('5000'), 60, 200),
      slow: await redemptionLatency('slow path', parseEther('25000'), 6 * 3600, 200),
    };
    log(
      `redemption latency: fast ${latency.fast.seconds}s (lens ETA ${latency.fast.eta}s), slow ${latency.slow.seconds}s (ETA ${latency.slow.eta}s)`,
    );
    await rpc(d.url, 'evm_revert', [clean3]);
    await rpc(d.l1Url, 'evm_revert', [clean3l1]);
    await harvestScaling();

    const ratio = gas.harvest10000!.gasUsed / gas.harvest1!.gasUsed;
    type Row = [string, Gas | undefined, Gas | undefined, string, number | null];
    const rows: Row[] = [
      ['stake (native)', first.stake, gas.stake!, 'Lido submit 73k-90k', 48_000],
      ['  stakeErc20', undefined, extra.stakeErc20!, '(ERC-20 face, after approve)', null],
      ['stakeAndRestake', first.stakeAndRestake, gas.stakeAndRestake!, '-', 110_000],
      ['restake', first.restake, gas.restake!, '-', 65_000],
      ['requestRedemption', first.requestRedemption, gas.requestRedemption!, 'Lido requestWithdrawals 228k', 130_000],
      ['claimRedemption', first.claimRedemption, gas.claimRedemption!, 'Lido claim 89.8k', 65_000],
      ['airdropClaimAvg', undefined, gas.airdropClaimAvg!, 'Uniswap merkle claim 78.6k', 60_000],
      ['  (no vesting)', undefined, extra.airdropClaimAvgNoVesting!, 'Uniswap merkle claim 78.6k', 60_000],
      ['harvest1', undefined, gas.harvest1!, '-', null],
      ['harvest10000', undefined, gas.harvest10000!, '-', null],
      ['L1 rewards/seat', undefined, gas.l1RewardCyclePerSeat!, `withdrawRewards; +${l1RewardEthFee} wei ETH fee`, null],
      ['L1 report', undefined, gas.l1Report!, 'hub.report -> L1 messenger', null],
      ['L2 report', undefined, gas.l2ReceiveReport!, 'relayed receiveReport', null],
    ];
    const yes = (b: boolean) => (b ? 'yes' : 'NO');
    console.log('\nGas (receipt gasUsed = whole tx incl. 21k base + calldata, after refunds; exec = gasUsed - 21,000 - calldata gas)');
    console.log(
      `${pad('operation', 19)}${pad('first-time', 12)}${pad('returning', 11)}${pad('exec', 9)}${pad('anchor', 30)}${pad('target', 10)}${pad('met(tx)', 9)}met(exec)`,
    );
    for (const [name, f, r, anchor, target] of rows) {
      const g = (r ?? f)!; // exec and the target check use the returning figure when there is one
      console.log(
        `${pad(name, 19)}${pad(f ? k(f.gasUsed) : '-', 12)}${pad(r ? k(r.gasUsed) : '-', 11)}${pad(k(g.exec), 9)}${pad(anchor, 30)}${pad(target ? `<= ${k(target)}` : '-', 10)}${pad(target ? yes(g.gasUsed <= target) : '-', 9)}${target ? yes(g.exec <= target) : '-'}`,
      );
    }
    console.log(
      `${pad('harvest ratio', 19)}${pad('', 12)}${pad(ratio.toFixed(4), 11)}${pad('', 9)}${pad('10,000 vs 1 seMETIS stakers', 30)}${pad('<= 1.01', 10)}${yes(ratio <= 1.01)}`,
    );
    console.log('\nBundles (gzip -9 of the files built in this run)');
    const bundleRow = (name: string, bytes: number, anchor: string, budgetKb: number) =>
      console.log(
        `${pad(name, 19)}${pad(`${bytes} B`, 12)}${pad(`${(bytes / 1024).toFixed(1)} KB`, 11)}${pad('', 9)}${pad(anchor, 30)}${pad(`<= ${budgetKb} KB`, 10)}${yes(bytes <= budgetKb * 1024)}`,
      );
    bundleRow('widget IIFE', widgetGzip, 'Reown AppKit 74 KB gzip', BUDGETS.widgetIife);
    bundleRow('widget ESM', widgetEsmGzip, 'lit, viem external', BUDGETS.widgetEsm);
    bundleRow('snap bundle', snapGzip, '-', BUDGETS.snap);
    console.log('\nRPC calls');
    console.log(
      `${pad('widget refresh', 19)}${pad(String(counts.widgetRefresh), 12)}${pad('', 20)}${pad('at the provider (Chromium)', 30)}${pad('1', 10)}${yes(counts.widgetRefresh <= 1)}`,
    );
    console.log(
      `${pad('snap home page', 19)}${pad(String(counts.snapHomePage), 12)}${pad('', 20)}${pad('eth_* in the forwarder', 30)}${pad('1', 10)}${yes(counts.snapHomePage <= 1)}`,
    );
    console.log("\nRedemption latency (simulated time on the devnet: its windows are minutes, not Metis's days)");
    for (const [name, l] of Object.entries(latency))
      console.log(
        `${pad(`${name} path`, 19)}${pad(l.seconds < 0 ? 'not reached' : `${l.seconds} s`, 12)}${pad('', 20)}${pad(`lens ETA at request: ${l.eta} s`, 30)}${pad('<= ETA', 10)}${yes(l.eta > 0 && l.seconds >= 0 && l.seconds <= l.eta)}`,
      );
    for (const n of notes) console.log(`note: ${n}`);
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`suite: ${seconds}s`);
    const pick = (g: Record<string, Gas>, f: (x: Gas) => number) => Object.fromEntries(Object.entries(g).map(([n, x]) => [n, f(x)]));
    console.log(
      JSON.stringify({
        gas: pick(gas, (x) => x.gasUsed),
        gasExecution: pick(gas, (x) => x.exec),
        gasFirstTime: pick(first, (x) => x.gasUsed),
        gasExtra: pick(extra, (x) => x.gasUsed),
        harvestRatio: Number(ratio.toFixed(4)),
        l1RewardEthFeeWei: l1RewardEthFee.toString(),
        latency: {
          redemptionFastPath: latency.fast.seconds,
          redemptionSlowPath: latency.slow.seconds,
          etaFastPath: latency.fast.eta,
          etaSlowPath: latency.slow.eta,
        },
        bundle: { widgetGzip, widgetEsmGzip, snapGzip, budgetsKb: BUDGETS },
        rpc: { widgetRefresh: counts.widgetRefresh, snapHomePage: counts.snapHomePage },
        suite: { seconds },
      }),
    );
  } finally {
    await d.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
