/// <reference types="mocha" />
// A remembered connection: on load the widget asks the wallet for its already-authorised account with
// eth_accounts (no prompt), from the partner's `provider` or from window.ethereum; Disconnect forgets the
// account here; the wallet's accountsChanged/chainChanged are followed. The wallet is the shared test EIP-1193
// provider (test/helpers/test-wallet.ts): like MetaMask, eth_accounts answers [] until the site is authorised
// (`authorised`, set by eth_requestAccounts); only a wallet's UI cannot exist here, every read is on the devnet.
import { expect } from '@open-wc/testing';
import { numberToHex } from 'viem';
import { $, TestWallet, click, devnet, isolate, mount, text, until } from './helpers.js';

const win = window as { ethereum?: unknown };

describe('remembered connection', () => {
  isolate();
  afterEach(() => {
    delete win.ethereum;
    localStorage.clear();
  });

  it('a partner provider that is already connected shows its account on load, without a prompt', async () => {
    const { accounts, manifest } = await devnet();
    const wallet = new TestWallet(accounts[2]!);
    wallet.authorised = true;
    const { el, events } = await mount({ 'manifest-url': '/devnet/manifest.json' }, wallet);
    await until(() => el.wallet.screen?.user.account === accounts[2], 'restored account figures');
    await el.updateComplete;
    expect($(el, '[part~=connect]'), 'no "Connect wallet"').to.equal(null);
    expect(text(el, '[part~=account]')).to.equal(`Connected: ${accounts[2]!.slice(0, 6)}…${accounts[2]!.slice(-4)}`);
    expect(wallet.count('eth_requestAccounts'), 'no prompt').to.equal(0);
    expect(wallet.count('eth_accounts')).to.equal(1);
    expect(events.connected).to.have.length(1);
    expect(events.connected[0]!.detail).to.include({ account: accounts[2], chainId: manifest.chainId });
    // the restored account's figures are the load's one read (no second read of the same figures)
    await new Promise((r) => setTimeout(r, 300));
    const lens = manifest.contracts.lens.toLowerCase();
    expect(
      wallet.count('eth_call', (p) => (p as [{ to?: string }])[0]?.to?.toLowerCase() === lens),
      'lens reads on load',
    ).to.equal(1);
  });

  it('a partner provider that is not authorised stays "Connect wallet" (and reads its chain)', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[2]!);
    const { el, events } = await mount({ 'manifest-url': '/devnet/manifest.json' }, wallet);
    await until(() => el.wallet.screen, 'figures');
    await el.updateComplete;
    expect(wallet.count('eth_accounts')).to.equal(1);
    expect(el.wallet.account).to.equal(undefined);
    expect($(el, '[part~=connect]')).to.not.equal(null);
    expect(events.connected).to.have.length(0);
  });

  it('restores the injected wallet account; Disconnect forgets it here, also after a reload, until Connect', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[3]!);
    wallet.authorised = true;
    win.ethereum = wallet;
    const { el } = await mount({ 'manifest-url': '/devnet/manifest.json' });
    await until(() => el.wallet.screen?.user.account === accounts[3], 'restored from window.ethereum');
    await el.updateComplete;
    click(el, '[part~=disconnect]');
    await el.updateComplete;
    expect(el.wallet.account).to.equal(undefined);
    expect($(el, '[part~=connect]')).to.not.equal(null);
    el.remove();

    // a reload: the wallet still has the site authorised (no programmatic disconnect), the widget does not restore it
    const again = await mount({ 'manifest-url': '/devnet/manifest.json' });
    await until(() => again.el.wallet.screen, 'figures');
    await again.el.updateComplete;
    expect(again.el.wallet.account).to.equal(undefined);
    expect($(again.el, '[part~=connect]')).to.not.equal(null);
    // connecting again clears the forget flag
    click(again.el, '[part~=connect]');
    await again.el.updateComplete;
    click(again.el, '[data-wallet=injected]');
    await until(() => again.el.wallet.account === accounts[3], 'connected again');
    again.el.remove();
    const third = await mount({ 'manifest-url': '/devnet/manifest.json' });
    await until(() => third.el.wallet.account === accounts[3], 'restored after connecting again');
  });

  it('blocked storage (a sandboxed frame): the account is still restored and Disconnect still works', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[3]!);
    wallet.authorised = true;
    win.ethereum = wallet;
    const saved = { getItem: Storage.prototype.getItem, setItem: Storage.prototype.setItem, removeItem: Storage.prototype.removeItem };
    const blocked = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Object.assign(Storage.prototype, { getItem: blocked, setItem: blocked, removeItem: blocked });
    try {
      const { el } = await mount({ 'manifest-url': '/devnet/manifest.json' });
      await until(() => el.wallet.screen?.user.account === accounts[3], 'restored');
      await el.updateComplete;
      click(el, '[part~=disconnect]');
      await el.updateComplete;
      expect(el.wallet.account).to.equal(undefined);
      expect($(el, '[part~=connect]')).to.not.equal(null);
    } finally {
      Object.assign(Storage.prototype, saved);
    }
  });

  it('follows accountsChanged (a new account, or none) and chainChanged', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[2]!);
    wallet.authorised = true;
    const { el } = await mount({ 'manifest-url': '/devnet/manifest.json' }, wallet);
    await until(() => el.wallet.screen?.user.account === accounts[2], 'restored');
    wallet.account = accounts[4]!;
    wallet.emit('accountsChanged', [accounts[4]]);
    await until(() => el.wallet.screen?.user.account === accounts[4], 'figures of the new account');
    wallet.chainOverride = 1;
    wallet.emit('chainChanged', numberToHex(1));
    await until(() => el.wallet.wrongNetwork, 'wrong network');
    await el.updateComplete;
    expect($(el, '[part~=network]')).to.not.equal(null);
    wallet.emit('accountsChanged', []);
    await until(() => !el.wallet.account, 'disconnected in the wallet');
    await el.updateComplete;
    expect($(el, '[part~=connect]')).to.not.equal(null);
  });
});
