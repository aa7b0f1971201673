/// <reference types="mocha" />
// The wallet: `TestWallet` is a small EIP-1193 provider over anvil's unlocked dev accounts. It plays the
// wallet because the only thing that cannot exist in these tests is a wallet's UI: every request goes to
// the real anvil chain (anvil signs eth_sendTransaction and eth_signTypedData_v4 for its dev accounts).
// It can also simulate what a user or a broken environment does: reject (4001), sit on another chain
// (switch/add chain with 4902), lose the RPC, and behave like MetaMask with snap support
// (wallet_getSnaps / wallet_requestSnaps / wallet_invokeSnap). For the snap routing test the "snap" is a
// function in the test that returns the transaction the real snap would return; bridging the real snap
// is a later end-to-end issue.
import type { Address } from 'viem';
import { devnet, rpc } from './helpers.js';

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

