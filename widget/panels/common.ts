// Shared pieces of the tab panels (render modules): amount field, action button, amount validation.
import { html, nothing, type TemplateResult } from 'lit';
import type { Address, Hex } from 'viem';
import {
  AmountError,
  SEMETIS_DECIMALS,
  approveTx,
  checkAmount,
  formatAmount,
  parseAmount,
  permitTypedData,
  splitSignature,
  toDecimalString,
  type AmountLimits,
  type TxRequest,
} from '../../contracts/bindings/index.js';
import type { Step } from '../tx-controller.js';
import type { MetisStakeWidget } from '../metis-stake-widget.js';

/** Token decimals by symbol: seMETIS shares carry the vault's 6-decimal offset. */
export const decimalsOf = (symbol: string): number => (symbol === 'seMETIS' ? SEMETIS_DECIMALS : 18);

/** Formats a token amount by symbol. */
export const fmtToken = (wei: bigint, symbol: string, maxDecimals = 4): string => formatAmount(wei, maxDecimals, decimalsOf(symbol));

/** The amount typed so far, or undefined (for previews). */
export function tryAmount(input: string, symbol = 'METIS'): bigint | undefined {
  try {
    return parseAmount(input, decimalsOf(symbol));
  } catch {
    return undefined;
  }
}

/** Parses and checks an amount; on a problem shows it (with the limit) and returns undefined. */
export function validAmount(w: MetisStakeWidget, action: string, input: string, limits: AmountLimits, symbol: string): bigint | undefined {
  try {
    return checkAmount(parseAmount(input, decimalsOf(symbol)), limits, symbol);
  } catch (e) {
    const limit = e instanceof AmountError ? e.limit : undefined;
    w.tx.fail(e, action, undefined, limit !== undefined ? { amount: fmtToken(limit, symbol), symbol } : undefined);
    return undefined;
  }
}

export function amountField(
  w: MetisStakeWidget,
  id: string,
  symbol: string,
  balance: bigint | undefined,
  hints: (string | typeof nothing)[] = [],
): TemplateResult {
  const value = w.amounts[id] ?? '';
  return html`<div class="field">
    <label for=${id} part="label">${w.t('amount', { symbol })}</label>
    <div class="row">
      <input
        id=${id}
        part="input"
        inputmode="decimal"
        autocomplete="off"
        placeholder="0.0"
        aria-describedby=${`${id}-hint`}
        .value=${value}
        @input=${(e: Event) => w.setAmount(id, (e.target as HTMLInputElement).value)}
      />
      <button
        type="button"
        part="button max"
        class="secondary"
        ?disabled=${balance === undefined}
        @click=${() => w.setAmount(id, balance === undefined ? '' : toDecimalString(balance, decimalsOf(symbol)))}
      >
        ${w.t('max')}
      </button>
    </div>
    <p class="hint" id=${`${id}-hint`}>
      ${balance === undefined ? nothing : w.t('balance', { amount: fmtToken(balance, symbol), symbol })}
      ${hints.map((h) => (h === nothing ? h : html`<br />${h}`))}
    </p>
  </div>`;
}

export function actionButton(w: MetisStakeWidget, name: string, label: string, onClick: () => void): TemplateResult {
  const disabled = !w.canTransact || w.tx.busy;
  return html`<button type="button" class="primary" part="button primary-button" data-action=${name} ?disabled=${disabled} @click=${onClick}>
    ${label}
  </button>`;
}

export interface Permit {
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
}

/** Wallets without typed-data signing answer with one of these; they get approve-then-act instead. */
const unsupported = (e: unknown) => [4200, -32601, -32602].includes((e as { code?: number }).code as number);

/**
 * Two steps: sign an EIP-2612 permit for `amount` of `token` to `spender` (eth_signTypedData_v4), then the
 * action with it. A wallet that cannot sign typed data gets an approval transaction in the first step and
 * the action without permit.
 */
export function permitThenAct(
  w: MetisStakeWidget,
  a: { token: Address; spender: Address; amount: bigint; symbol: string; name: string; nonce: bigint; label: string; act: (p?: Permit) => TxRequest },
): Step[] {
  let permit: Permit | undefined;
  return [
    {
      label: w.t('stepPermit', { symbol: a.symbol }),
      run: async () => {
        const c = w.wallet;
        const owner = c.account as Address;
        const deadline = c.screen!.protocol.timestamp + 3600n;
        const typed = permitTypedData({ token: a.token, chainId: c.manifest!.chainId, name: a.name, owner, spender: a.spender, value: a.amount, nonce: a.nonce, deadline });
        try {
          const sig = (await c.provider!.request({ method: 'eth_signTypedData_v4', params: [owner, JSON.stringify(typed)] })) as Hex;
          permit = { deadline, ...splitSignature(sig) };
        } catch (e) {
          if (!unsupported(e)) throw e;
          return w.tx.send(approveTx(a.token, a.spender, a.amount));
        }
      },
    },
    { label: a.label, run: () => w.tx.send(a.act(permit)) },
  ];
}
