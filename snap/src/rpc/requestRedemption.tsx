// `requestRedemption`: eMETIS -> a queue ticket for METIS after the exit delay. A short allowance is
// covered by an eMETIS permit signed in MetaMask (requestRedemptionWithPermit): one transaction.
import type { Json } from '@metamask/snaps-sdk';
import { EMETIS_NAME, previewRedemption, redemptionMaturity, requestRedemptionTx, requestRedemptionWithPermitTx } from '../lib/bindings';
import { confirm, prepare } from '../lib/context';
import { days, fmt, fmtBacking, fmtDate } from '../lib/format';
import { amountParam } from '../lib/params';
import { signPermit } from '../lib/permit';
import { contractRows } from '../lib/rows';
import { snapTx } from '../lib/tx';
import { Confirmation } from '../../ui/Confirmation';

export async function requestRedemption(params: unknown): Promise<Json> {
  const { p, m, from, screen, t } = await prepare(params);
  const { protocol, user } = screen;
  const amount = amountParam(
    p,
    { min: protocol.minRedemption || undefined, max: protocol.maxRedemption || undefined, balance: user.eMetisBalance },
    'eMETIS',
  );
  const queue = m.contracts.redemptionQueue;
  const needsAllowance = user.eMetisAllowanceToQueue < amount;
  const maturity = redemptionMaturity(protocol.timestamp, protocol);

  await confirm(
    Confirmation({
      title: t('requestRedemptionTitle'),
      rows: [
        { label: t('account'), address: from },
        { label: t('youPay'), text: fmt(amount, 'eMETIS') },
        { label: t('youReceive'), text: fmt(previewRedemption(amount, protocol), 'METIS') },
        { label: t('rate'), text: fmtBacking(protocol.backingRatio) },
        { label: t('maturity'), text: fmtDate(maturity) },
      ],
      details: contractRows(t, m, queue),
      warnings: [
        { title: t('redemptionDelay', { days: days(protocol.exitDelay) }), text: t('redemptionDelayText'), severity: 'warning' },
        ...(needsAllowance
          ? [{ title: t('permitSigned'), text: t('permitText', { amount: fmt(amount, 'eMETIS') }), severity: 'info' as const }]
          : []),
      ],
    }),
  );

  if (!needsAllowance) return snapTx(from, m.chainId, requestRedemptionTx(m, { amount, owner: from })) as unknown as Json;
  const sig = await signPermit({
    token: m.contracts.eMetis,
    chainId: m.chainId,
    name: EMETIS_NAME,
    owner: from,
    spender: queue,
    value: amount,
    nonce: user.eMetisNonce,
    now: protocol.timestamp,
  });
  return snapTx(from, m.chainId, requestRedemptionWithPermitTx(m, { amount, owner: from, ...sig })) as unknown as Json;
}
