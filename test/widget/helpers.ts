/// <reference types="mocha" />
// Test helpers for the widget's browser tests.
//
// The wallet is TestWallet (./test-wallet.ts).
import { encodeFunctionData, decodeFunctionResult, toFunctionSelector, type Abi, type Address, type Hex } from 'viem';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Manifest } from '../../contracts/bindings/index.js';
import type { MetisStakeWidget } from '../../widget/metis-stake-widget.js';
import '../../widget/index.js';
import { TestWallet } from './test-wallet.js';
export { TestWallet, type SnapSim } from './test-wallet.js';

export interface DevnetInfo {
  url: string;
  manifest: Manifest;
  accounts: Address[];
}

let info: DevnetInfo | undefined;
export async function devnet(): Promise<DevnetInfo> {
  info ??= (await (await fetch('/devnet/info.json')).json()) as DevnetInfo;
  return info;
}

let rpcId = 0;
/** Raw JSON-RPC to anvil; errors keep their code and revert data like a wallet's would. */
export async function rpc<T = unknown>(method: string, params: unknown = []): Promise<T> {
  const { url } = await devnet();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: ++rpcId, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { code: number; message: string; data?: unknown } };
  if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
  return body.result as T;
}

/** Reads a view function on-chain (checks the widget's effects independently of the lens). */
export async function read<T>(to: Address, abi: Abi, functionName: string, args: unknown[] = []): Promise<T> {
  const data = encodeFunctionData({ abi, functionName, args } as never);
  const raw = await rpc<Hex>('eth_call', [{ to, data }, 'latest']);
  return decodeFunctionResult({ abi, functionName, data: raw } as never) as T;
}

/** Sends a transaction from an unlocked anvil account (admin/keeper actions behind the widget's back). */
export async function sendAs(from: Address, to: Address, data: Hex): Promise<void> {
  const hash = await rpc<Hex>('eth_sendTransaction', [{ from, to, data }]);
  const r = await until(() => rpc<{ status: Hex } | null>('eth_getTransactionReceipt', [hash]), `receipt of ${hash}`);
  if (r.status !== '0x1') throw new Error(`tx to ${to} reverted`);
}

export const selector = (sig: string) => toFunctionSelector(sig);

export async function keeperTick(): Promise<{ kind: string; message: string }[]> {
  return executeServerCommand('devnet', { op: 'keeper' });
}

export async function increaseTime(seconds: bigint | number): Promise<void> {
  await rpc('evm_increaseTime', [Number(seconds)]);
  await rpc('evm_mine', []);
}

let snap: string | undefined;
/** evm_snapshot before each test, evm_revert after: every test starts from the freshly deployed devnet. */
export function isolate(): void {
  beforeEach(async () => {
    snap = await rpc<string>('evm_snapshot');
  });
  afterEach(async () => {
    document.querySelectorAll('metis-stake-widget').forEach((e) => e.remove());
    if (snap) await rpc('evm_revert', [snap]);
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
    ['stake-connected', rec('connected')],
    ['stake-submitted', rec('submitted')],
    ['stake-confirmed', rec('confirmed')],
    ['stake-error', rec('errors')],
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
