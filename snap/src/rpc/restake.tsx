// `restake`: eMETIS -> seMETIS (ERC-4626 deposit). The vault has no permit entry point, so a short
// allowance means an approval transaction first (returned in `requires`): the bindings' allowance plan.
import type { Json } from '@metamask/snaps-sdk';
import { planAllowance, previewRestake, restakeTx } from '@metis-liquid-staking/contracts';
import { rpc } from '../lib/chain';
import { confirm, prepare } from '../lib/context';
import { fmt, fmtShares, fmtSharePrice } from '../lib/format';
import { amountParam } from '../lib/params';
import { allowanceWarnings, aprRows, contractRows } from '../lib/rows';
import { snapTx } from '../lib/tx';
import { Confirmation } from '../../ui/Confirmation';

export async function restake(params: unknown): Promise<Json> {
  const { p, m, from, screen, t } = await prepare(params);
  const { protocol, user } = screen;
  const amount = amountParam(p, { balance: user.eMetisBalance }, 'eMETIS');
  const plan = await planAllowance(rpc, 'restake', { m, screen, owner: from, amount });

  await confirm(
    Confirmation({
      title: t('restakeTitle'),
      rows: [
        { label: t('account'), address: from },
        { label: t('youPay'), text: fmt(amount, 'eMETIS') },
        { label: t('youReceive'), text: fmtShares(previewRestake(amount, protocol)) },
        { label: t('rate'), text: fmtSharePrice(protocol) },
        ...aprRows(t, protocol),
      ],
      details: contractRows(t, m, m.contracts.seMetis),
      warnings: allowanceWarnings(t, plan, amount),
    }),
  );

  return snapTx(from, m.chainId, restakeTx(m, { assets: amount, receiver: from }), plan.kind === 'approve' ? [plan.approve] : []);
}
