// The widget's events: namespaced `metis-stake:*`, all bubble and are composed (they leave the shadow root),
// and every `detail` is JSON-safe (amounts are wei as decimal strings, with the token's symbol and decimals
// beside them), so a partner can log or forward them as they are.
import type { Address, Hex } from 'viem';
import type { ClassifiedError } from '@metis-liquid-staking/contracts';

/** What a transaction event is about. */
export type StakeAction = 'stake' | 'stakeAndRestake' | 'restake' | 'unstake' | 'redeem' | 'claim' | 'airdrop';
/** Where an error event comes from: an action, or the widget's own work. */
export type ErrorSource = StakeAction | 'connect' | 'load' | 'refresh' | 'switch-network' | 'snap';

export interface MetisStakeEventDetails {
  /** A wallet connected: the account, its chain id, the wallet's name when it was picked from EIP-6963 announcements. */
  'metis-stake:connected': { account: Address; chainId: number; wallet?: string | undefined };
  /** One per transaction sent (an approval is step 1 of 2). */
  'metis-stake:submitted': { action: StakeAction; hash: Hex; step: number; total: number };
  /** An action succeeded: the balance it changes, before and after, in the token's smallest unit (decimal strings). */
  'metis-stake:confirmed': { action: StakeAction; hash?: Hex | undefined; symbol: string; decimals: number; before: string; after: string };
  /** Something failed; `code` is one of the bindings' classifyError codes, `errorName` the contract's custom error. */
  'metis-stake:error': { action: ErrorSource } & ClassifiedError;
  /**
   * The manifest and the first lens figures are loaded (once per manifest-url / lens / chain-id): the chain, the
   * manifest's name and its contract addresses (only `lens` for an embedding without a manifest).
   */
  'metis-stake:ready': { chainId?: number | undefined; name?: string | undefined; contracts: Record<string, Address> };
}

export type MetisStakeEventName = keyof MetisStakeEventDetails;

declare global {
  interface HTMLElementEventMap {
    'metis-stake:connected': CustomEvent<MetisStakeEventDetails['metis-stake:connected']>;
    'metis-stake:submitted': CustomEvent<MetisStakeEventDetails['metis-stake:submitted']>;
    'metis-stake:confirmed': CustomEvent<MetisStakeEventDetails['metis-stake:confirmed']>;
    'metis-stake:error': CustomEvent<MetisStakeEventDetails['metis-stake:error']>;
    'metis-stake:ready': CustomEvent<MetisStakeEventDetails['metis-stake:ready']>;
  }
}
