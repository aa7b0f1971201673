// Builds the genesis airdrop's Merkle tree (OpenZeppelin StandardMerkleTree) and every recipient's proof.
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { AIRDROP_LEAF, airdropLeaf } from '../../bindings/airdrop.js';
import type { Recipient } from './csv.js';

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
}

/** The leaf hash MerkleAirdrop.sol computes (the bindings' airdropLeaf). */
export function airdropLeafHash(index: bigint | number, account: `0x${string}`, amount: bigint): `0x${string}` {
  return airdropLeaf(BigInt(index), account, amount);
}

/** Indexes recipients in order (0, 1, ...), builds the tree and returns the root, total and per-account proofs. */
export function buildAirdrop(recipients: readonly Pick<Recipient, 'account' | 'amount'>[], options: BuildOptions = {}): AirdropOutput {
  if (recipients.length === 0) throw new Error('no recipients');
  const values = recipients.map((r, i) => [i.toString(), r.account, r.amount.toString()] as [string, string, string]);
  const tree = StandardMerkleTree.of(values, [...LEAF_ENCODING]);
  const claims: Record<string, AirdropClaim> = {};
  let total = 0n;
  const n = recipients.length;
  const step = Math.max(1, Math.ceil(n / 10));
  // Proofs are read straight from the dumped tree (a binary heap: node i has children 2i+1 and 2i+2), which is
  // what tree.getProof does, without re-validating every leaf (about 1 ms each, far too slow for large lists).
  const { tree: nodes, values: dumped } = tree.dump();
  dumped.forEach(({ value: [index, account, amount], treeIndex }, valueIndex) => {
    const proof: `0x${string}`[] = [];
    for (let i = treeIndex; i > 0; i = Math.floor((i - 1) / 2)) {
      proof.push(nodes[i % 2 === 1 ? i + 1 : i - 1] as `0x${string}`);
    }
    claims[account] = { index: Number(index), amount, proof };
    total += BigInt(amount);
    const done = valueIndex + 1;
    if (options.onProgress && (done % step === 0 || done === n)) options.onProgress(done, n);
  });
  // Self-check against the library on the first and the last leaf.
  for (const valueIndex of new Set([0, n - 1])) {
    const [index, account, amount] = values[valueIndex] as [string, string, string];
    const claim = claims[account];
    if (!claim || !StandardMerkleTree.verify(tree.root, [...LEAF_ENCODING], [index, account, amount], claim.proof)) {
      throw new Error(`internal error: proof of leaf ${valueIndex} does not verify`);
    }
  }
  return { root: tree.root as `0x${string}`, total: total.toString(), count: n, claims };
}

/** The claim of `account` in a built airdrop (address compared case-insensitively), or undefined. */
export function findClaim(out: AirdropOutput, account: string): (AirdropClaim & { account: string }) | undefined {
  const want = account.toLowerCase();
  for (const [key, claim] of Object.entries(out.claims)) {
    if (key.toLowerCase() === want) return { account: key, ...claim };
  }
  return undefined;
}
