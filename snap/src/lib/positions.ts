// Reading every connected account's position on every bundled deployment: one lens eth_call per account.
import type { Address } from 'viem';
import { findClaim, parseAirdropProofs, type AirdropClaim } from '../../../contracts/bindings/airdrop.js';
import { readScreen, type Manifest, type Screen } from './bindings';
import { accounts, ensureChain, rpc } from './chain';
import { deployments } from './deployments';

export interface Position {
  m: Manifest;
  account: Address;
  screen: Screen;
  claim?: AirdropClaim;
}

const proofsCache = new Map<string, Promise<ReturnType<typeof parseAirdropProofs> | undefined>>();

/** The airdrop proofs named by the manifest (endowment:network-access), or undefined if none / unreachable. */
function proofsOf(m: Manifest) {
  const url = m.airdrop.proofsUrl;
  if (!url) return Promise.resolve(undefined);
  let p = proofsCache.get(url);
  if (!p) {
    p = fetch(url)
      .then(async (r) => (r.ok ? parseAirdropProofs(await r.json(), m.airdrop.root) : undefined))
      .catch(() => undefined);
    proofsCache.set(url, p);
  }
  return p;
}

/** Positions of the connected accounts (never prompts) on each bundled chain MetaMask can switch to. */
export async function readPositions(withAirdrop = false): Promise<Position[]> {
  const list = await accounts(false);
  const out: Position[] = [];
  for (const m of deployments().values()) {
    try {
      await ensureChain(m.chainId);
    } catch {
      continue; // the user has not added this network
    }
    const proofs = withAirdrop ? await proofsOf(m) : undefined;
    for (const account of list) {
      const claim = proofs ? findClaim(proofs, account) : undefined;
      const screen = await readScreen(rpc, m.contracts.lens, account, claim ? [claim.index] : []);
      out.push({ m, account, screen, ...(claim ? { claim } : {}) });
    }
  }
  return out;
}
