// Unit tests for the shared TypeScript bindings (pure functions; no chain needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeErrorResult, type Hex } from 'viem';
import {
  AmountError,
  checkAmount,
  classifyError,
  contractKeyOf,
  formatAmount,
  formatBps,
  parseAirdropProofs,
  parseAmount,
  parseManifest,
  previewRedemption,
  previewStake,
  previewRestake,
  splitSignature,
  stakeTx,
  protocolErrorsAbi,
  ManifestError,
  SEMETIS_DECIMALS,
  approveTx,
  previewUnstake,
  sharePricePerToken,
} from '../../contracts/bindings/index.js';

const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
const manifestJson = {
  chainId: 31337,
  name: 'devnet',
  startBlock: 0,
  contracts: Object.fromEntries(
    ['metis', 'lockingPool', 'stakingManager', 'eMetis', 'seMetis', 'rewardDispatcher', 'redemptionQueue', 'governanceToken', 'airdrop', 'liquidityMining', 'lens'].map(
      (k, i) => [k, addr(i + 1)],
    ),
  ),
  airdrop: { root: `0x${'ab'.repeat(32)}` },
};

test('parseAmount accepts decimals and rejects bad input with a reason', () => {
  assert.equal(parseAmount('1'), 10n ** 18n);
  assert.equal(parseAmount('0.5'), 5n * 10n ** 17n);
  assert.equal(parseAmount(' 12.345 '), 12345n * 10n ** 15n);
  assert.equal(parseAmount('.1'), 10n ** 17n);
  for (const [input, problem] of [
    ['', 'empty'],
    ['abc', 'invalid'],
    ['-1', 'invalid'],
    ['1e18', 'invalid'],
    ['0', 'zero'],
    ['0.000', 'zero'],
    ['1.0000000000000000001', 'too-many-decimals'],
  ] as const) {
    assert.throws(() => parseAmount(input), (e: unknown) => e instanceof AmountError && e.problem === problem, input);
  }
});

test('checkAmount names the limit that failed', () => {
  const lim = { min: 10n ** 16n, max: 100n * 10n ** 18n, balance: 5n * 10n ** 18n };
  assert.equal(checkAmount(10n ** 18n, lim), 10n ** 18n);
  assert.throws(() => checkAmount(1n, lim), /minimum is 0.01/);
  assert.throws(() => checkAmount(101n * 10n ** 18n, lim), /maximum is 100/);
  assert.throws(() => checkAmount(6n * 10n ** 18n, lim), /you have 5/);
});

test('formatAmount rounds down, trims and groups', () => {
  assert.equal(formatAmount(1234567n * 10n ** 15n), '1,234.567');
  assert.equal(formatAmount(19999n * 10n ** 14n, 2), '1.99');
  assert.equal(formatAmount(0n), '0');
  assert.equal(formatBps(1834n), '18.34%');
  assert.equal(formatBps(5), '0.05%');
});

test('parseManifest validates and checksums; rejects bad manifests', () => {
  const m = parseManifest(manifestJson);
  assert.equal(m.contracts.lens, addr(11));
  assert.equal(contractKeyOf(m, addr(3).toUpperCase().replace('0X', '0x')), 'stakingManager');
  assert.equal(contractKeyOf(m, addr(99)), undefined);
  assert.throws(() => parseManifest({ ...manifestJson, chainId: 'x' }), ManifestError);
  assert.throws(() => parseManifest({ ...manifestJson, contracts: { ...manifestJson.contracts, lens: '0x12' } }), /contracts.lens/);
  assert.throws(() => parseManifest({ ...manifestJson, airdrop: { root: '0x1' } }), /airdrop.root/);
});

test('stakeTx encodes stake and stakeAndRestake with the referral', () => {
  const m = parseManifest(manifestJson);
  const a = stakeTx(m, { amount: 5n, receiver: addr(7) as Hex, referral: addr(8) as Hex });
  const b = stakeTx(m, { amount: 5n, receiver: addr(7) as Hex, restake: true });
  assert.equal(a.to, m.contracts.stakingManager);
  assert.notEqual(a.data.slice(0, 10), b.data.slice(0, 10));
  assert.ok(a.data.toLowerCase().includes(addr(8).slice(2)));
});

