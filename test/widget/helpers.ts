/// <reference types="mocha" />
// Test helpers for the widget's browser tests. The wallet is the shared TestWallet (test/helpers/test-wallet.ts)
// on the devnet the test server started; chain reads and cheat codes go through viem's test client.
import { createTestClient, encodeFunctionData, http, parseAbi, publicActions, toFunctionSelector, type Abi, type Address, type Hex } from 'viem';
import { executeServerCommand } from '@web/test-runner-commands';
import { partnerRegistryAbi, type Manifest } from '@metis-liquid-staking/contracts';
import type { MetisStakeWidget } from '@metis-liquid-staking/widget';
import '@metis-liquid-staking/widget';
import { TestWallet as SharedWallet, type WalletSnap } from '../helpers/test-wallet.js';

export type SnapSim = WalletSnap;

/**
 * The shared test wallet for `account` on the test devnet (optionally with a snap). It also plays MetaMask's
 * EIP-747 `wallet_watchAsset` (its "Add suggested token" prompt is UI, which cannot exist here): each request is
 * recorded in `calls` and its params in `watched`, and the "user" accepts (true); `reject` containing the method
 * answers 4001 as MetaMask does on "Cancel"; `watchAsset = false` is a wallet without the method (4200).
 */
export class TestWallet extends SharedWallet {
  /** wallet_watchAsset params received (accepted or not). */
  watched: { type: string; options: { address: Address; symbol: string; decimals: number; image?: string } }[] = [];
  /** Whether the wallet has wallet_watchAsset at all. */
  watchAsset = true;

  constructor(account: Address, snap?: WalletSnap) {
    super(
      account,
      async () => {
        const d = await devnet();
        return { rpcUrl: d.url, chainId: d.manifest.chainId };
      },
      snap,
    );
  }

  override async request(r: { method: string; params?: unknown }): Promise<unknown> {
    if (r.method !== 'wallet_watchAsset' || !this.watchAsset) return super.request(r);
    this.watched.push(r.params as TestWallet['watched'][number]);
    // recorded in `calls`; 4001 when the "user" rejects
    if (this.reject.has(r.method)) return super.request(r);
    this.calls.push(r);
    return true;
  }
}

export interface DevnetInfo {
  url: string;
  l1Url: string;
  manifest: Manifest;
  accounts: Address[];
}

let info: DevnetInfo | undefined;
export async function devnet(): Promise<DevnetInfo> {
  info ??= (await (await fetch('/devnet/info.json')).json()) as DevnetInfo;
  return info;
}

let client: ReturnType<typeof makeClient> | undefined;
const makeClient = (url: string) =>
  createTestClient({ mode: 'anvil', transport: http(url, { retryCount: 0 }), pollingInterval: 50 }).extend(publicActions);
/** viem's anvil test client (with the public actions) on the test devnet. */
export async function chain() {
  client ??= makeClient((await devnet()).url);
  return client;
}

/** A JSON-RPC request to anvil (for methods viem's actions do not cover). */
export async function rpc<T = unknown>(method: string, params: unknown = []): Promise<T> {
  return (await chain()).request({ method, params } as never) as Promise<T>;
}

/** Reads a view function on-chain (checks the widget's effects independently of the lens). */
export async function read<T>(address: Address, abi: Abi, functionName: string, args: unknown[] = []): Promise<T> {
  return (await chain()).readContract({ address, abi, functionName, args }) as Promise<T>;
}

/** Sends a transaction from an unlocked anvil account (admin/keeper actions behind the widget's back). */
export async function sendAs(from: Address, to: Address, data: Hex): Promise<void> {
  const c = await chain();
  const hash = await c.sendUnsignedTransaction({ from, to, data });
  const r = await c.waitForTransactionReceipt({ hash });
  if (r.status !== 'success') throw new Error(`tx to ${to} reverted`);
}

export const selector = (sig: string) => toFunctionSelector(sig);

export interface KeeperAction {
  kind: string;
  message: string;
  /** A transaction was sent. */
  tx: boolean;
}

const devnetOp = <T>(payload: Record<string, unknown>): Promise<T> => executeServerCommand('devnet', payload) as Promise<T>;

/** One pass of the two-chain keeper (devnet/keeper.ts) on the server, with the devnet's keeper and MPC keys. */
export const keeperTick = (): Promise<KeeperAction[]> => devnetOp({ op: 'keeper' });

/** Keeper pass, relayer pass, time on both chains; repeated until a round does nothing (test/helpers/cycle.ts). */
export const settleDevnet = (opts: { maxRounds?: number; stepSeconds?: number } = {}) =>
  devnetOp<{ actions: KeeperAction[]; relays: number; rounds: number }>({ op: 'settle', opts });

/** Moves both chains' clocks forward (a block is mined on each). */
export const increaseTime = (seconds: bigint | number): Promise<boolean> => devnetOp({ op: 'advance', seconds: Number(seconds) });

/**
 * A reward cycle once a node seat is open: the sequencers produce blocks, the devnet MPC pays the reward batch on
 * L1, the hub bridges it to L2, the keeper harvests it into seMETIS (throws if no harvest happened); then two days
 * so the harvested rewards stream in, and the widget's figures are refreshed.
 */
