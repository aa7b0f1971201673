// Formatting for the snap's screens (deterministic: no locale-dependent Date APIs under SES).
import { formatAmount, SEMETIS_DECIMALS, WAD } from './bindings';

export const fmt = (wei: bigint, symbol: string, decimals = 18): string => `${formatAmount(wei, 4, decimals)} ${symbol}`;
export const fmtShares = (shares: bigint): string => fmt(shares, 'seMETIS', SEMETIS_DECIMALS);

/** Unix seconds -> "2026-12-15 06:00 UTC". */
export function fmtDate(seconds: bigint): string {
  const d = new Date(Number(seconds) * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
}

/** Whole days in `seconds` (rounded up). */
export const days = (seconds: bigint): string => String((seconds + 86399n) / 86400n);

/** "1 seMETIS = 1.0234 eMETIS" from the lens share price (eMETIS per 1e18 share units). */
export function fmtSharePrice(sharePrice: bigint): string {
  const perWholeShare = (sharePrice * 10n ** BigInt(SEMETIS_DECIMALS)) / WAD;
  return `1 seMETIS = ${formatAmount(perWholeShare, 6)} eMETIS`;
}

/** "1 eMETIS = 1 METIS" from the backing ratio. */
export const fmtBacking = (ratio: bigint): string => `1 eMETIS = ${formatAmount(ratio, 6)} METIS`;
