/// <reference types="mocha" />
// Live figures: the widget refreshes the lens figures every `pollMs` while the page is visible (one lens
// eth_call per refresh), not while it is hidden; when a refresh fails (the test wallet cuts its RPC, as a
// dead node or a lost connection does) the figures are marked stale (`data-stale` on the container, a short
// note) instead of silently showing old numbers, and the mark goes once the RPC answers again.
import { expect } from '@open-wc/testing';
import { parseEther } from 'viem';
import { stakeTx, type Manifest } from '@metis-liquid-staking/contracts';
import { $, TestWallet, chain, connected, devnet, isolate, until } from './helpers.js';

/** eth_calls to the lens (the figures' one read per refresh). */
const lensCalls = (wallet: TestWallet, m: Manifest) =>
  wallet.count('eth_call', (p) => (p as [{ to?: string }])[0]?.to?.toLowerCase() === m.contracts.lens.toLowerCase());

function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
}

describe('live figures', () => {
  isolate();
  afterEach(() => delete (document as { hidden?: boolean }).hidden);

  it('refreshes while visible: a stake made elsewhere shows up without any click, one lens call per refresh', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[1]!;
    const wallet = new TestWallet(user);
    const { el } = await connected(wallet);
    el.wallet.pollMs = 300;
    const before = el.wallet.screen!.user.eMetisBalance;
    // the same account stakes from another tab / wallet UI, behind the widget's back
    const tx = stakeTx(manifest, { amount: parseEther('3'), receiver: user });
    const c = await chain();
    await c.waitForTransactionReceipt({ hash: await c.sendUnsignedTransaction({ from: user, to: tx.to, data: tx.data, value: tx.value }) });
    await until(() => el.wallet.screen!.user.eMetisBalance === before + parseEther('3'), 'the new balance', 5000);
    const calls = lensCalls(wallet, manifest);
    const reads = wallet.count('eth_call');
    await until(() => lensCalls(wallet, manifest) >= calls + 2, 'two more refreshes', 5000);
    expect(wallet.count('eth_call') - reads, 'only the lens is read').to.equal(lensCalls(wallet, manifest) - calls);
  });

  it('does not poll while the page is hidden, and refreshes when it is shown again', async () => {
    const { accounts, manifest } = await devnet();
    const wallet = new TestWallet(accounts[1]!);
    const { el } = await connected(wallet);
    setHidden(true);
    el.wallet.pollMs = 200;
    await new Promise((r) => setTimeout(r, 300));
    const calls = lensCalls(wallet, manifest);
    await new Promise((r) => setTimeout(r, 2500));
    expect(lensCalls(wallet, manifest), 'no refresh while hidden').to.equal(calls);
    setHidden(false);
    await until(() => lensCalls(wallet, manifest) > calls, 'a refresh once visible', 3000);
  });

  it('marks the figures stale while the RPC is down and recovers when it answers again', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[1]!);
    const { el, events } = await connected(wallet);
    expect($(el, '[part~=container]')!.hasAttribute('data-stale')).to.equal(false);
    el.wallet.pollMs = 200;
    wallet.down = true;
    await until(() => el.wallet.stale, 'stale', 5000);
    await el.updateComplete;
    const box = $(el, '[part~=container]')!;
    expect(box.hasAttribute('data-stale')).to.equal(true);
    expect($(el, '[part~=stale]')!.textContent!.trim()).to.equal('Figures may be out of date.');
    expect($(el, '[part~=banner][part~=error]'), 'a note, not the load-error banner').to.equal(null);
    expect(el.wallet.screen, 'the old figures stay, marked').to.not.equal(undefined);
    // further failed refreshes while it stays down: one error event for the outage
    await new Promise((r) => setTimeout(r, 2500));
    expect(events.errors.filter((e) => e.detail.action === 'refresh')).to.have.length(1);
    expect(events.errors[0]!.detail.code).to.equal('rpc-unreachable');

    wallet.down = false;
    await until(() => !el.wallet.stale, 'fresh again', 5000);
    await el.updateComplete;
    expect(box.hasAttribute('data-stale')).to.equal(false);
    expect($(el, '[part~=stale]')).to.equal(null);
  });
});