export async function rewardCycle(el: MetisStakeWidget): Promise<void> {
  await (await chain()).mine({ blocks: 2000 });
  await increaseTime(4000);
  const cycle = await settleDevnet({ maxRounds: 8, stepSeconds: 60 });
  if (!cycle.actions.some((a) => a.kind === 'harvest' && a.tx)) throw new Error(`no harvest in ${JSON.stringify(cycle.actions.map((a) => a.kind))}`);
  await increaseTime(2 * 86400);
  await el.wallet.refresh();
  await el.updateComplete;
}

let snaps: { l2: Hex; l1: Hex } | undefined;
/** evm_snapshot on both chains before each test, evm_revert after: every test starts from the freshly deployed devnet. */
export function isolate(): void {
  beforeEach(async () => {
    snaps = { l2: await (await chain()).snapshot(), l1: await devnetOp<Hex>({ op: 'l1-snapshot' }) };
  });
  afterEach(async () => {
    document.querySelectorAll('metis-stake-widget').forEach((e) => e.remove());
    if (!snaps) return;
    await (await chain()).revert({ id: snaps.l2 });
    await devnetOp({ op: 'l1-revert', id: snaps.l1 });
  });
}

export interface Events {
  connected: CustomEvent[];
  submitted: CustomEvent[];
  confirmed: CustomEvent[];
  errors: CustomEvent[];
}

/** Mounts a widget (events recorded on document, i.e. after bubbling out of the shadow root). */
export async function mount(attrs: Record<string, string>, provider?: unknown): Promise<{ el: MetisStakeWidget; events: Events }> {
  const el = document.createElement('metis-stake-widget');
  const events: Events = { connected: [], submitted: [], confirmed: [], errors: [] };
  const rec = (name: keyof Events) => (e: Event) => events[name].push(e as CustomEvent);
  const handlers: [string, (e: Event) => void][] = [
    ['metis-stake:connected', rec('connected')],
    ['metis-stake:submitted', rec('submitted')],
    ['metis-stake:confirmed', rec('confirmed')],
    ['metis-stake:error', rec('errors')],
  ];
  handlers.forEach(([n, h]) => document.addEventListener(n, h));
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (provider) (el as unknown as { provider: unknown }).provider = provider;
  document.body.append(el);
  await el.updateComplete;
  return { el, events };
}

/** Polls until `fn` returns a truthy value (default 10 s). */
export async function until<T>(fn: () => T | Promise<T>, what = 'condition', timeoutMs = 10000): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const $ = <T extends Element = HTMLElement>(el: Element, sel: string): T | null => el.shadowRoot!.querySelector<T>(sel);
export const text = (el: Element, sel: string): string => ($(el, sel)?.textContent ?? '').replace(/\s+/g, ' ').trim();

export function click(el: Element, sel: string): void {
  const b = $<HTMLButtonElement>(el, sel);
  if (!b) throw new Error(`no ${sel}`);
  if (b.disabled) throw new Error(`${sel} is disabled`);
  b.click();
}

export function type(el: Element, sel: string, value: string): void {
  const i = $<HTMLInputElement>(el, sel)!;
  i.value = value;
  i.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  // rendered at once, as a user sees it before the next action (the button's state follows the amount)
  (el as unknown as { performUpdate(): void }).performUpdate();
}

/** Mounts with the devnet manifest, connects the test wallet and waits for the figures. */
export async function connected(wallet: TestWallet, attrs: Record<string, string> = {}) {
  const m = await mount({ 'manifest-url': '/devnet/manifest.json', ...attrs }, wallet);
  click(m.el, '[part~=connect]');
  await until(() => m.el.wallet.account && m.el.wallet.screen?.user.account === wallet.account, 'connected figures');
  await m.el.updateComplete;
  return m;
}

/** Waits for the transaction stage to end (success or failed) and returns it. */
export async function settled(el: MetisStakeWidget, timeoutMs = 20000) {
  await until(() => el.tx.stage.kind === 'success' || el.tx.stage.kind === 'failed', 'tx to settle', timeoutMs);
  await el.updateComplete;
  return el.tx.stage;
}

const registryAbi = parseAbi([
  'function registerPartner(string origin, address referral, string name) returns (uint256)',
  'function updatePartner(uint256 id, address referral, string name, bool active)',
]);

/**
 * Registers this test page's origin in the devnet's PartnerRegistry (as its admin), so the widget offers the
 * snap here (the snap serves only registered, active origins); `active: false` registers it deactivated.
 */
export async function registerPage(opts: { active?: boolean } = {}): Promise<void> {
  const { accounts, manifest } = await devnet();
  const registry = manifest.contracts.partnerRegistry;
  if (!registry) throw new Error('the devnet manifest has no partnerRegistry');
  const [admin, referral] = [accounts[0]!, accounts[5]!];
  await sendAs(
    admin,
    registry,
    encodeFunctionData({ abi: registryAbi, functionName: 'registerPartner', args: [location.origin, referral, 'Test page'] }),
  );
  if (opts.active === false) {
    const id = (await read<readonly [boolean, bigint]>(registry, partnerRegistryAbi, 'partnerOf', [location.origin]))[1];
    await sendAs(admin, registry, encodeFunctionData({ abi: registryAbi, functionName: 'updatePartner', args: [id, referral, 'Test page', false] }));
  }
}
