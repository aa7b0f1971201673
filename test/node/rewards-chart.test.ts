// The rewards chart's data and drawing (contracts/bindings/rewards-chart.ts): pure functions, no chain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { earnedSeries, priceSeries, rewardsChartSvg } from '@metis-liquid-staking/contracts';

const E = 10n ** 18n;
const screen = (points: [number, bigint][], now: number, sharePrice: bigint) =>
  ({
    priceHistory: points.map(([time, price]) => ({ time: BigInt(time), price })),
    protocol: { timestamp: BigInt(now), sharePrice },
  }) as never;

test('priceSeries: the checkpoints then now, oldest first; now at the lens price per whole seMETIS', () => {
  // the lens's sharePrice is eMETIS per 1e18 share units (1e-6 seMETIS): 1.2e12 is 1.2 eMETIS per whole seMETIS
  const s = priceSeries(
    screen(
      [
        [100, 1n * E],
        [200, (11n * E) / 10n],
      ],
      300,
      12n * 10n ** 11n,
    ),
  );
  assert.deepEqual(s, [
    { time: 100, price: 1n * E },
    { time: 200, price: (11n * E) / 10n },
    { time: 300, price: (12n * E) / 10n },
  ]);
  assert.equal(priceSeries(screen([[300, E]], 300, 2n * E)).length, 1, 'no duplicate point at the same second');
});

test('earnedSeries: shares times the price rise since the first point, negative after a loss', () => {
  const shares = 1000n * 10n ** 24n; // 1,000 whole seMETIS
  const e = earnedSeries(
    [
      { time: 1, price: E },
      { time: 2, price: (101n * E) / 100n },
      { time: 3, price: (99n * E) / 100n },
    ],
    shares,
  );
  assert.deepEqual(
    e.map((p) => p.earned),
    [0n, 10n * E, -10n * E],
  );
});

test('rewardsChartSvg: a labelled image whose text states the first and last figures; escapes the title', () => {
  const svg = rewardsChartSvg(
    [
      { time: 0, value: 0n },
      { time: 86_400, value: 5n * E },
      { time: 2 * 86_400, value: 12n * E },
    ],
    { title: 'Rewards <earned>', format: (v) => `${v / E} eMETIS` },
  );
  assert.match(svg, /^<svg [^>]*role="img" aria-label="Rewards &lt;earned&gt;"/);
  assert.match(svg, /<desc>From 1970-01-01 \(0 eMETIS\) to 1970-01-03 \(12 eMETIS\), 3 points\.<\/desc>/);
  const d = /d="([^"]+)"/.exec(svg)![1]!;
  const ys = [...d.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));
  assert.equal(ys.length, 3);
  assert.ok(ys[0]! > ys[1]! && ys[1]! > ys[2]!, 'rising values go up the chart (smaller y)');
  assert.match(rewardsChartSvg([], { title: 't' }), /No rewards recorded yet/);
});
