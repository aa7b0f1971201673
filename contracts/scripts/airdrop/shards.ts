// The two-level airdrop tree and its shard files (see contracts/bindings/airdrop-shards.ts for the layout a
// client reads): shard key = the first k hex digits of the lower-case address; k is the smallest for which
// the largest shard file fits in `maxShardBytes` (4096 by default).
import fs from 'node:fs';
import path from 'node:path';
import type { Hex } from 'viem';
import { airdropLeaf } from '../../bindings/airdrop.js';
import { merkleDepth, merkleProof, merkleTree, shardFileName, shardKey, shardTree } from '../../bindings/airdrop-shards.js';
import { MAX_PREFIX_LENGTH } from '../../bindings/manifest.js';

export const MAX_SHARD_BYTES = 4096;

export type BuildPhase = 'leaves' | 'shards' | 'top' | 'write';

export interface ShardBuildOptions {
  /** Largest shard file in bytes (raw JSON). Default 4096. */
  maxShardBytes?: number;
  /** Force the prefix length instead of choosing it (tests, benchmarks). */
  prefixLength?: number;
  /** Called with (phase, done, total), about every 10% of each phase. */
  onProgress?: (phase: BuildPhase, done: number, total: number) => void;
}

export interface BuiltShard {
  prefix: string;
  /** Recipient indexes (CSV order) of the shard's claims, sorted by address. */
  members: number[];
  root: Hex;
  /** Byte size of the shard file. */
  bytes: number;
}

export interface ShardedAirdrop {
  root: Hex;
  prefixLength: number;
  count: number;
  /** Sum of all amounts in wei. */
  total: bigint;
  recipients: readonly { account: `0x${string}`; amount: bigint }[];
  /** Leaf hash of each recipient (CSV order). */
  leaves: Hex[];
  /** Non-empty shards in key order. */
  shards: BuiltShard[];
  /** The top tree over the shard roots (heap layout, see merkleTree). */
  topTree: Hex[];
  maxShardBytes: number;
  meanShardBytes: number;
}

const claimJson = (index: number, account: string, amount: bigint): string => `{"index":${index},"account":"${account}","amount":"${amount}"}`;

// `{"root":"0x…","prefixLength":k,"shard":"…","claims":[…],"topProof":[…]}` without the variable parts.
const FILE_OVERHEAD = '{"root":"","prefixLength":,"shard":"","claims":[],"topProof":[]}'.length + 66;

/** Exact byte size of a shard file: k, its claims' JSON total and count, and its top-proof length. */
function fileBytes(k: number, claimBytes: number, n: number, depth: number): number {
  return FILE_OVERHEAD + String(k).length + k + claimBytes + (n - 1) + (depth > 0 ? depth * 69 - 1 : 0);
}

const maxOf = (xs: readonly number[]): number => xs.reduce((a, b) => (b > a ? b : a), 0);

interface Layout {
  k: number;
  /** Start offsets into `order` of each shard, plus the end. */
  bounds: number[];
  sizes: number[];
}

function layout(k: number, order: readonly number[], lower: readonly string[], claimLen: Uint32Array): Layout {
  const bounds: number[] = [];
  const sums: number[] = [];
  let prev = '';
  for (let p = 0; p < order.length; p++) {
    const key = lower[order[p]!]!.slice(2, 2 + k);
    if (p === 0 || key !== prev) {
      bounds.push(p);
      sums.push(0);
      prev = key;
    }
    sums[sums.length - 1]! += claimLen[order[p]!]!;
  }
  bounds.push(order.length);
  const m = sums.length;
  const sizes = sums.map((s, j) => fileBytes(k, s, bounds[j + 1]! - bounds[j]!, merkleDepth(m, j)));
  return { k, bounds, sizes };
}

/**
 * Builds the two-level tree: indexes recipients in order (0, 1, ...), picks the prefix length, hashes every
 * leaf, each shard's tree and the top tree. Throws when no prefix length fits `maxShardBytes`.
 */
