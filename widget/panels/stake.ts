// Stake tab: METIS -> eMETIS (or straight into seMETIS with the restake toggle), referral passed on-chain.
import { html, nothing } from 'lit';
import {
  ProtocolError,
  formatAmount,
  planAllowance,
  previewStake,
  previewStakeAndRestake,
  stakeLimits,
  stakeTx,
  stakeWithPermitTx,
  toDecimalString,
} from '@metis-liquid-staking/contracts';
import type { MetisStakeWidget } from '../metis-stake-widget.js';
import { actionButton, allowanceSteps, amountField, fmtToken, tryAmount, validAmount } from './common.js';

export function renderStake(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  const wei = tryAmount(w.amounts.stake ?? '');
  const preview =
    s && wei !== undefined
      ? w.restake
        ? w.t('receive', { amount: fmtToken(previewStakeAndRestake(wei, s.protocol), 'seMETIS'), symbol: 'seMETIS' })
        : w.t('receive', { amount: formatAmount(previewStake(wei, s.protocol)), symbol: 'eMETIS' })
      : nothing;
  return html`${amountField(w, 'stake', 'METIS', s && w.wallet.account ? s.user.metisBalance : undefined, [
      s ? w.t('minimum', { amount: formatAmount(s.protocol.minStake), symbol: 'METIS' }) : nothing,
      preview,
    ])}
    <label class="toggle">
      <input type="checkbox" part="toggle" .checked=${w.restake} @change=${(e: Event) => (w.restake = (e.target as HTMLInputElement).checked)} />
      ${w.t('restakeToggle')}
    </label>
    ${actionButton(w, 'stake', w.t('stake'), () => stake(w))}`;
}

function stake(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  const m = w.wallet.manifest;
  if (!s || !m) return;
  if (s.protocol.paused) return w.tx.fail(new ProtocolError('paused', 'paused'), 'stake');
  const amount = validAmount(w, 'stake', w.amounts.stake ?? '', stakeLimits(s), 'METIS');
  if (amount === undefined) return;
  const restake = w.restake;
  const referral = w.referralAddress;
  void w.tx.run({
    action: restake ? 'stakeAndRestake' : 'stake',
    symbol: restake ? 'seMETIS' : 'eMETIS',
    pick: (u) => (restake ? u.seMetisBalance : u.eMetisBalance),
    steps: async () => {
      const c = w.wallet;
      const label = w.t('stepAction', { action: w.t('stake') });
      // through the snap: it follows the same allowance plan itself (permit, or an approval in `requires`)
      if (c.snap === 'installed')
        return [
          {
            label,
            run: async () =>
              w.tx.sendAll(
                await c.invokeSnap(restake ? 'stakeAndRestake' : 'stake', {
                  amount: toDecimalString(amount),
                  ...(referral ? { referral } : {}),
                  chainId: m.chainId,
                }),
              ),
          },
        ];
      const args = { amount, receiver: c.account!, restake, referral };
      const plan = await planAllowance((r) => c.provider!.request(r), 'stake', { m, screen: c.screen!, owner: c.account!, amount });
      return allowanceSteps(w, plan, label, (permit) => (permit ? stakeWithPermitTx(m, { ...args, ...permit }) : stakeTx(m, args)));
    },
  });
}
