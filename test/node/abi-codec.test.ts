// The front ends' ABI codec (contracts/bindings/abi-codec.ts) and address helpers (address.ts) against
// viem, the reference, on randomized inputs from a fixed seed: every front-end function's call data and
// return data (the lens's getAll with its nested tuples and arrays of tuples included), every protocol
// error, Error(string)/Panic, checksums and Keccak-256; plus malformed data that must fail clearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bytesToHex,
  decodeErrorResult,
  decodeFunctionData,
  decodeFunctionResult,
  encodeAbiParameters,
  encodeErrorResult,
  encodeFunctionData,
  encodeFunctionResult,
  formatUnits,
  getAddress as viemGetAddress,
  isAddress as viemIsAddress,
  keccak256 as viemKeccak,
  toFunctionSelector,
  type Abi,
  type Hex,
} from 'viem';
import { AbiCodecError, decodeCallData, decodeErrorData, decodeResult, encodeCall, type AbiItem, type AbiParam } from '../../contracts/bindings/abi-codec.js';
import { getAddress, isAddress, keccak256 } from '../../contracts/bindings/address.js';
import * as abis from '../../contracts/bindings/frontend-abis.js';
import { decodeRevert, formatAmount, protocolErrorSelectors, toDecimalString } from '../../contracts/bindings/index.js';

// mulberry32: small deterministic PRNG, so every run checks the same cases.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(0x5eed_1088);
const int = (n: number) => Math.floor(rand() * n);
const randBytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
const randHex = (n: number) => bytesToHex(randBytes(n));
function randBits(bits: number): bigint {
  // edges are where encoders go wrong: 0, 1, max, powers of two, and random widths
  const pick = int(6);
  const max = (1n << BigInt(bits)) - 1n;
  if (pick === 0) return 0n;
  if (pick === 1) return max;
  if (pick === 2) return 1n << BigInt(int(bits));
  let v = 0n;
  for (let i = 0; i < bits; i += 8) v = (v << 8n) | BigInt(int(256));
  return v & (max >> BigInt(int(bits)));
}
const TEXTS = ['', 'Metis', 'Staked Metis (eMETIS)', 'ステーク', '日本語のテキスト✓', '🚀 emoji', 'x'.repeat(33), 'long '.repeat(20)];

function randValue(p: AbiParam): unknown {
  const arr = /^(.*)\[(\d*)\]$/.exec(p.type);
  if (arr) {
    const len = arr[2] ? Number(arr[2]) : int(4);
    return Array.from({ length: len }, () => randValue({ ...p, type: arr[1]! }));
  }
  if (p.type === 'tuple') {
    const cs = p.components!;
    const named = cs.length > 0 && cs.every((c) => c.name);
    return named ? Object.fromEntries(cs.map((c) => [c.name, randValue(c)])) : cs.map(randValue);
  }
  if (p.type === 'address') {
    const a = randHex(20);
    return int(2) ? viemGetAddress(a) : a;
  }
  if (p.type === 'bool') return int(2) === 1;
  if (p.type === 'string') return TEXTS[int(TEXTS.length)]!;
  if (p.type === 'bytes') return randHex(int(70));
  const b = /^bytes(\d+)$/.exec(p.type);
  if (b) return randHex(Number(b[1]));
  const i = /^(u?)int(\d*)$/.exec(p.type);
  if (i) {
    const bits = Number(i[2] || 256);
    if (i[1]) {
      const v = randBits(bits);
      return bits <= 48 && int(2) ? Number(v) : v;
    }
    const v = randBits(bits - 1);
    return int(2) ? -v - (int(2) ? 1n : 0n) : v;
  }
  throw new Error(`no generator for ${p.type}`);
}

/** Every generated front-end ABI with its functions (events and errors are not called). */
const FRONTEND: [string, readonly AbiItem[]][] = Object.entries(abis)
  .filter(([k, v]) => k.endsWith('Abi') && k !== 'protocolErrorsAbi' && Array.isArray(v))
  .map(([k, v]) => [k, v as readonly AbiItem[]]);
