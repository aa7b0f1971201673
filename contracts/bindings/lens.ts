// Reading the StakingLens: one eth_call returns everything a screen needs. Also the small previews
// (what a user receives) derived from the lens figures, so snap/ and widget/ never compute them twice.
import { decodeFunctionResult, encodeFunctionData, type Address, type ContractFunctionReturnType } from 'viem';
import { lensAbi } from './frontend-abis.js';
import { ethCall, type RequestFn } from './eip1193.js';
import { limitOrNone, WAD, type AmountLimits } from './amounts.js';
import { TOKENS } from './tokens.js';

type GetAll = ContractFunctionReturnType<typeof lensAbi, 'view', 'getAll'>;
export type ProtocolView = GetAll[0];
export type UserView = GetAll[1];
export type AirdropView = GetAll[2];
/** seMETIS share-price checkpoints, oldest first: `price` is eMETIS wei per whole seMETIS (1e24 share units). */
export type PricePoint = GetAll[3][number];
export type TicketInfo = UserView['tickets'][number];

export interface Screen {
  protocol: ProtocolView;
  user: UserView;
  airdrop: AirdropView;
  priceHistory: readonly PricePoint[];
}

/** Reads protocol figures and `account`'s position in a single eth_call. */
export async function readScreen(request: RequestFn, lens: Address, account: Address, airdropIndexes: readonly bigint[] = []): Promise<Screen> {
  const data = await ethCall(request, lens, encodeFunctionData({ abi: lensAbi, functionName: 'getAll', args: [account, airdropIndexes] }));
  const [protocol, user, airdrop, priceHistory] = decodeFunctionResult({ abi: lensAbi, functionName: 'getAll', data });
  return { protocol, user, airdrop, priceHistory };
}

/** Ticket status names as the RedemptionQueue's enum orders them (None, Pending, Claimable = funded, Claimed). */
export const TICKET_STATUS = ['none', 'pending', 'claimable', 'claimed'] as const;
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

/** seMETIS shares for `eMetis` at the lens share price (rounded down, as the vault's deposit does). */
export function previewRestake(eMetis: bigint, p: Pick<ProtocolView, 'sharePrice'>): bigint {
  return p.sharePrice === 0n ? eMetis : (eMetis * WAD) / p.sharePrice;
}

/** seMETIS shares straight from staking `metis` with stakeAndRestake (previewStake, then previewRestake). */
export function previewStakeAndRestake(metis: bigint, p: Pick<ProtocolView, 'tvl' | 'eMetisSupply' | 'sharePrice'>): bigint {
  return previewRestake(previewStake(metis, p), p);
}

/** eMETIS returned for `shares` seMETIS at the lens share price (rounded down, as the vault's redeem does). */
export function previewUnstake(shares: bigint, p: Pick<ProtocolView, 'sharePrice'>): bigint {
  return (shares * p.sharePrice) / WAD;
}

/** seMETIS shares burned to withdraw `eMetis` assets at the lens share price (rounded up, as the vault's withdraw does). */
export function previewWithdrawShares(eMetis: bigint, p: Pick<ProtocolView, 'sharePrice'>): bigint {
  return p.sharePrice === 0n ? eMetis : (eMetis * WAD + p.sharePrice - 1n) / p.sharePrice;
}

/** METIS a redemption of `eMetis` pays at today's backing ratio (1:1 unless a loss exceeded seMETIS). */
export function previewRedemption(eMetis: bigint, p: Pick<ProtocolView, 'backingRatio'>): bigint {
  return (eMetis * p.backingRatio) / WAD;
}

/** Unix seconds when a redemption requested at `now` matures. */
export function redemptionMaturity(nowSeconds: bigint, p: Pick<ProtocolView, 'exitDelay'>): bigint {
  return nowSeconds + p.exitDelay;
}

/**
 * The honest wait for a new redemption of `eMetis`, as the lens estimates a pending ticket's `eta`: the METIS
 * needed is the queue already waiting (`queueUnfinalized`) plus this request at today's backing ratio
 * (rounded up). Fast path when the L2 buffer and what can come back without a new L1 exit delay
 * (`fastCapacity`: returning, L1 idle, withdrawable) cover it: `fastPathDelay`; else `slowPathDelay`
 * (the L1 exit delay plus the fast path).
 */
export function redemptionEta(
  eMetis: bigint,
  p: Pick<ProtocolView, 'queueUnfinalized' | 'backingRatio' | 'buffered' | 'fastCapacity' | 'fastPathDelay' | 'slowPathDelay'>,
): { seconds: bigint; fastPath: boolean } {
  const need = ((p.queueUnfinalized + eMetis) * p.backingRatio + WAD - 1n) / WAD;
  const fastPath = need <= p.buffered + p.fastCapacity;
  return { seconds: fastPath ? p.fastPathDelay : p.slowPathDelay, fastPath };
}

/**
 * The exit delay in whole days, ROUNDED UP (a redemption never matures later than the number shown:
 * 21 days + 1 second reads "22 days"). The one rule for both front ends.
 */
export function exitDelayDays(p: Pick<ProtocolView, 'exitDelay'>): number {
  return Number((p.exitDelay + 86_399n) / 86_400n);
}

/** eMETIS (wei) per one whole seMETIS (10^24 shares); the lens's sharePrice is per 1e18 shares. */
export function sharePricePerToken(p: Pick<ProtocolView, 'sharePrice'>): bigint {
  return p.sharePrice * 10n ** BigInt(TOKENS.seMETIS.decimals - TOKENS.eMETIS.decimals);
}

/** The limits a stake is checked against (minimum stake, the METIS balance). */
export function stakeLimits(s: Screen): AmountLimits {
  return { min: s.protocol.minStake, balance: s.user.metisBalance };
}

/** The limits a redemption request is checked against; a `maxRedemption` of 0 means no maximum. */
export function redemptionLimits(s: Screen): AmountLimits {
  return { min: limitOrNone(s.protocol.minRedemption), max: limitOrNone(s.protocol.maxRedemption), balance: s.user.eMetisBalance };
}
