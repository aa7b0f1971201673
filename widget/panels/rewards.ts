// Rewards tab: APR, share price, the account's seMETIS and what it has earned to date; the L1 side as the last
// report shows it (active seats, METIS locked in them, METIS in flight between the chains).
import { html } from 'lit';
import { formatAmount, formatBps, sharePricePerToken } from '@metis-liquid-staking/contracts';
import { fmtToken } from './common.js';
import type { MetisStakeWidget } from '../metis-stake-widget.js';

export function renderRewards(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  if (!s) return html`<p class="hint">${w.t('loading')}</p>`;
  const p = s.protocol;
  const u = s.user;
  const row = (key: 'apr' | 'sharePrice' | 'earned' | 'position' | 'fee' | 'tvl' | 'seats' | 'l1Locked' | 'inFlight', value: string) =>
    html`<div part="figure" data-figure=${key}>
      <dt>${w.t(key)}</dt>
      <dd>${value}</dd>
    </div>`;
  return html`<dl class="figures">
    ${row('apr', formatBps(p.aprBps))} ${row('sharePrice', `${formatAmount(sharePricePerToken(p), 6)} eMETIS`)}
    ${
      w.wallet.account
        ? html`${row('position', `${fmtToken(u.seMetisBalance, 'seMETIS')} seMETIS ≈ ${formatAmount(u.seMetisAssets)} eMETIS`)}
          ${row('earned', `${formatAmount(u.rewardsEarned, 6)} eMETIS`)}`
        : ''
    }
    ${row('fee', formatBps(p.feeBps))} ${row('tvl', `${formatAmount(p.tvl)} METIS`)} ${row('seats', String(p.activeSeats))}
    ${row('l1Locked', `${formatAmount(p.totalLocked)} METIS`)} ${row('inFlight', `${formatAmount(p.inFlightToL1 + p.inFlightToL2)} METIS`)}
  </dl>`;
}
