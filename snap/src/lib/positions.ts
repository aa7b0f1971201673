// Reading every connected account's position on every bundled deployment: one lens eth_call per account.
import type { Address } from 'viem';
import { readScreen, type Manifest, type Screen } from '@metis-liquid-staking/contracts';
import { accounts, ensureChain, rpc } from './chain';
import { deployments } from './deployments';
import { accountKey, getState } from './state';

export interface Position {
  m: Manifest;
  account: Address;
  screen: Screen;
  /** The account's genesis airdrop claim remembered by rememberAirdropClaim (its index went to the lens). */
  claim?: { index: bigint; amount: bigint };
}

/**
 * Positions of the connected accounts (never prompts) on each bundled chain MetaMask can switch to. A
 * remembered airdrop claim's index rides in the same getAll call (airdropIndexes), so `screen.airdrop.claimed[0]`
 * tells whether it was claimed.
 */
export async function readPositions(): Promise<Position[]> {
  const [list, { airdrops }] = await Promise.all([accounts(false), getState()]);
  const out: Position[] = [];
  for (const m of deployments().values()) {
    try {
      await ensureChain(m.chainId);
    } catch {
      continue; // the user has not added this network
    }
    for (const account of list) {
      const c = airdrops[accountKey(m.chainId, account)];
      const claim = c && { index: BigInt(c.index), amount: BigInt(c.amount) };
      const screen = await readScreen(rpc, m.contracts.lens, account, claim ? [claim.index] : []);
      out.push({ m, account, screen, ...(claim ? { claim } : {}) });
    }
  }
  return out;
}
