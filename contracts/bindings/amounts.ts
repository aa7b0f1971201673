// Parsing, checking and formatting token amounts (18 decimals), shared by snap/ and widget/.

export const DECIMALS = 18;
export const WAD = 10n ** 18n;
/** seMETIS share decimals: eMETIS's 18 plus SeMetis's `_decimalsOffset()` of 6 (inflation-attack offset). */
export const SEMETIS_DECIMALS = 24;

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
  const [whole = '', frac = ''] = s.split('.');
  if (frac.length > decimals) throw new AmountError('too-many-decimals', `At most ${decimals} decimal places.`);
  const wei = BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
  if (wei === 0n) throw new AmountError('zero', 'The amount must be greater than zero.');
  return wei;
}

export interface AmountLimits {
  min?: bigint;
  max?: bigint;
  balance?: bigint;
}

/** Checks a positive amount against limits; throws AmountError naming the limit that failed. */
export function checkAmount(amount: bigint, limits: AmountLimits, symbol = 'METIS'): bigint {
  if (amount <= 0n) throw new AmountError('zero', 'The amount must be greater than zero.');
  if (limits.min !== undefined && amount < limits.min)
    throw new AmountError('below-minimum', `The minimum is ${formatAmount(limits.min)} ${symbol}.`, limits.min);
  if (limits.max !== undefined && amount > limits.max)
    throw new AmountError('above-maximum', `The maximum is ${formatAmount(limits.max)} ${symbol}.`, limits.max);
  if (limits.balance !== undefined && amount > limits.balance)
    throw new AmountError('insufficient-balance', `Not enough ${symbol}: you have ${formatAmount(limits.balance)}.`, limits.balance);
  return amount;
}

/** `wei` as an exact decimal string with `decimals` decimals, trailing zeros trimmed ("1.5"); viem's formatUnits. */
function formatUnits(wei: bigint, decimals: number): string {
  const digits = (wei < 0n ? -wei : wei).toString().padStart(decimals + 1, '0');
  const cut = digits.length - decimals;
  const frac = digits.slice(cut).replace(/0+$/, '');
  return `${wei < 0n ? '-' : ''}${digits.slice(0, cut)}${frac ? `.${frac}` : ''}`;
}

/** Formats wei with at most `maxDecimals` decimals (rounded down), trimming trailing zeros; groups thousands. */
export function formatAmount(wei: bigint, maxDecimals = 4, decimals = DECIMALS): string {
  const negative = wei < 0n;
  const abs = negative ? -wei : wei;
  const step = 10n ** BigInt(Math.max(0, decimals - maxDecimals));
  const truncated = (abs / step) * step;
  const [whole = '0', frac = ''] = formatUnits(truncated, decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const f = frac.slice(0, maxDecimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${grouped}${f ? `.${f}` : ''}`;
}

/** Exact decimal string without grouping (for inputs, e.g. the Max button). */
export function toDecimalString(wei: bigint, decimals = DECIMALS): string {
  return formatUnits(wei, decimals);
}

/** Basis points as a percentage string: 1834n -> "18.34%". */
export function formatBps(bps: bigint | number): string {
  const v = BigInt(bps);
  return `${v / 100n}.${(v % 100n).toString().padStart(2, '0')}%`;
}
