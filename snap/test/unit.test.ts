// Unit tests for the snap's pure pieces (no simulation, no chain): locales, parameter validation,
// formatting, call decoding and the returned transaction format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { encodeFunctionData, parseEther, type Address } from 'viem';
import { fileURLToPath } from 'node:url';
import { languageOf, translator } from '../src/lib/i18n.js';
import { addressParam, amountParam, chainIdParam, ticketIdParam } from '../src/lib/params.js';
import { days, fmtDate, fmtSharePrice } from '../src/lib/format.js';
import { decodeCall } from '../src/lib/decode.js';
import { duration, redemptionEtaRows, ticketWhen } from '../src/lib/rows.js';
import { snapTx } from '../src/lib/tx.js';
import { InvalidParamsError, methodNotFound, UnauthorizedError, UserRejectedRequestError } from '../src/lib/errors.js';
import { unwrapError, WrappedSnapError } from '@metamask/snaps-utils';
import { erc20Abi, redemptionQueueAbi, seMetisAbi, stakingManagerAbi } from '@metis-liquid-staking/contracts';

const SNAP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const load = (lang: string) =>
  JSON.parse(fs.readFileSync(path.join(SNAP_DIR, 'locales', `${lang}.json`), 'utf8')).messages as Record<string, { message: string }>;

test('en and ja have the same keys and the same {placeholders} in every message', () => {
  const [en, ja] = [load('en'), load('ja')];
  assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort());
  const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const k of Object.keys(en)) assert.deepEqual(vars(ja[k]!.message), vars(en[k]!.message), k);
});

test('translator fills placeholders, falls back to English, and picks the language from the locale', () => {
  const [en, ja] = [load('en'), load('ja')];
  const t = translator({ ...ja, stakeTitle: undefined } as never, en);
  assert.equal(t('notifyClaimable', { id: 3, amount: '1.5' }), '償還 #3 の準備ができました:1.5 METIS を受け取れます。');
  assert.equal(t('stakeTitle'), 'Stake METIS', 'missing key falls back to English');
  assert.equal(languageOf('ja-JP'), 'ja');
  assert.equal(languageOf('en_US'), 'en');
  assert.equal(languageOf('fr'), 'en');
});

test('params: chainId, checksummed addresses, amounts within limits, ticket ids', () => {
  assert.equal(chainIdParam({ chainId: 31337 }), 31337);
  assert.equal(chainIdParam({ chainId: '0x7a69' }), 31337);
  assert.throws(() => chainIdParam({ chainId: -1 }), /positive integer/);
  assert.throws(() => chainIdParam({}), /positive integer/);
  const a = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720';
  assert.equal(addressParam({ x: a.toLowerCase() }, 'x'), a);
  assert.equal(addressParam({ x: a }, 'x'), a);
  assert.throws(() => addressParam({ x: a.replace('Ee', 'eE') }, 'x'), /checksum/);
  assert.equal(addressParam({}, 'x', true), undefined);
  assert.throws(() => addressParam({}, 'x'), /required/);
  assert.equal(amountParam({ amount: '1.5' }, {}, 'METIS'), parseEther('1.5'));
  assert.throws(
    () => amountParam({ amount: '1' }, { min: parseEther('2') }, 'METIS'),
    (e: Error & { code?: number }) => {
      assert.match(e.message, /minimum is 2 METIS/);
      assert.equal(e.code, -32602);
      return true;
    },
  );
  assert.throws(() => amountParam({ amount: '3' }, { balance: parseEther('2') }, 'eMETIS'), /Not enough eMETIS/);
  assert.throws(() => amountParam({ amount: 3 }, {}, 'METIS'), /decimal string/);
  assert.equal(ticketIdParam({ ticketId: '7' }), 7n);
  assert.throws(() => ticketIdParam({ ticketId: 0 }), /positive integer/);
});

test('formatting: UTC dates, whole days, share price per whole seMETIS (24 decimals)', () => {
  assert.equal(fmtDate(0n), '1970-01-01 00:00 UTC');
  assert.equal(fmtDate(1_800_000_000n), '2027-01-15 08:00 UTC');
  assert.equal(days({ exitDelay: 21n * 86400n }), '21');
  assert.equal(days({ exitDelay: 21n * 86400n + 1n }), '22');
  // sharePrice is eMETIS wei per 1e18 share units: 1e12 means 1 eMETIS per whole seMETIS
  assert.equal(fmtSharePrice({ sharePrice: 10n ** 12n }), '1 seMETIS = 1 eMETIS');
  assert.equal(fmtSharePrice({ sharePrice: (10n ** 12n * 1025n) / 1000n }), '1 seMETIS = 1.025 eMETIS');
});

