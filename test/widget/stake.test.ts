/// <reference types="mocha" />
// Stake tab against the real devnet: approve-then-stake, the referral on-chain, stake-and-restake,
// events, displayed balances, one lens eth_call per refresh, refresh on accountsChanged.
// The wallet is the shared test EIP-1193 provider over anvil's unlocked accounts (test/helpers/test-wallet.ts): only a wallet's UI
// cannot exist here; every transaction and signature is real on the devnet chain.
import { expect } from '@open-wc/testing';
import { erc20Abi, type Address, type Hex } from 'viem';
import { eMetisAbi, metisAbi, formatAmount } from '@metis-liquid-staking/contracts';
import { $, TestWallet, click, connected, devnet, isolate, read, rpc, settled, text, type, until } from './helpers.js';

const E18 = 10n ** 18n;

describe('stake tab', () => {
  isolate();

  it('signs a METIS permit, stakes in one transaction with the referral on-chain, shows balances before/after, emits events', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[1]!;
    const referral = accounts[5]!;
    const wallet = new TestWallet(user);
    const { el, events } = await connected(wallet, { referral });
    expect(events.connected).to.have.length(1);
    expect(events.connected[0]!.detail).to.include({ account: user, chainId: manifest.chainId });
    expect(text(el, '[part~=account]')).to.contain(user.slice(0, 6));

    const metisBefore = await read<bigint>(manifest.contracts.metis, metisAbi, 'balanceOf', [user]);
    expect(text(el, '#stake-hint')).to.contain(formatAmount(metisBefore));

    type(el, '#stake', '12.5');
    await el.updateComplete;
    expect(text(el, '#stake-hint')).to.contain('12.5 eMETIS');
    click(el, '[data-action=stake]');
    const stage = await settled(el);
    expect(stage.kind, text(el, '[part~=status]')).to.equal('success');

    // on-chain: eMETIS minted 1:1, METIS moved, the Staked event carries the referral
    expect(await read<bigint>(manifest.contracts.eMetis, eMetisAbi, 'balanceOf', [user])).to.equal((125n * E18) / 10n);
    expect(await read<bigint>(manifest.contracts.metis, metisAbi, 'balanceOf', [user])).to.equal(metisBefore - (125n * E18) / 10n);
    const logs = await rpc<{ topics: Hex[] }[]>('eth_getLogs', [{ address: manifest.contracts.stakingManager, fromBlock: '0x0' }]);
    const pad = (a: Address) => `0x${a.slice(2).toLowerCase().padStart(64, '0')}`;
    expect(
      logs.some((l) => l.topics[1] === pad(user) && l.topics[3] === pad(referral)),
      'Staked(sender, receiver, referral)',
    ).to.equal(true);

    // two steps: the permit signature (DevMetis supports EIP-2612), then stakeWithPermit: one transaction
    expect(wallet.count('eth_signTypedData_v4')).to.equal(1);
    expect(events.submitted.map((e) => e.detail.step)).to.deep.equal([2]);
    expect(wallet.count('eth_sendTransaction')).to.equal(1);
    expect(events.confirmed).to.have.length(1);
    expect(events.confirmed[0]!.detail).to.include({
      action: 'stake',
      symbol: 'eMETIS',
      decimals: 18,
      before: '0',
      after: String((125n * E18) / 10n),
    });
    expect(text(el, '[part~=status]')).to.contain('eMETIS: 0 → 12.5');
    // refreshed after the confirmed tx
    expect(el.wallet.screen!.user.eMetisBalance).to.equal((125n * E18) / 10n);
  });

  it('falls back to approve-then-stake when the wallet cannot sign typed data', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[1]!;
    const wallet = new TestWallet(user);
    const orig = wallet.request.bind(wallet);
    wallet.request = async (a) => {
      if (a.method === 'eth_signTypedData_v4') throw Object.assign(new Error('method not supported'), { code: 4200 });
      return orig(a);
    };
    const { el, events } = await connected(wallet);
    type(el, '#stake', '2');
    click(el, '[data-action=stake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect(wallet.count('eth_sendTransaction'), 'approve + stake').to.equal(2);
    expect(events.submitted.map((e) => e.detail.step)).to.deep.equal([1, 2]);
    expect(await read<bigint>(manifest.contracts.eMetis, eMetisAbi, 'balanceOf', [user])).to.equal(2n * E18);
  });

  it('shows permit-then-stake as steps while the wallet is asked, then the pending hash', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[1]!);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const orig = wallet.request.bind(wallet);
    wallet.request = async (a) => {
      if (a.method === 'eth_signTypedData_v4') await gate;
      return orig(a);
    };
    const { el, events } = await connected(wallet);
    type(el, '#stake', '1');
    click(el, '[data-action=stake]');
    await until(() => el.tx.stage.kind === 'sign', 'sign stage');
    await el.updateComplete;
    const items = [...el.shadowRoot!.querySelectorAll('[part~=steps] li')];
    expect(items.map((li) => li.textContent!.trim())).to.deep.equal(['Sign permit for METIS', 'Confirm Stake']);
    expect(items.map((li) => li.getAttribute('aria-current'))).to.deep.equal(['step', 'false']);
    expect(text(el, '[data-stage=sign]')).to.equal('Step 1 of 2: Sign permit for METIS. Confirm in your wallet.');
    expect(($(el, '[data-action=stake]') as HTMLButtonElement).disabled, 'no double submit').to.equal(true);
    release();
    await until(() => events.submitted.length >= 1, 'first tx submitted');
    expect((await settled(el)).kind).to.equal('success');
    expect(events.submitted[0]!.detail.hash).to.match(/^0x[0-9a-f]{64}$/);
  });

  it('stakes and restakes in one call with the toggle (no approval when the allowance suffices)', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[2]!;
    // pre-approve behind the widget's back: then the widget must skip the approve step
    const wallet = new TestWallet(user);
    await rpc('eth_sendTransaction', [
      {
        from: user,
        to: manifest.contracts.metis,
        data: `0x095ea7b3${manifest.contracts.stakingManager.slice(2).toLowerCase().padStart(64, '0')}${(1000n * E18).toString(16).padStart(64, '0')}`,
      },
    ]);
    const { el, events } = await connected(wallet);
    ($(el, '[part~=toggle]') as HTMLInputElement).click();
    type(el, '#stake', '3');
    await el.updateComplete;
    expect(text(el, '#stake-hint')).to.contain('seMETIS');
    click(el, '[data-action=stake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect(wallet.count('eth_sendTransaction')).to.equal(1);
    const shares = await read<bigint>(manifest.contracts.seMetis, erc20Abi, 'balanceOf', [user]);
    expect(shares > 0n).to.equal(true);
    expect(await read<bigint>(manifest.contracts.eMetis, eMetisAbi, 'balanceOf', [user])).to.equal(0n);
    const detail = events.confirmed[0]!.detail;
    expect(detail.action).to.equal('stakeAndRestake');
    // JSON-safe: the balance as a decimal string of shares, with the token beside it
    expect(detail.after).to.equal(String(shares));
    expect(detail.before).to.equal('0');
    expect([detail.symbol, detail.decimals]).to.deep.equal(['seMETIS', 24]);
    expect(JSON.parse(JSON.stringify(detail))).to.deep.equal(detail);
  });

  it('reads the lens with exactly one eth_call per refresh, and refreshes on accountsChanged/chainChanged', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[1]!);
    const { el } = await connected(wallet);
    const lensCalls = () => wallet.count('eth_call');
    const before = lensCalls();
    await el.wallet.refresh();
    expect(lensCalls() - before).to.equal(1);

    wallet.account = accounts[3]!;
    wallet.emit('accountsChanged', [accounts[3]]);
    await until(() => el.wallet.screen?.user.account === accounts[3], 'refresh for the new account');
    expect(lensCalls() - before).to.equal(2);
    await el.updateComplete;
    expect(text(el, '[part~=account]')).to.contain(accounts[3]!.slice(0, 6));

    wallet.emit('chainChanged', '0x7a69');
    await until(() => lensCalls() - before === 3, 'refresh on chainChanged');
  });
});
