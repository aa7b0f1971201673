// The home page: position and rewards of each connected account (one lens eth_call per account), and its
// genesis airdrop when a dapp has handed the snap a verified claim (rememberAirdropClaim).
import type { OnHomePageHandler } from '@metamask/snaps-sdk';
import { formatBps, ticketStatus } from '@metis-liquid-staking/contracts';
import { fmt, fmtDate, fmtShares, fmtSharePrice } from './lib/format';
import { GOVERNANCE_TOKEN } from '@metis-liquid-staking/contracts';
import { getTranslator } from './lib/i18n';
import { readPositions } from './lib/positions';
import { HomePage } from '../ui/HomePage';
import type { RowSpec } from '../ui/parts';

export const onHomePage: OnHomePageHandler = async () => {
  const t = await getTranslator();
  const positions = await readPositions();
  const first = positions[0];
  const summary: RowSpec[] = first
    ? [
        { label: t('network'), text: `${first.m.name} (${first.m.chainId})` },
        { label: t('apr'), text: formatBps(first.screen.protocol.aprBps) },
        { label: t('fee'), text: formatBps(first.screen.protocol.feeBps) },
        { label: t('rate'), text: fmtSharePrice(first.screen.protocol) },
      ]
    : [];
  const accounts = positions.map(({ account, claim, screen: { protocol: p, user: u, airdrop: a } }) => {
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
      const when =
        st === 'claimable'
          ? t('ticketClaimable')
          : st === 'funded'
            ? t('ticketWaiting', { date: fmtDate(k.maturity) })
            : t('ticketPending', { date: fmtDate(k.maturity) });
      rows.push({
        label: `${t('tickets')} #${k.id}`,
        text: `${fmt(k.metisAmount, 'METIS')}, ${when}`,
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
    return { rows };
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
