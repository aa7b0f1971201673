// Builds the genesis airdrop's Merkle tree (two levels, see shards.ts) and every recipient's proof, as the
// whole proofs file (`npm run airdrop:build -- recipients.csv out.json`).
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { AIRDROP_LEAF, airdropLeaf } from '../../bindings/airdrop.js';
import type { Recipient } from './csv.js';
import { allProofs, buildShardedAirdrop, type ShardBuildOptions, type ShardedAirdrop } from './shards.js';

/** Leaf encoding shared with MerkleAirdrop.sol: (index, account, amount). */
export const LEAF_ENCODING = AIRDROP_LEAF.map((p) => p.type);

export interface AirdropClaim {
  index: number;
  /** Wei, decimal string. */
  amount: string;
  proof: `0x${string}`[];
}

export interface AirdropOutput {
  root: `0x${string}`;
  /** Sum of all amounts in wei, decimal string (what the airdrop contract must hold). */
  total: string;
  count: number;
  claims: Record<string, AirdropClaim>;
}

export interface BuildOptions {
  /** Called with (done, total) as proofs are produced, about every 10%. */
  onProgress?: (done: number, total: number) => void;
  /** How the two-level tree is built (shard size limit, forced prefix length, per-phase progress). */
  shards?: ShardBuildOptions;
}

/** The leaf hash MerkleAirdrop.sol computes (the bindings' airdropLeaf). */
export function airdropLeafHash(index: bigint | number, account: `0x${string}`, amount: bigint): `0x${string}` {
  return airdropLeaf(BigInt(index), account, amount);
}

/**
 * Indexes recipients in order (0, 1, ...), builds the two-level tree of {@link buildShardedAirdrop} (so the
 * root is the one the shard files lead to; with a list small enough for one shard it is the plain
 * StandardMerkleTree root) and returns the root, total and every account's full proof.
 */
export function buildAirdrop(recipients: readonly Pick<Recipient, 'account' | 'amount'>[], options: BuildOptions = {}): AirdropOutput {
  return proofsOf(buildShardedAirdrop(recipients, options.shards), options);
}

/** The whole-file proofs (`claims` keyed by account, in CSV order) of a sharded build. */
export function proofsOf(built: ShardedAirdrop, options: Pick<BuildOptions, 'onProgress'> = {}): AirdropOutput {
  const n = built.count;
  const proofs = new Array<`0x${string}`[]>(n);
  const step = Math.max(1, Math.ceil(n / 10));
  let done = 0;
  for (const { index, proof } of allProofs(built)) {
    proofs[index] = proof;
    done++;
    if (options.onProgress && (done % step === 0 || done === n)) options.onProgress(done, n);
  }
  const claims: Record<string, AirdropClaim> = {};
  built.recipients.forEach((r, i) => (claims[r.account] = { index: i, amount: r.amount.toString(), proof: proofs[i]! }));
  // Self-check against the library on the first and the last leaf.
  for (const i of new Set([0, n - 1])) {
    const r = built.recipients[i]!;
    if (!StandardMerkleTree.verify(built.root, [...LEAF_ENCODING], [i.toString(), r.account, r.amount.toString()], proofs[i]!)) {
      throw new Error(`internal error: proof of leaf ${i} does not verify`);
    }
  }
  return { root: built.root, total: built.total.toString(), count: n, claims };
}

/** The claim of `account` in a built airdrop (address compared case-insensitively), or undefined. */
export function findClaim(out: AirdropOutput, account: string): (AirdropClaim & { account: string }) | undefined {
  const want = account.toLowerCase();
  for (const [key, claim] of Object.entries(out.claims)) {
    if (key.toLowerCase() === want) return { account: key, ...claim };
  }
  return undefined;
}
