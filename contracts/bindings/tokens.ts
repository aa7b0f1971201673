// The protocol's tokens as the front ends show them: symbol and decimals, written once.
// (Symbols are the contracts' own: EMetis "eMETIS", SeMetis "seMETIS" (24 decimals: eMETIS's 18 plus the
// vault's 6-decimal inflation-attack offset), GovernanceToken ERC20("Metis LSD Governance", "MLSD").)
import type { ContractKey } from './manifest.js';

export interface TokenInfo {
  readonly symbol: string;
  readonly decimals: number;
}

export const TOKENS = {
  METIS: { symbol: 'METIS', decimals: 18 },
  eMETIS: { symbol: 'eMETIS', decimals: 18 },
  seMETIS: { symbol: 'seMETIS', decimals: 24 },
  MLSD: { symbol: 'MLSD', decimals: 18 },
} as const satisfies Record<string, TokenInfo>;

export type TokenSymbol = keyof typeof TOKENS;

/** The governance token (the genesis airdrop and liquidity-mining rewards). */
export const GOVERNANCE_TOKEN = TOKENS.MLSD;

/** The token each token contract of a manifest is. */
export const TOKEN_OF: Partial<Record<ContractKey, TokenInfo>> = {
  metis: TOKENS.METIS,
  eMetis: TOKENS.eMETIS,
  seMetis: TOKENS.seMETIS,
  governanceToken: TOKENS.MLSD,
};

/** Decimals of a token by symbol (18 for anything not listed, e.g. an LP token). */
export const decimalsOf = (symbol: string): number => (TOKENS as Record<string, TokenInfo>)[symbol]?.decimals ?? 18;
