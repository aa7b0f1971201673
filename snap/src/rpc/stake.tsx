// `stake`: METIS -> eMETIS 1:1 through the StakingManager (shared with stakeAndRestake).
import type { Json } from '@metamask/snaps-sdk';
import { approveTx, previewRestake, previewStake, stakeTx, stakeWithPermitTx, type TxRequest } from '../lib/bindings';
import { confirm, prepare } from '../lib/context';
import { fmt, fmtBacking, fmtShares, fmtSharePrice } from '../lib/format';
import { addressParam, amountParam } from '../lib/params';
import { permitInfo, signPermit } from '../lib/permit';
import { aprRows, contractRows, referralRow, referralWarning } from '../lib/rows';
import { snapTx } from '../lib/tx';
import { Confirmation } from '../../ui/Confirmation';

export async function stakeFlow(params: unknown, restake: boolean): Promise<Json> {
  const { p, m, from, screen, t } = await prepare(params);
  const { protocol, user } = screen;
  const referral = addressParam(p, 'referral', true);
  const amount = amountParam(p, { min: protocol.minStake, balance: user.metisBalance }, 'METIS');
  const manager = m.contracts.stakingManager;
  const needsAllowance = user.metisAllowanceToManager < amount;
  const permit = needsAllowance ? await permitInfo(m.contracts.metis, from) : undefined;
  const receive = restake ? fmtShares(previewRestake(previewStake(amount, protocol), protocol)) : fmt(previewStake(amount, protocol), 'eMETIS');

  await confirm(
    Confirmation({
      title: t(restake ? 'stakeAndRestakeTitle' : 'stakeTitle'),
      rows: [
        { label: t('account'), address: from },
        { label: t('youPay'), text: fmt(amount, 'METIS') },
        { label: t('youReceive'), text: receive },
        { label: t('rate'), text: restake ? fmtSharePrice(protocol.sharePrice) : fmtBacking(10n ** 18n) },
        ...aprRows(t, protocol),
        ...referralRow(t, m.chainId, referral),
      ],
      details: contractRows(t, m, manager),
      warnings: [
        ...referralWarning(t, m.chainId, referral, from),
        ...(needsAllowance
          ? [
              {
                title: t(permit ? 'permitSigned' : 'approvalFirst'),
                text: t(permit ? 'permitText' : 'approvalText', { amount: fmt(amount, 'METIS') }),
                severity: 'info' as const,
              },
            ]
          : []),
      ],
    }),
  );

  const args = { amount, receiver: from, referral, restake };
  let tx: TxRequest = stakeTx(m, args);
  const requires: TxRequest[] = [];
  if (needsAllowance && permit) {
    const sig = await signPermit({
      token: m.contracts.metis,
      chainId: m.chainId,
      name: permit.name,
      owner: from,
      spender: manager,
      value: amount,
      nonce: permit.nonce,
      now: protocol.timestamp,
    });
    tx = stakeWithPermitTx(m, { ...args, ...sig });
  } else if (needsAllowance) {
    requires.push(approveTx(m.contracts.metis, manager, amount));
  }
  return snapTx(from, m.chainId, tx, requires) as unknown as Json;
}

export const stake = (params: unknown) => stakeFlow(params, false);