test('previews follow the lens rates', () => {
  assert.equal(previewStake(10n ** 18n), 10n ** 18n);
  assert.equal(previewStake(10n ** 18n, { tvl: 100n, eMetisSupply: 100n }), 10n ** 18n, 'fully backed: 1:1');
  assert.equal(previewStake(9n * 10n ** 17n, { tvl: 90n, eMetisSupply: 100n }), 10n ** 18n, 'under-backed: minted at backing');
  assert.equal(previewRestake(2n * 10n ** 18n, { sharePrice: 2n * 10n ** 18n }), 10n ** 18n);
  assert.equal(previewRedemption(10n ** 18n, { backingRatio: 9n * 10n ** 17n }), 9n * 10n ** 17n);
});

test('parseAirdropProofs accepts a good file and rejects malformed ones', () => {
  const good = { root: manifestJson.airdrop.root, claims: { [addr(5)]: { index: 0, amount: '100', proof: [`0x${'cd'.repeat(32)}`] } } };
  const p = parseAirdropProofs(good, manifestJson.airdrop.root as Hex);
  assert.equal(p.claims.get(addr(5))?.amount, 100n);
  for (const bad of [
    null,
    { ...good, root: '0x12' },
    { ...good, claims: { nope: { index: 0, amount: '1', proof: [] } } },
    { ...good, claims: { [addr(5)]: { index: 0, amount: '0', proof: [] } } },
    { ...good, claims: { [addr(5)]: { index: 0, amount: '1', proof: ['0x12'] } } },
  ]) {
    assert.throws(() => parseAirdropProofs(bad), /malformed/);
  }
  assert.throws(() => parseAirdropProofs(good, `0x${'00'.repeat(32)}`), /does not match/);
});

test('classifyError maps wallet, RPC and contract errors', () => {
  assert.equal(classifyError({ code: 4001, message: 'User rejected the request.' }).code, 'rejected');
  assert.equal(classifyError(new TypeError('Failed to fetch')).code, 'rpc-unreachable');
  assert.equal(classifyError({ code: -32000, message: 'insufficient funds for gas * price + value' }).code, 'insufficient-funds');
  const data = encodeErrorResult({ abi: protocolErrorsAbi, errorName: 'ManagerBelowMinimum', args: [1n, 2n] });
  const c = classifyError({ code: 3, message: 'execution reverted', data });
  assert.equal(c.code, 'below-minimum');
  assert.equal(c.errorName, 'ManagerBelowMinimum');
  const nested = classifyError({ message: 'x', error: { data: { data: encodeErrorResult({ abi: protocolErrorsAbi, errorName: 'ManagerZeroAmount' }) } } });
  assert.equal(nested.errorName, 'ManagerZeroAmount');
});

test('splitSignature splits 65 bytes', () => {
  const sig = `0x${'11'.repeat(32)}${'22'.repeat(32)}1b` as Hex;
  assert.deepEqual(splitSignature(sig), { v: 27, r: `0x${'11'.repeat(32)}`, s: `0x${'22'.repeat(32)}` });
  assert.throws(() => splitSignature('0x12'));
});

test('seMETIS has 24 decimals: share price per whole token and previews agree', () => {
  // a fresh vault: 1e18 eMETIS backs 1e24 shares, so the lens reports 1e12 eMETIS per 1e18 shares
  const p = { sharePrice: 10n ** 12n };
  assert.equal(SEMETIS_DECIMALS, 24);
  assert.equal(sharePricePerToken(p), 10n ** 18n); // 1 eMETIS per 1 seMETIS
  const shares = previewRestake(5n * 10n ** 18n, p);
  assert.equal(shares, 5n * 10n ** 24n);
  assert.equal(previewUnstake(shares, p), 5n * 10n ** 18n);
  assert.equal(formatAmount(shares, 4, SEMETIS_DECIMALS), '5');
  assert.equal(sharePricePerToken({ sharePrice: 1_100_000_000_000n }), 11n * 10n ** 17n);
});

test('approveTx encodes ERC-20 approve(spender, amount)', () => {
  const t = approveTx(addr(1) as `0x${string}`, addr(2) as `0x${string}`, 5n);
  assert.equal(t.to, addr(1));
  assert.equal(t.value, 0n);
  assert.equal(t.data, `0x095ea7b3${addr(2).slice(2).padStart(64, '0')}${'5'.padStart(64, '0')}`);
});

