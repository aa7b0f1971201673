/// <reference types="mocha" />
// Issue 14.6 against the real devnet: transaction progress (a CSS spinner that stands still under reduced
// motion, polite status text, "Step n of 2" only where there are two steps, the hash as 0x1234…abcd linked to the
// manifest's explorer with the full hash in its title), "Add eMETIS / seMETIS to wallet" (EIP-747
// wallet_watchAsset; a refusal or a wallet without it is a quiet note), claimed tickets staying listed, and dates
// in the widget's language (medium date, short time, no seconds).
// The wallet is the shared test EIP-1193 provider over anvil's unlocked accounts; helpers.ts's TestWallet also
// plays MetaMask's wallet_watchAsset prompt (UI, which cannot exist here). Every transaction is real on the devnet.
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { Hex } from 'viem';
import type { MetisStakeWidget } from '@metis-liquid-staking/widget';
import { $, TestWallet, click, connected, devnet, isolate, keeperTick, settled, text, type, until } from './helpers.js';

const dateIn = (locale: string, seconds: bigint) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(Number(seconds) * 1000);

/** Every text the status region showed, in order (one entry per change). */
function statusLog(el: MetisStakeWidget): string[] {
  const log: string[] = [];
  const region = $(el, '[part~=status]')!;
  new MutationObserver(() => {
    const t = (region.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t && t !== log[log.length - 1]) log.push(t);
  }).observe(region, { subtree: true, childList: true, characterData: true });
  return log;
}

/** Holds the wallet's answers to `method` until the returned function is called. */
function hold(wallet: TestWallet, method: string): () => void {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const orig = wallet.request.bind(wallet);
  wallet.request = async (a) => {
    if (a.method === method) await gate;
    return orig(a);
  };
  return release;
}

async function stakeVia(el: MetisStakeWidget, amount: string, restake: boolean) {
  el.restake = restake;
  await el.selectTab('stake');
  type(el, '#stake', amount);
  click(el, '[data-action=stake]');
  expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
}

