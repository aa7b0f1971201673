// The sharded airdrop proofs: a connected account fetches one small file (its address's shard) instead of
// every proof. The tree has two levels; MerkleAirdrop.sol (OpenZeppelin MerkleProof, sorted-pair hashing)
// accepts any tree shape, so its root is the top of:
// - per shard (the accounts whose lower-case address starts with the same `prefixLength` hex digits), a tree
//   over the shard's leaves, laid out as OpenZeppelin's StandardMerkleTree does (leaf hashes sorted);
// - above them, a tree over the shard roots in shard-key order (same heap layout, not sorted).
// A claim's proof is its siblings in the shard tree, then the shard root's siblings in the top tree
// (`topProof`). With one shard (prefixLength 0) the root is the plain StandardMerkleTree root.
// Shard file `<prefix>.json` (`all.json` when prefixLength is 0):
//   { root, prefixLength, shard, claims: [{ index, account, amount }], topProof: [hash...] }
import { concat, getAddress, isAddress, keccak256, type Address, type Hex } from 'viem';
import { airdropLeaf, findClaim, parseAirdropProofs, verifyAirdropClaim, type AirdropClaim } from './airdrop.js';
import { ProtocolError } from './errors.js';
import type { AirdropShardsRef } from './manifest.js';

/** One shard: every claim whose address starts with `shard`, and the shard root's proof in the top tree. */
export interface AirdropShard {
  root: Hex;
  prefixLength: number;
  shard: string;
  claims: { index: bigint; account: Address; amount: bigint }[];
  topProof: Hex[];
}

const HEX32 = /^0x[0-9a-fA-F]{64}$/;

function bad(why: string): never {
  throw new ProtocolError('malformed-proofs', `The airdrop proofs shard is malformed: ${why}.`);
}

/** The shard key of `account`: the first `prefixLength` hex digits of its lower-case address (after 0x). */
export function shardKey(account: string, prefixLength: number): string {
  return account.slice(2, 2 + prefixLength).toLowerCase();
}

/** The shard's file name in the shard directory (`all.json` for the single shard of prefixLength 0). */
export function shardFileName(prefix: string): string {
  return prefix === '' ? 'all.json' : `${prefix}.json`;
}

/** OpenZeppelin's commutative pair hash (Hashes.commutativeKeccak256). */
export function hashPair(a: Hex, b: Hex): Hex {
  return keccak256(BigInt(a) < BigInt(b) ? concat([a, b]) : concat([b, a]));
}

/**
 * A Merkle tree over `leaves` in OpenZeppelin's heap layout (as @openzeppelin/merkle-tree's makeMerkleTree):
 * node i has children 2i+1 and 2i+2, the root is node 0, leaf j is node `length - 1 - j`. Leaves are used in
 * the order given (StandardMerkleTree sorts them first).
 */
export function merkleTree(leaves: readonly Hex[]): Hex[] {
  if (leaves.length === 0) throw new Error('merkleTree: no leaves');
  const tree = new Array<Hex>(2 * leaves.length - 1);
  leaves.forEach((leaf, j) => (tree[tree.length - 1 - j] = leaf));
  for (let i = tree.length - 1 - leaves.length; i >= 0; i--) tree[i] = hashPair(tree[2 * i + 1]!, tree[2 * i + 2]!);
  return tree;
}

/** The proof of leaf `j` of a {@link merkleTree}: its siblings from the bottom up. */
export function merkleProof(tree: readonly Hex[], j: number): Hex[] {
  const proof: Hex[] = [];
  for (let i = tree.length - 1 - j; i > 0; i = (i - 1) >> 1) proof.push(tree[i % 2 === 1 ? i + 1 : i - 1]!);
  return proof;
}

/** Proof length of leaf `j` of an `n`-leaf {@link merkleTree} (its depth), without hashing. */
export function merkleDepth(n: number, j: number): number {
  return Math.floor(Math.log2(2 * n - 1 - j));
}

