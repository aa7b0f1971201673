// `requestRedemption`: eMETIS -> a queue ticket for METIS, paid on the fast path (the L2 buffer and what comes
// back from L1 without a new exit delay) or the slow path (a seat's unlock on L1, then the bridge): the dialog
// shows the bindings' redemptionEta. A short allowance is covered by an eMETIS permit signed in MetaMask
// (requestRedemptionWithPermit): one transaction.
import type { Json } from '@metamask/snaps-sdk';
import {
  planAllowance,
  previewRedemption,
  redemptionLimits,
  requestRedemptionTx,
  requestRedemptionWithPermitTx,
  signPermit,
} from '@metis-liquid-staking/contracts';
import { rpc } from '../lib/chain';
import { confirm, prepare } from '../lib/context';
import { fmt, fmtBacking } from '../lib/format';
import { amountParam } from '../lib/params';
import { allowanceWarnings, contractRows, redemptionEtaRows } from '../lib/rows';
import { snapTx } from '../lib/tx';
import { Confirmation } from '../../ui/Confirmation';

export async function requestRedemption(params: unknown): Promise<Json> {
  const { p, m, from, screen, t } = await prepare(params);
  const { protocol } = screen;
  const amount = amountParam(p, redemptionLimits(screen), 'eMETIS');
  const plan = await planAllowance(rpc, 'requestRedemption', { m, screen, owner: from, amount });
  const eta = redemptionEtaRows(t, amount, protocol);

  await confirm(
    Confirmation({
      title: t('requestRedemptionTitle'),
      rows: [
        { label: t('account'), address: from },
        { label: t('youPay'), text: fmt(amount, 'eMETIS') },
        { label: t('youReceive'), text: fmt(previewRedemption(amount, protocol), 'METIS') },
        { label: t('rate'), text: fmtBacking(protocol.backingRatio) },
        eta.row,
      ],
      details: contractRows(t, m, m.contracts.redemptionQueue),
      warnings: [eta.warning, ...allowanceWarnings(t, plan, amount)],
    }),
  );

  const args = { amount, owner: from };
  if (plan.kind === 'permit') return snapTx(from, m.chainId, requestRedemptionWithPermitTx(m, { ...args, ...(await signPermit(rpc, from, plan)) }));
  return snapTx(from, m.chainId, requestRedemptionTx(m, args), plan.kind === 'approve' ? [plan.approve] : []);
}
