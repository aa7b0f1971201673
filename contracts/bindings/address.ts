// Addresses without viem: validation and EIP-55 checksums over a compact Keccak-256 (64-bit lanes as
// BigInt; the front ends hash a few 40-byte strings, so speed does not matter, size does).
import type { Address } from 'viem';

const MASK = (1n << 64n) - 1n;
const ROUND: bigint[] = [];
const ROT: number[] = [];
const PI: number[] = [];
// Round constants (LFSR), rho offsets and pi lane order of Keccak-f[1600] (FIPS 202).
for (let round = 0, r = 1, x = 1, y = 0; round < 24; round++) {
  [x, y] = [y, (2 * x + 3 * y) % 5];
  PI.push(x + 5 * y);
  ROT.push((((round + 1) * (round + 2)) / 2) % 64);
  let c = 0n;
  for (let j = 0; j < 7; j++) {
    r = ((r << 1) ^ ((r >> 7) * 0x71)) & 255;
    if (r & 2) c ^= 1n << BigInt((1 << j) - 1);
  }
  ROUND.push(c);
}
const rotl = (v: bigint, n: number) => ((v << BigInt(n)) | (v >> BigInt(64 - n))) & MASK;

function permute(s: bigint[]): void {
  for (let round = 0; round < 24; round++) {
    const c = [0, 1, 2, 3, 4].map((x) => s[x]! ^ s[x + 5]! ^ s[x + 10]! ^ s[x + 15]! ^ s[x + 20]!);
    for (let i = 0; i < 25; i++) s[i]! ^= c[(i + 4) % 5]! ^ rotl(c[(i + 1) % 5]!, 1);
    let cur = s[1]!;
    for (let t = 0; t < 24; t++) {
      const tmp = s[PI[t]!]!;
      s[PI[t]!] = rotl(cur, ROT[t]!);
      cur = tmp;
    }
    for (let y = 0; y < 25; y += 5) {
      const row = s.slice(y, y + 5);
      for (let x = 0; x < 5; x++) s[y + x] = row[x]! ^ (~row[(x + 1) % 5]! & MASK & row[(x + 2) % 5]!);
    }
    s[0]! ^= ROUND[round]!;
  }
}

/** Keccak-256 (the pre-standard SHA-3 padding Ethereum uses) of `bytes`. */
export function keccak256(bytes: Uint8Array): Uint8Array {
  const s: bigint[] = Array(25).fill(0n);
  const padded = new Uint8Array((Math.floor(bytes.length / 136) + 1) * 136);
  padded.set(bytes);
  padded[bytes.length]! ^= 1;
  padded[padded.length - 1]! ^= 0x80;
  for (let off = 0; off < padded.length; off += 136) {
    for (let i = 0; i < 136; i++) s[i >> 3]! ^= BigInt(padded[off + i]!) << BigInt(8 * (i & 7));
    permute(s);
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((s[i >> 3]! >> BigInt(8 * (i & 7))) & 255n);
  return out;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** True when `a` is a 20-byte hex address and, if it is mixed-case, its EIP-55 checksum is right (viem's `isAddress`). */
export function isAddress(a: unknown, opts?: { strict?: boolean }): a is Address {
  if (typeof a !== 'string' || !ADDRESS.test(a)) return false;
  return opts?.strict === false || a.toLowerCase() === a || getAddress(a) === a;
}

// Checksums already computed: a front end sees the same few addresses (the account, the contracts, ticket
// owners) on every lens refresh, and the BigInt Keccak costs about 0.1 ms per address.
const checksummed = new Map<string, Address>();

/** The EIP-55 checksummed form of a 20-byte hex address (any case accepted); throws on anything else. */
export function getAddress(a: string): Address {
  if (!ADDRESS.test(a)) throw new Error(`Address "${a}" is invalid.`);
  const lower = a.slice(2).toLowerCase();
  let out = checksummed.get(lower);
  if (!out) {
    const hash = keccak256(new TextEncoder().encode(lower));
    let sum = '0x';
    for (let i = 0; i < 40; i++) sum += (hash[i >> 1]! >> (i & 1 ? 0 : 4)) & 8 ? lower[i]!.toUpperCase() : lower[i];
    if (checksummed.size > 1000) checksummed.clear();
    checksummed.set(lower, (out = sum as Address));
  }
  return out;
}
