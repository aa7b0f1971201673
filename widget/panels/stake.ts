// Stake tab: native METIS (the gas token) straight into seMETIS (the restake toggle, on by default: the path that
// earns), or -> eMETIS alone (a line says it earns nothing): one transaction with the amount as its value (no
// approval, no permit), the referral passed on-chain. The amount is cleared once the stake succeeded. APR, exchange
// rate and fee show before connecting: the widget reads the lens for the zero address until a wallet connects.
import { html, nothing } from 'lit';
import {
  ProtocolError,
  formatAmount,
  formatBps,
  previewStake,
  previewStakeAndRestake,
  sharePricePerToken,
  stakeTx,
  toDecimalString,
} from '@metis-liquid-staking/contracts';
import type { MetisStakeWidget } from '../metis-stake-widget.js';
import { actionButton, amountField, checked, fmtPrice, fmtToken, runClearing } from './common.js';

/** METIS the Max button leaves in the wallet: stakes spend the gas token itself, and every later action needs gas. */
export const GAS_RESERVE = 10n ** 16n;

export function renderStake(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  const p = s?.protocol;
  const row = (key: 'apr' | 'sharePrice' | 'fee', value: string) =>
    html`<div part="figure" data-figure=${key}>
      <dt>${w.t(key)}</dt>
      <dd>${value}</dd>
    </div>`;
  const balance = s && w.wallet.account ? s.user.metisBalance : undefined;
  const { wei, err } = checked(w, 'stake', 'METIS', { min: s?.protocol.minStake, balance });
  const preview =
    s && wei !== undefined
      ? w.restake
        ? w.t('receive', { amount: fmtToken(previewStakeAndRestake(wei, s.protocol), 'seMETIS'), symbol: 'seMETIS' })
        : w.t('receive', { amount: formatAmount(previewStake(wei, s.protocol)), symbol: 'eMETIS' })
      : nothing;
  return html`${
      p
        ? html`<dl class="figures">
            ${row('apr', formatBps(p.aprBps))} ${row('sharePrice', fmtPrice(sharePricePerToken(p)))} ${row('fee', formatBps(p.feeBps))}
          </dl>`
        : nothing
    }
    ${amountField(
      w,
      'stake',
      'METIS',
      balance,
      [
        s ? w.t('minimum', { amount: formatAmount(s.protocol.minStake), symbol: 'METIS' }) : nothing,
        w.t('gasNote', { amount: toDecimalString(GAS_RESERVE) }),
        preview,
      ],
      GAS_RESERVE,
      err,
    )}
    <label class="toggle">
      <input type="checkbox" part="toggle" .checked=${w.restake} @change=${(e: Event) => (w.restake = (e.target as HTMLInputElement).checked)} />
      ${w.t('restakeToggle')}
    </label>
    ${w.restake ? nothing : html`<p class="hint" data-note="no-rewards">${w.t('restakeOff')}</p>`}
    ${actionButton(w, 'stake', w.t('stake'), () => stake(w, wei!), err)}`;
}

/** `amount` was checked while typing (the button is disabled otherwise). */
function stake(w: MetisStakeWidget, amount: bigint) {
  const s = w.wallet.screen;
  const m = w.wallet.manifest;
  if (!s || !m) return;
  if (s.protocol.paused) return w.tx.fail(new ProtocolError('paused', 'paused'), 'stake');
  const restake = w.restake;
  const referral = w.referralAddress;
  const c = w.wallet;
  const action = restake ? 'stakeAndRestake' : 'stake';
  void runClearing(w, 'stake', {
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
