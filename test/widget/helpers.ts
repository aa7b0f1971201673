/// <reference types="mocha" />
// Test helpers for the widget's browser tests.
//
// The wallet: `TestWallet` is a small EIP-1193 provider over anvil's unlocked dev accounts. It plays the
// wallet because the only thing that cannot exist in these tests is a wallet's UI: every request goes to
// the real anvil chain (anvil signs eth_sendTransaction and eth_signTypedData_v4 for its dev accounts).
// It can also simulate what a user or a broken environment does: reject (4001), sit on another chain
// (switch/add chain with 4902), lose the RPC, and behave like MetaMask with snap support
// (wallet_getSnaps / wallet_requestSnaps / wallet_invokeSnap). For the snap routing test the "snap" is a
// function in the test that returns the transaction the real snap would return; bridging the real snap
// is a later end-to-end issue.
import { encodeFunctionData, decodeFunctionResult, toFunctionSelector, type Abi, type Address, type Hex } from 'viem';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Manifest } from '../../contracts/bindings/index.js';
import type { MetisStakeWidget } from '../../widget/metis-stake-widget.js';
import '../../widget/index.js';

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

type Listener = (...args: unknown[]) => void;
type Req = { method: string; params?: unknown };

export interface SnapSim {
  id: string;
  installed: boolean;
  invoke: (request: { method: string; params: Record<string, unknown> }) => Promise<unknown>;
}

/** The test wallet (see the comment at the top of this file). */
export class TestWallet {
  calls: Req[] = [];
  /** Methods the "user" rejects (EIP-1193 code 4001). */
  reject = new Set<string>();
  /** When set, every request fails like an unreachable RPC. */
  down = false;
  /** The chain the wallet says it is on (wrong-network tests); undefined = anvil's chain. */
  chainOverride?: number | undefined;
  /** Whether the wallet already knows the devnet chain (else switching answers 4902). */
  knowsDevnet = true;
  added: unknown[] = [];
  snap?: SnapSim | undefined;
  private listeners = new Map<string, Set<Listener>>();

  constructor(public account: Address) {}

  on(event: string, l: Listener): void {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(l);
  }
  removeListener(event: string, l: Listener): void {
    this.listeners.get(event)?.delete(l);
  }
  emit(event: string, ...args: unknown[]): void {
    this.listeners.get(event)?.forEach((l) => l(...args));
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.size ?? 0;
  }
  count(method: string, pred: (p: unknown) => boolean = () => true): number {
    return this.calls.filter((c) => c.method === method && pred(c.params)).length;
  }

  async request({ method, params }: Req): Promise<unknown> {
    this.calls.push({ method, params });
    if (this.reject.has(method)) throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
    if (this.down) throw new TypeError('Failed to fetch');
    const { manifest } = await devnet();
    switch (method) {
      case 'eth_requestAccounts':
      case 'eth_accounts':
        return [this.account];
      case 'eth_chainId':
        if (this.chainOverride !== undefined) return `0x${this.chainOverride.toString(16)}`;
        break;
      case 'wallet_switchEthereumChain': {
        const id = Number((params as [{ chainId: string }])[0].chainId);
        if (id !== manifest.chainId || !this.knowsDevnet)
          throw Object.assign(new Error('Unrecognized chain ID. Try adding the chain using wallet_addEthereumChain first.'), { code: 4902 });
        this.chainOverride = undefined;
        this.emit('chainChanged', `0x${id.toString(16)}`);
        return null;
      }
      case 'wallet_addEthereumChain': {
        const p = (params as [{ chainId: string; rpcUrls: string[] }])[0];
        this.added.push(p);
        if (Number(p.chainId) === manifest.chainId && p.rpcUrls[0] === manifest.rpcUrl) {
          this.knowsDevnet = true;
          this.chainOverride = undefined;
          this.emit('chainChanged', p.chainId);
        }
        return null;
      }
      case 'wallet_getSnaps':
        if (!this.snap) throw Object.assign(new Error('The method "wallet_getSnaps" does not exist / is not available.'), { code: -32601 });
        return this.snap.installed ? { [this.snap.id]: { id: this.snap.id, version: '0.1.0', enabled: true, blocked: false } } : {};
      case 'wallet_requestSnaps': {
        if (!this.snap) throw Object.assign(new Error('method not found'), { code: -32601 });
        const id = Object.keys(params as Record<string, unknown>)[0];
        if (id !== this.snap.id) throw Object.assign(new Error(`unknown snap ${id}`), { code: -32602 });
        this.snap.installed = true;
        return { [id]: { id, version: '0.1.0', enabled: true, blocked: false } };
      }
      case 'wallet_invokeSnap': {
        const p = params as { snapId: string; request: { method: string; params: Record<string, unknown> } };
        if (!this.snap?.installed || p.snapId !== this.snap.id) throw Object.assign(new Error('snap not installed'), { code: -32603 });
        return this.snap.invoke(p.request);
      }
    }
    return rpc(method, params ?? []);
  }
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