const functions = (abi: readonly AbiItem[]) => abi.filter((x) => x.type === 'function');
const ROUNDS = 40;

test('generated selectors match viem for every front-end function and protocol error', () => {
  let n = 0;
  for (const [, abi] of FRONTEND) {
    for (const f of functions(abi)) {
      assert.equal(f.selector, toFunctionSelector(f as never), f.name);
      n++;
    }
  }
  assert.ok(n >= 30, `only ${n} functions`);
  const errors = abis.protocolErrorsAbi as readonly AbiItem[];
  assert.equal(Object.keys(protocolErrorSelectors()).length, errors.length);
  for (const e of errors) {
    const sig = `${e.name}(${e.inputs!.map((i) => i.type).join(',')})`;
    assert.equal(protocolErrorSelectors()[toFunctionSelector(sig)], sig);
    assert.ok(e.inputs!.every((i) => i.name === undefined), `${e.name} keeps parameter names`);
  }
});

test('encodeCall equals viem encodeFunctionData and decodeCallData equals decodeFunctionData (randomized)', () => {
  let cases = 0;
  for (const [abiName, abi] of FRONTEND) {
    for (const f of functions(abi)) {
      for (let round = 0; round < ROUNDS; round++) {
        const args = f.inputs!.map(randValue);
        const expected = encodeFunctionData({ abi: abi as Abi, functionName: f.name!, args } as never);
        const data = encodeCall(abi, f.name!, args);
        assert.equal(data, expected, `${abiName}.${f.name} ${round}`);
        const viemDecoded = decodeFunctionData({ abi: abi as Abi, data: expected });
        const decoded = decodeCallData(abi, data);
        assert.equal(decoded.functionName, viemDecoded.functionName);
        assert.deepEqual(decoded.args, viemDecoded.args ?? [], `${abiName}.${f.name} ${round}`);
        cases++;
      }
    }
  }
  assert.ok(cases > 1000, `${cases} cases`);
});

test('decodeResult equals viem decodeFunctionResult for every front-end function (randomized)', () => {
  for (const [abiName, abi] of FRONTEND) {
    for (const f of functions(abi)) {
      for (let round = 0; round < ROUNDS; round++) {
        const outs = f.outputs!.map(randValue);
        const result = outs.length === 1 ? outs[0] : outs;
        const data = encodeFunctionResult({ abi: abi as Abi, functionName: f.name!, result } as never);
        const expected = decodeFunctionResult({ abi: abi as Abi, functionName: f.name!, data } as never);
        assert.deepEqual(decodeResult(abi, f.name!, data), expected, `${abiName}.${f.name} ${round}`);
      }
    }
  }
});

test('the lens getAll result: nested tuples, arrays of tuples, numbers for uint8, checksummed addresses', () => {
  const getAll = abis.lensAbi.find((x) => x.name === 'getAll')!;
  assert.equal(getAll.outputs.length, 3);
  for (let round = 0; round < 100; round++) {
    const result = getAll.outputs.map((o) => randValue(o as AbiParam));
    const data = encodeFunctionResult({ abi: abis.lensAbi, functionName: 'getAll', result } as never);
    const mine = decodeResult(abis.lensAbi, 'getAll', data) as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    assert.deepEqual(mine, decodeFunctionResult({ abi: abis.lensAbi, functionName: 'getAll', data }));
    const [protocol, user, airdrop] = mine;
    assert.equal(typeof protocol.sharePrice, 'bigint');
    assert.ok(Array.isArray(protocol.nodeLocked));
    assert.equal(user.account, viemGetAddress(user.account as string));
    for (const t of user.tickets as readonly Record<string, unknown>[]) assert.equal(typeof t.status, 'number');
    assert.ok((airdrop.claimed as unknown[]).every((c) => typeof c === 'boolean'));
  }
});

/** Shapes beyond today's front-end ABIs that the codec supports: signed ints, tuples (named and not) as
 * inputs, arrays of arrays and of tuples with dynamic members, strings in return data. */
