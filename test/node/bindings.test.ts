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
  stakeTx,
  protocolErrorsAbi,
  ManifestError,
  SEMETIS_DECIMALS,
  approveTx,
  previewUnstake,
  sharePricePerToken,
  addEthereumChainParameter,
  chainOf,
  decodeRevert,
  exitDelayDays,
  explorerOf,
  planAllowance,
  permitDeadline,
  previewWithdrawShares,
  redemptionLimits,
  rpcUrlOf,
  signPermit,
  stakeLimits,
  TOKEN_OF,
  TOKENS,
  CONTRACT_KEYS,
  type Screen,
} from '@metis-liquid-staking/contracts';

const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
const manifestJson = {
  chainId: 31337,
  name: 'devnet',
  startBlock: 0,
  contracts: Object.fromEntries(CONTRACT_KEYS.map((k, i) => [k, addr(i + 1)])),
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
    assert.throws(
      () => parseAmount(input),
      (e: unknown) => e instanceof AmountError && e.problem === problem,
      input,
    );
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
  const at = (k: (typeof CONTRACT_KEYS)[number]) => addr(CONTRACT_KEYS.indexOf(k) + 1);
  assert.equal(m.contracts.lens, at('lens'));
  assert.equal(contractKeyOf(m, at('stakingManager').toUpperCase().replace('0X', '0x')), 'stakingManager');
  assert.equal(contractKeyOf(m, addr(99)), undefined);
  assert.throws(() => parseManifest({ ...manifestJson, chainId: 'x' }), ManifestError);
  assert.throws(() => parseManifest({ ...manifestJson, contracts: { ...manifestJson.contracts, lens: '0x12' } }), /contracts.lens/);
  assert.throws(() => parseManifest({ ...manifestJson, airdrop: { root: '0x1' } }), /airdrop.root/);
});

test('stakeTx: native METIS as the value, stake(receiver, referral) or stakeAndRestake; stakeErc20Tx carries the amount', async () => {
  const { decodeFunctionData } = await import('viem');
  const { stakeErc20Tx, stakingManagerAbi } = await import('@metis-liquid-staking/contracts');
  const m = parseManifest(manifestJson);
  const a = stakeTx(m, { amount: 5n, receiver: addr(7) as Hex, referral: addr(8) as Hex });
  const b = stakeTx(m, { amount: 6n, receiver: addr(7) as Hex, restake: true });
  assert.equal(a.to, m.contracts.stakingManager);
  assert.equal(a.value, 5n, 'the amount travels as the value');
  assert.equal(b.value, 6n);
  assert.deepEqual(decodeFunctionData({ abi: stakingManagerAbi, data: a.data }), { functionName: 'stake', args: [addr(7), addr(8)] });
  assert.deepEqual(decodeFunctionData({ abi: stakingManagerAbi, data: b.data }), {
    functionName: 'stakeAndRestake',
    args: [addr(7), '0x0000000000000000000000000000000000000000'],
  });
  const e = stakeErc20Tx(m, { amount: 5n, receiver: addr(7) as Hex, referral: addr(8) as Hex, restake: true });
  assert.equal(e.value, 0n, 'the ERC-20 face sends no value');
  assert.deepEqual(decodeFunctionData({ abi: stakingManagerAbi, data: e.data }), {
    functionName: 'stakeErc20AndRestake',
    args: [5n, addr(7), addr(8)],
  });
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
  const nested = classifyError({
    message: 'x',
    error: { data: { data: encodeErrorResult({ abi: protocolErrorsAbi, errorName: 'ManagerZeroAmount' }) } },
  });
  assert.equal(nested.errorName, 'ManagerZeroAmount');
});

