// Tests the airdrop tooling: the CSV parser, the tree builder and the CLI (exit codes, messages, no partial output).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { concat, encodeAbiParameters, getAddress, keccak256 } from 'viem';
import {
  AirdropCsvError,
  LEAF_ENCODING,
  MAX_SHARD_BYTES,
  airdropLeafHash,
  allProofs,
  buildAirdrop,
  buildShardedAirdrop,
  findClaim,
  parseRecipientsCsv,
  parseTokenAmount,
  shardFileText,
  writeShards,
} from '@metis-liquid-staking/contracts/airdrop-tree';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'contracts/scripts/airdrop-build.ts');

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const C = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'airdrop-test-'));
}

function runCli(csv: string, extra: string[] = []): { status: number | null; stderr: string; out: string; dir: string } {
  const dir = tmpDir();
  const csvPath = path.join(dir, 'recipients.csv');
  const out = path.join(dir, 'out.json');
  fs.writeFileSync(csvPath, csv);
  const args = extra.map((a) => a.replace('$DIR', dir));
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', script, csvPath, ...(args.includes('--no-out') ? args.filter((a) => a !== '--no-out') : [out, ...args])],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  return { status: res.status, stderr: res.stderr, out, dir };
}

/** Commutative keccak pair hash as in OpenZeppelin's Hashes.commutativeKeccak256. */
function hashPair(a: `0x${string}`, b: `0x${string}`): `0x${string}` {
  return BigInt(a) < BigInt(b) ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
}

test('parseTokenAmount converts decimals exactly', () => {
  assert.equal(parseTokenAmount('12.5'), 12_500_000_000_000_000_000n);
  assert.equal(parseTokenAmount('1'), 10n ** 18n);
  assert.equal(parseTokenAmount('0.000000000000000001'), 1n);
  assert.equal(parseTokenAmount('123456789.123456789123456789'), 123456789123456789123456789n);
  assert.throws(() => parseTokenAmount('0.0000000000000000001'), /more than 18 decimals/);
  assert.throws(() => parseTokenAmount('1e18'), /not a decimal/);
  assert.throws(() => parseTokenAmount('-1'), /not a decimal/);
  assert.throws(() => parseTokenAmount('.5'), /not a decimal/);
});

test('good file: proofs verify, root and leaf match the Solidity encoding', () => {
  const csv = `"account","amount"\r\n${A},12.5\n"${B.toLowerCase()}", "1"\n\n${C},0.000000000000000001\n`;
  const recipients = parseRecipientsCsv(csv);
  assert.deepEqual(
    recipients.map((r) => [r.account, r.amount, r.line]),
    [
      [A, 12_500_000_000_000_000_000n, 2],
      [B, 10n ** 18n, 3],
      [C, 1n, 5],
    ],
  );
  const out = buildAirdrop(recipients);
  assert.equal(out.count, 3);
  assert.equal(out.total, 13_500_000_000_000_000_001n.toString());
  assert.deepEqual(Object.keys(out.claims).sort(), [A, B, C].sort());
  for (const [account, claim] of Object.entries(out.claims)) {
    assert.ok(StandardMerkleTree.verify(out.root, [...LEAF_ENCODING], [claim.index, account, claim.amount], claim.proof), `proof of ${account}`);
    // Wrong amount must not verify.
    const wrong = (BigInt(claim.amount) + 1n).toString();
    assert.ok(!StandardMerkleTree.verify(out.root, [...LEAF_ENCODING], [claim.index, account, wrong], claim.proof));
  }
  // Cross-check one proof against the Solidity leaf: keccak256(bytes.concat(keccak256(abi.encode(i, a, amt)))),
  // folded with commutative keccak must give the root.
  const claimA = out.claims[A];
  assert.ok(claimA);
  const encoded = encodeAbiParameters(
    [{ type: 'uint256' }, { type: 'address' }, { type: 'uint256' }],
    [BigInt(claimA.index), A, BigInt(claimA.amount)],
  );
  const leaf = keccak256(keccak256(encoded));
  assert.equal(leaf, airdropLeafHash(claimA.index, A, BigInt(claimA.amount)));
  const folded = claimA.proof.reduce<`0x${string}`>((acc, sib) => hashPair(acc, sib), leaf);
  assert.equal(folded, out.root);
});

