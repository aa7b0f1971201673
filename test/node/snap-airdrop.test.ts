// The snap's genesis airdrop on the home page, end to end in @metamask/snaps-simulation against anvil with
// the protocol deployed (startTestDevnet): a dapp hands the snap a claim from the proofs file with
// `rememberAirdropClaim`; the snap verifies it against its bundled manifest's root, and the home page then
// shows the claimable amount (read in the same single lens eth_call per account), and "claimed" after the
// claim transaction.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Json } from '@metamask/snaps-sdk';
import type { Address, Hex } from 'viem';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet-fixture.js';
import { rpc } from '../helpers/rpc.js';
import { installTestSnap, serveSnap, uiString, type SimSnap } from '../helpers/snap.js';
import { claimAirdropTx, formatAmount, readScreen, waitForReceipt } from '@metis-liquid-staking/contracts';

const PARTNER = 'http://localhost:3000';
const CHAIN = 31337;

describe('snap: rememberAirdropClaim and the home page airdrop (simulation + anvil)', () => {
  let d: TestDevnet;
  let server: Awaited<ReturnType<typeof serveSnap>>;
  let snap: SimSnap;
  let me: Address;
  let mine: { index: number; amount: string; proof: Hex[] };
  const calls: string[] = [];
  const chain = (a: { method: string; params?: unknown }) => rpc(d.url, a.method, (a.params ?? []) as unknown[]);
  const claimOf = (who: Address) => Object.entries(d.proofs.claims).find(([a]) => a.toLowerCase() === who.toLowerCase())![1];
  const params = (over: Record<string, unknown> = {}) => ({
    chainId: CHAIN,
    account: me,
    index: mine.index,
    amount: mine.amount,
    proof: mine.proof,
    ...over,
  });
  const remember = (p: Record<string, unknown>, origin = PARTNER) =>
    snap.request({ method: 'rememberAirdropClaim', params: p as Record<string, Json>, origin });
  const errorOf = async (res: ReturnType<typeof remember>) => {
    const r = (await res).response as { result?: unknown; error?: { code: number; message: string } };
    assert.ok(r.error, `expected an error, got ${JSON.stringify(r.result)}`);
    return r.error!;
  };
  /** The home page's text and the number of eth_calls it made. */
  const home = async () => {
    const before = calls.filter((c) => c === 'eth_call').length;
    const text = uiString((await snap.onHomePage()).getInterface().content);
    return { text, ethCalls: calls.filter((c) => c === 'eth_call').length - before };
  };

  before(async () => {
    d = await startTestDevnet({ seed: true });
    me = d.accounts[0]!.address;
    mine = claimOf(me);
    server = await serveSnap();
    snap = await installTestSnap(server.snapId, d.url, { log: calls });
  });

  after(async () => {
    await snap?.executionService.terminateAllSnaps();
    await server?.close();
    await d?.stop();
  });

  test('before anything is remembered the home page has no genesis airdrop line', async () => {
    const { text, ethCalls } = await home();
    assert.ok(text.includes(me), text);
    assert.doesNotMatch(text, /Genesis airdrop/);
    assert.equal(ethCalls, 1);
  });

  test('an origin not registered in the PartnerRegistry is refused (4100) and nothing is remembered', async () => {
    const err = await errorOf(remember(params(), 'https://evil.example'));
    assert.equal(err.code, 4100);
    assert.doesNotMatch((await home()).text, /Genesis airdrop/);
  });

  test('invalid claims are refused with -32602 and leave the home page unchanged', async () => {
    const flip = (h: Hex): Hex => `${h.slice(0, -1)}${h.endsWith('0') ? '1' : '0'}` as Hex;
    const other = d.accounts[1]!.address;
    const otherClaim = claimOf(other);
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['amount changed', params({ amount: (BigInt(mine.amount) + 1n).toString() }), /proof does not match/],
      ['index changed', params({ index: mine.index + 1 }), /proof does not match/],
      ['proof element changed', params({ proof: [flip(mine.proof[0]!), ...mine.proof.slice(1)] }), /proof does not match/],
      ['proof element dropped', params({ proof: mine.proof.slice(1) }), /proof does not match/],
      // a valid claim of another account, under this account
      ['another account’s claim', params({ index: otherClaim.index, amount: otherClaim.amount, proof: otherClaim.proof }), /proof does not match/],
      ['account not connected to the snap (valid proof)', params({ account: other, ...otherClaim }), /not connected to the snap/],
      ['unknown chain', params({ chainId: 1 }), /Unknown chain 1/],
      ['bad checksum', params({ account: me.replace(/[a-f]/, (c) => c.toUpperCase()) }), /invalid checksum/],
      ['amount not a decimal string', params({ amount: 5 }), /amount must be/],
      ['amount zero', params({ amount: '0' }), /amount must be/],
      ['negative index', params({ index: -1 }), /index must be/],
      ['proof not 32-byte hex', params({ proof: ['0x1234'] }), /proof must be/],
      ['proof not a list', params({ proof: mine.proof[0] }), /proof must be/],
    ];
    for (const [why, p, message] of cases) {
      const err = await errorOf(remember(p));
      assert.equal(err.code, -32602, why);
      assert.match(err.message, message, why);
    }
    const { text } = await home();
    assert.doesNotMatch(text, /Genesis airdrop/, 'nothing was stored');
  });

  test('a valid claim is remembered; the home page shows the proofs file amount as claimable, still one lens call', async () => {
    const res = (await remember(params())).response as { result?: unknown; error?: unknown };
    assert.equal(res.error, undefined, JSON.stringify(res.error));
    assert.equal(res.result, true);
    const { text, ethCalls } = await home();
    assert.ok(text.includes(`Genesis airdrop | ${formatAmount(BigInt(mine.amount))} MLSD claimable`), text);
    assert.equal(ethCalls, 1, 'the index rides in the same getAll call');
    assert.doesNotMatch(text, /Airdrop claimable \(vested\)/, 'nothing vested before the claim');
  });

  test('Japanese home page line', async () => {
    const ja = await installTestSnap(server.snapId, d.url, { locale: 'ja' });
    try {
      const r = (await ja.request({ method: 'rememberAirdropClaim', params: params(), origin: PARTNER })).response as { result?: unknown };
      assert.equal(r.result, true);
      const text = uiString((await ja.onHomePage()).getInterface().content);
      assert.ok(text.includes(`ジェネシスエアドロップ | ${formatAmount(BigInt(mine.amount))} MLSD 請求可能`), text);
    } finally {
      await ja.executionService.terminateAllSnaps();
    }
  });

  test('after the claim transaction the home page shows "claimed" and the vested line', async () => {
    const tx = claimAirdropTx(d.manifest, { index: BigInt(mine.index), account: me, amount: BigInt(mine.amount), proof: mine.proof });
    const hash = (await chain({ method: 'eth_sendTransaction', params: [{ from: me, to: tx.to, data: tx.data }] })) as Hex;
    assert.equal((await waitForReceipt(chain, hash, { pollMs: 100 })).status, '0x1');
    const s = await readScreen(chain, d.manifest.contracts.lens, me, [BigInt(mine.index)]);
    assert.deepEqual(s.airdrop.claimed, [true]);
    const { text, ethCalls } = await home();
    assert.ok(text.includes('Genesis airdrop | claimed'), text);
    assert.doesNotMatch(text, /MLSD claimable/);
    assert.ok(s.airdrop.vestedTotal > 0n, 'the devnet vests part of each claim');
    assert.match(text, /Airdrop claimable \(vested\) \| [\d.,]+ MLSD/);
    assert.equal(ethCalls, 1);
  });
});