/** Byte compare of two lower-case 32-byte hashes (what StandardMerkleTree sorts leaves by). */
const byHash = (a: Hex, b: Hex): number => (a < b ? -1 : a > b ? 1 : 0);

/** The shard's own tree, as the builder makes it: leaf hashes (lower-case) sorted, then {@link merkleTree}. */
export function shardTree(leaves: readonly Hex[]): { sorted: Hex[]; tree: Hex[] } {
  const sorted = leaves.map((l) => l.toLowerCase() as Hex).sort(byHash);
  return { sorted, tree: merkleTree(sorted) };
}

function uint(v: unknown, what: string): bigint {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === 'string' && /^\d+$/.test(v)) return BigInt(v);
  bad(`${what} is not a non-negative integer`);
}

/**
 * Validates a shard file. `expected` pins what the caller asked for: the manifest's root, prefix length and
 * the shard of the account. Every claim must belong to the shard; the hashes are not checked here
 * (see {@link claimFromShard}).
 */
export function parseAirdropShard(input: unknown, expected: { root: Hex; prefixLength: number; shard: string }): AirdropShard {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) bad('not a JSON object');
  const o = input as Record<string, unknown>;
  if (typeof o.root !== 'string' || !HEX32.test(o.root)) bad('root is missing or not 32 bytes');
  if (o.root.toLowerCase() !== expected.root.toLowerCase()) bad('its root does not match the airdrop contract');
  if (o.prefixLength !== expected.prefixLength) bad(`prefixLength is ${String(o.prefixLength)}, expected ${expected.prefixLength}`);
  if (o.shard !== expected.shard) bad(`it is shard "${String(o.shard)}", expected "${expected.shard}"`);
  if (!Array.isArray(o.topProof) || !o.topProof.every((p) => typeof p === 'string' && HEX32.test(p))) bad('topProof is not a list of 32-byte hashes');
  if (!Array.isArray(o.claims) || o.claims.length === 0) bad('claims are missing');
  const seen = new Set<string>();
  const claims = o.claims.map((raw: unknown, i) => {
    if (typeof raw !== 'object' || raw === null) bad(`claim ${i} is not an object`);
    const c = raw as Record<string, unknown>;
    if (typeof c.account !== 'string' || !isAddress(c.account, { strict: false })) bad(`claim ${i} has no valid account`);
    const key = c.account.toLowerCase();
    if (shardKey(key, expected.prefixLength) !== expected.shard) bad(`${c.account} does not belong to shard "${expected.shard}"`);
    if (seen.has(key)) bad(`${c.account} appears twice`);
    seen.add(key);
    const amount = uint(c.amount, `amount of ${c.account}`);
    if (amount === 0n) bad(`amount of ${c.account} is zero`);
    return { index: uint(c.index, `index of ${c.account}`), account: getAddress(c.account), amount };
  });
  return { root: o.root as Hex, prefixLength: o.prefixLength, shard: o.shard, claims, topProof: o.topProof as Hex[] };
}

/**
 * The claim of `account` in a parsed shard with its full proof (in-shard siblings, then `topProof`), or
 * undefined when the account is not in the shard. The shard is checked first: its tree, rebuilt from all its
 * claims, must lead to the root through `topProof`, else a 'malformed-proofs' ProtocolError (nothing returned).
 */
export function claimFromShard(shard: AirdropShard, account: string): AirdropClaim | undefined {
  const leaves = shard.claims.map((c) => airdropLeaf(c.index, c.account, c.amount));
  const { sorted, tree } = shardTree(leaves);
  const top = shard.topProof.reduce<Hex>((node, sibling) => hashPair(node, sibling), tree[0]!);
  if (top.toLowerCase() !== shard.root.toLowerCase()) bad(`shard "${shard.shard}" does not lead to the root (a claim or topProof was changed)`);
  const want = account.toLowerCase();
  const i = shard.claims.findIndex((c) => c.account.toLowerCase() === want);
  const c = shard.claims[i];
  if (!c) return undefined;
  const proof = [...merkleProof(tree, sorted.indexOf(leaves[i]!.toLowerCase() as Hex)), ...shard.topProof];
  const claim: AirdropClaim = { index: c.index, account: c.account, amount: c.amount, proof };
  if (!verifyAirdropClaim(shard.root, claim)) bad(`the proof of ${c.account} does not verify`);
  return claim;
}

