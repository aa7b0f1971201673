// Reading the StakingLens: one eth_call returns everything a screen needs. Also the small previews
// (what a user receives) derived from the lens figures, so snap/ and widget/ never compute them twice.
import type { Address, ContractFunctionReturnType } from 'viem';
import { decodeResult, encodeCall } from './abi-codec.js';
import { lensAbi } from './frontend-abis.js';
import { ethCall, type RequestFn } from './eip1193.js';
import { DECIMALS, SEMETIS_DECIMALS, WAD } from './amounts.js';

type GetAll = ContractFunctionReturnType<typeof lensAbi, 'view', 'getAll'>;
export type ProtocolView = GetAll[0];
export type UserView = GetAll[1];
export type AirdropView = GetAll[2];
export type TicketInfo = UserView['tickets'][number];

export interface Screen {
  protocol: ProtocolView;
  user: UserView;
  airdrop: AirdropView;
}

/** Reads protocol figures and `account`'s position in a single eth_call. */
export async function readScreen(request: RequestFn, lens: Address, account: Address, airdropIndexes: readonly bigint[] = []): Promise<Screen> {
  const raw = await ethCall(request, lens, encodeCall(lensAbi, 'getAll', [account, airdropIndexes]));
  const [protocol, user, airdrop] = decodeResult(lensAbi, 'getAll', raw) as GetAll;
  return { protocol, user, airdrop };
}

/** Ticket status names as the RedemptionQueue's enum orders them. */
export const TICKET_STATUS = ['none', 'pending', 'funded', 'claimable', 'claimed'] as const;
export type TicketStatusName = (typeof TICKET_STATUS)[number];
export function ticketStatus(t: Pick<TicketInfo, 'status'>): TicketStatusName {
  return TICKET_STATUS[t.status] ?? 'none';
}

/**
 * eMETIS received for staking `metis`: 1:1 while eMETIS is fully backed; after a loss beyond what seMETIS
 * absorbed, the manager mints at backing (metis × supply / backing, rounded down) so newcomers do not pay
 * for the old loss. Without the protocol figures this is the 1:1 case.
 */
export function previewStake(metis: bigint, p?: Pick<ProtocolView, 'tvl' | 'eMetisSupply'>): bigint {
  if (!p || p.tvl === 0n || p.tvl >= p.eMetisSupply) return metis;
  return (metis * p.eMetisSupply) / p.tvl;
}

/** seMETIS shares for `eMetis` at the lens share price (rounded down, as the vault does). */
export function previewRestake(eMetis: bigint, p: Pick<ProtocolView, 'sharePrice'>): bigint {
  return p.sharePrice === 0n ? eMetis : (eMetis * WAD) / p.sharePrice;
}

/** eMETIS returned for `shares` seMETIS at the lens share price (rounded down). */
export function previewUnstake(shares: bigint, p: Pick<ProtocolView, 'sharePrice'>): bigint {
  return (shares * p.sharePrice) / WAD;
}

/** METIS a redemption of `eMetis` pays at today's backing ratio (1:1 unless a loss exceeded seMETIS). */
export function previewRedemption(eMetis: bigint, p: Pick<ProtocolView, 'backingRatio'>): bigint {
  return (eMetis * p.backingRatio) / WAD;
}

/** Unix seconds when a redemption requested at `now` matures. */
export function redemptionMaturity(nowSeconds: bigint, p: Pick<ProtocolView, 'exitDelay'>): bigint {
  return nowSeconds + p.exitDelay;
}

/** eMETIS (wei) per one whole seMETIS (10^SEMETIS_DECIMALS shares); the lens's sharePrice is per 1e18 shares. */
export function sharePricePerToken(p: Pick<ProtocolView, 'sharePrice'>): bigint {
  return p.sharePrice * 10n ** BigInt(SEMETIS_DECIMALS - DECIMALS);
}
