// The MetaMask snap, end to end in @metamask/snaps-simulation against the two-chain devnet (startTestDevnet:
// an L2 anvil with the protocol, an L1 anvil with the hub and models of Metis's LockingPool and bridge, the
// devnet relayer carrying messages). MetaMask itself is played by the simulation; the test plays the dapp: it
// calls the snap's RPC methods, clicks the dialogs, and sends the returned transactions to the L2 anvil with
// eth_sendTransaction (anvil's account #0 is unlocked and is also the snap's account, same mnemonic). Anvil's
// account #0 is also the devnet admin, the PartnerRegistry's registrar.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  decodeFunctionData,
  decodeFunctionResult,
  encodeFunctionData,
  getAddress,
  numberToHex,
  parseEther,
  toFunctionSelector,
  type Address,
  type Hex,
} from 'viem';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet-fixture.js';
import { advanceBoth, keeperTick, settle } from '../helpers/cycle.js';
import { rpc } from '../helpers/rpc.js';
import { installTestSnap, serveSnap, SNAP_DIR, uiElements, uiString, type EthCall, type SimSnap } from '../helpers/snap.js';
import {
  airdropAbi,
  eMetisAbi,
  lensAbi,
  liquidityMiningAbi,
  readScreen,
  redemptionQueueAbi,
  seMetisAbi,
  stakingManagerAbi,
  formatAmount,
  formatBps,
  partnerRegistryAbi,
  sharePricePerToken,
  redemptionEta,
  waitForReceipt,
  type Screen,
} from '@metis-liquid-staking/contracts';
import { DEPLOYMENTS_DIR } from '@metis-liquid-staking/contracts/node';
import { partnerRegistryAbi as registryAdminAbi } from '@metis-liquid-staking/contracts/abis';
import { DEVNET_PARTNER_REFERRAL, DEVNET_PARTNERS } from '../../devnet/accounts.js';

const PARTNER = 'http://localhost:3000';
const CHAIN = 31337;
const KNOWN_REFERRAL = getAddress('0x5a4e0f1c3b8d2e7a9c6b0d4f1e2a3b4c5d6e7f80'); // the devnet demo partner page's referral
const PARTNER_NAME = 'Demo DEX (devnet)'; // its name in the PartnerRegistry (devnet/deploy.ts registers DEVNET_PARTNERS)
const EVIL = 'https://evil.example';
const selector = (fn: 'partnerOf' | 'partnerOfReferral') => toFunctionSelector(partnerRegistryAbi.find((f) => f.name === fn)!);

type Tx = { from: Address; to: Address; data: Hex; value: Hex; chainId: Hex; requires?: Tx[] };