describe('transaction progress', () => {
  isolate();

  it('spins while waiting for the wallet and the chain (still under reduced motion), shows the hash short, linked to the explorer', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[1]!);
    const { el } = await connected(wallet, { 'manifest-url': '/devnet/explorer/manifest.json' });
    const releaseSend = hold(wallet, 'eth_sendTransaction');
    type(el, '#stake', '1');
    click(el, '[data-action=stake]');
    await until(() => el.tx.stage.kind === 'sign', 'sign stage');
    await el.updateComplete;
    const status = $(el, '[part~=status]')!;
    expect(status.getAttribute('role')).to.equal('status');
    expect(status.getAttribute('aria-live')).to.equal('polite');
    // one step: no "Step 1 of 1"
    expect(text(el, '[data-stage=sign]')).to.equal('Confirm Stake. Confirm in your wallet.');
    const spinner = $(el, '[data-stage=sign] .spinner')!;
    expect(spinner, 'spinner while the wallet asks').to.not.equal(null);
    expect(spinner.getAttribute('aria-hidden')).to.equal('true');
    expect(getComputedStyle(spinner).animationName).to.equal('spin');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(spinner).animationName, 'reduced motion: no spinning').to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }

    const releaseReceipt = hold(wallet, 'eth_getTransactionReceipt');
    releaseSend();
    await until(() => el.tx.stage.kind === 'pending', 'pending stage');
    await el.updateComplete;
    const hash = (el.tx.stage as { hash: Hex }).hash;
    expect($(el, '[data-stage=pending] .spinner'), 'spinner while confirming').to.not.equal(null);
    const a = $<HTMLAnchorElement>(el, '[data-stage=pending] a')!;
    expect(a.textContent!.trim()).to.equal(`${hash.slice(0, 6)}…${hash.slice(-4)}`);
    expect(a.href).to.equal(`https://explorer.devnet.test/tx/${hash}`);
    expect(a.title).to.equal(hash);
    expect(text(el, '[data-stage=pending]')).to.equal(`Transaction pending: ${hash.slice(0, 6)}…${hash.slice(-4)}`);
    await expect(el).to.be.accessible();
    releaseReceipt();
    expect((await settled(el)).kind).to.equal('success');
    expect($(el, '.spinner'), 'no spinner once done').to.equal(null);
  });

  it('says "Step 1 of 2" / "Step 2 of 2" for approve then deposit; without an explorer the short hash carries the full one in its title', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[2]!);
    const { el } = await connected(wallet);
    await stakeVia(el, '3', false);
    await el.selectTab('restake');
    const log = statusLog(el);
    const hashes: Hex[] = [];
    el.addEventListener('metis-stake:submitted', (e) => hashes.push((e as CustomEvent).detail.hash));
    let titled = '';
    const releaseReceipt = hold(wallet, 'eth_getTransactionReceipt');
    type(el, '#restake', '2');
    click(el, '[data-action=restake]');
    await until(() => el.tx.stage.kind === 'pending', 'first pending stage');
    await el.updateComplete;
    titled = $(el, '[data-stage=pending] span[title]')?.title ?? '';
    releaseReceipt();
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect(titled).to.equal(hashes[0]);
    const short = (h: Hex) => `${h.slice(0, 6)}…${h.slice(-4)}`;
    // the step list above the line names both steps; the line says which one is running
    const lines = log.map((l) => l.replace(/^Approve eMETIS ?Confirm Restake /, ''));
    expect(lines).to.include.members([
      'Step 1 of 2: Approve eMETIS. Confirm in your wallet.',
      `Step 1 of 2: Transaction pending: ${short(hashes[0]!)}`,
      'Step 2 of 2: Confirm Restake. Confirm in your wallet.',
      `Step 2 of 2: Transaction pending: ${short(hashes[1]!)}`,
    ]);
    expect(
      log.some((l) => l.includes(hashes[0]!)),
      'never the raw 66-character hash',
    ).to.equal(false);
  });

  it('Japanese: no step number for one step, ステップ 1/2 for two', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[3]!);
    const { el } = await connected(wallet, { lang: 'ja' });
    const releaseStake = hold(wallet, 'eth_sendTransaction');
    el.restake = false;
    type(el, '#stake', '3');
    click(el, '[data-action=stake]');
    await until(() => el.tx.stage.kind === 'sign', 'sign stage');
    await el.updateComplete;
    expect(text(el, '[data-stage=sign]')).to.equal('ステーク を確認。ウォレットで確認してください。');
    releaseStake();
    expect((await settled(el)).kind).to.equal('success');
    await el.selectTab('restake');
    const releaseSend = hold(wallet, 'eth_sendTransaction');
    type(el, '#restake', '1');
    click(el, '[data-action=restake]');
    await until(() => el.tx.stage.kind === 'sign', 'sign stage');
    await el.updateComplete;
    expect(text(el, '[data-stage=sign]')).to.equal('ステップ 1/2: eMETIS を承認。ウォレットで確認してください。');
    releaseSend();
    expect((await settled(el)).kind).to.equal('success');
  });
});

