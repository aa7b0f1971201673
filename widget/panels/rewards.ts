// Rewards tab: APR, share price, the account's seMETIS and what it has earned to date; the L1 side as the last
// report shows it (active seats, METIS locked in them, METIS in flight between the chains); and the rewards chart
// from seMETIS's price checkpoints (Screen.priceHistory, in the same lens call): the account's earned eMETIS
// over time, or the share price before connecting. The bindings draw the SVG (role="img", title, desc).
import { html } from 'lit';
import { earnedSeries, formatAmount, formatBps, priceSeries, rewardsChartSvg, sharePricePerToken } from '@metis-liquid-staking/contracts';
import { fmtPrice, fmtToken } from './common.js';
import { watchButtons } from './watch.js';
import type { MetisStakeWidget } from '../metis-stake-widget.js';

export function renderRewards(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  if (!s) return html`<p class="hint">${w.t('loading')}</p>`;
  const p = s.protocol;
  const u = s.user;
  const series = priceSeries(s);
  const mine = !!w.wallet.account && u.seMetisBalance > 0n;
  const svg = rewardsChartSvg(
    mine
      ? earnedSeries(series, u.seMetisBalance).map((e) => ({ time: e.time, value: e.earned }))
      : series.map((e) => ({ time: e.time, value: e.price })),
    { title: w.t(mine ? 'earned' : 'sharePrice'), stroke: 'currentColor', format: (v) => `${formatAmount(v, 6)} eMETIS` },
  );
  const row = (key: 'apr' | 'sharePrice' | 'earned' | 'position' | 'fee' | 'tvl' | 'seats' | 'l1Locked' | 'inFlight', value: string) =>
    html`<div part="figure" data-figure=${key}>
      <dt>${w.t(key)}</dt>
      <dd>${value}</dd>
    </div>`;
  return html`<dl class="figures">
      ${row('apr', formatBps(p.aprBps))} ${row('sharePrice', fmtPrice(sharePricePerToken(p)))}
      ${
        w.wallet.account
          ? html`${row('position', `${fmtToken(u.seMetisBalance, 'seMETIS')} seMETIS ≈ ${formatAmount(u.seMetisAssets)} eMETIS`)}
            ${row('earned', `${formatAmount(u.rewardsEarned, 6)} eMETIS`)}`
          : ''
      }
      ${row('fee', formatBps(p.feeBps))} ${row('tvl', `${formatAmount(p.tvl)} METIS`)} ${row('seats', String(p.activeSeats))}
      ${row('l1Locked', `${formatAmount(p.totalLocked)} METIS`)} ${row('inFlight', `${formatAmount(p.inFlightToL1 + p.inFlightToL2)} METIS`)}
    </dl>
    <div part="chart" .innerHTML=${svg}></div>
    ${watchButtons(w, ['eMETIS', 'seMETIS'])}`;
}