test('proofs equal the library getProof for every leaf (odd-sized list)', () => {
  const recipients = Array.from({ length: 37 }, (_, i) => ({
    account: getAddress(`0x${(i + 100).toString(16).padStart(40, '0')}`),
    amount: BigInt(i + 1) * 10n ** 17n,
  }));
  const progress: number[] = [];
  const out = buildAirdrop(recipients, { onProgress: (done) => progress.push(done) });
  assert.deepEqual(progress, [4, 8, 12, 16, 20, 24, 28, 32, 36, 37]);
  const tree = StandardMerkleTree.of(
    recipients.map((r, i) => [i.toString(), r.account, r.amount.toString()]),
    [...LEAF_ENCODING],
  );
  assert.equal(out.root, tree.root);
  recipients.forEach((r, i) => {
    const claim = out.claims[r.account];
    assert.ok(claim);
    assert.equal(claim.index, i);
    assert.equal(claim.amount, r.amount.toString());
    assert.deepEqual(claim.proof, tree.getProof(i));
  });
  const found = findClaim(out, recipients[5]!.account.toLowerCase());
  assert.equal(found?.account, recipients[5]!.account);
  assert.equal(found?.index, 5);
  assert.equal(findClaim(out, `0x${'ab'.repeat(20)}`), undefined);
});

test('CLI: good file writes the JSON and reports progress', () => {
  const rows = Array.from({ length: 50 }, (_, i) => `${getAddress(`0x${(i + 1).toString(16).padStart(40, '0')}`)},${i + 1}.25`);
  const r = runCli(`account,amount\n${rows.join('\n')}\n`);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /proofs 10% /);
  assert.match(r.stderr, /proofs 100% \(50\/50\)/);
  const out = JSON.parse(fs.readFileSync(r.out, 'utf8'));
  assert.equal(out.count, 50);
  let total = 0n;
  for (const [account, claim] of Object.entries<{ index: number; amount: string; proof: string[] }>(out.claims)) {
    assert.equal(account, getAddress(account));
    assert.ok(StandardMerkleTree.verify(out.root, [...LEAF_ENCODING], [claim.index, account, claim.amount], claim.proof));
    total += BigInt(claim.amount);
  }
  assert.equal(out.total, total.toString());
  assert.equal(out.claims[getAddress(`0x${(3).toString(16).padStart(40, '0')}`)].amount, '3250000000000000000');
  fs.rmSync(r.dir, { recursive: true });
});

const badCases: [string, string, number, RegExp][] = [
  ['bad address', `account,amount\n${A},1\n0x1234,2\n`, 3, /bad address/],
  ['bad checksum', `account,amount\n${A},1\n${B.slice(0, -1)}c,2\n`, 3, /checksum/],
  ['non-numeric amount', `account,amount\n${A},abc\n`, 2, /not a decimal/],
  ['zero amount', `account,amount\n${A},1\n${B},0.0\n`, 3, /zero/],
  ['too many decimals', `account,amount\n${A},1.0000000000000000001\n`, 2, /more than 18 decimals/],
  ['duplicate account (case-insensitive)', `account,amount\n${A},1\n${B},2\n${A.toLowerCase()},3\n`, 4, /duplicate.*line 2/],
  ['wrong column count', `account,amount\n${A},1,2\n`, 2, /2 columns/],
  ['missing header', `${A},1\n`, 1, /header/],
];