describe('add eMETIS / seMETIS to the wallet (EIP-747)', () => {
  isolate();

  it('after a stake: wallet_watchAsset with the manifest address, symbol and decimals (no image)', async () => {
    const { accounts, manifest } = await devnet();
    const wallet = new TestWallet(accounts[1]!);
    const { el, events } = await connected(wallet);
    await stakeVia(el, '2', true);
    expect(text(el, '[data-watch=seMETIS]')).to.equal('Add seMETIS to wallet');
    click(el, '[data-watch=seMETIS]');
    await until(() => $(el, '[data-watch-note=seMETIS]'), 'note');
    expect(wallet.watched).to.deep.equal([{ type: 'ERC20', options: { address: manifest.contracts.seMetis, symbol: 'seMETIS', decimals: 24 } }]);
    expect(text(el, '[data-watch-note=seMETIS]')).to.equal('seMETIS added to your wallet.');
    expect(events.errors).to.have.length(0);
    await expect(el).to.be.accessible();

    // eMETIS alone: the eMETIS button
    await stakeVia(el, '1', false);
    click(el, '[data-watch=eMETIS]');
    await until(() => wallet.watched.length === 2, 'second watch');
    expect(wallet.watched[1]).to.deep.equal({ type: 'ERC20', options: { address: manifest.contracts.eMetis, symbol: 'eMETIS', decimals: 18 } });
  });

  it('on the Rewards tab; a refusal (4001) or a wallet without the method is a quiet note, never an error', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[2]!);
    const { el, events } = await connected(wallet);
    await el.selectTab('rewards');
    await el.updateComplete;
    expect(text(el, '[data-watch=eMETIS]')).to.equal('Add eMETIS to wallet');
    expect(text(el, '[data-watch=seMETIS]')).to.equal('Add seMETIS to wallet');

    wallet.reject.add('wallet_watchAsset');
    click(el, '[data-watch=eMETIS]');
    await until(() => $(el, '[data-watch-note=eMETIS]'), 'note');
    expect(text(el, '[data-watch-note=eMETIS]')).to.equal('eMETIS was not added.');

    wallet.reject.delete('wallet_watchAsset');
    wallet.watchAsset = false;
    click(el, '[data-watch=seMETIS]');
    await until(() => $(el, '[data-watch-note=seMETIS]'), 'note');
    expect(text(el, '[data-watch-note=seMETIS]')).to.equal('seMETIS was not added.');
    expect(el.tx.stage.kind).to.equal('idle');
    expect($(el, '[data-stage=failed]')).to.equal(null);
    expect(events.errors).to.have.length(0);
  });

  it('Japanese labels and notes', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[3]!);
    const { el } = await connected(wallet, { lang: 'ja' });
    await el.selectTab('rewards');
    await el.updateComplete;
    expect(text(el, '[data-watch=seMETIS]')).to.equal('seMETIS をウォレットに追加');
    click(el, '[data-watch=seMETIS]');
    await until(() => $(el, '[data-watch-note=seMETIS]'), 'note');
    expect(text(el, '[data-watch-note=seMETIS]')).to.equal('seMETIS をウォレットに追加しました。');
  });
});

describe('redemption tickets and dates', () => {
  isolate();

  it('a claimed ticket stays listed as claimed, with its amount and date (the lens lists open tickets only)', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[4]!);
    const { el } = await connected(wallet);
    await stakeVia(el, '20', false);
    await el.selectTab('redeem');
    type(el, '#redeem', '5');
    click(el, '[data-action=redeem]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    const id = el.wallet.screen!.user.tickets[0]!.id;
    await keeperTick();
    await el.wallet.refresh();
    await el.updateComplete;
    expect($(el, `[data-ticket="${id}"]`)!.dataset.status).to.equal('claimable');
    click(el, `[data-action="claim-${id}"]`);
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    await el.updateComplete;
    expect(el.wallet.screen!.user.tickets, 'the lens no longer returns it').to.have.length(0);
    const li = $(el, `[data-ticket="${id}"]`);
    expect(li, text(el, '[data-tab=redeem]')).to.not.equal(null);
    expect(li!.dataset.status).to.equal('claimed');
    const at = el.wallet.screen!.protocol.timestamp;
    expect(text(el, `[data-ticket="${id}"]`)).to.equal(`Ticket #${id}: 5 eMETIS → 5 METIS, claimed ${dateIn('en', at)}`);
    expect(text(el, '[data-tab=redeem]')).to.not.contain('No tickets yet');
    // still there after the next refresh
    await el.wallet.refresh();
    await el.updateComplete;
    expect($(el, `[data-ticket="${id}"]`)?.dataset.status).to.equal('claimed');
  });

  it('dates follow the widget language and locale: medium date, short time, no seconds', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[5]!);
    const { el } = await connected(wallet, { lang: 'ja' });
    await stakeVia(el, '5', false);
    await el.selectTab('redeem');
    type(el, '#redeem', '1');
    await el.updateComplete;
    const p = el.wallet.screen!.protocol;
    const ja = dateIn('ja', p.timestamp + p.fastPathDelay);
    expect(text(el, '#redeem-hint')).to.contain(`${ja} 頃に受取可能 (高速経路)`);
    expect(text(el, '#redeem-hint'), 'no seconds').to.not.match(/\d:\d\d:\d\d/);

    el.removeAttribute('lang');
    el.locale = 'en-GB';
    await el.updateComplete;
    const gb = dateIn('en-GB', p.timestamp + p.fastPathDelay);
    expect(gb).to.not.equal(dateIn('en-US', p.timestamp + p.fastPathDelay));
    expect(text(el, '#redeem-hint')).to.contain(`ready ~${gb} (fast path)`);
    expect(text(el, '#redeem-hint'), 'no seconds').to.not.match(/\d:\d\d:\d\d/);
  });
});
