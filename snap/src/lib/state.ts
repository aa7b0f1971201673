// Persistent snap state (snap_manageState, unencrypted so cronjobs work while MetaMask is locked;
// it holds only public figures: which tickets were notified, the last rewards summary and the airdrop claims
// dapps passed to rememberAirdropClaim, each verified against the bundled Merkle root).
import type { Json } from '@metamask/snaps-sdk';

export interface SnapState {
  /** "<chainId>:<ticketId>" of redemptions already announced as claimable. */
  notified: string[];
  /** "<chainId>:<account>" -> rewardsEarned (wei, decimal string) at the last summary. */
  lastRewards: Record<string, string>;
  /** "<chainId>:<account lower-case>" -> the account's verified genesis airdrop claim (decimal strings). */
  airdrops: Record<string, { index: string; amount: string }>;
}

/** The state key of an account on a chain. */
export const accountKey = (chainId: number, account: string): string => `${chainId}:${account.toLowerCase()}`;

export async function getState(): Promise<SnapState> {
  const s = (await snap.request({
    method: 'snap_manageState',
    params: { operation: 'get', encrypted: false },
  })) as Partial<SnapState> | null;
  return { notified: s?.notified ?? [], lastRewards: s?.lastRewards ?? {}, airdrops: s?.airdrops ?? {} };
}

export async function setState(state: SnapState): Promise<void> {
  await snap.request({
    method: 'snap_manageState',
    params: { operation: 'update', newState: state as unknown as Record<string, Json>, encrypted: false },
  });
}
