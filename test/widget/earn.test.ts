/// <reference types="mocha" />
// Earn by default (issue 14): the Stake tab's default path stakes and restakes (seMETIS, the token that earns), says
// plainly what eMETIS alone earns when the toggle is off, and shows APR, exchange rate and protocol fee before any
// wallet connects (the widget reads the lens for the zero address through the manifest's RPC). The exchange rate is
// precise enough (or marked "≈") that it never contradicts the preview. The amount is cleared after a success.
// The wallet is the shared test EIP-1193 provider over anvil's unlocked accounts (test/helpers/test-wallet.ts);
// every transaction is real on the devnet's L2 chain.
import { expect } from '@open-wc/testing';
import { erc20Abi, parseUnits } from 'viem';
import { formatBps, previewStakeAndRestake, sharePricePerToken } from '@metis-liquid-staking/contracts';
import { $, TestWallet, click, connected, devnet, isolate, mount, read, settled, text, type, until } from './helpers.js';

const E18 = 10n ** 18n;

describe('earn by default', () => {
  isolate();

  it('before connecting: restake on, APR, a consistent exchange rate and the fee from the lens; no balance asked for', async () => {
    const { el } = await mount({ 'manifest-url': '/devnet/manifest.json' });
    await until(() => el.wallet.screen, 'figures read without a wallet');
    await el.updateComplete;
    expect(el.wallet.account).to.equal(undefined);
    const p = el.wallet.screen!.protocol;
    expect(($(el, '[part~=toggle]') as HTMLInputElement).checked, 'restake on by default').to.equal(true);
    expect($(el, '[data-note=no-rewards]'), 'no "earns nothing" line while restaking').to.equal(null);
    expect(text(el, '[data-figure=apr] dd')).to.equal(formatBps(p.aprBps));
    expect(text(el, '[data-figure=fee] dd')).to.equal(formatBps(p.feeBps));
    expect(text(el, '[data-figure=fee] dd')).to.equal('10.00%');

    // "1 seMETIS = [≈]x eMETIS": exact unless marked "≈", and then within 1e-10 of the lens price
    const rate = text(el, '[data-figure=sharePrice] dd');
    const m = /^1 seMETIS = (≈?)([\d,.]+) eMETIS$/.exec(rate);
    expect(m, rate).to.not.equal(null);
    const shown = parseUnits(m![2]!.replace(/,/g, ''), 18);
    const price = sharePricePerToken(p);
    if (m![1]) expect(shown !== price && price - shown < 10n ** 8n, rate).to.equal(true);
    else expect(shown, rate).to.equal(price);

    // the preview agrees with the rate shown: 25 METIS / rate, to the preview's 4 decimals
    type(el, '#stake', '25');
    await el.updateComplete;
    const preview = /You receive about ([\d,.]+) seMETIS/.exec(text(el, '#stake-hint'));
    expect(preview, text(el, '#stake-hint')).to.not.equal(null);
    const shares = previewStakeAndRestake(25n * E18, p);
    expect(parseUnits(preview![1]!.replace(/,/g, ''), 24)).to.equal((shares / 10n ** 20n) * 10n ** 20n);
    const fromRate = (25n * E18 * 10n ** 24n) / shown;
    expect(fromRate - shares <= (fromRate * 10n ** 8n) / E18 + 1n, 'the rate shown explains the preview').to.equal(true);
    // not connected: the button says why it cannot act yet, and stays disabled
    expect(($(el, '[data-action=stake]') as HTMLButtonElement).disabled).to.equal(true);
  });

  it('the default stake earns: one stakeAndRestake transaction gives seMETIS; the amount is cleared after success', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[6]!;
    const wallet = new TestWallet(user);
    const { el, events } = await connected(wallet);
    type(el, '#stake', '4');
    await el.updateComplete;
    expect(text(el, '#stake-hint')).to.contain('seMETIS');
    click(el, '[data-action=stake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect(events.confirmed[0]!.detail).to.include({ action: 'stakeAndRestake', symbol: 'seMETIS' });
    expect((await read<bigint>(manifest.contracts.seMetis, erc20Abi, 'balanceOf', [user])) > 0n).to.equal(true);
    expect(await read<bigint>(manifest.contracts.eMetis, erc20Abi, 'balanceOf', [user])).to.equal(0n);
    // cleared: the input is empty and the button asks for an amount; the success stage stays visible
    expect($<HTMLInputElement>(el, '#stake')!.value).to.equal('');
    expect(text(el, '[data-action=stake]')).to.equal('Enter an amount');
    expect(text(el, '[data-stage=success]')).to.contain('seMETIS: 0 →');
  });

  it('toggle off: a plain line says eMETIS alone earns nothing, and the stake gives eMETIS', async () => {
    const { accounts, manifest } = await devnet();
    const user = accounts[7]!;
    const wallet = new TestWallet(user);
    const { el, events } = await connected(wallet);
    ($(el, '[part~=toggle]') as HTMLInputElement).click();
    await el.updateComplete;
    expect(text(el, '[data-note=no-rewards]')).to.equal('eMETIS alone earns no rewards; seMETIS does.');
    type(el, '#stake', '2');
    await el.updateComplete;
    expect(text(el, '#stake-hint')).to.contain('You receive about 2 eMETIS');
    click(el, '[data-action=stake]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
    expect(events.confirmed[0]!.detail).to.include({ action: 'stake', symbol: 'eMETIS' });
    expect(await read<bigint>(manifest.contracts.eMetis, erc20Abi, 'balanceOf', [user])).to.equal(2n * E18);
    expect($<HTMLInputElement>(el, '#stake')!.value).to.equal('');
  });
});