const SYNTHETIC: AbiItem[] = [
  { type: 'function', name: 'ints', inputs: [{ type: 'int8' }, { type: 'int256' }, { type: 'int48' }, { type: 'uint40' }, { type: 'int64[]' }], outputs: [{ type: 'int128' }, { type: 'int24' }, { type: 'bytes4' }] },
  {
    type: 'function',
    name: 'tuples',
    inputs: [
      { type: 'tuple', components: [{ name: 'a', type: 'address' }, { name: 'b', type: 'uint256[]' }, { name: 'c', type: 'bool' }] },
      { type: 'tuple[]', components: [{ type: 'uint8' }, { type: 'bytes32' }] },
      { type: 'uint256[][]' },
    ],
    outputs: [
      { type: 'tuple[]', components: [{ name: 'label', type: 'string' }, { name: 'ids', type: 'uint256[]' }, { name: 'inner', type: 'tuple', components: [{ name: 'x', type: 'int16' }, { name: 'who', type: 'address' }] }] },
      { type: 'string[]' },
      { type: 'tuple', components: [{ type: 'string' }, { type: 'bool[]' }] },
    ],
  },
].map((f) => ({ ...f, selector: toFunctionSelector(f as never) }));

test('synthetic shapes (signed ints, tuple inputs, nested arrays, strings) equal viem (randomized)', () => {
  for (const f of SYNTHETIC) {
    for (let round = 0; round < 150; round++) {
      const args = f.inputs!.map(randValue);
      const data = encodeCall(SYNTHETIC, f.name!, args);
      assert.equal(data, encodeFunctionData({ abi: SYNTHETIC as Abi, functionName: f.name!, args } as never), `${f.name} ${round}`);
      assert.deepEqual(decodeCallData(SYNTHETIC, data).args, decodeFunctionData({ abi: SYNTHETIC as Abi, data }).args);
      const result = f.outputs!.map(randValue);
      const out = encodeFunctionResult({ abi: SYNTHETIC as Abi, functionName: f.name!, result } as never);
      assert.deepEqual(decodeResult(SYNTHETIC, f.name!, out), decodeFunctionResult({ abi: SYNTHETIC as Abi, functionName: f.name!, data: out } as never));
    }
  }
});

test('types no front end uses (bytes, fixed-size arrays, string arguments) are refused, not mis-encoded', () => {
  const sel = '0x12345678';
  const abi: AbiItem[] = [
    { type: 'function', name: 'b', inputs: [{ type: 'bytes' }], outputs: [{ type: 'bytes' }], selector: sel },
    { type: 'function', name: 'f', inputs: [{ type: 'uint256[2]' }], outputs: [{ type: 'uint256[2]' }], selector: sel },
    { type: 'function', name: 's', inputs: [{ type: 'string' }], outputs: [], selector: sel },
  ];
  const unsupported = (e: unknown) => e instanceof AbiCodecError && /unsupported type/.test(e.message);
  assert.throws(() => encodeCall(abi, 'b', ['0x12']), unsupported);
  assert.throws(() => encodeCall(abi, 'f', [[1n, 2n]]), unsupported);
  assert.throws(() => encodeCall(abi, 's', ['x']), unsupported);
  assert.throws(() => decodeResult(abi, 'b', `0x${'20'.padStart(64, '0')}${'0'.repeat(64)}`), unsupported);
  assert.throws(() => decodeResult(abi, 'f', `0x${'0'.repeat(128)}`), unsupported);
  assert.equal(decodeResult(abi, 's', '0x'), undefined);
});

