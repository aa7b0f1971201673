// The rewards-over-time picture, drawn once for both front ends: the widget puts the SVG in its Rewards tab, the
// snap shows it as an image on its home page. The data are seMETIS's own share-price checkpoints, returned by
// the lens in the same call as everything else (no indexer). A holder's earned eMETIS at a checkpoint is its
// shares times the price rise since the first checkpoint shown.
import { formatUnits } from 'viem';
import { sharePricePerToken, type Screen } from './lens.js';
import { TOKENS } from './tokens.js';

/** One point of the series: unix seconds and eMETIS wei per whole seMETIS. */
export interface PriceSample {
  time: number;
  price: bigint;
}

/** The checkpoints plus "now" (the lens's timestamp and current price), oldest first, at most one per second. */
export function priceSeries(s: Pick<Screen, 'priceHistory' | 'protocol'>): PriceSample[] {
  const out: PriceSample[] = s.priceHistory.map((p) => ({ time: Number(p.time), price: p.price }));
  const now = { time: Number(s.protocol.timestamp), price: sharePricePerToken(s.protocol) };
  if (out.length === 0 || out[out.length - 1]!.time < now.time) out.push(now);
  return out;
}

/** eMETIS wei `shares` seMETIS earned between the first sample and each sample (negative after a loss). */
export function earnedSeries(series: readonly PriceSample[], shares: bigint): { time: number; earned: bigint }[] {
  const base = series[0]?.price ?? 0n;
  const one = 10n ** BigInt(TOKENS.seMETIS.decimals);
  return series.map((p) => ({ time: p.time, earned: ((p.price - base) * shares) / one }));
}

export interface ChartOptions {
  width?: number;
  height?: number;
  /** Line colour (CSS); the widget passes `currentColor` so the theme decides. */
  stroke?: string;
  /** The accessible name; the chart's figures follow it in the <desc>. */
  title: string;
  /** Formats a value for the text alternative, e.g. "1.0234 eMETIS". */
  format?: (wei: bigint) => string;
  /** Formats a time for the text alternative. */
  formatTime?: (unixSeconds: number) => string;
}

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A line chart of `values` over time as a standalone SVG string (role="img", <title> and a <desc> that states
 * the first and last figures, so a screen reader gets the same facts). Fewer than two samples draw a flat line.
 */
export function rewardsChartSvg(values: readonly { time: number; value: bigint }[], o: ChartOptions): string {
  const w = o.width ?? 320;
  const h = o.height ?? 120;
  const pad = 6;
  const fmt = o.format ?? ((v: bigint) => formatUnits(v, 18));
  const fmtTime = o.formatTime ?? ((t: number) => new Date(t * 1000).toISOString().slice(0, 10));
  const pts = values.length === 1 ? [values[0]!, { ...values[0]!, time: values[0]!.time + 1 }] : values;
  let desc = 'No rewards recorded yet.';
  let path = `M${pad} ${h - pad}H${w - pad}`;
  if (pts.length >= 2) {
    const t0 = pts[0]!.time;
    const t1 = pts[pts.length - 1]!.time;
    let lo = pts[0]!.value;
    let hi = lo;
    for (const p of pts) {
      if (p.value < lo) lo = p.value;
      if (p.value > hi) hi = p.value;
    }
    const span = hi - lo;
    const x = (t: number) => pad + ((t - t0) / Math.max(1, t1 - t0)) * (w - 2 * pad);
    // bigint -> float only for drawing: the ratio within the range, never the figures themselves
    const y = (v: bigint) => h - pad - (span === 0n ? 0 : Number(((v - lo) * 10_000n) / span) / 10_000) * (h - 2 * pad);
    path = pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.time).toFixed(1)} ${y(p.value).toFixed(1)}`).join('');
    const first = values[0]!;
    const last = values[values.length - 1]!;
    desc = `From ${fmtTime(first.time)} (${fmt(first.value)}) to ${fmtTime(last.time)} (${fmt(last.value)}), ${values.length} points.`;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(o.title)}">` +
    `<title>${esc(o.title)}</title><desc>${esc(desc)}</desc>` +
    `<path d="${path}" fill="none" stroke="${esc(o.stroke ?? '#0a7')}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/></svg>`
  );
}