function resolveUrl(url: string, baseUrl: string | undefined): URL {
  const base = baseUrl ?? (globalThis as { location?: { href?: string } }).location?.href;
  try {
    return new URL(url, base);
  } catch {
    throw new ProtocolError(
      'rpc-unreachable',
      `Cannot resolve the airdrop proofs URL "${url}"${base ? ` against ${base}` : ' (relative, and no base URL)'}.`,
    );
  }
}

async function getJson(url: URL, fetchImpl: typeof fetch): Promise<unknown | undefined> {
  let res: Response;
  try {
    res = await fetchImpl(url.href);
  } catch (e) {
    throw new ProtocolError('rpc-unreachable', `Could not load the airdrop proofs from ${url.href}: ${(e as Error).message}`);
  }
  if (res.status === 404) return undefined;
  if (!res.ok) throw new ProtocolError('rpc-unreachable', `Could not load the airdrop proofs from ${url.href}: HTTP ${res.status}`);
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new ProtocolError('rpc-unreachable', `Could not load the airdrop proofs from ${url.href}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProtocolError('malformed-proofs', `The airdrop proofs at ${url.href} are not JSON.`);
  }
}

/**
 * The airdrop claim of `account`, verified against `airdrop.root`, or undefined when the account is not in the
 * airdrop. One small request when the manifest has `airdrop.shards` (a 404 = no shard = not in the airdrop);
 * else the whole `airdrop.proofsUrl` file. Throws a ProtocolError: 'malformed-proofs' for a file that does not
 * parse or does not lead to the root, 'rpc-unreachable' when it cannot be fetched (or no URL is configured).
 */
export async function fetchAirdropClaim(
  airdrop: { root: Hex; proofsUrl?: string; shards?: AirdropShardsRef },
  account: string,
  opts: { baseUrl?: string; fetch?: typeof fetch } = {},
): Promise<AirdropClaim | undefined> {
  if (!isAddress(account, { strict: false })) throw new Error(`fetchAirdropClaim: "${account}" is not an address`);
  const fetchImpl = opts.fetch ?? fetch;
  if (airdrop.shards) {
    const { prefixLength } = airdrop.shards;
    const shard = shardKey(account, prefixLength);
    const dir = resolveUrl(airdrop.shards.url.endsWith('/') ? airdrop.shards.url : `${airdrop.shards.url}/`, opts.baseUrl);
    const json = await getJson(new URL(shardFileName(shard), dir), fetchImpl);
    if (json === undefined) return undefined;
    return claimFromShard(parseAirdropShard(json, { root: airdrop.root, prefixLength, shard }), account);
  }
  if (!airdrop.proofsUrl) throw new ProtocolError('rpc-unreachable', 'The manifest names no airdrop proofs (airdrop.shards or airdrop.proofsUrl).');
  const url = resolveUrl(airdrop.proofsUrl, opts.baseUrl);
  const json = await getJson(url, fetchImpl);
  if (json === undefined) throw new ProtocolError('rpc-unreachable', `Could not load the airdrop proofs from ${url.href}: HTTP 404`);
  const claim = findClaim(parseAirdropProofs(json, airdrop.root), account);
  if (claim && !verifyAirdropClaim(airdrop.root, claim)) {
    throw new ProtocolError('malformed-proofs', `The airdrop proofs file is malformed: the proof of ${claim.account} does not verify.`);
  }
  return claim;
}
