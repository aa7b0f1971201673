/// <reference types="mocha" />
// The snap serves only the origins registered (and active) in the on-chain PartnerRegistry, so the widget
// offers it only on such a page (partnerOf(location.origin) on the devnet's real registry); and whenever the
// snap refuses (4100 unauthorised, an error inside the snap, the user declining the install) the action goes
// the direct way instead, with a short note. The "snap" is a function in the test playing MetaMask's answers
// (test/helpers/test-wallet.ts); the registry, the stake and the restake are real on the devnet.
import { expect } from '@open-wc/testing';
import { erc20Abi, parseEther } from 'viem';
import { DEFAULT_SNAP_ID } from '@metis-liquid-staking/widget';
import { $, TestWallet, click, connected, devnet, isolate, read, registerPage, settled, text, type, until } from './helpers.js';

const refuse = (code: number, message: string) => async () => {
  throw Object.assign(new Error(message), { code });
};

function snapWallet(user: `0x${string}`, installed: boolean) {
  const wallet = new TestWallet(user);
  wallet.snap = { id: DEFAULT_SNAP_ID, installed, invoke: async () => true };
  return wallet;
}

describe('snap only where it serves the site, and the direct fallback', () => {
  isolate();

  it('an origin that is not registered (or is deactivated) gets no snap offer', async () => {
    const { accounts } = await devnet();
    const wallet = snapWallet(accounts[1]!, false);
    const { el } = await connected(wallet);
    expect(el.wallet.snap).to.equal('none');
    expect($(el, '[data-action=snap]')).to.equal(null);
    el.remove();

    await registerPage({ active: false });
    const again = await connected(snapWallet(accounts[1]!, false));
    expect(again.el.wallet.snap).to.equal('none');
    expect($(again.el, '[data-action=snap]')).to.equal(null);
  });

  it('a registered, active origin gets the offer', async () => {
    await registerPage();
    const { accounts } = await devnet();
    const { el } = await connected(snapWallet(accounts[1]!, false));
    expect(el.wallet.snap).to.equal('available');
    expect($(el, '[data-action=snap]')).to.not.equal(null);
  });

  it('a snap refusal (4100) falls back: the stake completes directly, with a note', async () => {
    await registerPage();
    const { accounts, manifest } = await devnet();
    const user = accounts[1]!;
    const wallet = snapWallet(user, true);
    wallet.snap!.invoke = refuse(4100, 'The requested account and/or method has not been authorized by the user.');
    const { el } = await connected(wallet);
    el.restake = false; // plain stake (eMETIS)
    expect(el.wallet.snap).to.equal('installed');
    const before = await read<bigint>(manifest.contracts.eMetis, erc20Abi, 'balanceOf', [user]);
    type(el, '#stake', '2');
    click(el, '[data-action=stake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect(wallet.snapMethods).to.include('stake');
    expect(await read<bigint>(manifest.contracts.eMetis, erc20Abi, 'balanceOf', [user])).to.equal(before + parseEther('2'));
    const sent = wallet.calls.filter((c) => c.method === 'eth_sendTransaction').map((c) => (c.params as [{ to: string }])[0].to.toLowerCase());
    expect(sent).to.deep.equal([manifest.contracts.stakingManager.toLowerCase()]);
    expect(text(el, '[data-snap=fallback]')).to.equal('Sent directly (snap unavailable).');
    expect(text(el, '[part~=status]')).to.not.contain('denied');
  });

  it('an error inside the snap falls back for restake too (approval, then deposit, directly)', async () => {
    await registerPage();
    const { accounts, manifest } = await devnet();
    const user = accounts[1]!;
    const wallet = snapWallet(user, true);
    wallet.snap!.invoke = refuse(-32603, 'Snap crashed');
    const { el } = await connected(wallet);
    el.restake = false; // eMETIS first, to restake below
    type(el, '#stake', '2');
    click(el, '[data-action=stake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    click(el, '#tab-restake');
    await el.updateComplete;
    type(el, '#restake', '1');
    click(el, '[data-action=restake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect((await read<bigint>(manifest.contracts.seMetis, erc20Abi, 'balanceOf', [user])) > 0n).to.equal(true);
    expect(wallet.snapMethods.filter((m) => m !== 'rememberAirdropClaim')).to.deep.equal(['stake', 'restake']);
  });

  it('declining the install is a note, not an error; staking still works directly', async () => {
    await registerPage();
    const { accounts } = await devnet();
    const wallet = snapWallet(accounts[1]!, false);
    wallet.reject.add('wallet_requestSnaps');
    const { el, events } = await connected(wallet);
    click(el, '[data-action=snap]');
    await until(() => el.wallet.snapNote, 'note');
    await el.updateComplete;
    expect(el.tx.stage.kind).to.equal('idle');
    expect(events.errors).to.have.length(0);
    expect($(el, '[data-snap=fallback]')).to.not.equal(null);
    type(el, '#stake', '1');
    click(el, '[data-action=stake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect(wallet.count('wallet_invokeSnap', (p) => (p as { request: { method: string } }).request.method === 'stake')).to.equal(0);
  });
});
