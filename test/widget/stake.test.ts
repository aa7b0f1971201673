/// <reference types="mocha" />
// Stake tab against the real two-chain devnet: native METIS (the gas token) staked in one transaction whose
// value is the amount (no approval, no permit), the referral on-chain, stake-and-restake, the Max button's gas
// reserve, events, displayed balances, one lens eth_call per refresh, refresh on accountsChanged.
// The wallet is the shared test EIP-1193 provider over anvil's unlocked accounts (test/helpers/test-wallet.ts): only a wallet's UI
// cannot exist here; every transaction is real on the devnet's L2 chain.
import { expect } from '@open-wc/testing';
import { erc20Abi, formatEther, type Address, type Hex } from 'viem';
import { eMetisAbi, formatAmount } from '@metis-liquid-staking/contracts';
import { $, TestWallet, chain, click, connected, devnet, isolate, read, rpc, settled, text, type, until } from './helpers.js';

const E18 = 10n ** 18n;

/** The transactions the widget asked the wallet to send. */
const sent = (w: TestWallet) =>
  w.calls.filter((c) => c.method === 'eth_sendTransaction').map((c) => (c.params as [{ to: Address; value?: Hex; data: Hex }])[0]);

describe('stake tab', () => {
  isolate();

  it('stakes native METIS in one transaction (value = amount, to the manager) with the referral on-chain, shows balances before/after, emits events', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[1]!;
    const referral = accounts[5]!;
    const wallet = new TestWallet(user);
    const { el, events } = await connected(wallet, { referral });
    el.restake = false; // eMETIS alone (the default stakes and restakes: earn.test.ts)
    expect(events.connected).to.have.length(1);
    expect(events.connected[0]!.detail).to.include({ account: user, chainId: manifest.chainId });
    expect(text(el, '[part~=account]')).to.contain(user.slice(0, 6));

    const c = await chain();
    const nativeBefore = await c.getBalance({ address: user });
    expect(text(el, '#stake-hint')).to.contain(formatAmount(el.wallet.screen!.user.metisBalance));
    expect(text(el, '#stake-hint'), 'says stakes are the gas token').to.contain('gas token');

    type(el, '#stake', '12.5');
    await el.updateComplete;
    expect(text(el, '#stake-hint')).to.contain('12.5 eMETIS');
    click(el, '[data-action=stake]');
    const stage = await settled(el);
    expect(stage.kind, text(el, '[part~=status]')).to.equal('success');

    // one transaction, to the manager, carrying the amount as its value; no approval, no signature
    const txs = sent(wallet);
    expect(txs).to.have.length(1);
    expect(txs[0]!.to.toLowerCase()).to.equal(manifest.contracts.stakingManager.toLowerCase());
    expect(BigInt(txs[0]!.value ?? '0x0')).to.equal((125n * E18) / 10n);
    expect(wallet.count('eth_signTypedData_v4')).to.equal(0);
    expect(events.submitted.map((e) => e.detail.step)).to.deep.equal([1]);

    // on-chain: eMETIS minted 1:1; the native balance fell by the amount plus the transaction's gas
    expect(await read<bigint>(manifest.contracts.eMetis, eMetisAbi, 'balanceOf', [user])).to.equal((125n * E18) / 10n);
    const receipt = await c.getTransactionReceipt({ hash: events.submitted[0]!.detail.hash });
    const nativeAfter = await c.getBalance({ address: user });
    expect(nativeBefore - nativeAfter).to.equal((125n * E18) / 10n + receipt.gasUsed * receipt.effectiveGasPrice);
    const logs = await rpc<{ topics: Hex[] }[]>('eth_getLogs', [{ address: manifest.contracts.stakingManager, fromBlock: '0x0' }]);
    const pad = (a: Address) => `0x${a.slice(2).toLowerCase().padStart(64, '0')}`;
    expect(
      logs.some((l) => l.topics[1] === pad(user) && l.topics[3] === pad(referral)),
      'Staked(sender, receiver, referral)',
    ).to.equal(true);

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

  it('Max leaves a 0.01 METIS gas reserve below the balance, and that stake goes through', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[3]!;
    const c = await chain();
    // a small balance, so the stake is the whole of it but the reserve
    await c.setBalance({ address: user, value: 5n * E18 });
    const wallet = new TestWallet(user);
    const { el } = await connected(wallet);
    el.restake = false; // eMETIS alone
    const balance = el.wallet.screen!.user.metisBalance;
    click(el, '[part~=max]');
    await el.updateComplete;
    const typed = $<HTMLInputElement>(el, '#stake')!.value;
    expect(typed).to.equal(formatEther(balance - E18 / 100n));
    click(el, '[data-action=stake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect(await read<bigint>(manifest.contracts.eMetis, eMetisAbi, 'balanceOf', [user])).to.equal(balance - E18 / 100n);
    const left = await c.getBalance({ address: user });
    expect(left > 0n && left < E18 / 100n, `left for gas: ${left}`).to.equal(true);
  });

  it('shows the one step while the wallet is asked, then the pending hash', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[1]!);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const orig = wallet.request.bind(wallet);
    wallet.request = async (a) => {
      if (a.method === 'eth_sendTransaction') await gate;
      return orig(a);
    };
    const { el, events } = await connected(wallet);
    type(el, '#stake', '1');
    click(el, '[data-action=stake]');
    await until(() => el.tx.stage.kind === 'sign', 'sign stage');
    await el.updateComplete;
    expect($(el, '[part~=steps]'), 'one step: no step list').to.equal(null);
    expect(text(el, '[data-stage=sign]'), 'one step: no "Step 1 of 1"').to.equal('Confirm Stake. Confirm in your wallet.');
    expect(($(el, '[data-action=stake]') as HTMLButtonElement).disabled, 'no double submit').to.equal(true);
    release();
    await until(() => events.submitted.length >= 1, 'tx submitted');
    expect((await settled(el)).kind).to.equal('success');
    expect(events.submitted[0]!.detail.hash).to.match(/^0x[0-9a-f]{64}$/);
  });

  it('stakes and restakes in one native transaction (the toggle, on by default)', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[2]!;
    const wallet = new TestWallet(user);
    const { el, events } = await connected(wallet);
    expect(($(el, '[part~=toggle]') as HTMLInputElement).checked).to.equal(true);
    type(el, '#stake', '3');
    await el.updateComplete;
    expect(text(el, '#stake-hint')).to.contain('seMETIS');
    click(el, '[data-action=stake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    const txs = sent(wallet);
    expect(txs).to.have.length(1);
    expect(BigInt(txs[0]!.value ?? '0x0')).to.equal(3n * E18);
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