test('decodeErrorData equals viem decodeErrorResult for every protocol error, Error(string) and Panic', () => {
  const errorsAbi = abis.protocolErrorsAbi as unknown as Abi;
  for (const e of abis.protocolErrorsAbi as readonly AbiItem[]) {
    for (let round = 0; round < 10; round++) {
      const args = e.inputs!.map(randValue);
      const data = encodeErrorResult({ abi: errorsAbi, errorName: e.name!, args } as never);
      const expected = decodeErrorResult({ abi: errorsAbi, data });
      assert.deepEqual(decodeErrorData(protocolErrorSelectors(), data), { errorName: expected.errorName, args: expected.args ?? [] });
    }
  }
  for (const text of TEXTS) {
    const data = `0x08c379a0${encodeAbiParameters([{ type: 'string' }], [text]).slice(2)}` as Hex;
    assert.deepEqual(decodeErrorData({}, data), { errorName: 'Error', args: [text] });
    assert.deepEqual(decodeErrorData({}, data).args, decodeErrorResult({ abi: [], data }).args);
    assert.deepEqual(decodeRevert(data), { errorName: 'Error', args: [text] });
  }
  const panic = `0x4e487b71${encodeAbiParameters([{ type: 'uint256' }], [0x11n]).slice(2)}` as Hex;
  assert.deepEqual(decodeErrorData({}, panic), { errorName: 'Panic', args: [0x11n] });
});

test('malformed return data fails with an AbiCodecError, never a wrong value or a hang', () => {
  const isCodecError = (re: RegExp) => (e: unknown) => e instanceof AbiCodecError && re.test(e.message);
  assert.throws(() => decodeResult(abis.lensAbi, 'getAll', '0x'), isCodecError(/no data returned/));
  assert.throws(() => decodeResult(abis.metisAbi, 'balanceOf', '0x1234'), isCodecError(/too short/));
  assert.throws(() => decodeResult(abis.metisAbi, 'balanceOf', '0xzz'), isCodecError(/not hex/));
  assert.throws(() => decodeResult(abis.metisAbi, 'balanceOf', '0x123'), isCodecError(/not hex/));
  assert.throws(() => decodeResult(abis.metisAbi, 'balanceOf', 'ab'.repeat(32)), isCodecError(/0x hex/));
  assert.throws(() => decodeResult(abis.metisAbi, 'approve', `0x${'0'.repeat(63)}2`), isCodecError(/bool/));
  assert.throws(() => decodeResult(abis.metisAbi, 'nope', '0x'), isCodecError(/not found/));
  // a string whose offset points past the end, and one whose length does
  assert.throws(() => decodeResult(abis.metisAbi, 'name', `0x${(0x1000).toString(16).padStart(64, '0')}`), isCodecError(/out of bounds/));
  const longString = `0x${'20'.padStart(64, '0')}${'40'.padStart(64, '0')}${'41'.repeat(32)}`;
  assert.throws(() => decodeResult(abis.metisAbi, 'name', longString), isCodecError(/too short/));
  // an array claiming 2^255 items must fail at once
  const hugeArray = `0x${'20'.padStart(64, '0')}8${'0'.repeat(63)}`;
  const arrayFn: AbiItem[] = [{ type: 'function', name: 'f', inputs: [], outputs: [{ type: 'uint256[]' }] }];
  assert.throws(() => decodeResult(arrayFn, 'f', hugeArray), isCodecError(/out of bounds/));

  const getAll = abis.lensAbi.find((x) => x.name === 'getAll')!;
  for (let round = 0; round < 40; round++) {
    const result = getAll.outputs.map((o) => randValue(o as AbiParam));
    const data = encodeFunctionResult({ abi: abis.lensAbi, functionName: 'getAll', result } as never);
    const cut = 1 + int((data.length - 2) / 2 - 1);
    assert.throws(() => decodeResult(abis.lensAbi, 'getAll', data.slice(0, data.length - 2 * cut)), AbiCodecError, `cut ${cut}`);
    assert.throws(() => decodeResult(abis.lensAbi, 'getAll', randHex(32 * (1 + int(40)))), AbiCodecError);
  }
  assert.throws(() => decodeCallData(abis.stakingManagerAbi, '0xdeadbeef'), isCodecError(/no function with selector 0xdeadbeef/));
  assert.throws(() => decodeCallData(abis.stakingManagerAbi, encodeCall(abis.stakingManagerAbi, 'stake', [1n, viemGetAddress(randHex(20)), randHex(20)]).slice(0, 80)), AbiCodecError);
  assert.throws(() => decodeErrorData(protocolErrorSelectors(), '0x12345678'), isCodecError(/no error with selector/));
  assert.equal(decodeRevert('0x12345678'), undefined);
  assert.equal(decodeRevert('0x'), undefined);
});

