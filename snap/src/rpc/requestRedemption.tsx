// `requestRedemption`: eMETIS -> a queue ticket for METIS after the exit delay. A short allowance is
// covered by an eMETIS permit signed in MetaMask (requestRedemptionWithPermit): one transaction.
import type { Json } from '@metamask/snaps-sdk';
import {
  planAllowance,
  previewRedemption,
  redemptionLimits,
  redemptionMaturity,
  requestRedemptionTx,
  requestRedemptionWithPermitTx,
  signPermit,
} from '@metis-liquid-staking/contracts';
import { rpc } from '../lib/chain';
import { confirm, prepare } from '../lib/context';
import { days, fmt, fmtBacking, fmtDate } from '../lib/format';
import { amountParam } from '../lib/params';
import { allowanceWarnings, contractRows } from '../lib/rows';
import { snapTx } from '../lib/tx';
import { Confirmation } from '../../ui/Confirmation';

export async function requestRedemption(params: unknown): Promise<Json> {
  const { p, m, from, screen, t } = await prepare(params);
  const { protocol } = screen;
  const amount = amountParam(p, redemptionLimits(screen), 'eMETIS');
  const plan = await planAllowance(rpc, 'requestRedemption', { m, screen, owner: from, amount });

  await confirm(
    Confirmation({
      title: t('requestRedemptionTitle'),
      rows: [
        { label: t('account'), address: from },
        { label: t('youPay'), text: fmt(amount, 'eMETIS') },
        { label: t('youReceive'), text: fmt(previewRedemption(amount, protocol), 'METIS') },
        { label: t('rate'), text: fmtBacking(protocol.backingRatio) },
        { label: t('maturity'), text: fmtDate(redemptionMaturity(protocol.timestamp, protocol)) },
      ],
      details: contractRows(t, m, m.contracts.redemptionQueue),
      warnings: [
        { title: t('redemptionDelay', { days: days(protocol) }), text: t('redemptionDelayText'), severity: 'warning' },
        ...allowanceWarnings(t, plan, amount),
      ],
    }),
  );

  const args = { amount, owner: from };
  if (plan.kind === 'permit') return snapTx(from, m.chainId, requestRedemptionWithPermitTx(m, { ...args, ...(await signPermit(rpc, from, plan)) }));
  return snapTx(from, m.chainId, requestRedemptionTx(m, args), plan.kind === 'approve' ? [plan.approve] : []);
}
