/// <reference types="mocha" />
// Restake, Redeem, Rewards and Airdrop tabs against the real devnet: each happy path sends real
// transactions and checks on-chain state (independent eth_calls) and the figures the widget shows.
// The wallet is the shared test EIP-1193 provider over anvil's unlocked accounts (test/helpers/test-wallet.ts): only a wallet's UI
// cannot exist here; every transaction and signature is real on the devnet chain.
import { expect } from '@open-wc/testing';
import { erc20Abi, formatEther, type Address } from 'viem';
import { formatAmount, formatBps, sharePricePerToken } from '@metis-liquid-staking/contracts';
import { redemptionQueueAbi } from '@metis-liquid-staking/contracts/abis';
import {
  $,
  TestWallet,
  click,
  connected,
  devnet,
  isolate,
  keeperTick,
  read,
  rewardCycle,
  settleDevnet,
  settled,
  text,
  type,
  until,
} from './helpers.js';
import type { MetisStakeWidget } from '@metis-liquid-staking/widget';

const E18 = 10n ** 18n;
/** The widget's English dates: medium date, short time, no seconds (progress.test.ts). */
const enDate = (s: bigint) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(Number(s) * 1000);

async function stakeVia(el: MetisStakeWidget, amount: string, restake = false) {
  await el.selectTab('stake');
  await el.updateComplete;
  if (restake !== el.restake) ($(el, '[part~=toggle]') as HTMLInputElement).click();
  type(el, '#stake', amount);
  await el.updateComplete;
  click(el, '[data-action=stake]');
  const s = await settled(el);
  expect(s.kind, text(el, '[part~=status]')).to.equal('success');
}

async function openTab(el: MetisStakeWidget, tab: string) {
  click(el, `#tab-${tab}`);
  await el.updateComplete;
}

