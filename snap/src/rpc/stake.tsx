// `stake`: native METIS -> eMETIS through the StakingManager (shared with stakeAndRestake). METIS is Metis's
// gas token, so the amount is the transaction's value: one transaction, no allowance, no permit.
import type { Json } from '@metamask/snaps-sdk';
import { previewStake, previewStakeAndRestake, stakeLimits, stakeTx } from '@metis-liquid-staking/contracts';
import { confirm, prepare } from '../lib/context';
import { fmt, fmtBacking, fmtShares, fmtSharePrice } from '../lib/format';
import { addressParam, amountParam } from '../lib/params';
import { aprRows, contractRows, referralParts } from '../lib/rows';
import { snapTx } from '../lib/tx';
import { Confirmation } from '../../ui/Confirmation';

export async function stakeFlow(params: unknown, restake: boolean): Promise<Json> {
  const { p, m, from, screen, t } = await prepare(params);
  const { protocol } = screen;
  const referral = addressParam(p, 'referral', true);
  const amount = amountParam(p, stakeLimits(screen), 'METIS');
  const ref = await referralParts(t, m, referral, from);
  const receive = restake ? fmtShares(previewStakeAndRestake(amount, protocol)) : fmt(previewStake(amount, protocol), 'eMETIS');

  await confirm(
    Confirmation({
      title: t(restake ? 'stakeAndRestakeTitle' : 'stakeTitle'),
      rows: [
        { label: t('account'), address: from },
        { label: t('youPay'), text: fmt(amount, 'METIS') },
        { label: t('youReceive'), text: receive },
        { label: t('rate'), text: restake ? fmtSharePrice(protocol) : fmtBacking(10n ** 18n) },
        ...aprRows(t, protocol),
        ...ref.rows,
      ],
      details: contractRows(t, m, m.contracts.stakingManager),
      warnings: ref.warnings,
    }),
  );

  return snapTx(from, m.chainId, stakeTx(m, { amount, receiver: from, referral, restake }));
}

export const stake = (params: unknown) => stakeFlow(params, false);