test('classifyError maps the protocol\'s own pause errors to paused', () => {
  for (const errorName of ['ManagerPaused', 'PoolPaused']) {
    const data = encodeErrorResult({ abi: protocolErrorsAbi, errorName } as never);
    const c = classifyError({ code: 3, message: 'execution reverted', data });
    assert.equal(c.code, 'paused');
    assert.equal(c.errorName, errorName);
  }
});

test('permitTypedData signs and recovers as EIP-2612 expects; eMetisPermitTypedData uses it', async () => {
  const { privateKeyToAccount } = await import('viem/accounts');
  const { recoverTypedDataAddress } = await import('viem');
  const { permitTypedData, eMetisPermitTypedData, parseManifest: pm } = await import('../../contracts/bindings/index.js');
  const acct = privateKeyToAccount(`0x${'01'.repeat(32)}`);
  const token = addr(77) as `0x${string}`;
  const td = permitTypedData({ token, chainId: 31337, name: 'Metis Token (devnet)', owner: acct.address, spender: addr(5) as `0x${string}`, value: 7n, nonce: 2n, deadline: 99n });
  assert.equal(td.domain.verifyingContract, token);
  assert.equal(td.domain.version, '1');
  assert.deepEqual(td.message, { owner: acct.address, spender: addr(5), value: '7', nonce: '2', deadline: '99' });
  const { EIP712Domain: _d, ...types } = td.types;
  const message = { ...td.message, value: 7n, nonce: 2n, deadline: 99n };
  const sig = await acct.signTypedData({ domain: td.domain, types, primaryType: 'Permit', message });
  assert.equal(await recoverTypedDataAddress({ domain: td.domain, types, primaryType: 'Permit', message, signature: sig }), acct.address);
  const m = pm(manifestJson);
  const e = eMetisPermitTypedData(m, { owner: acct.address, spender: addr(5) as `0x${string}`, value: 1n, nonce: 0n, deadline: 5n });
  assert.equal(e.domain.verifyingContract, m.contracts.eMetis);
  assert.equal(e.domain.chainId, 31337);
});

test('stakeWithPermitTx encodes both permit variants with v, r, s and the referral', async () => {
  const { decodeFunctionData } = await import('viem');
  const { stakeWithPermitTx, stakingManagerAbi, parseManifest: pm } = await import('../../contracts/bindings/index.js');
  const m = pm(manifestJson);
  const r = `0x${'11'.repeat(32)}` as const;
  const s = `0x${'22'.repeat(32)}` as const;
  for (const restake of [false, true]) {
    const t = stakeWithPermitTx(m, { amount: 5n, receiver: addr(9) as `0x${string}`, referral: addr(8) as `0x${string}`, restake, deadline: 100n, v: 27, r, s });
    assert.equal(t.to, m.contracts.stakingManager);
    assert.equal(t.value, 0n);
    const d = decodeFunctionData({ abi: stakingManagerAbi, data: t.data });
    assert.equal(d.functionName, restake ? 'stakeAndRestakeWithPermit' : 'stakeWithPermit');
    assert.deepEqual(d.args, [5n, addr(9), addr(8), 100n, 27, r, s]);
  }
});

test('readPermitInfo reads name and nonce; undefined for a token without permit or a failing call', async () => {
  const { encodeAbiParameters } = await import('viem');
  const { readPermitInfo } = await import('../../contracts/bindings/index.js');
  const token = addr(3) as `0x${string}`;
  const owner = addr(4) as `0x${string}`;
  const calls: string[] = [];
  const ok = async ({ params }: { method: string; params?: unknown }) => {
    const data = (params as [{ data: string }])[0].data;
    calls.push(data.slice(0, 10));
    return data.startsWith('0x7ecebe00') ? encodeAbiParameters([{ type: 'uint256' }], [3n]) : encodeAbiParameters([{ type: 'string' }], ['Metis Token (devnet)']);
  };
  assert.deepEqual(await readPermitInfo(ok, token, owner), { name: 'Metis Token (devnet)', nonce: 3n });
  assert.deepEqual(calls.sort(), ['0x06fdde03', '0x7ecebe00']);
  // no permit: the call reverts (or the address has no code and returns 0x)
  assert.equal(await readPermitInfo(async () => { throw Object.assign(new Error('execution reverted'), { code: 3 }); }, token, owner), undefined);
  assert.equal(await readPermitInfo(async () => '0x', token, owner), undefined);
});
