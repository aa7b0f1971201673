// Shared pieces of the tab panels (render modules): amount field, action button, amount validation while typing,
// clearing the amount after success, and the steps that carry out the bindings' allowance plan.
import { html, nothing, type TemplateResult } from 'lit';
import {
  checkAmount,
  decimalsOf,
  formatAmount,
  parseAmount,
  signPermit,
  toDecimalString,
  type AllowancePlan,
  type AmountError,
  type AmountLimits,
  type AmountProblem,
  type PermitSignature,
  type TxRequest,
} from '@metis-liquid-staking/contracts';
import type { StringKey } from '../strings.js';
import type { Action, Step } from '../tx-controller.js';
import type { MetisStakeWidget } from '../metis-stake-widget.js';

/** Formats a token amount by symbol (seMETIS shares have 24 decimals). */
export const fmtToken = (wei: bigint, symbol: string, maxDecimals = 4): string => formatAmount(wei, maxDecimals, decimalsOf(symbol));

/**
 * The seMETIS price (eMETIS per seMETIS, 18 decimals) to 10 decimals, "≈" when that rounds: 25 METIS -> 24.9999
 * seMETIS never contradicts it, and 1.000004 is never shown as 1 (the Stake and Rewards tabs alike).
 */
export const fmtPrice = (price: bigint): string => `1 seMETIS = ${price % 10n ** 8n ? '≈' : ''}${formatAmount(price, 10)} eMETIS`;

/** What the action button says instead of acting, per AmountError problem (else "Enter a valid amount"). */
const PROBLEM: Partial<Record<AmountProblem, StringKey>> = {
  empty: 'v_empty',
  'too-many-decimals': 'v_decimals',
  'insufficient-balance': 'v_balance',
  'below-minimum': 'err_below-minimum-n',
  'above-maximum': 'err_above-maximum-n',
};

/**
 * The amount typed in field `id`, checked while typing by the bindings' parseAmount/checkAmount against `limits`:
 * `wei` when it can be sent (previews use it), else `err`, the reason (the button's label, the input's error).
 */
export function checked(w: MetisStakeWidget, id: string, symbol: string, limits: AmountLimits): { wei?: bigint; err?: string } {
  const d = decimalsOf(symbol);
  try {
    return { wei: checkAmount(parseAmount(w.amounts[id] ?? '', d), limits, symbol, d) };
  } catch (e) {
    const { problem, limit } = e as AmountError;
    return { err: w.t(PROBLEM[problem] ?? 'err_invalid-amount', { amount: limit === undefined ? '' : fmtToken(limit, symbol), symbol, n: d }) };
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
  /** `checked`'s reason: shown under the input (aria-invalid, aria-describedby) once something is typed. */
  err?: string,
): TemplateResult {
  const value = w.amounts[id] ?? '';
  const bad = !!value && !!err;
  return html`<div class="field">
    <label for=${id} part="label">${w.t('amount', { symbol })}</label>
    <div class="row">
      <input
        id=${id}
        part="input"
        inputmode="decimal"
        autocomplete="off"
        placeholder="0.0"
        aria-invalid=${bad}
        aria-describedby=${bad ? `${id}-err ${id}-hint` : `${id}-hint`}
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
    ${bad ? html`<p class="error" part="error" id=${`${id}-err`}>${err}</p>` : nothing}
    <p class="hint" id=${`${id}-hint`}>
      ${balance === undefined ? nothing : w.t('balance', { amount: fmtToken(balance, symbol), symbol })}
      ${hints.map((h) => (h === nothing ? h : html`<br />${h}`))}
    </p>
  </div>`;
}

/** The tab's main button; with `err` (the amount's problem, `checked`) it is disabled and says why. */
export function actionButton(w: MetisStakeWidget, name: string, label: string, onClick: () => void, err?: string): TemplateResult {
  return html`<button
    type="button"
    class="primary"
    part="button primary-button"
    data-action=${name}
    ?disabled=${!w.canTransact || w.tx.busy || !!err}
    @click=${onClick}
  >
    ${err ?? label}
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

/** Runs an action and clears the amount field `id` once it succeeded. */
export async function runClearing(w: MetisStakeWidget, id: string, a: Action): Promise<void> {
  await w.tx.run(a);
  if (w.tx.stage.kind === 'success') w.amounts = { ...w.amounts, [id]: '' };
}

/**
 * A date (unix seconds) as the widget's language writes it: Intl.DateTimeFormat with the `locale` (or the
 * nearest `lang`) when it is a tag of the language shown, else the language itself; medium date, short time,
 * no seconds. The one date format of the widget.
 */
export function fmtDate(w: MetisStakeWidget, seconds: bigint | number): string {
  const tag = w.localeTag;
  const opts = { dateStyle: 'medium', timeStyle: 'short' } as const;
  const ms = Number(seconds) * 1000;
  try {
    if (tag.toLowerCase().startsWith(w.shownLanguage)) return new Intl.DateTimeFormat(tag, opts).format(ms);
  } catch {
    // an invalid tag: the language's own format below
  }
  return new Intl.DateTimeFormat(w.shownLanguage, opts).format(ms);
}
