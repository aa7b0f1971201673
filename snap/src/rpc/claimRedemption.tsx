// `claimRedemption`: pays a funded (claimable) ticket's METIS to its owner.
import type { Json } from '@metamask/snaps-sdk';
import { InvalidParamsError } from '../lib/errors';
import { claimRedemptionTx, ticketStatus } from '@metis-liquid-staking/contracts';
import { confirm, prepare } from '../lib/context';
import { fmt } from '../lib/format';
import { ticketIdParam } from '../lib/params';
import { contractRows, ticketWhen } from '../lib/rows';
import { snapTx } from '../lib/tx';
import { Confirmation } from '../../ui/Confirmation';

export async function claimRedemption(params: unknown): Promise<Json> {
  const { p, m, from, screen, t } = await prepare(params);
  const ticketId = ticketIdParam(p);
  const ticket = screen.user.tickets.find((k) => k.id === ticketId);
  if (!ticket) throw new InvalidParamsError(`Ticket ${ticketId} is not owned by ${from}.`);
  const status = ticketStatus(ticket);
  if (status !== 'claimable') {
    const when = status === 'claimed' ? 'it was already claimed' : `it is ${status}, ${ticketWhen(t, ticket)}`;
    throw new InvalidParamsError(`Ticket ${ticketId} cannot be claimed yet: ${when}.`);
  }

  await confirm(
    Confirmation({
      title: t('claimRedemptionTitle'),
      rows: [
        { label: t('account'), address: from },
        { label: t('ticket'), text: `#${ticketId}` },
        { label: t('youPay'), text: fmt(ticket.eMetisAmount, 'eMETIS') },
        { label: t('youReceive'), text: fmt(ticket.metisAmount, 'METIS') },
      ],
      details: contractRows(t, m, m.contracts.redemptionQueue),
      warnings: [],
    }),
  );
  return snapTx(from, m.chainId, claimRedemptionTx(m, { ticketId, to: from }));
}