describe('snap (simulation + anvil)', () => {
  let d: TestDevnet;
  let server: Awaited<ReturnType<typeof serveSnap>>;
  let snap: SimSnap;
  let me: Address;
  const calls: string[] = [];
  const ethCalls: EthCall[] = [];
  /** The snap's eth_calls to the PartnerRegistry since `from` (an index into ethCalls), by function. */
  const registryCalls = (from: number, fn: 'partnerOf' | 'partnerOfReferral') =>
    ethCalls.slice(from).filter((c) => c.to.toLowerCase() === d.manifest.contracts.partnerRegistry.toLowerCase() && c.data.startsWith(selector(fn)));
  /** The registry's admin (anvil account #0, the devnet deployer and registrar) sends `data` to the PartnerRegistry. */
  const asRegistrar = (data: Hex) => sendRaw({ from: d.accounts[0]!.address, to: d.manifest.contracts.partnerRegistry, data });
  const partnerId = async (origin: string): Promise<bigint> => {
    const data = encodeFunctionData({ abi: partnerRegistryAbi, functionName: 'partnerOf', args: [origin] });
    const [found, id] = decodeFunctionResult({
      abi: partnerRegistryAbi,
      functionName: 'partnerOf',
      data: (await chainRequest('eth_call', [{ to: d.manifest.contracts.partnerRegistry, data }, 'latest'])) as Hex,
    });
    assert.ok(found, `${origin} is registered`);
    return id;
  };
  const chainRequest = (method: string, params: unknown[] = []) => rpc(d.url, method, params);
  const screen = (who: Address = me): Promise<Screen> =>
    readScreen((a) => chainRequest(a.method, (a.params ?? []) as unknown[]), d.manifest.contracts.lens, who);
  /** Sends `tx` from the unlocked account; returns the gas it paid (METIS is Metis's gas token). */
  const send = async (tx: Tx): Promise<bigint> => {
    const { requires: _r, ...one } = tx;
    const hash = (await chainRequest('eth_sendTransaction', [one])) as Hex;
    const receipt = await waitForReceipt((a) => chainRequest(a.method, (a.params ?? []) as unknown[]), hash, { pollMs: 100 });
    assert.equal(receipt.status, '0x1', `transaction to ${tx.to} succeeded`);
    const { effectiveGasPrice } = (await chainRequest('eth_getTransactionReceipt', [hash])) as { effectiveGasPrice: Hex };
    return BigInt(receipt.gasUsed) * BigInt(effectiveGasPrice);
  };
  const sendRaw = (tx: { from: Address; to: Address; data: Hex; value?: bigint }) =>
    send({ ...tx, value: numberToHex(tx.value ?? 0n), chainId: '0x7a69' });
  /** The insight's text for a transaction `data` to `to` sending `value` wei of native METIS. */
  const insight = async (to: Address, data: Hex, value = 0n, sim: SimSnap = snap) => {
    const res = await sim.onTransaction({ from: me, to, data, chainId: 'eip155:31337', value: numberToHex(value) });
    return uiString(res.getInterface().content);
  };
  const invoke = (method: string, params: Record<string, unknown>, origin = PARTNER) =>
    snap.request({ method, params: { chainId: CHAIN, ...params }, origin });
  /** Runs a write method, checks its dialog with `check`, clicks OK or Cancel, returns the response. */
  const withDialog = async (method: string, params: Record<string, unknown>, action: 'ok' | 'cancel', check?: (text: string) => void) => {
    const p = invoke(method, params);
    const ui = await p.getInterface();
    assert.equal(ui.type, 'confirmation');
    check?.(uiString(ui.content));
    if (action === 'ok') await (ui as { ok(): Promise<void> }).ok();
    else await (ui as { cancel(): Promise<void> }).cancel();
    return p;
  };
  const resultOf = (res: Awaited<ReturnType<typeof invoke>>) => {
    const r = res.response as { result?: unknown; error?: { code: number; message: string } };
    assert.equal(r.error, undefined, `no error: ${JSON.stringify(r.error)}`);
    return r.result as Tx;
  };
  const errorOf = (res: Awaited<ReturnType<typeof invoke>>) => {
    const r = res.response as { result?: unknown; error?: { code: number; message: string } };
    assert.ok(r.error, `expected an error, got ${JSON.stringify(r.result)}`);
    return r.error!;
  };

  before(async () => {
    d = await startTestDevnet({ seed: true });
    me = d.accounts[0]!.address;
    server = await serveSnap();
    snap = await installTestSnap(server.snapId, d.url, { log: calls, ethCalls });
  });

  after(async () => {
    await snap?.executionService.terminateAllSnaps();
    await server?.close();
    await d?.stop();
  });

  test('the bundled deployment is the one the devnet fixture deploys (same deployer and order)', () => {
    const bundled = JSON.parse(fs.readFileSync(path.join(DEPLOYMENTS_DIR, '31337.json'), 'utf8'));
    assert.deepEqual(bundled.contracts, d.manifest.contracts);
  });

  test('the devnet registers its demo partner page (origin, referral, name) in the PartnerRegistry', () => {
    assert.deepEqual(DEVNET_PARTNERS, [{ origin: PARTNER, referral: KNOWN_REFERRAL, name: PARTNER_NAME }]);
    assert.equal(DEVNET_PARTNER_REFERRAL, KNOWN_REFERRAL);
  });

  test('manifests: any dapp may call (dapps: true, no snaps) because the code asks the on-chain registry; no origin in either bundle; only used endowments', () => {
    const read = (f: string) => JSON.parse(fs.readFileSync(path.join(SNAP_DIR, f), 'utf8'));
    const manifest = read('snap.manifest.json');
    const devnet = read('snap.manifest.devnet.json');
    assert.deepEqual(manifest.initialPermissions['endowment:rpc'], { dapps: true, snaps: false });
    assert.deepEqual(devnet.initialPermissions['endowment:rpc'], { dapps: true, snaps: false });
    // the same snap otherwise: only the bundle path and the shasum differ
    const strip = (m: { source: { shasum?: string; location: { npm: { filePath?: string } } } }) => ({
      ...m,
      source: { ...m.source, shasum: undefined, location: { npm: { ...m.source.location.npm, filePath: undefined } } },
    });
    assert.deepEqual(strip(devnet), strip(manifest));
    assert.equal(manifest.source.location.npm.filePath, 'dist/bundle.js');
    assert.equal(devnet.source.location.npm.filePath, 'dist/devnet/bundle.js');
    // which sites may call is decided on-chain: no origin is built into either bundle
    for (const b of ['dist/bundle.js', 'dist/devnet/bundle.js']) {
      const code = fs.readFileSync(path.join(SNAP_DIR, b), 'utf8');
      assert.ok(!code.includes('localhost') && !code.includes('metis-lsd.example'), b);
    }
    assert.deepEqual(Object.keys(manifest.initialPermissions).sort(), [
      'endowment:cronjob',
      'endowment:ethereum-provider',
      'endowment:page-home',
      'endowment:rpc',
      'endowment:transaction-insight',
      'snap_dialog',
      'snap_getPreferences',
      'snap_manageState',
      'snap_notify',
    ]);
    assert.equal(manifest.platformVersion, '10.4.0');
  });

  test('an origin not registered on-chain (https://evil.example) is refused with 4100 and the reason: no dialog, nothing returned', async () => {
    const before = await screen();
    const from = ethCalls.length;
    for (const [method, params] of [
      ['stake', { amount: '1' }],
      ['getPosition', {}],
      ['requestRedemption', { amount: '1' }],
    ] as const) {
      const r = (await invoke(method, params, EVIL)).response as { result?: unknown; error?: { code: number; message: string } };
      assert.equal(r.result, undefined, `${method}: nothing returned`);
      assert.equal(r.error?.code, 4100, method);
      assert.match(r.error!.message, /Origin https:\/\/evil\.example is not allowed to use this snap: not a registered partner on devnet \(31337\)/);
    }
    // one registry look-up each (a refusal is never remembered) and nothing else: no lens read, no account asked
    assert.equal(registryCalls(from, 'partnerOf').length, 3);
    assert.equal(ethCalls.length - from, 3);
    assert.equal((await screen()).user.eMetisBalance, before.user.eMetisBalance);
  });

  test('the registered origin is served; its registry look-up is remembered (one partnerOf eth_call for several requests)', async () => {
    const fresh = await installTestSnap(server.snapId, d.url, { ethCalls });
    try {
      const from = ethCalls.length;
      for (let i = 0; i < 3; i++) {
        const r = (await fresh.request({ method: 'getPosition', params: { chainId: CHAIN }, origin: PARTNER })).response as {
          result?: { account: string };
        };
        assert.equal(r.result?.account, me);
      }
      const looked = registryCalls(from, 'partnerOf');
      assert.equal(looked.length, 1, 'one look-up, then the memory (5 minutes)');
      assert.deepEqual(decodeFunctionData({ abi: partnerRegistryAbi, data: looked[0]!.data as Hex }).args, [PARTNER]);
    } finally {
      await fresh.executionService.terminateAllSnaps();
    }
  });

  test('the production bundle reads the same registry: serves the registered page, refuses evil.example', async () => {
    const prod = await serveSnap('production');
    const sim = await installTestSnap(prod.snapId, d.url);
    try {
      const ask = async (origin: string) =>
        (await sim.request({ method: 'getPosition', params: { chainId: CHAIN }, origin })).response as {
          result?: { account: string };
          error?: { code: number };
        };
      assert.equal((await ask(PARTNER)).result?.account, me);
      assert.equal((await ask(EVIL)).error?.code, 4100);
    } finally {
      await sim.executionService.terminateAllSnaps();
      await prod.close();
    }
  });

  test('a partner the admin deactivates on-chain is refused (4100, "inactive"); the same snap build', async () => {
    const snapshot = await chainRequest('evm_snapshot');
    try {
      const id = await partnerId(PARTNER);
      await asRegistrar(
        encodeFunctionData({ abi: registryAdminAbi, functionName: 'updatePartner', args: [id, KNOWN_REFERRAL, PARTNER_NAME, false] }),
      );
      // a snap process that has not looked the origin up within the last 5 minutes (the memory's lifetime)
      const fresh = await installTestSnap(server.snapId, d.url);
      try {
        const r = (await fresh.request({ method: 'stake', params: { chainId: CHAIN, amount: '1' }, origin: PARTNER })).response as {
          result?: unknown;
          error?: { code: number; message: string };
        };
        assert.equal(r.result, undefined);
        assert.equal(r.error?.code, 4100);
        assert.match(
          r.error!.message,
          /http:\/\/localhost:3000 is not allowed to use this snap: its partner registration \(Demo DEX \(devnet\)\) is inactive/,
        );
      } finally {
        await fresh.executionService.terminateAllSnaps();
      }
    } finally {
      await chainRequest('evm_revert', [snapshot]);
    }
  });

  test('a partner registered on-chain after the build is served at once (no snap update), and its referral shows its registry name', async () => {
    const origin = 'https://new-partner.example';
    const referral = d.accounts[7]!.address;
    const snapshot = await chainRequest('evm_snapshot');
    try {
      assert.equal(errorOf(await invoke('getPosition', {}, origin)).code, 4100, 'not registered yet');
      await asRegistrar(encodeFunctionData({ abi: registryAdminAbi, functionName: 'registerPartner', args: [origin, referral, 'New Partner DEX'] }));
      const served = resultOf(await invoke('getPosition', {}, origin)) as unknown as { account: string };
      assert.equal(served.account, me);
      const p = invoke('stake', { amount: '1', referral }, origin);
      const ui = await p.getInterface();
      const text = uiString(ui.content);
      assert.match(text, /Referral \| New Partner DEX/);
      assert.doesNotMatch(text, /Unknown referral/);
      await (ui as { cancel(): Promise<void> }).cancel();
      assert.equal(errorOf(await p).code, 4001);
    } finally {
      await chainRequest('evm_revert', [snapshot]);
    }
  });

  test('an unknown method is -32601', async () => {
    assert.equal(errorOf(await invoke('drainEverything', {})).code, -32601);
  });

  test('bad params are refused at the edge with -32602 and a plain-words message', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['stake', { amount: 'abc' }, /not a number/],
      ['stake', { amount: '0' }, /greater than zero/],
      ['stake', { amount: '-1' }, /not a number/],
      ['stake', { amount: 1.5 }, /decimal string/],
      ['stake', { amount: '1.0000000000000000001' }, /decimal places/],
      ['stake', { amount: '100000000' }, /Not enough METIS/],
      ['stake', { amount: '1', chainId: 999 }, /Unknown chain 999/],
      ['stake', { amount: '1', chainId: 'mainnet' }, /chainId must be/],
      ['stake', { amount: '1', referral: KNOWN_REFERRAL.replace(/[a-f]/, (c) => c.toUpperCase()) }, /invalid checksum/],
      ['stake', { amount: '1', referral: '0x1234' }, /not an address/],
      ['restake', { amount: '1000000' }, /Not enough eMETIS/],
      ['requestRedemption', { amount: '1000000' }, /eMETIS/],
      ['claimRedemption', { ticketId: 'x' }, /ticketId/],
      ['claimRedemption', { ticketId: 999 }, /not owned/],
    ];
    for (const [method, params, message] of cases) {
      const err = errorOf(await invoke(method, params));
      assert.equal(err.code, -32602, `${method} ${JSON.stringify(params)}: ${err.message}`);
      assert.match(err.message, message, `${method} ${JSON.stringify(params)}`);
    }
  });

  test('stake: cancel -> 4001 and nothing changes', async () => {
    const before = await screen();
    const res = await withDialog('stake', { amount: '10' }, 'cancel');
    assert.equal(errorOf(res).code, 4001);
    const now = await screen();
    assert.equal(now.user.eMetisBalance, before.user.eMetisBalance);
    assert.equal(now.user.metisBalance, before.user.metisBalance);
  });

  test('stake: the dialog shows amount, eMETIS received, APR, fee, referral and contract, no approval; OK returns native stake(receiver, referral) with value = amount', async () => {
    const before = await screen();
    const ethCallsBefore = calls.filter((c) => c === 'eth_call').length;
    const from = ethCalls.length;
    const res = await withDialog('stake', { amount: '100', referral: KNOWN_REFERRAL }, 'ok', (text) => {
      assert.match(text, /Stake METIS/);
      assert.match(text, /You pay \| 100 METIS/);
      assert.match(text, /You receive \| 100 eMETIS/);
      assert.match(text, new RegExp(`APR after fee \\| ${formatBps(before.protocol.aprBps).replace('.', '\\.')}`));
      assert.match(text, new RegExp(`Protocol fee on rewards \\| ${formatBps(before.protocol.feeBps).replace('.', '\\.')}`));
      assert.match(text, new RegExp(`Referral \\| ${PARTNER_NAME.replace(/[()]/g, '\\$&')}`), 'the name from the PartnerRegistry');
      assert.doesNotMatch(text, /Unknown referral/);
      assert.ok(text.includes(d.manifest.contracts.stakingManager), 'contract address shown');
      assert.doesNotMatch(text, /approv|permit|allowance/i, 'native METIS needs no approval');
    });
    // the lens and the referral's name; the origin was looked up by the previous test (remembered)
    assert.equal(calls.filter((c) => c === 'eth_call').length - ethCallsBefore, 2, 'no allowance or permit reads');
    assert.equal(registryCalls(from, 'partnerOfReferral').length, 1, "the referral's name from the PartnerRegistry");
    assert.ok(!calls.includes('eth_signTypedData_v4'), 'no signature asked');
    const tx = resultOf(res);
    assert.equal(tx.from, me);
    assert.equal(tx.to, d.manifest.contracts.stakingManager);
    assert.equal(tx.value, numberToHex(parseEther('100')), 'the amount is the value');
    assert.equal(tx.chainId, '0x7a69');
    assert.equal(tx.requires, undefined, 'one transaction');
    const call = decodeFunctionData({ abi: stakingManagerAbi, data: tx.data });
    assert.equal(call.functionName, 'stake');
    assert.deepEqual(call.args, [me, KNOWN_REFERRAL]);
    const gas = await send(tx);
    const now = await screen();
    assert.equal(now.user.eMetisBalance - before.user.eMetisBalance, parseEther('100'));
    assert.equal(before.user.metisBalance - now.user.metisBalance, parseEther('100') + gas, 'native METIS paid: the amount and the gas');
    assert.equal(now.user.metisAllowanceToManager, before.user.metisAllowanceToManager, 'no allowance used');
  });

  test("prompts per stake: one snap dialog, then MetaMask's own confirmation of the one returned transaction (2 at most)", async () => {
    const n = calls.length;
    const p = invoke('stake', { amount: '1', referral: KNOWN_REFERRAL });
    const ui = await p.getInterface();
    assert.equal(ui.type, 'confirmation');
    await (ui as { ok(): Promise<void> }).ok();
    // a second dialog would keep the request open: the response must come right after the one OK
    const res = await Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('a second prompt is pending')), 10_000))]);
    const tx = resultOf(res);
    assert.equal(tx.requires, undefined, 'one transaction for the dapp to send (MetaMask confirms it: the second prompt)');
    assert.ok(!calls.slice(n).includes('eth_signTypedData_v4'), 'no signature prompt');
    await send(tx);
  });

  test('stakeAndRestake: an unknown referral is flagged; OK -> seMETIS at the current rate', async () => {
    const before = await screen();
    const unknown = d.accounts[5]!.address;
    const res = await withDialog('stakeAndRestake', { amount: '50', referral: unknown }, 'ok', (text) => {
      assert.match(text, /Stake and restake METIS/);
      assert.match(text, /Unknown referral/);
      assert.ok(text.includes(unknown));
      assert.match(text, /You receive \| [\d.,]+ seMETIS/);
      assert.match(text, /1 seMETIS = [\d.]+ eMETIS/);
    });
    const tx = resultOf(res);
    const call = decodeFunctionData({ abi: stakingManagerAbi, data: tx.data });
    assert.equal(call.functionName, 'stakeAndRestake');
    assert.deepEqual(call.args, [me, unknown]);
    assert.equal(tx.value, numberToHex(parseEther('50')));
    await send(tx);
    const now = await screen();
    assert.ok(now.user.seMetisBalance > before.user.seMetisBalance);
    assert.equal(now.user.seMetisAssets - before.user.seMetisAssets <= parseEther('50'), true);
  });

  test('stakeAndRestake: cancel -> 4001 and nothing changes', async () => {
    const before = await screen();
    assert.equal(errorOf(await withDialog('stakeAndRestake', { amount: '5' }, 'cancel')).code, 4001);
    const now = await screen();
    assert.deepEqual(
      [now.user.metisBalance, now.user.seMetisBalance, now.user.metisAllowanceToManager],
      [before.user.metisBalance, before.user.seMetisBalance, before.user.metisAllowanceToManager],
    );
  });

  test('restake: no permit on the vault, so the approval comes first in `requires`; both succeed', async () => {
    const before = await screen();
    const res = await withDialog('restake', { amount: '40' }, 'ok', (text) => {
      assert.match(text, /Restake eMETIS/);
      assert.match(text, /You pay \| 40 eMETIS/);
      assert.match(text, /approval transaction is sent first/);
      assert.ok(text.includes(d.manifest.contracts.seMetis));
    });
    const tx = resultOf(res);
    assert.equal(tx.to, d.manifest.contracts.seMetis);
    assert.equal(tx.requires?.length, 1);
    assert.equal(tx.requires![0]!.to, d.manifest.contracts.eMetis);
    assert.deepEqual(decodeFunctionData({ abi: eMetisAbi, data: tx.requires![0]!.data }).args, [d.manifest.contracts.seMetis, parseEther('40')]);
    assert.deepEqual(decodeFunctionData({ abi: seMetisAbi, data: tx.data }).args, [parseEther('40'), me]);
    await send(tx.requires![0]!);
    await send(tx);
    const now = await screen();
    assert.equal(before.user.eMetisBalance - now.user.eMetisBalance, parseEther('40'));
    assert.ok(now.user.seMetisBalance > before.user.seMetisBalance);
  });

  test('restake: cancel -> 4001, no approval and no deposit', async () => {
    const before = await screen();
    assert.equal(errorOf(await withDialog('restake', { amount: '1' }, 'cancel')).code, 4001);
    const now = await screen();
    assert.equal(now.user.eMetisAllowanceToVault, before.user.eMetisAllowanceToVault);
    assert.equal(now.user.seMetisBalance, before.user.seMetisBalance);
  });

  let ticketId = 0n;
  test('requestRedemption: dialog shows METIS out and the honest wait (the L2 buffer covers it: fast path); an eMETIS permit makes it one transaction', async () => {
    const before = await screen();
    assert.ok(before.user.eMetisAllowanceToQueue < parseEther('20'), 'no allowance: the permit path');
    assert.equal(redemptionEta(parseEther('20'), before.protocol).fastPath, true, 'the stakes are still in the L2 buffer');
    const res = await withDialog('requestRedemption', { amount: '20' }, 'ok', (text) => {
      assert.match(text, /Redeem eMETIS for METIS/);
      assert.match(text, /You receive \| 20 METIS/);
      assert.match(text, /Estimated wait \| about \d+ (min|h) \(fast path\)/);
      assert.match(text, /Redemption on the fast path: about \d+ (min|h)/);
      assert.doesNotMatch(text, /slow path/);
      assert.ok(text.includes(d.manifest.contracts.redemptionQueue));
    });
    const tx = resultOf(res);
    const call = decodeFunctionData({ abi: redemptionQueueAbi, data: tx.data });
    assert.equal(call.functionName, 'requestRedemptionWithPermit');
    assert.equal(tx.requires, undefined);
    await send(tx);
    const now = await screen();
    assert.equal(now.user.eMetisNonce, before.user.eMetisNonce + 1n, 'the permit signed in the snap was used on-chain');
    assert.equal(before.user.eMetisBalance - now.user.eMetisBalance, parseEther('20'));
    assert.equal(now.user.tickets.length, before.user.tickets.length + 1);
    ticketId = now.user.tickets.at(-1)!.id;
  });

  test('requestRedemption: cancel -> 4001, no ticket', async () => {
    const before = await screen();
    assert.equal(errorOf(await withDialog('requestRedemption', { amount: '1' }, 'cancel')).code, 4001);
    assert.equal((await screen()).user.tickets.length, before.user.tickets.length);
  });

  test('claimRedemption before the keeper funds the ticket is refused with its ETA', async () => {
    const k = (await screen()).user.tickets.find((x) => x.id === ticketId)!;
    assert.equal(k.fastPath, true);
    const err = errorOf(await invoke('claimRedemption', { ticketId: ticketId.toString() }));
    assert.equal(err.code, -32602);
    assert.match(err.message, /cannot be claimed yet: it is pending, ready ~\d{4}-\d\d-\d\d \d\d:\d\d UTC \(fast path\)/);
  });

  test('getPosition returns the lens figures as JSON', async () => {
    const s = await screen();
    const r = resultOf(await invoke('getPosition', {})) as unknown as Record<string, unknown>;
    assert.equal(r.account, me);
    assert.equal(r.eMetis, s.user.eMetisBalance.toString());
    assert.equal(r.seMetis, s.user.seMetisBalance.toString());
    assert.equal(r.rewardsEarned, s.user.rewardsEarned.toString());
    const tickets = r.tickets as { id: string; status: string; eta: number; fastPath: boolean }[];
    assert.equal(tickets.length, s.user.tickets.length);
    const last = s.user.tickets.at(-1)!;
    assert.deepEqual(tickets.at(-1), {
      id: last.id.toString(),
      eMetisAmount: last.eMetisAmount.toString(),
      metisAmount: last.metisAmount.toString(),
      status: 'pending',
      eta: Number(last.eta),
      fastPath: last.fastPath,
    });
    assert.deepEqual(r.l1, {
      activeSeats: Number(s.protocol.activeSeats),
      totalLocked: s.protocol.totalLocked.toString(),
      unlocking: s.protocol.unlocking.toString(),
      inFlightToL1: s.protocol.inFlightToL1.toString(),
      inFlightToL2: s.protocol.inFlightToL2.toString(),
      reportTimestamp: Number(s.protocol.reportTimestamp),
    });
  });

  test('transaction insights: every protocol function decoded in plain words; nothing for other contracts', async () => {
    const m = d.manifest.contracts;
    const s = await screen();
    const enc = (abi: readonly unknown[], functionName: string, args: readonly unknown[]) =>
      (encodeFunctionData as (a: { abi: unknown; functionName: string; args: readonly unknown[] }) => Hex)({ abi, functionName, args });
    const sig = { deadline: 1n, v: 27, r: `0x${'11'.repeat(32)}` as Hex, s: `0x${'22'.repeat(32)}` as Hex };
    const three = parseEther('3');
    // [to, data, expected, value]: a native stake's amount is the transaction's value, not in the call data
    const cases: [Address, Hex, RegExp, bigint?][] = [
      [
        m.stakingManager,
        enc(stakingManagerAbi, 'stake', [me, KNOWN_REFERRAL]),
        /Stake 3 METIS for eMETIS.*Expected result \| 3 eMETIS.*APR after fee/,
        three,
      ],
      [
        m.stakingManager,
        enc(stakingManagerAbi, 'stakeAndRestake', [me, d.accounts[4]!.address]),
        /Stake 3 METIS and restake.*seMETIS.*Unknown referral/,
        three,
      ],
      [m.stakingManager, enc(stakingManagerAbi, 'stakeErc20', [three, me, KNOWN_REFERRAL]), /Stake 3 METIS for eMETIS.*Expected result \| 3 eMETIS/],
      [m.stakingManager, enc(stakingManagerAbi, 'stakeErc20AndRestake', [three, me, KNOWN_REFERRAL]), /Stake 3 METIS and restake/],
      [m.stakingManager, enc(stakingManagerAbi, 'stake', [me, KNOWN_REFERRAL]), /Amount above balance/, parseEther('10000000')],
      [m.seMetis, enc(seMetisAbi, 'deposit', [parseEther('2'), me]), /Restake 2 eMETIS into seMETIS.*seMETIS/],
      [
        m.seMetis,
        enc(seMetisAbi, 'redeem', [s.user.seMetisBalance / 2n, me, me]),
        /Unstake .* seMETIS back to eMETIS.*Expected result \| [\d.,]+ eMETIS/,
      ],
      [m.seMetis, enc(seMetisAbi, 'withdraw', [parseEther('1'), me, me]), /Withdraw 1 eMETIS from seMETIS/],
      [
        m.redemptionQueue,
        enc(redemptionQueueAbi, 'requestRedemption', [parseEther('5'), me]),
        /Redeem 5 eMETIS for METIS.*Expected result \| 5 METIS.*Estimated wait \| about \d+ (min|h) \(fast path\)/,
      ],
      [
        m.redemptionQueue,
        enc(redemptionQueueAbi, 'requestRedemptionWithPermit', [parseEther('5'), me, sig.deadline, sig.v, sig.r, sig.s]),
        /Redeem 5 eMETIS/,
      ],
      [
        m.redemptionQueue,
        enc(redemptionQueueAbi, 'claim', [ticketId, me]),
        new RegExp(`Claim redemption ticket #${ticketId}.*Expected result \\| 20 METIS`),
      ],
      [m.redemptionQueue, enc(redemptionQueueAbi, 'claimBatch', [[ticketId], me]), /Claim 1 redemption tickets/],
      [m.eMetis, enc(eMetisAbi, 'approve', [m.seMetis, 2n ** 256n - 1n]), /Allow seMetis to spend unlimited eMETIS/],
      [m.metis, enc(eMetisAbi, 'approve', [m.stakingManager, parseEther('7')]), /Allow stakingManager to spend 7 METIS/],
      [m.eMetis, ('0xa9059cbb' + enc(eMetisAbi, 'approve', [d.accounts[3]!.address, parseEther('1')]).slice(10)) as Hex, /Send 1 eMETIS to/],
      [m.airdrop, enc(airdropAbi, 'claim', [0n, me, parseEther('4'), []]), /Claim 4 governance tokens from the airdrop/],
      [m.airdrop, enc(airdropAbi, 'release', [me]), /Release vested airdrop tokens/],
      [
        m.liquidityMining,
        enc(liquidityMiningAbi, 'stake', [m.seMetis, s.user.seMetisBalance * 2n]),
        /Stake [\d.,]+ seMETIS in liquidity mining.*Amount above balance/,
      ],
      [m.liquidityMining, enc(liquidityMiningAbi, 'withdraw', [m.seMetis, 10n ** 24n]), /Withdraw 1 seMETIS from liquidity mining/],
      [m.liquidityMining, enc(liquidityMiningAbi, 'getReward', [m.seMetis]), /Claim liquidity-mining rewards.*MLSD/],
      [m.liquidityMining, enc(liquidityMiningAbi, 'exit', [m.seMetis]), /Withdraw everything from liquidity mining/],
      [m.governanceToken, enc(eMetisAbi, 'approve', [m.liquidityMining, parseEther('2')]), /Allow liquidityMining to spend 2 MLSD/],
      [m.lens, enc(lensAbi, 'getAll', [me, []]), /does not recognise/],
    ];
    for (const [to, data, expected, value] of cases) {
      const text = await insight(to, data, value);
      assert.match(text, /Metis liquid staking/);
      assert.match(text, expected, `${data.slice(0, 10)} to ${to}: ${text}`);
      assert.doesNotMatch(text, /No METIS sent/, 'only a 0-value native stake warns');
    }
    // other contracts and unknown chains: no insight (null; the simulation helper throws on a null result)
    await assert.rejects(snap.onTransaction({ from: me, to: d.accounts[3]!.address, data: '0x', chainId: 'eip155:31337' }), /getInterface/);
    await assert.rejects(snap.onTransaction({ from: me, to: d.accounts[3]!.address, data: '0x', chainId: 'eip155:1' }), /getInterface/);
    // a protocol address on a chain without the protocol: a critical warning instead of a decoded call
    const other = await snap.onTransaction({ from: me, to: m.stakingManager, data: '0x', chainId: 'eip155:1' });
    assert.match(uiString(other.getInterface().content), /This network has no deployment of the protocol.*eip155:1: stakingManager \(devnet\)/);
  });

  test('insight: a native stake sending no value is flagged critical (it would fail); the same call with the value is not', async () => {
    const data = encodeFunctionData({ abi: stakingManagerAbi, functionName: 'stakeAndRestake', args: [me, KNOWN_REFERRAL] });
    const res = await snap.onTransaction({ from: me, to: d.manifest.contracts.stakingManager, data, chainId: 'eip155:31337', value: '0x0' });
    const text = uiString(res.getInterface().content);
    assert.match(text, /Stake 0 METIS and restake/);
    assert.match(text, /No METIS sent \| This stake sends 0 METIS: the amount is the transaction value/);
    assert.equal((res.response as { result?: { severity?: string } }).result?.severity, 'critical');
    const paid = await snap.onTransaction({
      from: me,
      to: d.manifest.contracts.stakingManager,
      data,
      chainId: 'eip155:31337',
      value: numberToHex(parseEther('1')),
    });
    assert.equal((paid.response as { result?: { severity?: string } }).result?.severity, undefined);
    // without a value field at all (a dapp that forgot it): the same warning
    const none = await snap.onTransaction({ from: me, to: d.manifest.contracts.stakingManager, data, chainId: 'eip155:31337' });
    assert.match(uiString(none.getInterface().content), /No METIS sent/);
  });

  test('insight: the ERC-20 face warns while the manager allowance is short, and not once approved', async () => {
    const m = d.manifest.contracts;
    const data = encodeFunctionData({ abi: stakingManagerAbi, functionName: 'stakeErc20', args: [parseEther('2'), me, KNOWN_REFERRAL] });
    assert.ok((await screen()).user.metisAllowanceToManager < parseEther('2'));
    assert.match(await insight(m.stakingManager, data), /Allowance too low \| stakeErc20 takes METIS through its ERC-20 face: approve 2 METIS/);
    await sendRaw({ from: me, to: m.metis, data: enc20approve(m.stakingManager, parseEther('2')) });
    try {
      const text = await insight(m.stakingManager, data);
      assert.match(text, /Stake 2 METIS for eMETIS/);
      assert.doesNotMatch(text, /Allowance too low/);
    } finally {
      await sendRaw({ from: me, to: m.metis, data: enc20approve(m.stakingManager, 0n) });
    }
  });

  test('insight warns when the protocol is paused', async () => {
    const snapId = await chainRequest('evm_snapshot');
    const admin = d.accounts[0]!.address;
    await sendRaw({ from: admin, to: d.manifest.contracts.stakingManager, data: toFunctionSelector('pause()') });
    try {
      assert.equal((await screen()).protocol.paused, true);
      const data = encodeFunctionData({ abi: stakingManagerAbi, functionName: 'stake', args: [me, KNOWN_REFERRAL] });
      assert.match(await insight(d.manifest.contracts.stakingManager, data, parseEther('1')), /The protocol is paused/);
      const err = errorOf(await invoke('stake', { amount: '1' }));
      assert.equal(err.code, -32002);
      assert.match(err.message, /paused/);
    } finally {
      await chainRequest('evm_revert', [snapId]);
    }
  });

  test('home page: position, rewards, APR and tickets equal the lens (one lens call per account)', async () => {
    const s = await screen();
    const before = calls.filter((c) => c === 'eth_call').length;
    const res = await snap.onHomePage();
    assert.equal(calls.filter((c) => c === 'eth_call').length - before, 1, 'one eth_call for one account');
    const text = uiString(res.getInterface().content);
    assert.match(text, /Your Metis staking/);
    assert.ok(text.includes(me));
    assert.ok(text.includes(`eMETIS | ${formatAmount(s.user.eMetisBalance)} eMETIS`), text);
    assert.ok(text.includes(`seMETIS | ${formatAmount(s.user.seMetisBalance, 4, 24)} seMETIS`), text);
    assert.ok(text.includes(`seMETIS value | ${formatAmount(s.user.seMetisMetisValue)} METIS`), text);
    assert.ok(text.includes(`Rewards earned | ${formatAmount(s.user.rewardsEarned)} eMETIS`), text);
    assert.ok(text.includes(`APR after fee | ${formatBps(s.protocol.aprBps)}`), text);
    // the L1 picture from the lens (nothing bridged yet: no seat, nothing locked or in flight)
    assert.ok(text.includes(`Active node seats | ${s.protocol.activeSeats}`), text);
    assert.ok(text.includes(`METIS locked on L1 | ${formatAmount(s.protocol.totalLocked)} METIS`), text);
    assert.ok(text.includes(`In flight between chains | ${formatAmount(s.protocol.inFlightToL1 + s.protocol.inFlightToL2)} METIS`), text);
    assert.match(text, new RegExp(`Redemptions #${ticketId} \\| 20 METIS, ready ~\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(fast path\\)`), text);
  });

  test('cronjob: one notification when the ticket becomes claimable (the keeper funds it from the L2 buffer), never twice', async () => {
    const first = await snap.onCronjob({ method: 'checkRedemptions' });
    assert.deepEqual(first.notifications, [], 'not claimable yet: silent');
    const actions = await keeperTick(d);
    assert.ok(
      actions.some((a) => a.kind === 'fund' && a.tx),
      actions.map((a) => `${a.kind}: ${a.message}`).join(' | '),
    );
    const ticket = (await screen()).user.tickets.find((k) => k.id === ticketId)!;
    assert.equal(ticket.status, 2, 'claimable');
    const second = await snap.onCronjob({ method: 'checkRedemptions' });
    assert.equal(second.notifications.length, 1);
    assert.match(second.notifications[0]!.message, new RegExp(`Redemption #${ticketId} is ready: claim 20 METIS`));
    const third = await snap.onCronjob({ method: 'checkRedemptions' });
    assert.deepEqual(third.notifications, [], 'notified once per ticket');
  });

  test('claimRedemption once funded: cancel -> 4001 and the ticket stays; OK -> the claim pays the native METIS', async () => {
    const before = await screen();
    assert.equal(errorOf(await withDialog('claimRedemption', { ticketId: ticketId.toString() }, 'cancel')).code, 4001);
    assert.equal((await screen()).user.tickets.find((k) => k.id === ticketId)?.status, 2, 'still claimable');
    const res = await withDialog('claimRedemption', { ticketId: Number(ticketId) }, 'ok', (text) => {
      assert.match(text, new RegExp(`Ticket \\| #${ticketId}`));
      assert.match(text, /You receive \| 20 METIS/);
    });
    const tx = resultOf(res);
    assert.deepEqual(decodeFunctionData({ abi: redemptionQueueAbi, data: tx.data }).args, [ticketId, me]);
    const gas = await send(tx);
    assert.equal((await screen()).user.metisBalance - before.user.metisBalance, parseEther('20') - gas, 'paid in native METIS, net of the gas');
  });

  test('cronjob: the rewards summary reports rewards earned since the last summary, and stays silent when nothing changed', async () => {
    // open a node seat so rewards flow: a whale stakes native METIS past a seat's minimum lock; the keeper bridges
    // it to the hub on L1, the relayer carries it (Metis's bridge and LockingPool are played by the devnet's models)
    const whale = d.accounts[1]!;
    await sendRaw({
      from: whale.address,
      to: d.manifest.contracts.stakingManager,
      data: encodeFunctionData({ abi: stakingManagerAbi, functionName: 'stake', args: [whale.address, KNOWN_REFERRAL] }),
      value: parseEther('25000'),
    });
    const allocated = await settle(d, { maxRounds: 12 });
    assert.ok(
      allocated.actions.some((a) => (a.kind === 'open' || a.kind === 'topUp') && a.tx),
      allocated.actions.map((a) => `${a.kind}: ${a.message}`).join(' | '),
    );
    // the sequencers produce blocks; the devnet MPC pays the reward batch on L1; the hub bridges it to L2; the
    // keeper harvests it into seMETIS
    await rpc(d.url, 'anvil_mine', ['0x7d0', '0x1']);
    await advanceBoth(d, 4000);
    const cycle = await settle(d, { maxRounds: 8, stepSeconds: 60 });
    assert.ok(
      cycle.actions.some((a) => a.kind === 'harvest' && a.tx),
      cycle.actions.map((a) => `${a.kind}: ${a.message}`).join(' | '),
    );
    const s0 = await screen();
    assert.ok(s0.protocol.activeSeats > 0n && s0.protocol.totalLocked > 0n, 'a seat is open on L1 and the L2 lens knows it');
    await advanceBoth(d, Number(s0.protocol.rewardsCycle) + 10); // stream the rewards
    const earned = (await screen()).user.rewardsEarned;
    assert.ok(earned > 0n, 'rewards earned');
    const first = await snap.onCronjob({ method: 'rewardsSummary' });
    assert.equal(first.notifications.length, 1);
    assert.match(first.notifications[0]!.message, /You earned [\d.,]+ eMETIS on seMETIS/);
    const second = await snap.onCronjob({ method: 'rewardsSummary' });
    assert.deepEqual(second.notifications, []);
  });

  test('home page: a rewards-over-time chart per account, an SVG image (role img, a desc with the first and last figures) after real rewards', async () => {
    const s = await screen();
    const first = s.priceHistory[0];
    assert.ok(first && s.user.seMetisBalance > 0n, 'seMETIS price checkpoints and a seMETIS holder');
    // the holder's shares times the share price's rise since the first checkpoint (seMETIS has 24 decimals)
    const earned = ((sharePricePerToken(s.protocol) - first.price) * s.user.seMetisBalance) / 10n ** 24n;
    assert.ok(earned > 0n, 'the rewards raised the share price');
    const points = s.priceHistory.length + (s.priceHistory.at(-1)!.time < s.protocol.timestamp ? 1 : 0);
    const day = (t: bigint) => new Date(Number(t) * 1000).toISOString().slice(0, 10);
    const images = uiElements((await snap.onHomePage()).getInterface().content, 'Image');
    assert.equal(images.length, 1, 'one account, one chart');
    const svg = images[0]!.props.src as string;
    assert.match(svg, /^<svg [^>]*role="img"/);
    assert.match(svg, /<title>Rewards over time \(eMETIS earned by your seMETIS\)<\/title>/);
    const desc = /<desc>(.*)<\/desc>/.exec(svg)?.[1];
    assert.equal(
      desc,
      `From ${day(first.time)} (${formatAmount(0n)} eMETIS) to ${day(s.protocol.timestamp)} (${formatAmount(earned)} eMETIS), ${points} points.`,
    );
    assert.ok((images[0]!.props.alt as string).endsWith(desc!), 'the same figures as the image text alternative');
  });

  test("insight: the redemption ETA is the lens figures' honest wait: fast path within buffer + fastCapacity, else the slow path", async () => {
    const { protocol: p } = await screen();
    assert.ok(p.reportNonce > 0n && p.exitDelay > 0n, 'after the rewards test: the hub has reported the L1 figures (exit delay included)');
    const fits = p.buffered + p.fastCapacity - p.queueUnfinalized; // at a 1:1 backing ratio
    assert.equal(p.backingRatio, 10n ** 18n);
    assert.ok(fits > 0n);
    const req = (amount: bigint) => encodeFunctionData({ abi: redemptionQueueAbi, functionName: 'requestRedemption', args: [amount, me] });
    assert.equal(redemptionEta(fits, p).fastPath, true);
    assert.equal(redemptionEta(fits + 1n, p).fastPath, false);
    // waits in words, rounded up (the unit tests check the rounding itself)
    const dur = (x: bigint) =>
      x >= 86_400n ? `${(x + 86_399n) / 86_400n} days` : x >= 3600n ? `${(x + 3599n) / 3600n} h` : `${(x + 59n) / 60n} min`;
    const fast = await insight(d.manifest.contracts.redemptionQueue, req(fits));
    assert.ok(fast.includes(`Estimated wait | about ${dur(p.fastPathDelay)} (fast path)`), fast);
    assert.ok(fast.includes(`Redemption on the fast path: about ${dur(p.fastPathDelay)}`), fast);
    assert.doesNotMatch(fast, /slow path/);
    const slow = await insight(d.manifest.contracts.redemptionQueue, req(fits + 1n));
    assert.ok(slow.includes(`Estimated wait | up to ${dur(p.slowPathDelay)} (slow path: ${dur(p.exitDelay)} unlock on L1 + bridge)`), slow);
    assert.ok(slow.includes(`Redemption takes up to ${dur(p.slowPathDelay)}`), slow);
  });

  test('home page across accounts: one section and one lens call per connected account', async () => {
    const other = d.accounts[1]!.address;
    const mock = snap.mockJsonRpc((req) => (req.method === 'eth_accounts' ? [me.toLowerCase(), other.toLowerCase()] : undefined));
    try {
      const [mine, theirs] = [await screen(me), await screen(other)];
      const before = calls.filter((c) => c === 'eth_call').length;
      const text = uiString((await snap.onHomePage()).getInterface().content);
      assert.equal(calls.filter((c) => c === 'eth_call').length - before, 2);
      const [a, b] = [text.indexOf(me), text.indexOf(other)];
      assert.ok(a >= 0 && b > a, 'both accounts, in order');
      assert.ok(text.slice(a, b).includes(`eMETIS | ${formatAmount(mine.user.eMetisBalance)} eMETIS`));
      assert.ok(text.slice(b).includes(`eMETIS | ${formatAmount(theirs.user.eMetisBalance)} eMETIS`));
      assert.ok(text.slice(b).includes(`Rewards earned | ${formatAmount(theirs.user.rewardsEarned)} eMETIS`));
      // the protocol's L1 picture once a seat is open (the rewards test above opened one)
      assert.ok(mine.protocol.activeSeats > 0n);
      assert.ok(text.slice(0, a).includes(`Active node seats | ${mine.protocol.activeSeats}`), text);
      assert.ok(text.slice(0, a).includes(`METIS locked on L1 | ${formatAmount(mine.protocol.totalLocked)} METIS`), text);
    } finally {
      mock.unmock();
    }
  });

  test('Japanese from the MetaMask locale', async () => {
    const ja = await installTestSnap(server.snapId, d.url, { locale: 'ja' });
    try {
      const p = ja.request({ method: 'stake', params: { chainId: CHAIN, amount: '1' }, origin: PARTNER });
      const ui = await p.getInterface();
      const text = uiString(ui.content);
      assert.match(text, /METIS をステーク/);
      assert.match(text, /支払い \| 1 METIS/);
      await (ui as { cancel(): Promise<void> }).cancel();
      assert.equal(errorOf(await p).code, 4001);
      const data = encodeFunctionData({ abi: stakingManagerAbi, functionName: 'stake', args: [me, KNOWN_REFERRAL] });
      const shown = await insight(d.manifest.contracts.stakingManager, data, parseEther('2'), ja);
      assert.match(shown, /2 METIS をステークして eMETIS を受け取る/);
      assert.match(shown, /予想される結果 \| 2 eMETIS/);
      const home = uiString((await ja.onHomePage()).getInterface().content);
      assert.match(home, /あなたの Metis ステーキング/);
    } finally {
      await ja.executionService.terminateAllSnaps();
    }
  });
});

function enc20approve(spender: Address, amount: bigint): Hex {
  return encodeFunctionData({ abi: eMetisAbi, functionName: 'approve', args: [spender, amount] });
}
