// `stake`: METIS -> eMETIS through the StakingManager (shared with stakeAndRestake). A short allowance is
// covered by a METIS permit signed in MetaMask when the token has one (stakeWithPermit), else by an
// approval the dapp sends first (`requires`): the bindings' allowance plan.
import type { Json } from '@metamask/snaps-sdk';
import {
  planAllowance,
  previewStake,
  previewStakeAndRestake,
  signPermit,
  stakeLimits,
  stakeTx,
  stakeWithPermitTx,
} from '@metis-liquid-staking/contracts';
import { rpc } from '../lib/chain';
import { confirm, prepare } from '../lib/context';
import { fmt, fmtBacking, fmtShares, fmtSharePrice } from '../lib/format';
import { addressParam, amountParam } from '../lib/params';
import { allowanceWarnings, aprRows, contractRows, referralRow, referralWarning } from '../lib/rows';
import { snapTx } from '../lib/tx';
import { Confirmation } from '../../ui/Confirmation';

export async function stakeFlow(params: unknown, restake: boolean): Promise<Json> {
  const { p, m, from, screen, t } = await prepare(params);
  const { protocol } = screen;
  const referral = addressParam(p, 'referral', true);
  const amount = amountParam(p, stakeLimits(screen), 'METIS');
  const plan = await planAllowance(rpc, 'stake', { m, screen, owner: from, amount });
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
        ...referralRow(t, m.chainId, referral),
      ],
      details: contractRows(t, m, m.contracts.stakingManager),
      warnings: [...referralWarning(t, m.chainId, referral, from), ...allowanceWarnings(t, plan, amount)],
    }),
  );

  const args = { amount, receiver: from, referral, restake };
  if (plan.kind === 'permit') return snapTx(from, m.chainId, stakeWithPermitTx(m, { ...args, ...(await signPermit(rpc, from, plan)) }));
  return snapTx(from, m.chainId, stakeTx(m, args), plan.kind === 'approve' ? [plan.approve] : []);
}

export const stake = (params: unknown) => stakeFlow(params, false);