test('encodeCall rejects bad values (as viem does, and also numeric strings, which viem coerces)', () => {
  const a = viemGetAddress(randHex(20));
  const bad: [readonly AbiItem[], string, unknown[], RegExp][] = [
    [abis.metisAbi, 'approve', ['0x1234', 1n], /address/],
    [abis.metisAbi, 'approve', [a, -1n], /out of range/],
    [abis.metisAbi, 'approve', [a, 1n << 256n], /out of range/],
    [abis.metisAbi, 'approve', [a, '1'], /integer/],
    [abis.metisAbi, 'approve', [a, 1.5], /integer/],
    [abis.metisAbi, 'approve', [a], /not found/],
    [abis.stakingManagerAbi, 'stakeWithPermit', [1n, a, a, 1n, 256, randHex(32), randHex(32)], /uint8: 256 out of range/],
    [abis.stakingManagerAbi, 'stakeWithPermit', [1n, a, a, 1n, 27, randHex(31), randHex(32)], /bytes32/],
    [abis.airdropAbi, 'claim', [1n, a, 1n, 'not an array'], /array/],
    [abis.airdropAbi, 'claim', [1n, a, 1n, [randHex(32), '0x12']], /bytes32/],
  ];
  for (const [abi, name, args, re] of bad) {
    assert.throws(() => encodeCall(abi, name, args), (e: unknown) => e instanceof AbiCodecError && re.test(e.message), `${name} ${re}`);
    if (typeof args[1] !== 'string') assert.throws(() => encodeFunctionData({ abi: abi as Abi, functionName: name, args } as never), `viem accepts ${name} ${re}`);
  }
});

test('keccak256, getAddress and isAddress equal viem', () => {
  for (let n = 0; n < 300; n += 1 + int(7)) {
    const bytes = randBytes(n);
    assert.equal(bytesToHex(keccak256(bytes)), viemKeccak(bytes), `length ${n}`);
  }
  for (const n of [135, 136, 137, 271, 272]) assert.equal(bytesToHex(keccak256(randBytes(n))).length, 66);
  for (let round = 0; round < 200; round++) {
    const raw = randHex(20);
    const sum = viemGetAddress(raw);
    assert.equal(getAddress(raw), sum);
    assert.equal(getAddress(raw.toUpperCase().replace('0X', '0x')), sum);
    // flip the case of one letter: a broken checksum
    const i = [...sum].findIndex((c, k) => k > 1 && /[a-fA-F]/.test(c));
    const broken = i < 0 ? sum : sum.slice(0, i) + (sum[i] === sum[i]!.toLowerCase() ? sum[i]!.toUpperCase() : sum[i]!.toLowerCase()) + sum.slice(i + 1);
    for (const candidate of [raw, sum, broken, raw.slice(0, 41), `${raw}00`, raw.replace('0x', '0X'), `0x${'g'.repeat(40)}`]) {
      assert.equal(isAddress(candidate), viemIsAddress(candidate), candidate);
      assert.equal(isAddress(candidate, { strict: false }), viemIsAddress(candidate, { strict: false }), candidate);
    }
  }
  assert.throws(() => getAddress('0x1234'), /invalid/);
  assert.equal(isAddress(42), false);
});

test('formatAmount and toDecimalString equal viem formatUnits', () => {
  for (let round = 0; round < 300; round++) {
    const v = randBits(1 + int(120)) * (int(3) === 0 ? -1n : 1n);
    for (const decimals of [0, 1, 6, 18, 24]) assert.equal(toDecimalString(v, decimals), formatUnits(v, decimals), `${v} ${decimals}`);
    const whole = formatUnits(v, 18).split('.')[0]!.replace('-', '');
    assert.equal(formatAmount(v, 18).replace(/,/g, '').replace('-', '').split('.')[0], whole);
  }
});
