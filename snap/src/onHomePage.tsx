// The home page: the protocol's L2 and L1 picture (APR, node seats, METIS locked on L1 and in flight from the
// last hub report), position, rewards and redemption ETAs of each connected account (one lens eth_call per
// account), its rewards over time as a chart (the bindings' SVG from seMETIS's price checkpoints, returned by the
// same lens call), and its genesis airdrop when a dapp has handed the snap a verified claim (rememberAirdropClaim).
import type { OnHomePageHandler } from '@metamask/snaps-sdk';
import { earnedSeries, formatBps, GOVERNANCE_TOKEN, priceSeries, rewardsChartSvg, ticketStatus } from '@metis-liquid-staking/contracts';
import { fmt, fmtShares, fmtSharePrice } from './lib/format';
import { getTranslator } from './lib/i18n';
import { readPositions } from './lib/positions';
import { ticketWhen } from './lib/rows';
import { HomePage } from '../ui/HomePage';
import type { RowSpec } from '../ui/parts';

export const onHomePage: OnHomePageHandler = async () => {
  const t = await getTranslator();
  const positions = await readPositions();
  const first = positions[0];
  const fp = first?.screen.protocol;
  const summary: RowSpec[] =
    first && fp
      ? [
          { label: t('network'), text: `${first.m.name} (${first.m.chainId})` },
          { label: t('apr'), text: formatBps(fp.aprBps) },
          { label: t('fee'), text: formatBps(fp.feeBps) },
          { label: t('rate'), text: fmtSharePrice(fp) },
          { label: t('seats'), text: String(fp.activeSeats) },
          { label: t('l1Locked'), text: fmt(fp.totalLocked, 'METIS') },
          { label: t('inFlight'), text: fmt(fp.inFlightToL1 + fp.inFlightToL2, 'METIS') },
        ]
      : [];
  const accounts = positions.map(({ account, claim, screen }) => {
    const { protocol: p, user: u, airdrop: a } = screen;
    const rows: RowSpec[] = [
      { label: t('account'), address: account },
      { label: t('eMetis'), text: fmt(u.eMetisBalance, 'eMETIS') },
      { label: t('seMetis'), text: fmtShares(u.seMetisBalance) },
      { label: t('seMetisValue'), text: fmt(u.seMetisMetisValue, 'METIS') },
      { label: t('rewards'), text: fmt(u.rewardsEarned, 'eMETIS') },
    ];
    for (const k of u.tickets) {
      const st = ticketStatus(k);
      if (st === 'claimed' || st === 'none') continue;
      rows.push({
        label: `${t('tickets')} #${k.id}`,
        text: `${fmt(k.metisAmount, 'METIS')}, ${ticketWhen(t, k)}`,
        variant: st === 'claimable' ? 'default' : 'warning',
      });
    }
    if (claim)
      rows.push({
        label: t('genesisAirdrop'),
        text: a.claimed[0]
          ? t('airdropClaimed')
          : p.timestamp > a.deadline
            ? t('airdropExpired')
            : t('airdropClaimable', { amount: fmt(claim.amount, GOVERNANCE_TOKEN.symbol) }),
      });
    if (a.vestedTotal > 0n) rows.push({ label: t('airdrop'), text: fmt(a.vestedReleasable, GOVERNANCE_TOKEN.symbol) });
    const svg = rewardsChartSvg(
      earnedSeries(priceSeries(screen), u.seMetisBalance).map((e) => ({ time: e.time, value: e.earned })),
      { title: t('rewardsChart'), format: (w) => fmt(w, 'eMETIS') },
    );
    // MetaMask shows the SVG as an <img>: the alt text carries the chart's title and figures (its <desc>)
    return { rows, chart: { svg, alt: `${t('rewardsChart')}: ${/<desc>(.*)<\/desc>/.exec(svg)?.[1]}` } };
  });
  return {
    content: HomePage({
      title: t('homeTitle'),
      summary: summary,
      accounts: accounts,
      ...(positions.length === 0 ? { empty: t('noAccounts') } : {}),
    }),
  };
};