test('signPermit asks eth_signTypedData_v4 for the plan and splits the signature into v, r, s', async () => {
  const sig = `0x${'11'.repeat(32)}${'22'.repeat(32)}1b` as Hex;
  const asked: unknown[] = [];
  const plan = { typedData: { primaryType: 'Permit' } as never, deadline: 42n };
  const out = await signPermit(async (a) => (asked.push(a), sig), addr(1) as `0x${string}`, plan);
  assert.deepEqual(out, { deadline: 42n, v: 27, r: `0x${'11'.repeat(32)}`, s: `0x${'22'.repeat(32)}` });
  assert.deepEqual(asked, [{ method: 'eth_signTypedData_v4', params: [addr(1), JSON.stringify(plan.typedData)] }]);
  await assert.rejects(signPermit(async () => '0x12', addr(1) as `0x${string}`, plan));
});

/** A lens screen with the figures the plan and limits read (everything else zero). */
const screenWith = (user: Partial<Screen['user']>, protocol: Partial<Screen['protocol']> = {}): Screen =>
  ({
    protocol: { timestamp: 1_000n, minStake: 1n, minRedemption: 0n, maxRedemption: 0n, exitDelay: 21n * 86_400n, ...protocol },
    user: {
      metisAllowanceToManager: 0n,
      eMetisAllowanceToQueue: 0n,
      eMetisAllowanceToVault: 0n,
      eMetisNonce: 4n,
      metisBalance: 10n,
      eMetisBalance: 20n,
      ...user,
    },
    airdrop: {},
  }) as unknown as Screen;

test('planAllowance (the ERC-20 stake face): enough allowance -> ready; a METIS with permit -> permit (deadline = chain time + 1 h); without -> approve', async () => {
  const m = parseManifest(manifestJson);
  const owner = addr(50) as `0x${string}`;
  const noCalls = async () => assert.fail('no chain call expected');
  assert.deepEqual(await planAllowance(noCalls, 'stakeErc20', { m, screen: screenWith({ metisAllowanceToManager: 5n }), owner, amount: 5n }), {
    kind: 'ready',
  });
  // METIS answers nonces and name: a permit to the manager
  const { encodeAbiParameters } = await import('viem');
  const permitToken = async ({ params }: { method: string; params?: unknown }) =>
    (params as [{ data: string }])[0].data.startsWith('0x7ecebe00')
      ? encodeAbiParameters([{ type: 'uint256' }], [9n])
      : encodeAbiParameters([{ type: 'string' }], ['Metis']);
  const p = await planAllowance(permitToken, 'stakeErc20', { m, screen: screenWith({}), owner, amount: 5n });
  assert.equal(p.kind, 'permit');
  if (p.kind !== 'permit') return;
  assert.equal(p.deadline, permitDeadline(1_000n));
  assert.equal(p.deadline, 4_600n);
  assert.equal(p.symbol, 'METIS');
  assert.deepEqual(p.typedData.domain, { name: 'Metis', version: '1', chainId: 31337, verifyingContract: m.contracts.metis });
  assert.deepEqual(p.typedData.message, { owner, spender: m.contracts.stakingManager, value: '5', nonce: '9', deadline: '4600' });
  assert.deepEqual(p.approve, approveTx(m.contracts.metis, m.contracts.stakingManager, 5n), 'the fallback approves the exact amount');
  // Metis L2's METIS has no permit: nonces reverts -> approve first
  const noPermit = async () => {
    throw Object.assign(new Error('execution reverted'), { code: 3 });
  };
  assert.deepEqual(await planAllowance(noPermit, 'stakeErc20', { m, screen: screenWith({}), owner, amount: 5n }), {
    kind: 'approve',
    symbol: 'METIS',
    approve: approveTx(m.contracts.metis, m.contracts.stakingManager, 5n),
  });
});

