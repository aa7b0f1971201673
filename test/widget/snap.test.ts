/// <reference types="mocha" />
// MetaMask with snap support: the widget offers the snap, installs it with wallet_requestSnaps and then
// routes stake/restake through wallet_invokeSnap and sends the returned transaction itself.
// The "snap" here is a function in the test that returns exactly the transaction the real snap returns
// ({ from, to, data, value, chainId }, built with the same bindings); bridging the real snap into the
// browser is a later end-to-end issue.
// The wallet is the shared test EIP-1193 provider over anvil's unlocked accounts (test/helpers/test-wallet.ts):
// only a wallet's UI cannot exist here; every transaction and signature is real on the devnet chain.
import { expect } from '@open-wc/testing';
import { erc20Abi, type Address } from 'viem';
import { approveTx, parseAmount, parseManifest, restakeTx, stakeTx } from '@metis-liquid-staking/contracts';
import { DEFAULT_SNAP_ID } from '@metis-liquid-staking/widget';
import { $, TestWallet, click, connected, devnet, isolate, read, registerPage, settled, text, type, until } from './helpers.js';

/** The widget offers the published snap unless the page says otherwise (the devnet page sets its local one). */
const SNAP_ID = DEFAULT_SNAP_ID;

describe('MetaMask snap routing', () => {
  isolate();
  // the snap serves only registered partner origins: register this test page's (snap-fallback.test.ts: the other cases)
  beforeEach(() => registerPage());

  /**
   * Plays the snap's side of the agreed shape: `{ from, to, data, value, chainId }` with hex value/chainId,
   * plus `requires: [approve]` when the allowance is short (what the real snap returns for a token without
   * EIP-2612, e.g. Metis L2's METIS; on the devnet the real snap may sign a METIS permit instead).
   */
  function snapWallet(user: Address, manifest: Parameters<typeof parseManifest>[0]) {
    const m = parseManifest(manifest);
    const wallet = new TestWallet(user);
    const requests: { method: string; params: Record<string, unknown> }[] = [];
    const remembered: Record<string, unknown>[] = []; // rememberAirdropClaim calls (the real snap returns true)
    const hex = (v: bigint | number) => `0x${v.toString(16)}`;
    const wire = (t: { to: Address; data: string; value: bigint }) => ({
      from: user,
      to: t.to,
      data: t.data,
      value: hex(t.value),
      chainId: hex(m.chainId),
    });
    wallet.snap = {
      id: SNAP_ID,
      installed: false,
      invoke: async (req) => {
        if (req.method === 'rememberAirdropClaim') return remembered.push(req.params) > 0;
        requests.push(req);
        const p = req.params as { amount: string; referral?: Address; chainId: number };
        const amount = parseAmount(p.amount);
        const restake = req.method === 'restake';
        const [token, spender] = restake ? [m.contracts.eMetis, m.contracts.seMetis] : [m.contracts.metis, m.contracts.stakingManager];
        const allowance = await read<bigint>(token, erc20Abi, 'allowance', [user, spender]);
        const tx = restake
          ? restakeTx(m, { assets: amount, receiver: user })
          : stakeTx(m, { amount, receiver: user, restake: req.method === 'stakeAndRestake', ...(p.referral ? { referral: p.referral } : {}) });
        return { ...wire(tx), ...(allowance < amount ? { requires: [wire(approveTx(token, spender, amount))] } : {}) };
      },
    };
    return { wallet, requests, remembered };
  }

  it('offers the snap, installs it, then stakes, stakes-and-restakes and restakes through wallet_invokeSnap', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[1]!;
    const referral = accounts[4]!;
    const { wallet, requests, remembered } = snapWallet(user, manifest);
    const { el } = await connected(wallet, { referral });
    const proofs = (await (await fetch('/airdrop/proofs.json')).json()) as {
      claims: Record<string, { index: number; amount: string; proof: string[] }>;
    };
    const [account, entry] = Object.entries(proofs.claims).find(([a]) => a.toLowerCase() === user.toLowerCase())!;
    expect(remembered, 'nothing handed to a snap that is not installed').to.have.length(0);
    expect(text(el, '[data-action=snap]')).to.equal('Get staking insights in MetaMask');
    click(el, '[data-action=snap]');
    await until(() => el.wallet.snap === 'installed', 'snap installed');
    expect(wallet.calls.find((c) => c.method === 'wallet_requestSnaps')!.params).to.deep.equal({ [SNAP_ID]: {} });
    await el.updateComplete;
    expect($(el, '[data-snap=installed]')).to.not.equal(null);
    // the eligible account's airdrop claim goes to the snap (for its home page) as soon as it is installed
    await until(() => remembered.length > 0, 'claim handed to the snap');
    expect(remembered[0]).to.deep.equal({ chainId: manifest.chainId, account, index: String(entry.index), amount: entry.amount, proof: entry.proof });

    ($(el, '[part~=toggle]') as HTMLInputElement).click(); // restake off (on by default): plain stake first
    type(el, '#stake', '2.5');
    click(el, '[data-action=stake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect(requests[0]).to.deep.equal({ method: 'stake', params: { amount: '2.5', referral: referral.toLowerCase(), chainId: manifest.chainId } });
    const invoke = wallet.calls.find((c) => c.method === 'wallet_invokeSnap')!.params as { snapId: string };
    expect(invoke.snapId).to.equal(SNAP_ID);
    expect(await read<bigint>(manifest.contracts.eMetis, erc20Abi, 'balanceOf', [user])).to.equal(25n * 10n ** 17n);
    // the snap's required approval, then its stake: the widget sent both and no approval of its own
    expect(wallet.count('eth_sendTransaction')).to.equal(2);

    ($(el, '[part~=toggle]') as HTMLInputElement).click();
    type(el, '#stake', '1');
    click(el, '[data-action=stake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect(requests[1]!.method).to.equal('stakeAndRestake');
    expect(await read<bigint>(manifest.contracts.seMetis, erc20Abi, 'balanceOf', [user])).to.equal(10n ** 24n);

    click(el, '#tab-restake');
    await el.updateComplete;
    type(el, '#restake', '2');
    click(el, '[data-action=restake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect(requests[2]).to.deep.equal({ method: 'restake', params: { amount: '2', chainId: manifest.chainId } });
    expect(await read<bigint>(manifest.contracts.seMetis, erc20Abi, 'balanceOf', [user])).to.equal(3n * 10n ** 24n);
    expect(await read<bigint>(manifest.contracts.eMetis, erc20Abi, 'balanceOf', [user])).to.equal(5n * 10n ** 17n);
    expect(remembered, 'once per account and chain, not on every refresh').to.have.length(1);
  });

  it('refuses a snap answer that is not a protocol transaction for this account and chain (nothing sent)', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[1]!;
    const { wallet } = snapWallet(user, manifest);
    wallet.snap!.installed = true;
    const good = wallet.snap!.invoke;
    const bad = [
      (t: Record<string, unknown>) => ({ ...t, to: accounts[6] }),
      (t: Record<string, unknown>) => ({ ...t, from: accounts[2] }),
      (t: Record<string, unknown>) => ({ ...t, chainId: '0x1' }),
      () => null,
    ];
    const { el, events } = await connected(wallet);
    for (const f of bad) {
      wallet.snap!.invoke = async (req) => f((await good(req)) as Record<string, unknown>);
      type(el, '#stake', '1');
      click(el, '[data-action=stake]');
      const s = await settled(el);
      expect(s.kind === 'failed' && s.error.message).to.equal('the snap returned an unexpected transaction');
    }
    expect(wallet.count('eth_sendTransaction')).to.equal(0);
    expect(events.errors).to.have.length(4);
  });

  it('a rejection in the snap dialog is a plain "rejected"; wallets without snaps get no offer', async () => {
    const { accounts, manifest } = await devnet();
    const { wallet } = snapWallet(accounts[1]!, manifest);
    wallet.snap!.installed = true;
    wallet.snap!.invoke = async () => {
      throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
    };
    const { el, events } = await connected(wallet);
    expect(el.wallet.snap).to.equal('installed');
    await until(() => wallet.count('wallet_invokeSnap') === 1, 'rememberAirdropClaim tried');
    expect(events.errors, 'a failed rememberAirdropClaim makes no noise').to.have.length(0);
    type(el, '#stake', '1');
    click(el, '[data-action=stake]');
    const s = await settled(el);
    expect(s.kind === 'failed' && s.error.code).to.equal('rejected');

    const plain = await connected(new TestWallet(accounts[2]!));
    expect(plain.el.wallet.snap).to.equal('none');
    expect($(plain.el, '[data-action=snap]')).to.equal(null);
  });

  it('offers the npm snap by default; a snap-id attribute names another (the devnet page its local one)', async () => {
    expect(DEFAULT_SNAP_ID).to.equal('npm:@metis-liquid-staking/snap');
    const { accounts, manifest } = await devnet();
    const { wallet } = snapWallet(accounts[1]!, manifest);
    wallet.snap!.id = 'local:http://localhost:8080';
    const { el } = await connected(wallet, { 'snap-id': 'local:http://localhost:8080' });
    click(el, '[data-action=snap]');
    await until(() => el.wallet.snap === 'installed', 'snap installed');
    expect(wallet.calls.find((c) => c.method === 'wallet_requestSnaps')!.params).to.deep.equal({ 'local:http://localhost:8080': {} });
  });
});
