// Restake tab: eMETIS -> seMETIS (ERC-4626 deposit, approve first) and back (redeem shares).
import { html } from 'lit';
import type { Address } from 'viem';
import { approveTx, formatAmount, previewRestake, previewUnstake, restakeTx, toDecimalString, unstakeTx } from '../../contracts/bindings/index.js';
import type { MetisStakeWidget } from '../metis-stake-widget.js';
import type { Step } from '../tx-controller.js';
import { actionButton, amountField, fmtToken, tryAmount, validAmount } from './common.js';

export function renderRestake(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  const out = w.restakeDir === 'out';
  const connected = !!(s && w.wallet.account);
  const balance = connected ? (out ? s!.user.seMetisBalance : s!.user.eMetisBalance) : undefined;
  const input = w.amounts.restake ?? '';
  let preview = '';
  const wei = tryAmount(input, out ? 'seMETIS' : 'eMETIS');
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
    ${amountField(w, 'restake', out ? 'seMETIS' : 'eMETIS', balance, [preview])}
    ${actionButton(w, 'restake', out ? w.t('unstake') : w.t('restake'), () => (out ? unstake(w) : restake(w)))}`;
}

function restake(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  const m = w.wallet.manifest;
  if (!s || !m) return;
  const amount = validAmount(w, 'restake', w.amounts.restake ?? '', { balance: s.user.eMetisBalance }, 'eMETIS');
  if (amount === undefined) return;
  void w.tx.run({
    action: 'restake',
    symbol: 'seMETIS',
    pick: (u) => u.seMetisBalance,
    steps: () => {
      const label = w.t('stepAction', { action: w.t('restake') });
      // through the snap: it returns the eMETIS approval in `requires` when the allowance is short
      if (w.wallet.snap === 'installed')
        return [{ label, run: async () => w.tx.sendAll(await w.wallet.invokeSnap('restake', { amount: toDecimalString(amount), chainId: m.chainId })) }];
      const steps: Step[] = [];
      if ((w.wallet.screen?.user.eMetisAllowanceToVault ?? 0n) < amount) {
        steps.push({ label: w.t('stepApprove', { symbol: 'eMETIS' }), run: () => w.tx.send(approveTx(m.contracts.eMetis, m.contracts.seMetis, amount)) });
      }
      steps.push({ label, run: () => w.tx.send(restakeTx(m, { assets: amount, receiver: w.wallet.account as Address })) });
      return steps;
    },
  });
}

function unstake(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  const m = w.wallet.manifest;
  if (!s || !m) return;
  const shares = validAmount(w, 'unstake', w.amounts.restake ?? '', { balance: s.user.seMetisBalance }, 'seMETIS');
  if (shares === undefined) return;
  void w.tx.run({
    action: 'unstake',
    symbol: 'eMETIS',
    pick: (u) => u.eMetisBalance,
    steps: () => {
      const account = w.wallet.account as Address;
      return [{ label: w.t('stepAction', { action: w.t('unstake') }), run: () => w.tx.send(unstakeTx(m, { shares, receiver: account, owner: account })) }];
    },
  });
}
