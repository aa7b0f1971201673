// Parsing, checking and formatting token amounts, shared by snap/ and widget/ (viem's parseUnits and
// formatUnits underneath; this file adds the plain-words validation and the display rounding).
import { formatUnits, parseUnits } from 'viem';
import { TOKENS } from './tokens.js';

export const DECIMALS: number = TOKENS.METIS.decimals;
export const WAD = 10n ** 18n;
/** seMETIS share decimals: eMETIS's 18 plus SeMetis's `_decimalsOffset()` of 6 (inflation-attack offset). */
export const SEMETIS_DECIMALS: number = TOKENS.seMETIS.decimals;

export type AmountProblem = 'empty' | 'invalid' | 'too-many-decimals' | 'zero' | 'below-minimum' | 'above-maximum' | 'insufficient-balance';

export class AmountError extends Error {
  override name = 'AmountError';
  constructor(
    readonly problem: AmountProblem,
    message: string,
    readonly limit?: bigint,
  ) {
    super(message);
  }
}

/** Parses a user-typed decimal string ("12.5") into wei. Throws AmountError with a plain-words message. */
export function parseAmount(input: string, decimals = DECIMALS): bigint {
  const s = input.trim();
  if (s === '') throw new AmountError('empty', 'Enter an amount.');
  if (!/^\d*\.?\d*$/.test(s) || s === '.') throw new AmountError('invalid', `"${input}" is not a number.`);
  if ((s.split('.')[1] ?? '').length > decimals) throw new AmountError('too-many-decimals', `At most ${decimals} decimal places.`);
  const wei = parseUnits(s.startsWith('.') ? `0${s}` : s, decimals);
  if (wei === 0n) throw new AmountError('zero', 'The amount must be greater than zero.');
  return wei;
}

/** Limits an amount is checked against; `undefined` = no such limit. */
export interface AmountLimits {
  min?: bigint | undefined;
  max?: bigint | undefined;
  balance?: bigint | undefined;
}

/** The protocol's "0 = no limit" rule for a lens figure such as `maxRedemption`. */
export const limitOrNone = (v: bigint): bigint | undefined => (v > 0n ? v : undefined);

/** Checks a positive amount against limits; throws AmountError naming the limit that failed. */
export function checkAmount(amount: bigint, limits: AmountLimits, symbol = 'METIS', decimals = DECIMALS): bigint {
  const f = (v: bigint) => formatAmount(v, 4, decimals);
  if (amount <= 0n) throw new AmountError('zero', 'The amount must be greater than zero.');
  if (limits.min !== undefined && amount < limits.min)
    throw new AmountError('below-minimum', `The minimum is ${f(limits.min)} ${symbol}.`, limits.min);
  if (limits.max !== undefined && amount > limits.max)
    throw new AmountError('above-maximum', `The maximum is ${f(limits.max)} ${symbol}.`, limits.max);
  if (limits.balance !== undefined && amount > limits.balance)
    throw new AmountError('insufficient-balance', `Not enough ${symbol}: you have ${f(limits.balance)}.`, limits.balance);
  return amount;
}

/** Formats wei with at most `maxDecimals` decimals (rounded down), trimming trailing zeros; groups thousands. */
export function formatAmount(wei: bigint, maxDecimals = 4, decimals = DECIMALS): string {
  const negative = wei < 0n;
  const abs = negative ? -wei : wei;
  const step = 10n ** BigInt(Math.max(0, decimals - maxDecimals));
  const [whole = '0', frac = ''] = formatUnits((abs / step) * step, decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** Exact decimal string without grouping (for inputs, e.g. the Max button): viem's formatUnits. */
export const toDecimalString = (wei: bigint, decimals = DECIMALS): string => formatUnits(wei, decimals);

/** Basis points as a percentage string: 1834n -> "18.34%". */
export function formatBps(bps: bigint | number): string {
  const v = BigInt(bps);
  return `${v / 100n}.${(v % 100n).toString().padStart(2, '0')}%`;
}
