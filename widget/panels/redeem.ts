// Redeem tab: eMETIS -> METIS through the redemption queue (eMETIS permit signature, else approve first),
// the account's tickets with maturity and status, and claiming a mature ticket.
import { html } from 'lit';
import type { Address } from 'viem';
import {
  EMETIS_NAME,
  claimRedemptionTx,
  formatAmount,
  previewRedemption,
  requestRedemptionTx,
  requestRedemptionWithPermitTx,
  ticketStatus,
  type TicketInfo,
} from '../../contracts/bindings/index.js';
import type { MetisStakeWidget } from '../metis-stake-widget.js';
import { actionButton, amountField, permitThenAct, tryAmount, validAmount, type Permit } from './common.js';

export function renderRedeem(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  const connected = !!(s && w.wallet.account);
  const wei = tryAmount(w.amounts.redeem ?? '');
  const tickets = connected ? s!.user.tickets : [];
  return html`${amountField(w, 'redeem', 'eMETIS', connected ? s!.user.eMetisBalance : undefined, [
      s ? w.t('redeemNote', { days: Number(s.protocol.exitDelay / 86400n) }) : '',
      s && wei !== undefined ? w.t('receive', { amount: formatAmount(previewRedemption(wei, s.protocol)), symbol: 'METIS' }) : '',
    ])}
    ${actionButton(w, 'redeem', w.t('redeemRequest'), () => redeem(w))}
    <h3 id="tickets-h">${w.t('tickets')}</h3>
    ${tickets.length === 0
      ? html`<p class="hint">${w.t('noTickets')}</p>`
      : html`<ul class="tickets" part="tickets" aria-labelledby="tickets-h">
          ${tickets.map((t) => ticket(w, t))}
        </ul>`}`;
}

function ticket(w: MetisStakeWidget, t: TicketInfo) {
  const status = ticketStatus(t);
  const date = new Date(Number(t.maturity) * 1000).toLocaleString(w.lang === 'ja' ? 'ja-JP' : 'en-US');
  return html`<li part="ticket" data-ticket=${String(t.id)} data-status=${status}>
    <span
      >${w.t('ticket', {
        id: String(t.id),
        emetis: formatAmount(t.eMetisAmount),
        metis: formatAmount(t.metisAmount),
        date,
        status: w.t(`status_${status}`),
      })}</span
    >
    ${status === 'claimable' ? actionButton(w, `claim-${t.id}`, w.t('claim'), () => claim(w, t)) : ''}
  </li>`;
}

function redeem(w: MetisStakeWidget) {
  const s = w.wallet.screen;
  const m = w.wallet.manifest;
  if (!s || !m) return;
  const p = s.protocol;
  const amount = validAmount(
    w,
    'redeem',
    w.amounts.redeem ?? '',
    { min: p.minRedemption, ...(p.maxRedemption > 0n ? { max: p.maxRedemption } : {}), balance: s.user.eMetisBalance },
    'eMETIS',
  );
  if (amount === undefined) return;
  void w.tx.run({
    action: 'redeem',
    symbol: 'eMETIS',
    pick: (u) => u.eMetisBalance,
    steps: () => {
      const owner = w.wallet.account as Address;
      const screen = w.wallet.screen!;
      const label = w.t('stepAction', { action: w.t('redeemRequest') });
      const act = (permit?: Permit) =>
        permit ? requestRedemptionWithPermitTx(m, { amount, owner, ...permit }) : requestRedemptionTx(m, { amount, owner });
      if (screen.user.eMetisAllowanceToQueue >= amount) return [{ label, run: () => w.tx.send(act()) }];
      // eMETIS supports EIP-2612: its nonce comes with the lens figures
      return permitThenAct(w, {
        token: m.contracts.eMetis,
        spender: m.contracts.redemptionQueue,
        amount,
        symbol: 'eMETIS',
        name: EMETIS_NAME,
        nonce: screen.user.eMetisNonce,
        label,
        act,
      });
    },
  });
}

function claim(w: MetisStakeWidget, t: TicketInfo) {
  const m = w.wallet.manifest;
  if (!m) return;
  void w.tx.run({
    action: 'claim',
    symbol: 'METIS',
    pick: (u) => u.metisBalance,
    steps: () => [{ label: w.t('stepAction', { action: w.t('claim') }), run: () => w.tx.send(claimRedemptionTx(m, { ticketId: t.id, to: w.wallet.account as Address })) }],
  });
}
