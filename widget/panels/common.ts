// Shared pieces of the tab panels (render modules): amount field, action button, amount validation, and the
// steps that carry out the bindings' allowance plan.
import { html, nothing, type TemplateResult } from 'lit';
import {
  AmountError,
  checkAmount,
  decimalsOf,
  formatAmount,
  parseAmount,
  signPermit,
  toDecimalString,
  type AllowancePlan,
  type AmountLimits,
  type PermitSignature,
  type TxRequest,
} from '@metis-liquid-staking/contracts';
import type { ErrorSource } from '../events.js';
import type { Step } from '../tx-controller.js';
import type { MetisStakeWidget } from '../metis-stake-widget.js';

/** Formats a token amount by symbol (seMETIS shares have 24 decimals). */
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
export function validAmount(w: MetisStakeWidget, action: ErrorSource, input: string, limits: AmountLimits, symbol: string): bigint | undefined {
  try {
    return checkAmount(parseAmount(input, decimalsOf(symbol)), limits, symbol, decimalsOf(symbol));
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
  /** Left below the balance by Max (the gas reserve when the amount is the gas token itself). */
  reserve = 0n,
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
        @click=${() => w.setAmount(id, balance === undefined ? '' : toDecimalString(balance > reserve ? balance - reserve : 0n, decimalsOf(symbol)))}
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

/** Wallets without typed-data signing answer with one of these; they get the plan's approval instead. */
const unsupported = (e: unknown) => [4200, -32601, -32602].includes((e as { code?: number }).code as number);

/**
 * The steps of an action under the bindings' allowance plan: `ready` -> the action; `approve` -> approve,
 * then the action; `permit` -> sign the EIP-2612 permit (eth_signTypedData_v4), then the action with it (a
 * wallet that cannot sign typed data sends the plan's approval in the first step, then the action without permit).
 */
export function allowanceSteps(w: MetisStakeWidget, plan: AllowancePlan, label: string, act: (permit?: PermitSignature) => TxRequest): Step[] {
  let permit: PermitSignature | undefined;
  const main: Step = { label, run: () => w.tx.send(act(permit)) };
  if (plan.kind === 'ready') return [main];
  if (plan.kind === 'approve') return [{ label: w.t('stepApprove', { symbol: plan.symbol }), run: () => w.tx.send(plan.approve) }, main];
  return [
    {
      label: w.t('stepPermit', { symbol: plan.symbol }),
      run: async () => {
        const c = w.wallet;
        try {
          permit = await signPermit((r) => c.provider!.request(r), c.account!, plan);
        } catch (e) {
          if (!unsupported(e)) throw e;
          return w.tx.send(plan.approve);
        }
      },
    },
    main,
  ];
}