describe('restake tab', () => {
  isolate();

  it('deposits eMETIS into seMETIS (approve + deposit) and redeems the shares back', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[1]!;
    const wallet = new TestWallet(user);
    const { el, events } = await connected(wallet);
    await stakeVia(el, '10');
    await openTab(el, 'restake');
    expect(text(el, '#restake-hint')).to.contain('10 eMETIS');
    type(el, '#restake', '4');
    click(el, '[data-action=restake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    const shares = await read<bigint>(manifest.contracts.seMetis, erc20Abi, 'balanceOf', [user]);
    expect(shares).to.equal(4n * 10n ** 24n); // 24-decimal shares at a 1:1 price
    expect(await read<bigint>(manifest.contracts.eMetis, erc20Abi, 'balanceOf', [user])).to.equal(6n * E18);
    expect(text(el, '[part~=status]')).to.contain('seMETIS: 0 → 4');
    expect(events.confirmed.at(-1)!.detail.action).to.equal('restake');

    // back: seMETIS -> eMETIS
    ($(el, 'input[name=restake-dir]:not(:checked)') as HTMLInputElement).click();
    await el.updateComplete;
    expect(text(el, '#restake-hint')).to.contain('4 seMETIS');
    click(el, '[part~=max]');
    await el.updateComplete;
    click(el, '[data-action=restake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect(await read<bigint>(manifest.contracts.seMetis, erc20Abi, 'balanceOf', [user])).to.equal(0n);
    expect(await read<bigint>(manifest.contracts.eMetis, erc20Abi, 'balanceOf', [user])).to.equal(10n * E18);
    expect(events.confirmed.at(-1)!.detail.action).to.equal('unstake');
  });
});

describe('redeem tab', () => {
  isolate();

  it('shows the honest ETA before requesting, requests with an eMETIS permit (no approve tx), lists the ticket with its ETA, claims it once funded', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[2]!;
    const wallet = new TestWallet(user);
    const { el } = await connected(wallet);
    await stakeVia(el, '20');
    await openTab(el, 'redeem');
    type(el, '#redeem', '5');
    await el.updateComplete;
    // the 20 METIS just staked sit in the L2 buffer: 5 is covered, the fast path
    const p = el.wallet.screen!.protocol;
    const fastDate = enDate(p.timestamp + p.fastPathDelay);
    expect(text(el, '#redeem-hint')).to.contain(`You receive about 5 METIS, ready ~${fastDate} (fast path)`);
    // more than the buffer and what can come back without an exit delay is more than this account holds: no
    // preview for an amount that cannot be sent (validation.test.ts); the slow path's wait is redemptionEta's
    // (bindings tests) and shows on a pending ticket once an L1 report gives the lens its eta
    const big = p.buffered + p.fastCapacity + 1n;
    type(el, '#redeem', formatEther(big));
    await el.updateComplete;
    expect(p.slowPathDelay >= p.fastPathDelay).to.equal(true);
    expect(text(el, '#redeem-hint')).to.not.contain('You receive');
    expect(text(el, '[data-action=redeem]')).to.equal('Insufficient eMETIS balance');

    type(el, '#redeem', '5');
    const sends = wallet.count('eth_sendTransaction');
    const sigs = wallet.count('eth_signTypedData_v4');
    click(el, '[data-action=redeem]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect(wallet.count('eth_signTypedData_v4') - sigs).to.equal(1);
    expect(wallet.count('eth_sendTransaction') - sends, 'one transaction: requestRedemptionWithPermit').to.equal(1);

    const [ids] = await read<readonly [readonly bigint[], bigint]>(manifest.contracts.redemptionQueue, redemptionQueueAbi, 'ticketsOf', [
      user,
      0n,
      10n,
    ]);
    expect(ids).to.have.length(1);
    expect(await read<bigint>(manifest.contracts.eMetis, erc20Abi, 'balanceOf', [user])).to.equal(15n * E18);
    await el.updateComplete;
    const t = el.wallet.screen!.user.tickets.find((k) => k.id === ids[0])!;
    expect(t.fastPath).to.equal(true);
    expect(t.eta > 0n).to.equal(true);
    const li = $(el, `[data-ticket="${ids[0]}"]`)!;
    expect(li.dataset.status).to.equal('pending');
    expect(li.textContent).to.contain('5 eMETIS');
    expect(li.textContent).to.contain(`ready ~${enDate(t.eta)} (fast path)`);
    expect($(el, `[data-action="claim-${ids[0]}"]`)).to.equal(null);

    // the keeper funds the queue from the L2 buffer: claimable at once
    const actions = await keeperTick();
    expect(
      actions.some((a) => a.kind === 'fund' && a.tx),
      JSON.stringify(actions),
    ).to.equal(true);
    await el.wallet.refresh();
    await el.updateComplete;
    const funded = $(el, `[data-ticket="${ids[0]}"]`)!;
    expect(funded.dataset.status).to.equal('claimable');
    expect(funded.textContent).to.contain('claimable');
    const metisBefore = await read<bigint>(manifest.contracts.metis, erc20Abi, 'balanceOf', [user]);
    click(el, `[data-action="claim-${ids[0]}"]`);
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    // METIS is the gas token: the claim's own gas comes out of the same balance
    const got = (await read<bigint>(manifest.contracts.metis, erc20Abi, 'balanceOf', [user])) - metisBefore;
    expect(got > 499n * (E18 / 100n) && got <= 5n * E18, `received ${got}`).to.equal(true);
    await el.updateComplete;
    expect($(el, `[data-ticket="${ids[0]}"]`)?.dataset.status ?? 'claimed').to.equal('claimed');
  });

  it('falls back to approve-then-request when the wallet cannot sign typed data', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[3]!;
    const wallet = new TestWallet(user);
    const { el } = await connected(wallet);
    await stakeVia(el, '2');
    await openTab(el, 'redeem');
    const orig = wallet.request.bind(wallet);
    wallet.request = async (a) => {
      if (a.method === 'eth_signTypedData_v4') throw Object.assign(new Error('method not supported'), { code: 4200 });
      return orig(a);
    };
    type(el, '#redeem', '1');
    const sends = wallet.count('eth_sendTransaction');
    click(el, '[data-action=redeem]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect(wallet.count('eth_sendTransaction') - sends, 'approve + request').to.equal(2);
    const [ids] = await read<readonly [readonly bigint[], bigint]>(manifest.contracts.redemptionQueue, redemptionQueueAbi, 'ticketsOf', [
      user,
      0n,
      10n,
    ]);
    expect(ids).to.have.length(1);
  });
});

describe('rewards tab', () => {
  isolate();

  it('shows APR, share price, rewards earned to date and the L1 side (seats, METIS locked, in flight) as the lens reports them after real rewards', async function () {
    this.timeout(180000);
    const { accounts, manifest } = await devnet();
    const user = accounts[4]!;
    const wallet = new TestWallet(user);
    const { el } = await connected(wallet);
    // enough to open a node seat so the pool pays rewards, restaked to earn them
    await stakeVia(el, '25000', true);
    await el.wallet.refresh();
    await openTab(el, 'rewards');
    // before the keeper: nothing on L1 yet for this stake, nothing in flight
    const before = el.wallet.screen!.protocol;
    expect(text(el, '[data-figure=inFlight] dd')).to.equal(`${formatAmount(before.inFlightToL1 + before.inFlightToL2)} METIS`);

    // the keeper bridges the buffer to L1, the relayer carries it (Metis's bridge is played by the devnet's
    // models and relayer), the hub opens a node seat, its report comes back to L2
    const allocated = await settleDevnet({ maxRounds: 12 });
    expect(
      allocated.actions.some((a) => (a.kind === 'open' || a.kind === 'topUp') && a.tx),
      JSON.stringify(allocated.actions.map((a) => a.kind)),
    ).to.equal(true);
    // the sequencers produce blocks; the devnet MPC pays the reward batch on L1; the hub bridges it to L2; the
    // keeper harvests it into seMETIS, and it streams in
    await rewardCycle(el);
    const { protocol: p, user: u } = el.wallet.screen!;
    expect(u.rewardsEarned > 0n, 'rewards earned on-chain').to.equal(true);
    expect(p.totalLocked > before.totalLocked, 'more METIS locked on L1').to.equal(true);
    expect(p.activeSeats > 0n).to.equal(true);
    expect(text(el, '[data-figure=apr] dd')).to.equal(formatBps(p.aprBps));
    const price = sharePricePerToken(p);
    expect(text(el, '[data-figure=sharePrice] dd')).to.equal(`1 seMETIS = ${price % 10n ** 8n ? '≈' : ''}${formatAmount(price, 10)} eMETIS`);
    expect(sharePricePerToken(p) > E18, 'share price grew').to.equal(true);
    expect(text(el, '[data-figure=earned] dd')).to.equal(`${formatAmount(u.rewardsEarned, 6)} eMETIS`);
    const shares = await read<bigint>(manifest.contracts.seMetis, erc20Abi, 'balanceOf', [user]);
    expect(text(el, '[data-figure=position] dd')).to.contain(`${formatAmount(shares, 4, 24)} seMETIS`);
    expect(text(el, '[data-figure=fee] dd')).to.equal('10.00%');
    expect(text(el, '[data-figure=seats] dd')).to.equal(String(p.activeSeats));
    expect(text(el, '[data-figure=l1Locked] dd')).to.equal(`${formatAmount(p.totalLocked)} METIS`);
    expect(text(el, '[data-figure=inFlight] dd')).to.equal(`${formatAmount(p.inFlightToL1 + p.inFlightToL2)} METIS`);
  });
});

describe('airdrop tab', () => {
  isolate();

  it('shows eligibility from the proofs file and claims on-chain; then shows it as claimed', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[1]!;
    const wallet = new TestWallet(user);
    const { el } = await connected(wallet);
    await until(() => el.wallet.proofs, 'proofs');
    await openTab(el, 'airdrop');
    expect($(el, '[data-airdrop]')!.dataset.airdrop).to.equal('eligible');
    expect(text(el, '[part~=panel]')).to.contain('25,000');
    const gov = manifest.contracts.governanceToken as Address;
    const before = await read<bigint>(gov, erc20Abi, 'balanceOf', [user]);
    click(el, '[data-action=airdrop]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    const after = await read<bigint>(gov, erc20Abi, 'balanceOf', [user]);
    expect(after > before, 'governance tokens received').to.equal(true);
    await el.updateComplete;
    expect($(el, '[data-airdrop]')!.dataset.airdrop).to.equal('claimed');
    expect(text(el, '[part~=status]')).to.contain(`MLSD: 0 → ${formatAmount(after)}`);
  });

  it('resolves a relative proofsUrl against the manifest URL (not the partner page)', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[3]!);
    const { el } = await connected(wallet, { 'manifest-url': '/devnet/sub/manifest.json' });
    await until(() => el.wallet.proofs, 'proofs from /devnet/sub/proofs.json');
    await openTab(el, 'airdrop');
    expect($(el, '[data-airdrop]')!.dataset.airdrop).to.equal('eligible');
    expect(text(el, '[part~=panel]')).to.contain('5,000');
  });

  it('tells an account outside the airdrop that it is not eligible', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[9]!);
    const { el } = await connected(wallet);
    await until(() => el.wallet.proofs, 'proofs');
    await openTab(el, 'airdrop');
    expect($(el, '[data-airdrop]')!.dataset.airdrop).to.equal('none');
    expect(text(el, '[part~=panel]')).to.equal('This account is not in the airdrop.');
  });
});
