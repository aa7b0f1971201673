// The devnet's demo airdrop, built with the project's airdrop tooling (contracts/scripts/airdrop/).
import { formatEther, type Address, type Hex } from 'viem';
import { buildShardedAirdrop, parseRecipientsCsv, proofsOf, type ShardedAirdrop } from '@metis-liquid-staking/contracts/airdrop-tree';
import { AIRDROP_ACCOUNT_INDEXES, ANVIL_ADDRESSES } from './accounts.js';

export interface AirdropClaim {
  index: number;
  amount: bigint;
  proof: Hex[];
}

export interface AirdropBuild {
  root: Hex;
  total: bigint;
  count: number;
  claims: Record<string, AirdropClaim>;
  /** The same tree sharded by address prefix (writeShards writes its files; prefixLength goes in the manifest). */
  sharded: ShardedAirdrop;
}

/** JSON form of the proofs file served to the widget and snap (amounts as decimal strings). */
export interface AirdropProofsJson {
  root: Hex;
  total: string;
  count: number;
  claims: Record<string, { index: number; amount: string; proof: Hex[] }>;
}

/** Demo allocation: anvil accounts 0..5 with various amounts; account 9 is left out on purpose. */
export const DEMO_AIRDROP_AMOUNTS: readonly bigint[] = [
  50_000n * 10n ** 18n,
  25_000n * 10n ** 18n,
  12_500n * 10n ** 18n,
  5_000n * 10n ** 18n,
  2_500n * 10n ** 18n,
  1_000n * 10n ** 18n,
];

export function demoRecipientsCsv(): string {
  const lines = ['account,amount'];
  AIRDROP_ACCOUNT_INDEXES.forEach((idx, i) => lines.push(`${ANVIL_ADDRESSES[idx]},${formatEther(DEMO_AIRDROP_AMOUNTS[i]!)}`));
  return `${lines.join('\n')}\n`;
}

/** Builds an airdrop (root, total, per-account index/amount/proof, the shards) with the project's tooling; the demo list by default. */
export async function buildDemoAirdrop(csv = demoRecipientsCsv()): Promise<AirdropBuild> {
  const sharded = buildShardedAirdrop(parseRecipientsCsv(csv));
  const built = proofsOf(sharded);
  const claims: Record<string, AirdropClaim> = {};
  for (const [account, c] of Object.entries(built.claims)) {
    claims[account] = { index: Number(c.index), amount: BigInt(c.amount), proof: c.proof };
  }
  return { root: built.root, total: BigInt(built.total), count: built.count, claims, sharded };
}

export function proofsToJson(a: AirdropBuild): AirdropProofsJson {
  const claims: AirdropProofsJson['claims'] = {};
  for (const [account, c] of Object.entries(a.claims)) {
    claims[account] = { index: c.index, amount: c.amount.toString(), proof: c.proof };
  }
  return { root: a.root, total: a.total.toString(), count: a.count, claims };
}

/** The claim of `account` (address keys are compared case-insensitively). */
export function claimFor(proofs: AirdropProofsJson, account: Address) {
  const want = account.toLowerCase();
  const key = Object.keys(proofs.claims).find((k) => k.toLowerCase() === want);
  return key ? proofs.claims[key] : undefined;
}
