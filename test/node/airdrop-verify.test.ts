// airdropLeaf / verifyAirdropClaim (contracts/bindings/airdrop.ts, used by the snap): the same leaf as viem +
// OZ StandardMerkleTree, the devnet's proofs verify against the bundled manifest's root, and any change to a
// claim or its proof fails. Then the sharded proofs (fetchAirdropClaim): one small file per account, verified
// against the root, tampering detected, 404 = not in the airdrop, and claims on a real MerkleAirdrop on anvil.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeAbiParameters, getAddress, getContractAddress, keccak256, type Address, type Hex } from 'viem';
import { ProtocolError, airdropLeaf, fetchAirdropClaim, parseManifest, verifyAirdropClaim } from '@metis-liquid-staking/contracts';
import { buildAirdrop, buildShardedAirdrop, proofsOf, shardFileText, writeShards } from '@metis-liquid-staking/contracts/airdrop-tree';
import { ANVIL_ADDRESSES, ANVIL_KEYS } from '../../devnet/accounts.js';
import { buildDemoAirdrop } from '../../devnet/airdrop.js';
import { findFreePort, startAnvil } from '../../devnet/anvil.js';
import { artifact } from '../../devnet/artifacts.js';
import { makeClients } from '../../devnet/chain.js';
import { partnerSiteRoutes } from '../../devnet/partner-routes.js';
import { startStaticServer } from '../../devnet/serve.js';
import { startTestDevnet } from '../helpers/devnet-fixture.js';

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

// ---- sharded proofs (contracts/bindings/airdrop-shards.ts, written by contracts/scripts/airdrop/shards.ts) ----

/** Recipients with random addresses, plus `extra` accounts (the anvil ones, to claim for on chain). */
function randomRecipients(count: number, extra: readonly Address[] = []) {
  const list = extra.map((account, i) => ({ account, amount: BigInt(i + 1) * 10n ** 18n + 7n }));
  while (list.length < count) list.push({ account: getAddress(rand(20)), amount: BigInt(list.length % 97) * 10n ** 17n + 1n });
  return list;
}

