// `restake`: eMETIS -> seMETIS (ERC-4626 deposit). The vault has no permit entry point, so a short
// allowance means an approval transaction first (returned in `requires`).
import type { Json } from '@metamask/snaps-sdk';
import { approveTx, previewRestake, restakeTx } from '../lib/bindings';
import { confirm, prepare } from '../lib/context';
import { fmt, fmtShares, fmtSharePrice } from '../lib/format';
import { amountParam } from '../lib/params';
import { aprRows, contractRows } from '../lib/rows';
import { snapTx } from '../lib/tx';
import { Confirmation } from '../../ui/Confirmation';

export async function restake(params: unknown): Promise<Json> {
  const { p, m, from, screen, t } = await prepare(params);
  const { protocol, user } = screen;
  const amount = amountParam(p, { balance: user.eMetisBalance }, 'eMETIS');
  const vault = m.contracts.seMetis;
  const needsAllowance = user.eMetisAllowanceToVault < amount;

  await confirm(
    Confirmation({
      title: t('restakeTitle'),
      rows: [
        { label: t('account'), address: from },
        { label: t('youPay'), text: fmt(amount, 'eMETIS') },
        { label: t('youReceive'), text: fmtShares(previewRestake(amount, protocol)) },
        { label: t('rate'), text: fmtSharePrice(protocol.sharePrice) },
        ...aprRows(t, protocol),
      ],
      details: contractRows(t, m, vault),
      warnings: needsAllowance
        ? [{ title: t('approvalFirst'), text: t('approvalText', { amount: fmt(amount, 'eMETIS') }), severity: 'info' }]
        : [],
    }),
  );

  const requires = needsAllowance ? [approveTx(m.contracts.eMetis, vault, amount)] : [];
  return snapTx(from, m.chainId, restakeTx(m, { assets: amount, receiver: from }), requires) as unknown as Json;
}
