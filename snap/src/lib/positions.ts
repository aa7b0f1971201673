// Reading every connected account's position on every bundled deployment: one lens eth_call per account.
import type { Address } from 'viem';
import { readScreen, type Manifest, type Screen } from './bindings';
import { accounts, ensureChain, rpc } from './chain';
import { deployments } from './deployments';

export interface Position {
  m: Manifest;
  account: Address;
  screen: Screen;
}

/** Positions of the connected accounts (never prompts) on each bundled chain MetaMask can switch to. */
export async function readPositions(): Promise<Position[]> {
  const list = await accounts(false);
  const out: Position[] = [];
  for (const m of deployments().values()) {
    try {
      await ensureChain(m.chainId);
    } catch {
      continue; // the user has not added this network
    }
    for (const account of list) out.push({ m, account, screen: await readScreen(rpc, m.contracts.lens, account) });
  }
  return out;
}
