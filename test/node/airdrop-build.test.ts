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
  airdropLeafHash,
  buildAirdrop,
  findClaim,
  parseRecipientsCsv,
  parseTokenAmount,
} from '@metis-liquid-staking/contracts/airdrop-tree';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'contracts/scripts/airdrop-build.ts');

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const C = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'airdrop-test-'));
}

function runCli(csv: string): { status: number | null; stderr: string; out: string; dir: string } {
  const dir = tmpDir();
  const csvPath = path.join(dir, 'recipients.csv');
  const out = path.join(dir, 'out.json');
  fs.writeFileSync(csvPath, csv);
  const res = spawnSync(process.execPath, ['--import', 'tsx', script, csvPath, out], { cwd: root, encoding: 'utf8' });
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

  test(`CLI: ${name} -> exit 1, line ${line}, no output file`, () => {
    const r = runCli(csv);
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`line ${line}: `));
    assert.match(r.stderr, reason);
    assert.deepEqual(fs.readdirSync(r.dir), ['recipients.csv']);
    fs.rmSync(r.dir, { recursive: true });
  });
}
