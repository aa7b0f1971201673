// Restake tab: eMETIS -> seMETIS (ERC-4626 deposit, approve first) and back (redeem shares).
import { html } from 'lit';
import { formatAmount, planAllowance, previewRestake, previewUnstake, restakeTx, toDecimalString, unstakeTx } from '@metis-liquid-staking/contracts';
import type { MetisStakeWidget } from '../metis-stake-widget.js';
import { actionButton, allowanceSteps, amountField, checked, fmtToken, runClearing } from './common.js';

export function renderRestake(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  const out = w.restakeDir === 'out';
  const connected = !!(s && w.wallet.account);
  const balance = connected ? (out ? s!.user.seMetisBalance : s!.user.eMetisBalance) : undefined;
  const { wei, err } = checked(w, 'restake', out ? 'seMETIS' : 'eMETIS', { balance });
  let preview = '';
  if (s && wei !== undefined) {
    preview = out
      ? w.t('receive', { amount: formatAmount(previewUnstake(wei, s.protocol)), symbol: 'eMETIS' })
      : w.t('receive', { amount: fmtToken(previewRestake(wei, s.protocol), 'seMETIS'), symbol: 'seMETIS' });
  }
  const dir = (d: 'in' | 'out', label: string) =>
    html`<label class="toggle"
      ><input type="radio" name="restake-dir" part="toggle" .checked=${w.restakeDir === d} @change=${() => (w.restakeDir = d)} />${label}</label
    >`;
  return html`<fieldset>
      <legend>${w.t('direction')}</legend>
      ${dir('in', w.t('restakeIn'))} ${dir('out', w.t('restakeOut'))}
    </fieldset>
    ${amountField(w, 'restake', out ? 'seMETIS' : 'eMETIS', balance, [preview], 0n, err)}
    ${actionButton(w, 'restake', out ? w.t('unstake') : w.t('restake'), () => (out ? unstake : restake)(w, wei!), err)}`;
}

/** `amount` (eMETIS) and `shares` below were checked while typing (the button is disabled otherwise). */
function restake(w: MetisStakeWidget, amount: bigint) {
  const m = w.wallet.manifest;
  if (!m) return;
  void runClearing(w, 'restake', {
    action: 'restake',
    symbol: 'seMETIS',
    pick: (u) => u.seMetisBalance,
    steps: async () => {
      const c = w.wallet;
      const label = w.t('stepAction', { action: w.t('restake') });
      // through the snap: it returns the eMETIS approval in `requires` when the allowance is short
      if (c.snap === 'installed')
        return [{ label, run: async () => w.tx.sendAll(await c.invokeSnap('restake', { amount: toDecimalString(amount), chainId: m.chainId })) }];
      // the vault's deposit has no permit: the plan is an approval or nothing
      const plan = await planAllowance((r) => c.provider!.request(r), 'restake', { m, screen: c.screen!, owner: c.account!, amount });
      return allowanceSteps(w, plan, label, () => restakeTx(m, { assets: amount, receiver: c.account! }));
    },
  });
}

function unstake(w: MetisStakeWidget, shares: bigint) {
  const m = w.wallet.manifest;
  if (!m) return;
  void runClearing(w, 'restake', {
    action: 'unstake',
    symbol: 'eMETIS',
    pick: (u) => u.eMetisBalance,
    steps: () => {
      const account = w.wallet.account!;
      return [
        { label: w.t('stepAction', { action: w.t('unstake') }), run: () => w.tx.send(unstakeTx(m, { shares, receiver: account, owner: account })) },
      ];
    },
  });
}