for (const [name, csv, line, reason] of badCases) {
  test(`parser rejects ${name} with the line number`, () => {
    assert.throws(
      () => parseRecipientsCsv(csv),
      (err: unknown) => err instanceof AirdropCsvError && err.line === line && reason.test(err.reason),
    );
  });

  test(`CLI: ${name} -> exit 1, line ${line}, no output file and no shard dir`, () => {
    const r = runCli(csv, ['--shards', '$DIR/shards']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`line ${line}: `));
    assert.match(r.stderr, reason);
    assert.deepEqual(fs.readdirSync(r.dir), ['recipients.csv']);
    fs.rmSync(r.dir, { recursive: true });
  });
}

// ---- the sharded build (contracts/scripts/airdrop/shards.ts) ----

let seed = 11;
const randAddress = () => {
  let h = '0x';
  for (let i = 0; i < 40; i++) h += (((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16) & 15).toString(16);
  return getAddress(h);
};
const randomList = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ account: randAddress(), amount: BigInt((i * 7919) % 100_000) * 10n ** 15n + 1n }));

test('tiny list: one shard (prefix length 0), the root is the plain StandardMerkleTree root', () => {
  const recipients = randomList(5);
  const built = buildShardedAirdrop(recipients);
  assert.equal(built.prefixLength, 0);
  assert.equal(built.shards.length, 1);
  assert.equal(built.shards[0]!.prefix, '');
  const tree = StandardMerkleTree.of(
    recipients.map((r, i) => [i.toString(), r.account, r.amount.toString()]),
    [...LEAF_ENCODING],
  );
  assert.equal(built.root, tree.root);
  const file = JSON.parse(shardFileText(built, 0));
  assert.deepEqual(file.topProof, []);
  assert.equal(file.claims.length, 5);
});

test('10,000 recipients: the smallest prefix length whose largest shard file is <= 4096 bytes; every proof verifies', () => {
  const recipients = randomList(10_000);
  const progress: string[] = [];
  const built = buildShardedAirdrop(recipients, { onProgress: (phase, done, total) => progress.push(`${phase} ${done}/${total}`) });
  const k = built.prefixLength;
  assert.ok(k >= 1);
  assert.ok(built.maxShardBytes <= MAX_SHARD_BYTES, `max ${built.maxShardBytes}`);
  // every file's real size is the one the choice was made on
  let max = 0;
  for (let j = 0; j < built.shards.length; j++) {
    const bytes = Buffer.byteLength(shardFileText(built, j));
    assert.equal(bytes, built.shards[j]!.bytes);
    max = Math.max(max, bytes);
  }
  assert.equal(max, built.maxShardBytes);
  // one digit shorter does not fit
  const shorter = buildShardedAirdrop(recipients, { prefixLength: k - 1 });
  assert.ok(shorter.maxShardBytes > MAX_SHARD_BYTES, `k-1 gives ${shorter.maxShardBytes}`);
  assert.equal(
    Buffer.byteLength(
      shardFileText(
        shorter,
        shorter.shards.findIndex((s) => s.bytes === shorter.maxShardBytes),
      ),
    ),
    shorter.maxShardBytes,
  );
  // a tighter limit needs a longer prefix
  assert.ok(buildShardedAirdrop(recipients, { maxShardBytes: 2048 }).prefixLength > k);
  assert.throws(() => buildShardedAirdrop(recipients, { maxShardBytes: 200 }), /no prefix length/);
  // shards: keyed by prefix, in order, each claim in its own prefix's shard, all recipients once
  const prefixes = built.shards.map((s) => s.prefix);
  assert.deepEqual([...prefixes].sort(), prefixes);
  assert.equal(new Set(prefixes).size, prefixes.length);
  assert.equal(
    built.shards.reduce((n, s) => n + s.members.length, 0),
    10_000,
  );
  for (const s of built.shards) for (const i of s.members) assert.equal(recipients[i]!.account.slice(2, 2 + k).toLowerCase(), s.prefix);
  // every full proof verifies with OpenZeppelin's library
  let n = 0;
  for (const { index, proof } of allProofs(built)) {
    const r = recipients[index]!;
    assert.ok(StandardMerkleTree.verify(built.root, [...LEAF_ENCODING], [index, r.account, r.amount.toString()], proof), `proof ${index}`);
    n++;
  }
  assert.equal(n, 10_000);
  assert.ok(progress.includes('leaves 10000/10000') && progress.includes(`shards ${built.shards.length}/${built.shards.length}`), progress.join());
  // buildAirdrop (the whole file) has the same root
  assert.equal(buildAirdrop(recipients).root, built.root);
});

