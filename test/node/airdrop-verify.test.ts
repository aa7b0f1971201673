// airdropLeaf / verifyAirdropClaim (contracts/bindings/airdrop.ts, viem-free, used by the snap): the same
// leaf as viem + OZ StandardMerkleTree, the devnet's proofs verify against the bundled manifest's root, and
// any change to a claim or its proof fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { encodeAbiParameters, getAddress, keccak256, type Address, type Hex } from 'viem';
import { airdropLeaf, parseManifest, verifyAirdropClaim } from '@metis-liquid-staking/contracts';
import { buildAirdrop } from '@metis-liquid-staking/contracts/airdrop-tree';
import { buildDemoAirdrop } from '../../devnet/airdrop.js';

const devnetManifest = parseManifest(JSON.parse(fs.readFileSync(new URL('../../contracts/deployments/31337.json', import.meta.url), 'utf8')));

const viemLeaf = (index: bigint, account: Address, amount: bigint): Hex =>
  keccak256(keccak256(encodeAbiParameters([{ type: 'uint256' }, { type: 'address' }, { type: 'uint256' }], [index, account, amount])));

let seed = 7;
const rand = (bytes: number) => {
  let h = '0x';
  for (let i = 0; i < bytes * 2; i++) h += (((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16) & 15).toString(16);
  return h;
};

test('airdropLeaf equals viem encodeAbiParameters + double keccak256 on varied inputs', () => {
  const cases: [bigint, Address, bigint][] = [
    [0n, getAddress('0x0000000000000000000000000000000000000000'), 0n],
    [(1n << 256n) - 1n, getAddress('0xffffffffffffffffffffffffffffffffffffffff'), (1n << 256n) - 1n],
  ];
  for (let i = 0; i < 30; i++) cases.push([BigInt(rand(8)), getAddress(rand(20)), BigInt(rand(32))]);
  for (const [i, a, m] of cases) assert.equal(airdropLeaf(i, a, m), viemLeaf(i, a, m), `leaf(${i}, ${a}, ${m})`);
});

test("the devnet demo proofs all verify against the bundled 31337 manifest's airdrop.root", async () => {
  const demo = await buildDemoAirdrop();
  assert.equal(demo.root, devnetManifest.airdrop.root, 'the demo airdrop is the one the devnet deploys');
  const entries = Object.entries(demo.claims);
  assert.equal(entries.length, 6);
  for (const [account, c] of entries) {
    const claim = { index: BigInt(c.index), account: getAddress(account), amount: c.amount, proof: c.proof };
    assert.equal(verifyAirdropClaim(devnetManifest.airdrop.root, claim), true, account);
    assert.equal(verifyAirdropClaim(devnetManifest.airdrop.root.toUpperCase().replace('0X', '0x') as Hex, claim), true, 'root case does not matter');
  }
});

test('every claim of a larger buildAirdrop tree verifies; any changed field or proof element fails', () => {
  const recipients = Array.from({ length: 37 }, (_, i) => ({ account: getAddress(rand(20)), amount: BigInt(i + 1) * 10n ** 18n }));
  const out = buildAirdrop(recipients);
  const root = out.root as Hex;
  let checked = 0;
  for (const [account, c] of Object.entries(out.claims)) {
    const claim = { index: BigInt(c.index), account: getAddress(account), amount: BigInt(c.amount), proof: c.proof as Hex[] };
    assert.ok(claim.proof.length >= 5, 'a deep proof');
    assert.equal(verifyAirdropClaim(root, claim), true);
    assert.equal(verifyAirdropClaim(root, { ...claim, amount: claim.amount + 1n }), false, 'amount changed');
    assert.equal(verifyAirdropClaim(root, { ...claim, index: claim.index + 1n }), false, 'index changed');
    const other = recipients.find((r) => r.account !== claim.account)!.account;
    assert.equal(verifyAirdropClaim(root, { ...claim, account: other }), false, 'account changed');
    for (let k = 0; k < claim.proof.length; k++) {
      const proof = [...claim.proof];
      proof[k] = (proof[k]!.slice(0, -1) + (proof[k]!.endsWith('0') ? '1' : '0')) as Hex;
      assert.equal(verifyAirdropClaim(root, { ...claim, proof }), false, `proof[${k}] changed`);
    }
    assert.equal(verifyAirdropClaim(root, { ...claim, proof: claim.proof.slice(1) }), false, 'proof element dropped');
    assert.equal(verifyAirdropClaim(root, { ...claim, proof: [...claim.proof].reverse() }), false, 'proof reordered');
    assert.equal(verifyAirdropClaim(rand(32) as Hex, claim), false, 'other root');
    checked++;
  }
  assert.equal(checked, 37);
});