/** A fetch over a shard directory written by writeShards (a missing file answers 404, as a static server does). */
function dirFetch(dir: string, seen: string[] = []): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    seen.push(url.pathname);
    const file = path.join(dir, path.basename(url.pathname));
    if (!url.pathname.startsWith('/airdrop/shards/') || !fs.existsSync(file)) return new Response('not found', { status: 404 });
    return new Response(fs.readFileSync(file), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

const tmpDirs: string[] = [];
after(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function written(recipients: { account: Address; amount: bigint }[]) {
  const built = buildShardedAirdrop(recipients);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airdrop-shards-'));
  tmpDirs.push(dir);
  writeShards(built, path.join(dir, 'shards'));
  const airdrop = { root: built.root, shards: { url: '/airdrop/shards/', prefixLength: built.prefixLength } };
  return { built, dir: path.join(dir, 'shards'), airdrop };
}

const BASE = 'http://partner.test/stake/';

test('fetchAirdropClaim: one request per account, the claim verifies against the root and equals the whole-file proof', async () => {
  const recipients = randomRecipients(3000);
  const { built, dir, airdrop } = written(recipients);
  assert.ok(built.prefixLength >= 1 && built.shards.length > 1, `k=${built.prefixLength}`);
  const whole = proofsOf(built);
  // a shard with several claims, and a few other accounts
  const crowded = built.shards.find((s) => s.members.length >= 3)!;
  const accounts = [...crowded.members.map((i) => recipients[i]!.account), recipients[0]!.account, recipients[2999]!.account];
  for (const account of accounts) {
    const seen: string[] = [];
    const claim = await fetchAirdropClaim(airdrop, account.toLowerCase(), { baseUrl: BASE, fetch: dirFetch(dir, seen) });
    assert.deepEqual(seen, [`/airdrop/shards/${account.slice(2, 2 + built.prefixLength).toLowerCase()}.json`], 'one small file');
    assert.ok(claim, account);
    assert.equal(claim.account, account);
    const i = recipients.findIndex((r) => r.account === account);
    assert.equal(claim.index, BigInt(i));
    assert.equal(claim.amount, recipients[i]!.amount);
    assert.ok(claim.proof.length > built.prefixLength, 'in-shard siblings and the top proof');
    assert.deepEqual(claim.proof, whole.claims[account]!.proof);
    assert.equal(verifyAirdropClaim(built.root, claim), true);
  }
});

test('fetchAirdropClaim: an address not in the airdrop is undefined (no shard: 404; or a shard without it)', async () => {
  // 600 recipients: prefix length 2, so some of the 256 shards are empty.
  const recipients = randomRecipients(600);
  const { built, dir, airdrop } = written(recipients);
  const k = built.prefixLength;
  const present = new Set(built.shards.map((s) => s.prefix));
  let absentShard: Address | undefined;
  let sharedShard: Address | undefined;
  for (let tries = 0; !absentShard || !sharedShard; tries++) {
    assert.ok(tries < 100_000, `no empty shard at k=${k} (${built.shards.length} shards)`);
    const a = getAddress(rand(20));
    if (recipients.some((r) => r.account === a)) continue;
    if (present.has(a.slice(2, 2 + k).toLowerCase())) sharedShard ??= a;
    else absentShard ??= a;
  }
  const seen: string[] = [];
  assert.equal(await fetchAirdropClaim(airdrop, absentShard, { baseUrl: BASE, fetch: dirFetch(dir, seen) }), undefined);
  assert.equal(await fetchAirdropClaim(airdrop, sharedShard, { baseUrl: BASE, fetch: dirFetch(dir, seen) }), undefined);
  assert.equal(seen.length, 2);
});

test('fetchAirdropClaim: a tampered shard is a malformed-proofs error and returns nothing', async () => {
  const recipients = randomRecipients(3000);
  const { built, dir, airdrop } = written(recipients);
  const s = built.shards.find((x) => x.members.length >= 2)!;
  const victim = recipients[s.members[0]!]!.account;
  const file = path.join(dir, `${s.prefix}.json`);
  const original = fs.readFileSync(file, 'utf8');
  const isMalformed = (e: unknown) => e instanceof ProtocolError && e.code === 'malformed-proofs';
  const edits: [string, (j: { root: string; shard: string; claims: { amount: string; index: number }[]; topProof: string[] }) => void][] = [
    ["the victim's amount", (j) => (j.claims[0]!.amount = (BigInt(j.claims[0]!.amount) + 1n).toString())],
    ["another claim's amount in the same shard", (j) => (j.claims[1]!.amount = (BigInt(j.claims[1]!.amount) * 2n).toString())],
    ["another claim's index", (j) => (j.claims[1]!.index += 1)],
    ['a claim removed', (j) => j.claims.splice(1, 1)],
    ['a topProof hash', (j) => (j.topProof[0] = `0x${'11'.repeat(32)}`)],
    ['topProof dropped', (j) => (j.topProof = j.topProof.slice(1))],
    ['the root', (j) => (j.root = `0x${'22'.repeat(32)}`)],
    ['the shard name', (j) => (j.shard = j.shard.replace(/^./, (c) => (c === '0' ? '1' : '0')))],
  ];
  for (const [what, edit] of edits) {
    const j = JSON.parse(original);
    edit(j);
    fs.writeFileSync(file, JSON.stringify(j));
    await assert.rejects(fetchAirdropClaim(airdrop, victim, { baseUrl: BASE, fetch: dirFetch(dir) }), isMalformed, what);
  }
  fs.writeFileSync(file, '{"root": not json');
  await assert.rejects(fetchAirdropClaim(airdrop, victim, { baseUrl: BASE, fetch: dirFetch(dir) }), isMalformed, 'not JSON');
  fs.writeFileSync(file, original);
  assert.ok(await fetchAirdropClaim(airdrop, victim, { baseUrl: BASE, fetch: dirFetch(dir) }), 'the untouched file still works');
  // A manifest whose prefix length disagrees with the files: the file's own prefixLength gives it away.
  const wrongK = { ...airdrop, shards: { ...airdrop.shards, prefixLength: built.prefixLength + 1 } };
  const serveAnyName = (async () => new Response(original)) as typeof fetch;
  await assert.rejects(fetchAirdropClaim(wrongK, victim, { baseUrl: BASE, fetch: serveAnyName }), isMalformed, 'prefix length');
});

test('fetchAirdropClaim: network failures are rpc-unreachable; without shards it reads the whole proofs file', async () => {
  const recipients = randomRecipients(40);
  const built = buildShardedAirdrop(recipients);
  const airdrop = { root: built.root, shards: { url: 'https://cdn.test/drop', prefixLength: built.prefixLength } };
  const unreachable = (e: unknown) => e instanceof ProtocolError && e.code === 'rpc-unreachable';
  const down = (async () => {
    throw new TypeError('fetch failed');
  }) as typeof fetch;
  await assert.rejects(fetchAirdropClaim(airdrop, recipients[0]!.account, { fetch: down }), unreachable);
  const http500 = (async () => new Response('oops', { status: 500 })) as typeof fetch;
  await assert.rejects(fetchAirdropClaim(airdrop, recipients[0]!.account, { fetch: http500 }), unreachable);
  // a relative URL with no page to resolve it against (the snap)
  await assert.rejects(
    fetchAirdropClaim({ ...airdrop, shards: { ...airdrop.shards, url: '/airdrop/shards/' } }, recipients[0]!.account, { fetch: http500 }),
    unreachable,
  );
  // an absolute base URL without a trailing slash still names a directory
  const urls: string[] = [];
  const single = (async (u: string) => (urls.push(u), new Response(shardFileText(built, 0)))) as typeof fetch;
  const claim = await fetchAirdropClaim(airdrop, recipients[3]!.account, { fetch: single });
  assert.equal(built.prefixLength, 0, '40 claims fit in one shard');
  assert.deepEqual(urls, ['https://cdn.test/drop/all.json']);
  assert.equal(claim?.amount, recipients[3]!.amount);

  // whole-file fallback (manifests without airdrop.shards)
  const whole = JSON.stringify(proofsOf(built));
  const wholeFetch = (async (u: string) =>
    u === 'http://partner.test/airdrop/proofs.json' ? new Response(whole) : new Response('', { status: 404 })) as typeof fetch;
  const viaWhole = await fetchAirdropClaim({ root: built.root, proofsUrl: '/airdrop/proofs.json' }, recipients[5]!.account, {
    baseUrl: BASE,
    fetch: wholeFetch,
  });
  assert.equal(viaWhole?.index, 5n);
  assert.equal(verifyAirdropClaim(built.root, viaWhole!), true);
  assert.equal(
    await fetchAirdropClaim({ root: built.root, proofsUrl: '/airdrop/proofs.json' }, rand(20), { baseUrl: BASE, fetch: wholeFetch }),
    undefined,
  );
  const tampered = whole
    .replace(`"amount": "${recipients[5]!.amount}"`, `"amount": "${recipients[5]!.amount + 1n}"`)
    .replace(`"amount":"${recipients[5]!.amount}"`, `"amount":"${recipients[5]!.amount + 1n}"`);
  assert.notEqual(tampered, whole);
  await assert.rejects(
    fetchAirdropClaim({ root: built.root, proofsUrl: '/airdrop/proofs.json' }, recipients[5]!.account, {
      baseUrl: BASE,
      fetch: (async () => new Response(tampered)) as typeof fetch,
    }),
    (e: unknown) => e instanceof ProtocolError && e.code === 'malformed-proofs',
  );
  await assert.rejects(fetchAirdropClaim({ root: built.root }, recipients[5]!.account, { fetch: wholeFetch }), unreachable, 'no URL at all');
});

test('parseManifest keeps and validates airdrop.shards', () => {
  const raw = JSON.parse(fs.readFileSync(new URL('../../contracts/deployments/31337.json', import.meta.url), 'utf8'));
  const withShards = (shards: unknown) => ({ ...raw, airdrop: { ...raw.airdrop, shards } });
  assert.deepEqual(parseManifest(withShards({ url: '/airdrop/shards/', prefixLength: 2 })).airdrop.shards, {
    url: '/airdrop/shards/',
    prefixLength: 2,
  });
  const { shards: _none, ...withoutShards } = raw.airdrop;
  assert.equal(parseManifest({ ...raw, airdrop: withoutShards }).airdrop.shards, undefined, 'shards are optional');
  for (const bad of [
    null,
    'x',
    { url: '', prefixLength: 1 },
    { url: '/s/', prefixLength: -1 },
    { url: '/s/', prefixLength: 1.5 },
    { url: '/s/', prefixLength: 41 },
    { url: 3, prefixLength: 1 },
  ]) {
    assert.throws(() => parseManifest(withShards(bad)), /airdrop\.shards/, JSON.stringify(bad));
  }
});

test('the devnet partner site serves the shard directory: a real HTTP fetch finds a claim, a missing shard is a 404 = undefined', async () => {
  const recipients = randomRecipients(500);
  const built = buildShardedAirdrop(recipients);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airdrop-site-'));
  tmpDirs.push(dir);
  const proofsFile = path.join(dir, 'airdrop', 'proofs.json');
  fs.mkdirSync(path.dirname(proofsFile), { recursive: true });
  fs.writeFileSync(proofsFile, JSON.stringify(proofsOf(built)));
  writeShards(built, path.join(dir, 'airdrop', 'shards'));
  const routes = partnerSiteRoutes({
    chainId: 31337,
    snapOrigin: 'http://localhost:1',
    manifestFile: proofsFile,
    proofsFile,
    widgetBundle: proofsFile,
  });
  const server = await startStaticServer({ port: await findFreePort(), routes });
  try {
    const airdrop = { root: built.root, shards: { url: '/airdrop/shards/', prefixLength: built.prefixLength } };
    const claim = await fetchAirdropClaim(airdrop, recipients[7]!.account, { baseUrl: `${server.url}/index.html` });
    assert.equal(claim?.index, 7n);
    const present = new Set(built.shards.map((s) => s.prefix));
    let stranger = rand(20);
    for (let tries = 0; present.has(stranger.slice(2, 2 + built.prefixLength)); tries++) {
      assert.ok(tries < 100_000, 'an empty shard exists');
      stranger = rand(20);
    }
    assert.equal(await fetchAirdropClaim(airdrop, stranger, { baseUrl: server.url }), undefined);
    const index = (await (await fetch(`${server.url}/airdrop/shards/index.json`)).json()) as Record<string, unknown>;
    assert.deepEqual(index, {
      root: built.root,
      prefixLength: built.prefixLength,
      count: 500,
      total: built.total.toString(),
      shards: built.shards.length,
    });
  } finally {
    await server.close();
  }
});

test('on chain: MerkleAirdrop accepts shard-derived proofs (accounts sharing a shard included) and rejects a tampered one', async () => {
  // A plain anvil with MerkleAirdrop and the real GovernanceToken (which mints the airdrop its 1,000,000 tokens).
  const anvil = await startAnvil({ port: await findFreePort() });
  try {
    const admin = await makeClients({ rpcUrl: anvil.url, key: ANVIL_KEYS[0]! });
    // Anvil accounts 1..8 are in the list, beside 2,992 random addresses; with the list's prefix length some
    // of them share a shard with other recipients.
    const claimants = ANVIL_ADDRESSES.slice(1, 9);
    const recipients = randomRecipients(3000, claimants);
    const { built, dir, airdrop } = written(recipients);
    const mine = built.shards.filter((s) => s.members.some((i) => i < claimants.length));
    assert.ok(
      mine.some((s) => s.members.length >= 2),
      'a claimant shares its shard',
    );

    const nonce = await admin.publicClient.getTransactionCount({ address: admin.address });
    const token = getContractAddress({ from: admin.address, nonce: BigInt(nonce + 1) });
    const drop = artifact('MerkleAirdrop');
    const gov = artifact('GovernanceToken');
    const now = (await admin.publicClient.getBlock()).timestamp;
    const deploy = async (a: typeof drop, args: unknown[]) => {
      const hash = await admin.wallet.deployContract({ abi: a.abi, bytecode: a.bytecode, args, account: admin.account, chain: admin.chain });
      const r = await admin.publicClient.waitForTransactionReceipt({ hash });
      return r.contractAddress!;
    };
    const airdropAddr = await deploy(drop, [token, built.root, now + 86_400n, admin.address, admin.address, 0, 0n]);
    assert.equal(getAddress(await deploy(gov, [airdropAddr, admin.address, admin.address, 0n])), getAddress(token));

    const balance = (who: Address) =>
      admin.publicClient.readContract({ address: token, abi: gov.abi, functionName: 'balanceOf', args: [who] }) as Promise<bigint>;
    const claimTx = (c: { index: bigint; account: Address; amount: bigint; proof: Hex[] }) =>
      admin.wallet.writeContract({
        address: airdropAddr,
        abi: drop.abi,
        functionName: 'claim',
        args: [c.index, c.account, c.amount, c.proof],
        account: admin.account,
        chain: admin.chain,
      });

    for (const account of claimants.slice(0, 4)) {
      const claim = await fetchAirdropClaim(airdrop, account, { baseUrl: BASE, fetch: dirFetch(dir) });
      assert.ok(claim);
      // a wrong proof is refused by the contract (simulation reverts with AirdropInvalidProof)
      await assert.rejects(
        admin.publicClient.simulateContract({
          address: airdropAddr,
          abi: drop.abi,
          functionName: 'claim',
          args: [claim.index, claim.account, claim.amount + 1n, claim.proof],
          account: admin.account,
        }),
        /AirdropInvalidProof/,
      );
      const before = await balance(account);
      const receipt = await admin.publicClient.waitForTransactionReceipt({ hash: await claimTx(claim) });
      assert.equal(receipt.status, 'success');
      assert.equal((await balance(account)) - before, claim.amount, `${account} received its amount`);
    }
    // and a random recipient deep in the list
    const far = await fetchAirdropClaim(airdrop, recipients[2500]!.account, { baseUrl: BASE, fetch: dirFetch(dir) });
    assert.equal((await admin.publicClient.waitForTransactionReceipt({ hash: await claimTx(far!) })).status, 'success');
    assert.equal(await balance(recipients[2500]!.account), recipients[2500]!.amount);
  } finally {
    await anvil.stop();
  }
});

test('the devnet deploy writes the shards beside proofs.json and names them in the manifest; a shard claim works on the deployed airdrop', async () => {
  const d = await startTestDevnet({ seed: false, seats: 1 });
  try {
    const m = parseManifest(JSON.parse(fs.readFileSync(d.manifestFile, 'utf8')));
    assert.deepEqual(m.airdrop.shards, { url: '/airdrop/shards/', prefixLength: 0 }, 'six demo recipients: one shard');
    assert.equal(m.airdrop.root, devnetManifest.airdrop.root, 'same root as before sharding');
    const dir = path.join(path.dirname(d.proofsFile), 'shards');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['all.json', 'index.json']);
    const account = d.accounts[2]!;
    const claim = await fetchAirdropClaim(m.airdrop, account.address, { baseUrl: 'http://localhost/', fetch: dirFetch(dir) });
    assert.ok(claim);
    assert.deepEqual(claim.proof, d.proofs.claims[account.address]!.proof, 'the shard proof is the whole-file proof');
    assert.equal(
      await fetchAirdropClaim(m.airdrop, d.accounts[9]!.address, { baseUrl: 'http://localhost/', fetch: dirFetch(dir) }),
      undefined,
      '#9 is not eligible',
    );
    const c = await makeClients({ rpcUrl: d.url, key: account.key });
    const drop = artifact('MerkleAirdrop');
    const hash = await c.wallet.writeContract({
      address: m.contracts.airdrop,
      abi: drop.abi,
      functionName: 'claim',
      args: [claim.index, claim.account, claim.amount, claim.proof],
      account: c.account,
      chain: c.chain,
    });
    assert.equal((await c.publicClient.waitForTransactionReceipt({ hash })).status, 'success');
  } finally {
    await d.stop();
  }
});