test('planAllowance: a redemption permits eMETIS with the lens nonce (no call); restake can only approve the vault', async () => {
  const m = parseManifest(manifestJson);
  const owner = addr(50) as `0x${string}`;
  const noCalls = async () => assert.fail('no chain call expected');
  const r = await planAllowance(noCalls, 'requestRedemption', { m, screen: screenWith({ eMetisAllowanceToQueue: 1n }), owner, amount: 2n });
  assert.equal(r.kind, 'permit');
  if (r.kind === 'permit') {
    assert.equal(r.typedData.domain.name, 'Staked Metis (eMETIS)');
    assert.equal(r.typedData.domain.verifyingContract, m.contracts.eMetis);
    assert.equal(r.typedData.message.spender, m.contracts.redemptionQueue);
    assert.equal(r.typedData.message.nonce, '4');
  }
  assert.deepEqual(await planAllowance(noCalls, 'restake', { m, screen: screenWith({ eMetisAllowanceToVault: 1n }), owner, amount: 2n }), {
    kind: 'approve',
    symbol: 'eMETIS',
    approve: approveTx(m.contracts.eMetis, m.contracts.seMetis, 2n),
  });
  assert.deepEqual(await planAllowance(noCalls, 'restake', { m, screen: screenWith({ eMetisAllowanceToVault: 2n }), owner, amount: 2n }), {
    kind: 'ready',
  });
});

test('limits: a maxRedemption (or minRedemption) of 0 means none; stakes are checked against the minimum and the METIS balance', () => {
  assert.deepEqual(redemptionLimits(screenWith({})), { min: undefined, max: undefined, balance: 20n });
  assert.deepEqual(redemptionLimits(screenWith({}, { minRedemption: 3n, maxRedemption: 7n })), { min: 3n, max: 7n, balance: 20n });
  assert.throws(() => checkAmount(8n, redemptionLimits(screenWith({}, { maxRedemption: 7n })), 'eMETIS'), /maximum/);
  assert.equal(checkAmount(19n, redemptionLimits(screenWith({})), 'eMETIS'), 19n, 'no maximum');
  assert.deepEqual(stakeLimits(screenWith({})), { min: 1n, balance: 10n });
});

test('exit delay in days is rounded up (one rule for both front ends)', () => {
  assert.equal(exitDelayDays({ exitDelay: 21n * 86_400n }), 21);
  assert.equal(exitDelayDays({ exitDelay: 21n * 86_400n + 1n }), 22);
  assert.equal(exitDelayDays({ exitDelay: 3_600n }), 1);
  assert.equal(exitDelayDays({ exitDelay: 0n }), 0);
});

test('previewWithdrawShares rounds up, as the vault burns shares for a withdrawal', () => {
  const p = { sharePrice: 3n * 10n ** 12n }; // 3 eMETIS per 1e6 shares... any non-round price
  const shares = previewWithdrawShares(10n, p);
  assert.ok(previewUnstake(shares, p) >= 10n, 'the shares cover the assets');
  assert.ok(previewUnstake(shares - 1n, p) < 10n, 'one share fewer would not');
  assert.equal(previewWithdrawShares(10n, { sharePrice: 0n }), 10n);
});

test('tokens: symbols and decimals written once (seMETIS 24, the governance token MLSD)', () => {
  assert.deepEqual(TOKENS.seMETIS, { symbol: 'seMETIS', decimals: 24 });
  assert.equal(TOKEN_OF.governanceToken?.symbol, 'MLSD');
  assert.equal(TOKEN_OF.lens, undefined);
});

