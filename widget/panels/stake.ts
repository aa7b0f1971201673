// Stake tab: native METIS (the gas token) -> eMETIS, or straight into seMETIS with the restake toggle: one
// transaction with the amount as its value (no approval, no permit), the referral passed on-chain.
import { html, nothing } from 'lit';
import {
  ProtocolError,
  formatAmount,
  previewStake,
  previewStakeAndRestake,
  stakeLimits,
  stakeTx,
  toDecimalString,
} from '@metis-liquid-staking/contracts';
import type { MetisStakeWidget } from '../metis-stake-widget.js';
import { actionButton, amountField, fmtToken, tryAmount, validAmount } from './common.js';

/** METIS the Max button leaves in the wallet: stakes spend the gas token itself, and every later action needs gas. */
export const GAS_RESERVE = 10n ** 16n;

export function renderStake(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  const wei = tryAmount(w.amounts.stake ?? '');
  const preview =
    s && wei !== undefined
      ? w.restake
        ? w.t('receive', { amount: fmtToken(previewStakeAndRestake(wei, s.protocol), 'seMETIS'), symbol: 'seMETIS' })
        : w.t('receive', { amount: formatAmount(previewStake(wei, s.protocol)), symbol: 'eMETIS' })
      : nothing;
  return html`${amountField(
      w,
      'stake',
      'METIS',
      s && w.wallet.account ? s.user.metisBalance : undefined,
      [
        s ? w.t('minimum', { amount: formatAmount(s.protocol.minStake), symbol: 'METIS' }) : nothing,
        w.t('gasNote', { amount: toDecimalString(GAS_RESERVE) }),
        preview,
      ],
      GAS_RESERVE,
    )}
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
  const c = w.wallet;
  const action = restake ? 'stakeAndRestake' : 'stake';
  void w.tx.run({
    action,
    symbol: restake ? 'seMETIS' : 'eMETIS',
    pick: (u) => (restake ? u.seMetisBalance : u.eMetisBalance),
    steps: () => [
      {
        label: w.t('stepAction', { action: w.t('stake') }),
        // through the snap (it shows its own confirmation and returns the same native-value transaction), else directly
        run: async () =>
          c.snap === 'installed'
            ? w.tx.sendAll(await c.invokeSnap(action, { amount: toDecimalString(amount), ...(referral ? { referral } : {}), chainId: m.chainId }))
            : w.tx.send(stakeTx(m, { amount, receiver: c.account!, restake, referral })),
      },
    ],
  });
}
