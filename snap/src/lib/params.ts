// Validating dapp parameters at the edge; every problem is an InvalidParamsError in plain words.
import { InvalidParamsError } from './errors';
import { getAddress, isAddress, type Address } from 'viem';
import { AmountError, checkAmount, decimalsOf, parseAmount, type AmountLimits } from '@metis-liquid-staking/contracts';

export type Params = Record<string, unknown>;

export function asParams(params: unknown): Params {
  if (params === undefined || params === null) return {};
  if (typeof params !== 'object' || Array.isArray(params)) throw new InvalidParamsError('Params must be an object.');
  return params as Params;
}

/** `chainId` as a positive integer (number, or a decimal or 0x string). */
export function chainIdParam(p: Params): number {
  const v = p.chainId;
  let n: number | undefined;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^(0x[0-9a-fA-F]+|\d+)$/.test(v)) n = Number(BigInt(v));
  if (n === undefined || !Number.isSafeInteger(n) || n <= 0) throw new InvalidParamsError('chainId must be a positive integer, e.g. 31337.');
  return n;
}

/** An address param: must be valid and, when mixed-case, correctly checksummed. */
export function addressParam(p: Params, name: string, optional: true): Address | undefined;
export function addressParam(p: Params, name: string, optional?: false): Address;
export function addressParam(p: Params, name: string, optional = false): Address | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === '') {
    if (optional) return undefined;
    throw new InvalidParamsError(`${name} is required.`);
  }
  if (typeof v !== 'string' || !isAddress(v, { strict: false })) throw new InvalidParamsError(`${name} is not an address.`);
  if (v !== v.toLowerCase() && v !== getAddress(v)) throw new InvalidParamsError(`${name} has an invalid checksum: ${v}.`);
  return getAddress(v);
}

/** `amount` as a positive decimal string ("1.5") of `symbol`, in its smallest unit, checked against `limits`. */
export function amountParam(p: Params, limits: AmountLimits, symbol: string): bigint {
  const v = p.amount;
  if (typeof v !== 'string') throw new InvalidParamsError('amount must be a decimal string, e.g. "1.5".');
  try {
    return checkAmount(parseAmount(v, decimalsOf(symbol)), limits, symbol, decimalsOf(symbol));
  } catch (e) {
    if (e instanceof AmountError) throw new InvalidParamsError(`amount: ${e.message}`);
    throw e;
  }
}

/** A ticket id: a positive integer (number or decimal string). */
export function ticketIdParam(p: Params): bigint {
  const v = p.ticketId;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return BigInt(v);
  if (typeof v === 'string' && /^\d+$/.test(v) && BigInt(v) > 0n) return BigInt(v);
  throw new InvalidParamsError('ticketId must be a positive integer.');
}
