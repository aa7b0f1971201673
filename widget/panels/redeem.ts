// Redeem tab: eMETIS -> METIS through the redemption queue (eMETIS permit signature, else approve first),
// the account's tickets with maturity and status, and claiming a mature ticket.
import { html } from 'lit';
import type { Address, Hex } from 'viem';
import {
  approveTx,
  claimRedemptionTx,
  eMetisPermitTypedData,
  formatAmount,
  previewRedemption,
  requestRedemptionTx,
  requestRedemptionWithPermitTx,
  splitSignature,
  ticketStatus,
  type TicketInfo,
} from '../../contracts/bindings/index.js';
import type { MetisStakeWidget } from '../metis-stake-widget.js';
import type { Step } from '../tx-controller.js';
import { actionButton, amountField, tryAmount, validAmount } from './common.js';

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

const unsupported = (e: unknown) => {
  const code = (e as { code?: number }).code;
  return code === 4200 || code === -32601 || code === -32602;
};

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
      const main = (label: string, permit?: { deadline: bigint; v: number; r: Hex; s: Hex }): Step => ({
        label,
        run: () => w.tx.send(permit ? requestRedemptionWithPermitTx(m, { amount, owner, ...permit }) : requestRedemptionTx(m, { amount, owner })),
      });
      const action = w.t('stepAction', { action: w.t('redeemRequest') });
      if (screen.user.eMetisAllowanceToQueue >= amount) return [main(action)];
      // permit signature (eth_signTypedData_v4); wallets without it get approve-then-act
      let permit: { deadline: bigint; v: number; r: Hex; s: Hex } | undefined;
      return [
        {
          label: w.t('stepPermit', { symbol: 'eMETIS' }),
          run: async () => {
            const deadline = screen.protocol.timestamp + 3600n;
            const typed = eMetisPermitTypedData(m, { owner, spender: m.contracts.redemptionQueue, value: amount, nonce: screen.user.eMetisNonce, deadline });
            try {
              const sig = (await w.wallet.provider!.request({ method: 'eth_signTypedData_v4', params: [owner, JSON.stringify(typed)] })) as Hex;
              permit = { deadline, ...splitSignature(sig) };
            } catch (e) {
              if (!unsupported(e)) throw e;
              return w.tx.send(approveTx(m.contracts.eMetis, m.contracts.redemptionQueue, amount));
            }
          },
        },
        { label: action, run: () => main(action, permit).run() },
      ];
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