test('decodeCall: protocol functions by contract; unknown selectors and other contracts are undefined', () => {
  const me = '0x0000000000000000000000000000000000000001' as Address;
  // the native stake carries no amount (it is the transaction's value); its ERC-20 face does
  const stake = encodeFunctionData({ abi: stakingManagerAbi, functionName: 'stake', args: [me, me] });
  assert.deepEqual(decodeCall('stakingManager', stake), { functionName: 'stake', args: [me, me] });
  const erc20 = encodeFunctionData({ abi: stakingManagerAbi, functionName: 'stakeErc20AndRestake', args: [5n, me, me] });
  assert.deepEqual(decodeCall('stakingManager', erc20), { functionName: 'stakeErc20AndRestake', args: [5n, me, me] });
  assert.equal(decodeCall('redemptionQueue', stake), undefined, 'a manager call sent to the queue is not decoded');
  const claim = encodeFunctionData({ abi: redemptionQueueAbi, functionName: 'claim', args: [2n, me] });
  assert.equal(decodeCall('redemptionQueue', claim)?.functionName, 'claim');
  assert.equal(decodeCall('lens', claim), undefined);
  assert.equal(decodeCall('stakingManager', '0x'), undefined);
  // token contracts: ERC-20 approve/transfer; the vault also decodes its own ERC-4626 calls
  const approve = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [me, 9n] });
  assert.deepEqual(decodeCall('eMetis', approve), { functionName: 'approve', args: [me, 9n] });
  assert.deepEqual(decodeCall('seMetis', approve), { functionName: 'approve', args: [me, 9n] });
  const deposit = encodeFunctionData({ abi: seMetisAbi, functionName: 'deposit', args: [3n, me] });
  assert.deepEqual(decodeCall('seMetis', deposit), { functionName: 'deposit', args: [3n, me] });
  assert.equal(decodeCall('eMetis', deposit), undefined);
});

test('snapTx: hex value and chainId; `requires` only when an approval is needed', () => {
  const from = '0x0000000000000000000000000000000000000001' as Address;
  const to = '0x0000000000000000000000000000000000000002' as Address;
  assert.deepEqual(snapTx(from, 31337, { to, data: '0x12', value: 0n }), { from, to, data: '0x12', value: '0x0', chainId: '0x7a69' });
  const withApproval = snapTx(from, 1088, { to, data: '0x12', value: 10n }, [{ to: from, data: '0x34', value: 0n }]);
  assert.equal(withApproval.value, '0xa');
  assert.ok('requires' in withApproval);
  assert.deepEqual(withApproval.requires, [{ from, to: from, data: '0x34', value: '0x0', chainId: '0x440' }]);
});

test('waits in words, rounded up; ticket ETAs: waiting for L1 (eta 0), fast ~date, slow up to date, claimable', () => {
  const t = translator(load('en'));
  assert.equal(duration(t, 1n), '1 min');
  assert.equal(duration(t, 61n), '2 min');
  assert.equal(duration(t, 3601n), '2 h');
  assert.equal(duration(t, 86_400n * 21n + 1n), '22 days');
  const pending = { status: 1, eta: 0n, fastPath: false };
  assert.equal(ticketWhen(t, pending), 'waiting for L1');
  assert.equal(ticketWhen(t, { ...pending, eta: 1_800_000_000n, fastPath: true }), 'ready ~2027-01-15 08:00 UTC (fast path)');
  assert.equal(ticketWhen(t, { ...pending, eta: 1_800_000_000n }), 'up to 2027-01-15 08:00 UTC (slow path)');
  assert.equal(ticketWhen(t, { ...pending, status: 2 }), 'claimable now');
});

test('redemption ETA: fast path while buffer + fastCapacity cover the queue and the request, else the slow path', () => {
  const t = translator(load('en'));
  const e = (n: bigint) => n * 10n ** 18n;
  const p = {
    queueUnfinalized: e(10n),
    backingRatio: 10n ** 18n,
    buffered: e(40n),
    fastCapacity: e(50n),
    fastPathDelay: 1800n,
    slowPathDelay: 21n * 86_400n + 1800n,
    exitDelay: 21n * 86_400n,
  };
  const fast = redemptionEtaRows(t, e(80n), p); // 10 queued + 80 = 90 = 40 + 50
  assert.deepEqual(fast.row, { label: 'Estimated wait', text: 'about 30 min (fast path)' });
  assert.equal(fast.warning.severity, 'info');
  const slow = redemptionEtaRows(t, e(80n) + 1n, p);
  assert.deepEqual(slow.row, { label: 'Estimated wait', text: 'up to 22 days (slow path: 21 days unlock on L1 + bridge)' });
  assert.equal(slow.warning.severity, 'warning');
  assert.equal(slow.warning.title, 'Redemption takes up to 22 days');
});

test("errors: MetaMask's own unwrapping (snaps-utils, as the SnapController runs it) gets the code, message and data, and counts them handled (no crash)", () => {
  const cases = [
    [new InvalidParamsError('amount: not a number'), -32602, undefined],
    [new UnauthorizedError('Origin https://evil.example is not allowed'), 4100, undefined],
    [new UserRejectedRequestError('The user rejected the request.'), 4001, undefined],
    [methodNotFound('drain'), -32601, { method: 'drain' }],
  ] as const;
  for (const [error, code, data] of cases) {
    // the executor wraps what the handler throws and sends it as JSON; the controller unwraps it
    const wire = JSON.parse(JSON.stringify(new WrappedSnapError(error)));
    const [rpcError, handled] = unwrapError(wire);
    assert.equal(handled, true, error.message);
    assert.equal(rpcError.code, code);
    assert.equal(rpcError.message, error.message);
    assert.deepEqual(rpcError.data, data);
  }
  // a plain Error would be unhandled: MetaMask stops the snap as crashed
  assert.equal(unwrapError(JSON.parse(JSON.stringify(new WrappedSnapError(new Error('x')))))[1], false);
});
