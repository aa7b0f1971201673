// Formatting for the snap's screens (deterministic: no locale-dependent Date APIs under SES).
import { exitDelayDays, formatAmount, sharePricePerToken, TOKENS, type ProtocolView } from '@metis-liquid-staking/contracts';

export const fmt = (wei: bigint, symbol: string, decimals = 18): string => `${formatAmount(wei, 4, decimals)} ${symbol}`;
export const fmtShares = (shares: bigint): string => fmt(shares, TOKENS.seMETIS.symbol, TOKENS.seMETIS.decimals);

/** Unix seconds -> "2026-12-15 06:00 UTC". */
export function fmtDate(seconds: bigint): string {
  const d = new Date(Number(seconds) * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
}

/** The exit delay in whole days (the bindings' rule: rounded up). */
export const days = (p: Pick<ProtocolView, 'exitDelay'>): string => String(exitDelayDays(p));

/** "1 seMETIS = 1.0234 eMETIS" from the lens share price. */
export const fmtSharePrice = (p: Pick<ProtocolView, 'sharePrice'>): string => `1 seMETIS = ${formatAmount(sharePricePerToken(p), 6)} eMETIS`;

/** "1 eMETIS = 1 METIS" from the backing ratio. */
export const fmtBacking = (ratio: bigint): string => `1 eMETIS = ${formatAmount(ratio, 6)} METIS`;