test('chains: Metis metadata from viem/chains; any other chain from the manifest with METIS as native currency', () => {
  const andromeda = { ...manifestJson, chainId: 1088, name: 'andromeda' };
  assert.equal(chainOf(andromeda).name, 'Metis');
  assert.deepEqual(chainOf(andromeda).nativeCurrency, { name: 'Metis', symbol: 'METIS', decimals: 18 });
  assert.equal(chainOf({ ...manifestJson, chainId: 59902 }).testnet, true);
  assert.match(rpcUrlOf(andromeda)!, /^https:\/\//);
  assert.equal(explorerOf(andromeda), 'https://explorer.metis.io');
  const devnet = { ...manifestJson, rpcUrl: 'http://127.0.0.1:8545' };
  assert.deepEqual(addEthereumChainParameter(devnet), {
    chainId: '0x7a69',
    chainName: 'devnet',
    nativeCurrency: { name: 'Metis', symbol: 'METIS', decimals: 18 },
    rpcUrls: ['http://127.0.0.1:8545'],
  });
  assert.deepEqual(addEthereumChainParameter({ ...devnet, explorer: 'http://x' }).blockExplorerUrls, ['http://x']);
  assert.equal(rpcUrlOf({ ...manifestJson, rpcUrl: 'http://mine', chainId: 1088 }), 'http://mine', "the manifest's RPC wins");
});

test('decodeRevert: protocol errors with their arguments, Error(string), Panic; undefined for unknown or short data', async () => {
  const { encodeErrorResult: enc } = await import('viem');
  assert.deepEqual(decodeRevert(enc({ abi: protocolErrorsAbi, errorName: 'ManagerBelowMinimum', args: [1n, 2n] })), {
    errorName: 'ManagerBelowMinimum',
    args: [1n, 2n],
  });
  assert.equal(
    decodeRevert(
      '0x08c379a00000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000568656c6c6f000000000000000000000000000000000000000000000000000000',
    )?.errorName,
    'Error',
  );
  assert.equal(decodeRevert('0xdeadbeef'), undefined);
  assert.equal(decodeRevert('0x12'), undefined);
  assert.equal(decodeRevert(undefined), undefined);
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

test("classifyError maps the protocol's own pause errors to paused", () => {
  for (const errorName of ['ManagerPaused', 'ManagerLossPaused', 'SeMetisExitsPaused']) {
    const args = errorName === 'ManagerPaused' ? undefined : [123n];
    const data = encodeErrorResult({ abi: protocolErrorsAbi, errorName, args } as never);
    const c = classifyError({ code: 3, message: 'execution reverted', data });
    assert.equal(c.code, 'paused');
    assert.equal(c.errorName, errorName);
  }
});

test('permitTypedData signs and recovers as EIP-2612 expects', async () => {
  const { privateKeyToAccount } = await import('viem/accounts');
  const { recoverTypedDataAddress } = await import('viem');
  const { permitTypedData } = await import('@metis-liquid-staking/contracts');
  const acct = privateKeyToAccount(`0x${'01'.repeat(32)}`);
  const token = addr(77) as `0x${string}`;
  const td = permitTypedData({
    token,
    chainId: 31337,
    name: 'Metis Token (devnet)',
    owner: acct.address,
    spender: addr(5) as `0x${string}`,
    value: 7n,
    nonce: 2n,
    deadline: 99n,
  });
  assert.equal(td.domain.verifyingContract, token);
  assert.equal(td.domain.version, '1');
  assert.deepEqual(td.message, { owner: acct.address, spender: addr(5), value: '7', nonce: '2', deadline: '99' });
  const { EIP712Domain: _d, ...types } = td.types;
  const message = { ...td.message, value: 7n, nonce: 2n, deadline: 99n };
  const sig = await acct.signTypedData({ domain: td.domain, types, primaryType: 'Permit', message });
  assert.equal(await recoverTypedDataAddress({ domain: td.domain, types, primaryType: 'Permit', message, signature: sig }), acct.address);
});

test('readPermitInfo reads name and nonce; undefined for a token without permit or a failing call', async () => {
  const { encodeAbiParameters } = await import('viem');
  const { readPermitInfo } = await import('@metis-liquid-staking/contracts');
  const token = addr(3) as `0x${string}`;
  const owner = addr(4) as `0x${string}`;
  const calls: string[] = [];
  const ok = async ({ params }: { method: string; params?: unknown }) => {
    const data = (params as [{ data: string }])[0].data;
    calls.push(data.slice(0, 10));
    return data.startsWith('0x7ecebe00')
      ? encodeAbiParameters([{ type: 'uint256' }], [3n])
      : encodeAbiParameters([{ type: 'string' }], ['Metis Token (devnet)']);
  };
  assert.deepEqual(await readPermitInfo(ok, token, owner), { name: 'Metis Token (devnet)', nonce: 3n });
  assert.deepEqual(calls.sort(), ['0x06fdde03', '0x7ecebe00']);
  // no permit: the call reverts (or the address has no code and returns 0x)
  assert.equal(
    await readPermitInfo(
      async () => {
        throw Object.assign(new Error('execution reverted'), { code: 3 });
      },
      token,
      owner,
    ),
    undefined,
  );
  assert.equal(await readPermitInfo(async () => '0x', token, owner), undefined);
});