test('writeShards: one file per shard plus index.json, compact, replaced atomically (no temp dirs left)', () => {
  const recipients = randomList(2000);
  const built = buildShardedAirdrop(recipients);
  const dir = tmpDir();
  const target = path.join(dir, 'shards');
  fs.mkdirSync(target);
  fs.writeFileSync(path.join(target, 'stale.json'), '{}');
  const w = writeShards(built, target);
  assert.equal(w.files, built.shards.length);
  assert.deepEqual(fs.readdirSync(dir), ['shards'], 'no temp or old dir left');
  const names = fs.readdirSync(target).sort();
  assert.deepEqual(names, [...built.shards.map((s) => `${s.prefix}.json`), 'index.json'].sort(), 'the stale file is gone');
  const index = JSON.parse(fs.readFileSync(path.join(target, 'index.json'), 'utf8'));
  assert.deepEqual(index, {
    root: built.root,
    prefixLength: built.prefixLength,
    count: 2000,
    total: built.total.toString(),
    shards: built.shards.length,
  });
  const s = built.shards[3]!;
  const text = fs.readFileSync(path.join(target, `${s.prefix}.json`), 'utf8');
  assert.ok(!text.includes('\n') && !text.includes(': '), 'compact');
  assert.ok(text.length <= MAX_SHARD_BYTES);
  const file = JSON.parse(text);
  assert.deepEqual(Object.keys(file), ['root', 'prefixLength', 'shard', 'claims', 'topProof']);
  assert.equal(file.shard, s.prefix);
  assert.deepEqual(
    file.claims.map((c: { index: number }) => c.index),
    s.members,
  );
  fs.rmSync(dir, { recursive: true });
});

test('CLI --shards: writes the shard dir (with or without the whole file) and states k, shard count and sizes', () => {
  const rows = Array.from({ length: 300 }, () => `${randAddress()},${1 + Math.floor(Math.random() * 1000)}.5`);
  const csv = `account,amount\n${rows.join('\n')}\n`;
  const r = runCli(csv, ['--shards', '$DIR/shards', '--no-out']);
  assert.equal(r.status, 0, r.stderr);
  const m = /prefix length (\d+): (\d+) shards, largest (\d+) bytes, mean (\d+) bytes \(limit 4096\)/.exec(r.stderr);
  assert.ok(m, r.stderr);
  assert.ok(Number(m[3]) <= 4096);
  assert.match(r.stderr, /leaves 100% \(300\/300\)/);
  assert.match(r.stderr, /write 100% /);
  assert.ok(!fs.existsSync(r.out), 'no whole file asked');
  const index = JSON.parse(fs.readFileSync(path.join(r.dir, 'shards', 'index.json'), 'utf8'));
  assert.equal(index.prefixLength, Number(m[1]));
  assert.equal(fs.readdirSync(path.join(r.dir, 'shards')).length, Number(m[2]) + 1);
  fs.rmSync(r.dir, { recursive: true });
  // both outputs: the same root
  const both = runCli(csv, ['--shards', '$DIR/shards']);
  assert.equal(both.status, 0, both.stderr);
  const whole = JSON.parse(fs.readFileSync(both.out, 'utf8'));
  assert.equal(JSON.parse(fs.readFileSync(path.join(both.dir, 'shards', 'index.json'), 'utf8')).root, whole.root);
  fs.rmSync(both.dir, { recursive: true });
  // no output at all is a usage error
  const none = runCli(csv, ['--no-out']);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /usage/);
  fs.rmSync(none.dir, { recursive: true });
});
