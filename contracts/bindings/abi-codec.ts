// A small Solidity ABI codec for the front ends (widget, snap), so their bundles carry no viem.
// It covers exactly the types they need and mirrors viem's results (test/node/abi-codec.test.ts compares
// both on randomized inputs): uint/int, address, bool, bytesN, dynamic arrays T[] and tuples in calls;
// the same plus strings (decoding only) in return data and reverts: nested tuples and arrays of tuples (tuples
// with all components named become objects, others arrays; uint/int up to 48 bits become numbers,
// wider ones bigints; addresses come back checksummed); call data by selector; reverts by selector,
// with Error(string) and Panic(uint256) built in. Selectors are precomputed by gen-bindings.mjs
// (a `selector` on each front-end ABI item, `protocolErrorSelectors` for errors): no keccak here.
// Anything else (dynamic `bytes`, fixed-size arrays T[k], encoding a string) fails as unsupported.
import type { Hex } from 'viem';
import { getAddress } from './address.js';

export interface AbiParam {
  readonly type: string;
  readonly name?: string;
  readonly components?: readonly AbiParam[];
}
export interface AbiItem {
  readonly type: string;
  readonly name?: string;
  readonly inputs?: readonly AbiParam[];
  readonly outputs?: readonly AbiParam[];
  readonly selector?: string;
}

export class AbiCodecError extends Error {
  override name = 'AbiCodecError';
}
const fail = (msg: string): never => {
  throw new AbiCodecError(msg);
};

const TWO256 = 1n << 256n;
const word = (n: bigint) => n.toString(16).padStart(64, '0');
const ARRAY = /^(.*)\[\]$/;
const INT = /^(u?)int(\d*)$/;
const BYTES_N = /^bytes(\d+)$/;
const HEX = /^0x([0-9a-fA-F]{2})*$/;

const isDynamic = (p: AbiParam): boolean =>
  ARRAY.test(p.type) || p.type === 'string' || (p.type === 'tuple' && p.components!.some(isDynamic));

/** Bytes the head of a static parameter takes (only called for static ones). */
const headSize = (p: AbiParam): number => (p.type === 'tuple' ? p.components!.reduce((n, c) => n + headSize(c), 0) : 32);

// ---- encoding (hex without 0x) ----

function encodeSeq(ps: readonly AbiParam[], vs: readonly unknown[]): string {
  if (!Array.isArray(vs) || vs.length !== ps.length) fail(`expected ${ps.length} values, got ${Array.isArray(vs) ? vs.length : typeof vs}`);
  const parts = ps.map((p, i) => [isDynamic(p), encodeOne(p, vs[i])] as const);
  let offset = parts.reduce((n, [dyn, e]) => n + (dyn ? 64 : e.length), 0);
  let head = '';
  let tail = '';
  for (const [dyn, e] of parts) {
    if (dyn) {
      head += word(BigInt(offset / 2));
      tail += e;
      offset += e.length;
    } else head += e;
  }
  return head + tail;
}

function encodeOne(p: AbiParam, v: unknown): string {
  const t = p.type;
  const a = ARRAY.exec(t);
  if (a) {
    if (!Array.isArray(v)) return fail(`${t}: expected an array`);
    return word(BigInt(v.length)) + encodeSeq(Array(v.length).fill({ ...p, type: a[1]! }), v);
  }
  if (t === 'tuple') {
    const cs = p.components!;
    return encodeSeq(cs, Array.isArray(v) ? v : cs.map((c) => (v as Record<string, unknown>)?.[c.name!]));
  }
  if (t === 'address') {
    if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(v)) fail(`address: invalid value ${String(v)}`);
    return (v as string).slice(2).toLowerCase().padStart(64, '0');
  }
  if (t === 'bool') {
    if (typeof v !== 'boolean') fail(`bool: invalid value ${String(v)}`);
    return word(v ? 1n : 0n);
  }
  const b = BYTES_N.exec(t);
  if (b) {
    if (typeof v !== 'string' || !HEX.test(v) || v.length !== 2 + 2 * Number(b[1])) fail(`${t}: expected ${b[1]} bytes of hex`);
    return (v as string).slice(2).padEnd(64, '0');
  }
  const i = INT.exec(t);
  if (i) {
    const bits = BigInt(i[2] || 256);
    const n = typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : v;
    if (typeof n !== 'bigint') return fail(`${t}: expected an integer`);
    const [min, max] = i[1] ? [0n, (1n << bits) - 1n] : [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n];
    if (n < min || n > max) fail(`${t}: ${n} out of range`);
    return word(n < 0n ? n + TWO256 : n);
  }
  return fail(`unsupported type ${t}`);
}

// ---- decoding ----

class Reader {
  readonly size: number;
  constructor(readonly hex: string) {
    if (!HEX.test('0x' + hex)) fail('data is not hex');
    this.size = hex.length / 2;
  }
  word(at: number): bigint {
    if (at + 32 > this.size) fail(`data too short: need ${at + 32} bytes, have ${this.size}`);
    return BigInt('0x' + this.hex.slice(at * 2, at * 2 + 64));
  }
  /** A length or offset: must point inside the data. */
  index(at: number, limit = this.size): number {
    const n = this.word(at);
    if (n > BigInt(limit)) fail(`offset or length ${n} out of bounds at byte ${at}`);
    return Number(n);
  }
  bytes(at: number): string {
    const n = this.index(at);
    if (at + 32 + n > this.size) fail(`data too short for ${n} bytes at byte ${at}`);
    return this.hex.slice(at * 2 + 64, at * 2 + 64 + n * 2);
  }
}

