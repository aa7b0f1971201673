// Redeem tab: eMETIS -> METIS through the redemption queue (the bindings' allowance plan: an eMETIS permit,
// else approve first), the honest wait before requesting (fast path from the L2 buffer and what comes back
// without a new L1 exit delay, else the slow path), the account's tickets with their ETA, and claiming.
// The lens lists only OPEN tickets (RedemptionQueue.ticketsOf drops a ticket once claimed), so the tickets
// claimed here stay listed from the widget's own record of this session, "claimed <date>".
import { html } from 'lit';
import {
  claimRedemptionTx,
  formatAmount,
  planAllowance,
  previewRedemption,
  redemptionEta,
  redemptionLimits,
  requestRedemptionTx,
  requestRedemptionWithPermitTx,
  TICKET_STATUS,
  ticketStatus,
  type TicketInfo,
} from '@metis-liquid-staking/contracts';
import type { MetisStakeWidget } from '../metis-stake-widget.js';
import { actionButton, allowanceSteps, amountField, checked, fmtDate, runClearing } from './common.js';

/** Tickets claimed through each widget in this session, with the chain's time after the claim (unix s). */
const claimed = new WeakMap<MetisStakeWidget, Map<bigint, TicketInfo & { claimedAt: bigint }>>();

export function renderRedeem(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  const connected = !!(s && w.wallet.account);
  const balance = connected ? s!.user.eMetisBalance : undefined;
  const { wei, err } = checked(w, 'redeem', 'eMETIS', s ? { ...redemptionLimits(s), balance } : {});
  const open = connected ? s!.user.tickets : [];
  const mine = [...(claimed.get(w)?.values() ?? [])].filter((t) => t.owner.toLowerCase() === w.wallet.account?.toLowerCase());
  const tickets = [...open, ...mine.filter((t) => !open.some((o) => o.id === t.id))].sort((a, b) => (a.id < b.id ? -1 : 1));
  return html`${amountField(
      w,
      'redeem',
      'eMETIS',
      balance,
      [
        s && wei !== undefined
          ? `${w.t('receive', { amount: formatAmount(previewRedemption(wei, s.protocol)), symbol: 'METIS' })}, ${eta(w, s.protocol.timestamp, redemptionEta(wei, s.protocol))}`
          : '',
      ],
      0n,
      err,
    )}
    ${actionButton(w, 'redeem', w.t('redeemRequest'), () => redeem(w, wei!), err)}
    <h3 id="tickets-h">${w.t('tickets')}</h3>
    ${
      tickets.length === 0
        ? html`<p class="hint">${w.t('noTickets')}</p>`
        : html`<ul class="tickets" part="tickets" aria-labelledby="tickets-h">
            ${tickets.map((t) => ticket(w, t))}
          </ul>`
    }`;
}

/** "ready ~<date> (fast path)" or "up to <date> (slow path)": `seconds` after `from` (unix s). */
function eta(w: MetisStakeWidget, from: bigint, e: { seconds: bigint; fastPath: boolean }): string {
  return w.t(e.fastPath ? 'etaFast' : 'etaSlow', { date: fmtDate(w, from + e.seconds) });
}

function ticket(w: MetisStakeWidget, t: TicketInfo & { claimedAt?: bigint }) {
  const status = ticketStatus(t);
  // a pending ticket's eta is 0 until an L1 report lets the lens estimate it
  const when =
    t.claimedAt !== undefined
      ? w.t('claimedOn', { date: fmtDate(w, t.claimedAt) })
      : status === 'claimable' || status === 'claimed'
        ? w.t(`status_${status}`)
        : t.eta
          ? eta(w, 0n, { seconds: t.eta, fastPath: t.fastPath })
          : w.t('etaWait');
  return html`<li part="ticket" data-ticket=${String(t.id)} data-status=${status}>
    <span>${w.t('ticket', { id: String(t.id), emetis: formatAmount(t.eMetisAmount), metis: formatAmount(t.metisAmount), status: when })}</span>
    ${status === 'claimable' ? actionButton(w, `claim-${t.id}`, w.t('claim'), () => void claim(w, t)) : ''}
  </li>`;
}

/** `amount` was checked while typing (the button is disabled otherwise). */
function redeem(w: MetisStakeWidget, amount: bigint) {
  const m = w.wallet.manifest;
  if (!m) return;
  void runClearing(w, 'redeem', {
    action: 'redeem',
    symbol: 'eMETIS',
    pick: (u) => u.eMetisBalance,
    steps: async () => {
      const c = w.wallet;
      const owner = c.account!;
      const plan = await planAllowance((r) => c.provider!.request(r), 'requestRedemption', { m, screen: c.screen!, owner, amount });
      return allowanceSteps(w, plan, w.t('stepAction', { action: w.t('redeemRequest') }), (permit) =>
        permit ? requestRedemptionWithPermitTx(m, { amount, owner, ...permit }) : requestRedemptionTx(m, { amount, owner }),
      );
    },
  });
}

async function claim(w: MetisStakeWidget, t: TicketInfo) {
  const m = w.wallet.manifest;
  if (!m) return;
  await w.tx.run({
    action: 'claim',
    symbol: 'METIS',
    pick: (u) => u.metisBalance,
    steps: () => [
      { label: w.t('stepAction', { action: w.t('claim') }), run: () => w.tx.send(claimRedemptionTx(m, { ticketId: t.id, to: w.wallet.account! })) },
    ],
  });
  if (w.tx.stage.kind !== 'success') return;
  const map = claimed.get(w) ?? new Map();
  map.set(t.id, {
    ...t,
    status: TICKET_STATUS.indexOf('claimed'),
    eta: 0n,
    claimedAt: w.wallet.screen?.protocol.timestamp ?? BigInt(Math.floor(Date.now() / 1000)),
  });
  claimed.set(w, map);
  w.requestUpdate();
}
