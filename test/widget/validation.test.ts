/// <reference types="mocha" />
// Validate while typing (issue 14): the bindings' parseAmount/checkAmount decide; the action button is disabled with
// the reason as its label, the input gets aria-invalid and its error is linked with aria-describedby, and no preview
// is shown for an amount that cannot be sent. The wallet is the shared test EIP-1193 provider over anvil's unlocked
// accounts (test/helpers/test-wallet.ts).
import { expect } from '@open-wc/testing';
import type { MetisStakeWidget } from '@metis-liquid-staking/widget';
import { $, TestWallet, connected, devnet, isolate, text, type } from './helpers.js';

async function typed(el: MetisStakeWidget, id: string, value: string) {
  type(el, `#${id}`, value);
  await el.updateComplete;
  const input = $<HTMLInputElement>(el, `#${id}`)!;
  const button = $<HTMLButtonElement>(el, `[data-action=${id}]`)!;
  const described = (input.getAttribute('aria-describedby') ?? '').split(' ');
  return {
    label: text(el, `[data-action=${id}]`),
    disabled: button.disabled,
    invalid: input.getAttribute('aria-invalid'),
    // the error the input is described by (empty when none)
    error: described.map((d) => (d.endsWith('-err') ? text(el, `#${d}`) : '')).join(''),
    hint: text(el, `#${id}-hint`),
  };
}

describe('validation while typing', () => {
  isolate();

  it('stake: empty, decimals, minimum, balance, a 36-digit amount; a valid amount enables the button', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[1]!);
    const { el } = await connected(wallet);

    let v = await typed(el, 'stake', '');
    expect(v).to.deep.include({ label: 'Enter an amount', disabled: true, invalid: 'false', error: '' });

    v = await typed(el, 'stake', '1.0000000000000000001');
    expect(v).to.deep.include({ label: 'Max 18 decimals', disabled: true, invalid: 'true', error: 'Max 18 decimals' });
    expect(v.hint).to.not.contain('You receive');

    v = await typed(el, 'stake', '0.001');
    expect(v).to.deep.include({ label: 'Below the minimum of 0.01 METIS', disabled: true, invalid: 'true' });
    expect(v.error).to.equal('Below the minimum of 0.01 METIS');

    // the devnet account holds 100,000 METIS: 200,000 is refused and never previewed
    v = await typed(el, 'stake', '200000');
    expect(v).to.deep.include({ label: 'Insufficient METIS balance', disabled: true, invalid: 'true', error: 'Insufficient METIS balance' });
    expect(v.hint).to.not.contain('You receive');
    expect(v.hint).to.not.contain('200,000');

    v = await typed(el, 'stake', '9'.repeat(36));
    expect(v).to.deep.include({ label: 'Insufficient METIS balance', disabled: true, invalid: 'true' });
    expect(v.hint).to.not.contain('You receive');

    v = await typed(el, 'stake', 'abc');
    expect(v).to.deep.include({ label: 'Enter a valid amount.', disabled: true, invalid: 'true' });

    v = await typed(el, 'stake', '12.5');
    expect(v).to.deep.include({ label: 'Stake', disabled: false, invalid: 'false', error: '' });
    expect(v.hint).to.contain('You receive about');
  });

  it('restake and redeem tabs: the balance and the queue maximum, in Japanese too', async () => {
    const { accounts } = await devnet();
    const wallet = new TestWallet(accounts[1]!);
    const { el } = await connected(wallet);
    await el.selectTab('restake');
    await el.updateComplete;
    let v = await typed(el, 'restake', '1');
    expect(v).to.deep.include({ label: 'Insufficient eMETIS balance', disabled: true, invalid: 'true' });
    await el.selectTab('redeem');
    await el.updateComplete;
    v = await typed(el, 'redeem', '100001');
    expect(v).to.deep.include({ label: 'Above the maximum of 100,000 eMETIS', disabled: true, invalid: 'true' });
    el.locale = 'ja';
    await el.updateComplete;
    v = await typed(el, 'redeem', '');
    expect(v).to.deep.include({ label: '数量を入力', disabled: true });
  });
});