function decodeSeq(r: Reader, ps: readonly AbiParam[], start: number): unknown[] {
  let cursor = start;
  return ps.map((p) => {
    let v: unknown;
    if (isDynamic(p)) {
      v = decodeAt(r, p, start + r.index(cursor));
      cursor += 32;
    } else {
      v = decodeAt(r, p, cursor);
      cursor += headSize(p);
    }
    return v;
  });
}

function decodeAt(r: Reader, p: AbiParam, at: number): unknown {
  const t = p.type;
  const a = ARRAY.exec(t);
  if (a) {
    // each item takes at least 32 bytes, so a length beyond the remaining data is malformed
    const len = r.index(at, Math.max(0, Math.floor((r.size - at - 32) / 32)));
    return decodeSeq(r, Array(len).fill({ ...p, type: a[1]! }), at + 32);
  }
  if (t === 'tuple') {
    const cs = p.components!;
    const vals = decodeSeq(r, cs, at);
    if (cs.length === 0 || cs.some((c) => !c.name)) return vals;
    return Object.fromEntries(cs.map((c, i) => [c.name, vals[i]]));
  }
  const w = r.word(at);
  if (t === 'address') return getAddress('0x' + word(w).slice(24));
  if (t === 'bool') return w > 1n ? fail(`bool: invalid value ${w}`) : w === 1n;
  if (t === 'string') return new TextDecoder().decode(Uint8Array.from(r.bytes(at).match(/../g) ?? [], (h) => parseInt(h, 16)));
  const b = BYTES_N.exec(t);
  if (b) return `0x${word(w).slice(0, 2 * Number(b[1]))}`;
  const i = INT.exec(t);
  if (i) {
    const bits = Number(i[2] || 256);
    const n = !i[1] && w >= TWO256 / 2n ? w - TWO256 : w;
    return bits > 48 ? n : Number(n);
  }
  return fail(`unsupported type ${t}`);
}

const strip = (data: string): string => {
  if (typeof data !== 'string' || !data.startsWith('0x')) fail('data must be a 0x hex string');
  return data.slice(2);
};

function findFunction(abi: readonly AbiItem[], name: string, argCount?: number): AbiItem {
  const f = abi.find((x) => x.type === 'function' && x.name === name && (argCount === undefined || x.inputs!.length === argCount));
  return f ?? fail(`function "${name}" not found in the ABI`);
}

/** `abi.encode(...)` of `values` as `params` (no selector). */
export const encodeParams = (params: readonly AbiParam[], values: readonly unknown[]): Hex => `0x${encodeSeq(params, values)}`;

/** ABI-encodes a call: the item's precomputed selector followed by the encoded `args`. */
export function encodeCall(abi: readonly AbiItem[], name: string, args: readonly unknown[] = []): Hex {
  const f = findFunction(abi, name, args.length);
  return `${f.selector ?? fail(`function "${name}" has no precomputed selector`)}${encodeSeq(f.inputs!, args)}` as Hex;
}

/** Decodes a function's return data like viem: no outputs -> undefined, one -> the value, more -> an array. */
export function decodeResult(abi: readonly AbiItem[], name: string, data: string): unknown {
  const outs = findFunction(abi, name).outputs!;
  const r = new Reader(strip(data));
  if (outs.length > 0 && r.size === 0) fail(`no data returned for "${name}" (is the address a contract on this chain?)`);
  const vals = decodeSeq(r, outs, 0);
  return outs.length === 0 ? undefined : outs.length === 1 ? vals[0] : vals;
}

/** Decodes call data (selector + args) against the functions of `abi`. */
export function decodeCallData(abi: readonly AbiItem[], data: string): { functionName: string; args: unknown[] } {
  const hex = strip(data);
  const sel = '0x' + hex.slice(0, 8).toLowerCase();
  const f = abi.find((x) => x.type === 'function' && x.selector === sel) ?? fail(`no function with selector ${sel}`);
  return { functionName: f.name!, args: decodeSeq(new Reader(hex.slice(8)), f.inputs!, 0) };
}

const BUILTIN_ERRORS: Record<string, string> = { '0x08c379a0': 'Error(string)', '0x4e487b71': 'Panic(uint256)' };

/**
 * Decodes revert data by selector. `errors` maps selector -> signature, e.g. "0x1234abcd" ->
 * "ManagerBelowMinimum(uint256,uint256)" (flat parameter types only, as the protocol's errors are).
 */
export function decodeErrorData(errors: Readonly<Record<string, string>>, data: string): { errorName: string; args: unknown[] } {
  const hex = strip(data);
  const sel = '0x' + hex.slice(0, 8).toLowerCase();
  const sig = BUILTIN_ERRORS[sel] ?? errors[sel] ?? fail(`no error with selector ${sel}`);
  const open = sig.indexOf('(');
  const types = sig.slice(open + 1, -1);
  const params = types ? types.split(',').map((type) => ({ type })) : [];
  return { errorName: sig.slice(0, open), args: decodeSeq(new Reader(hex.slice(8)), params, 0) };
}