export function buildShardedAirdrop(
  recipients: readonly { account: `0x${string}`; amount: bigint }[],
  options: ShardBuildOptions = {},
): ShardedAirdrop {
  const n = recipients.length;
  if (n === 0) throw new Error('no recipients');
  const limit = options.maxShardBytes ?? MAX_SHARD_BYTES;
  const progress = (phase: BuildPhase, total: number) => {
    const step = Math.max(1, Math.ceil(total / 10));
    return (done: number) => {
      if (options.onProgress && (done % step === 0 || done === total)) options.onProgress(phase, done, total);
    };
  };

  const lower = recipients.map((r) => r.account.toLowerCase());
  const claimLen = new Uint32Array(n);
  let total = 0n;
  recipients.forEach((r, i) => {
    claimLen[i] = claimJson(i, r.account, r.amount).length;
    total += r.amount;
  });
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (lower[a]! < lower[b]! ? -1 : lower[a]! > lower[b]! ? 1 : 0));

  let chosen: Layout | undefined;
  if (options.prefixLength !== undefined) {
    const k = options.prefixLength;
    if (!Number.isInteger(k) || k < 0 || k > MAX_PREFIX_LENGTH) throw new Error(`prefixLength must be an integer from 0 to ${MAX_PREFIX_LENGTH}`);
    chosen = layout(k, order, lower, claimLen);
  } else {
    for (let k = 0; k <= MAX_PREFIX_LENGTH && !chosen; k++) {
      const l = layout(k, order, lower, claimLen);
      if (maxOf(l.sizes) <= limit) chosen = l;
      // Past one claim per shard, a longer prefix only deepens the top proofs.
      else if (l.sizes.length === n) break;
    }
    if (!chosen) throw new Error(`no prefix length gives shard files of at most ${limit} bytes`);
  }

  const leafDone = progress('leaves', n);
  const leaves = recipients.map((r, i) => {
    // The lower-case address encodes to the same bytes and spares viem's checksum check (a keccak each).
    const leaf = airdropLeaf(BigInt(i), lower[i]! as `0x${string}`, r.amount);
    leafDone(i + 1);
    return leaf;
  });

  const m = chosen.sizes.length;
  const shardDone = progress('shards', m);
  const shards: BuiltShard[] = chosen.sizes.map((bytes, j) => {
    const members = order.slice(chosen.bounds[j]!, chosen.bounds[j + 1]!);
    const { tree } = shardTree(members.map((i) => leaves[i]!));
    shardDone(j + 1);
    return { prefix: shardKey(lower[members[0]!]!, chosen.k), members, root: tree[0]!, bytes };
  });

  options.onProgress?.('top', 0, m);
  const topTree = merkleTree(shards.map((s) => s.root));
  options.onProgress?.('top', m, m);

  const sum = shards.reduce((a, s) => a + s.bytes, 0);
  return {
    root: topTree[0]!,
    prefixLength: chosen.k,
    count: n,
    total,
    recipients,
    leaves,
    shards,
    topTree,
    maxShardBytes: maxOf(shards.map((s) => s.bytes)),
    meanShardBytes: sum / m,
  };
}

/** The JSON text of shard `j` (compact). */
export function shardFileText(built: ShardedAirdrop, j: number): string {
  const s = built.shards[j]!;
  const claims = s.members.map((i) => claimJson(i, built.recipients[i]!.account, built.recipients[i]!.amount)).join(',');
  const topProof = merkleProof(built.topTree, j)
    .map((h) => `"${h}"`)
    .join(',');
  return `{"root":"${built.root}","prefixLength":${built.prefixLength},"shard":"${s.prefix}","claims":[${claims}],"topProof":[${topProof}]}`;
}

/** Full proofs (in-shard siblings, then the shard root's in the top tree) of every recipient, in CSV order. */
export function* allProofs(built: ShardedAirdrop): Generator<{ index: number; proof: Hex[] }> {
  for (let j = 0; j < built.shards.length; j++) {
    const s = built.shards[j]!;
    const { sorted, tree } = shardTree(s.members.map((i) => built.leaves[i]!));
    const pos = new Map(sorted.map((h, p) => [h, p]));
    const top = merkleProof(built.topTree, j);
    for (const i of s.members) yield { index: i, proof: [...merkleProof(tree, pos.get(built.leaves[i]!)!), ...top] };
  }
}

/** The small `index.json` written next to the shards. */
export function shardIndex(built: ShardedAirdrop) {
  return { root: built.root, prefixLength: built.prefixLength, count: built.count, total: built.total.toString(), shards: built.shards.length };
}

export interface WriteShardsResult {
  dir: string;
  files: number;
  bytes: number;
}

/**
 * Writes every shard file and index.json into `dir`, atomically: into a temporary sibling directory first,
 * then renamed into place (a previous `dir` is replaced). Checks each file's size against the build's.
 */
export function writeShards(built: ShardedAirdrop, dir: string, options: Pick<ShardBuildOptions, 'onProgress'> = {}): WriteShardsResult {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.tmp-`));
  const m = built.shards.length;
  const step = Math.max(1, Math.ceil(m / 10));
  let bytes = 0;
  try {
    for (let j = 0; j < m; j++) {
      const text = shardFileText(built, j);
      const s = built.shards[j]!;
      if (text.length !== s.bytes) throw new Error(`internal error: shard ${s.prefix} is ${text.length} bytes, expected ${s.bytes}`);
      fs.writeFileSync(path.join(tmp, shardFileName(s.prefix)), text);
      bytes += text.length;
      if (options.onProgress && ((j + 1) % step === 0 || j + 1 === m)) options.onProgress('write', j + 1, m);
    }
    fs.writeFileSync(path.join(tmp, 'index.json'), `${JSON.stringify(shardIndex(built))}\n`);
    let old: string | undefined;
    if (fs.existsSync(target)) {
      old = `${tmp}.old`;
      fs.renameSync(target, old);
    }
    fs.renameSync(tmp, target);
    if (old) fs.rmSync(old, { recursive: true, force: true });
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return { dir: target, files: m, bytes };
}
