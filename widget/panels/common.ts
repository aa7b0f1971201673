// Shared pieces of the tab panels (render modules): amount field, action button, amount validation.
import { html, nothing, type TemplateResult } from 'lit';
import { AmountError, SEMETIS_DECIMALS, checkAmount, formatAmount, parseAmount, toDecimalString, type AmountLimits } from '../../contracts/bindings/index.js';
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
