// The one test wallet of the widget tests (in Chromium) and the end-to-end tests (in Node, behind the page's
// injected provider): an EIP-1193 provider over anvil's unlocked dev accounts. It plays the wallet because
// the only thing that cannot exist in these tests is a wallet's UI: every eth_* request goes to the real
// anvil chain (through viem's HTTP transport; anvil signs eth_sendTransaction and eth_signTypedData_v4 for
// its dev accounts), and errors come back as a wallet returns them ({ code, message, data }).
// It can also play what a user or a broken environment does: reject (4001), sit on another chain
// (switch/add chain with 4902), lose the RPC, and behave like MetaMask with snap support
// (wallet_getSnaps / wallet_requestSnaps / wallet_invokeSnap, answered by `snap`: in the widget tests a
// function returning what the real snap would, in the end-to-end tests the real snap bundle in the simulation).
// Plain ESM without Node APIs, so the browser tests can import it as it is.
import { http, numberToHex, type Address } from 'viem';

type Listener = (...args: unknown[]) => void;
export type Req = { method: string; params?: unknown };

/** The snap behind wallet_*Snap* (see above). */
export interface WalletSnap {
  id: string;
  installed: boolean;
  invoke: (request: { method: string; params: Record<string, unknown> }) => Promise<unknown>;
}

/** The chain the wallet talks to: anvil's URL and chain id (or a function that finds them out once). */
export interface WalletChain {
  rpcUrl: string;
  chainId: number;
}

const rpcError = (code: number, message: string) => Object.assign(new Error(message), { code });

export class TestWallet {
  calls: Req[] = [];
  /** Methods the "user" rejects (EIP-1193 code 4001). */
  reject = new Set<string>();
  /** The site is authorised (as after eth_requestAccounts): eth_accounts answers the account, else [] (as MetaMask). */
  authorised = false;
  /** When set, every request fails like an unreachable RPC. */
  down = false;
  /** The chain the wallet says it is on (wrong-network tests); undefined = anvil's chain. */
  chainOverride?: number | undefined;
  /** Whether the wallet already knows the devnet chain (else switching answers 4902). */
  knowsDevnet = true;
  /** wallet_addEthereumChain parameters received. */
  added: unknown[] = [];
  snap?: WalletSnap | undefined;
  private listeners = new Map<string, Set<Listener>>();
  private chain?: Promise<
    WalletChain & { request: (r: Req) => Promise<{ result?: unknown; error?: { code: number; message: string; data?: unknown } }> }
  >;

  constructor(
    public account: Address,
    private readonly chainOf: WalletChain | (() => Promise<WalletChain>),
    snap?: WalletSnap,
  ) {
    this.snap = snap;
  }

  private connection() {
    this.chain ??= (async () => {
      const c = typeof this.chainOf === 'function' ? await this.chainOf() : this.chainOf;
      // raw: JSON-RPC errors come back as { error } (a wallet passes them on as they are), nothing is retried
      const transport = http(c.rpcUrl, { raw: true, retryCount: 0 })({ retryCount: 0 });
      return { ...c, request: (r: Req) => transport.request(r as never) as never };
    })();
    return this.chain;
  }

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
  /** How many times `method` was asked for (optionally only calls whose params match). */
  count(method: string, pred: (p: unknown) => boolean = () => true): number {
    return this.calls.filter((c) => c.method === method && pred(c.params)).length;
  }
  /** Snap methods the page invoked through wallet_invokeSnap, in order. */
  get snapMethods(): string[] {
    return this.calls.filter((c) => c.method === 'wallet_invokeSnap').map((c) => (c.params as { request: { method: string } }).request.method);
  }

  async request({ method, params }: Req): Promise<unknown> {
    this.calls.push({ method, params });
    if (this.reject.has(method)) throw rpcError(4001, 'User rejected the request.');
    if (this.down) throw new TypeError('Failed to fetch');
    const chain = await this.connection();
    const snap = this.snap;
    switch (method) {
      case 'eth_requestAccounts':
        this.authorised = true;
        return [this.account];
      case 'eth_accounts':
        return this.authorised ? [this.account] : [];
      case 'eth_chainId':
        return numberToHex(this.chainOverride ?? chain.chainId);
      case 'wallet_switchEthereumChain': {
        const id = Number((params as [{ chainId: string }])[0].chainId);
        if (id !== chain.chainId || !this.knowsDevnet)
          throw rpcError(4902, 'Unrecognized chain ID. Try adding the chain using wallet_addEthereumChain first.');
        this.chainOverride = undefined;
        this.emit('chainChanged', numberToHex(id));
        return null;
      }
      case 'wallet_addEthereumChain': {
        const p = (params as [{ chainId: string; rpcUrls: string[] }])[0];
        this.added.push(p);
        if (Number(p.chainId) === chain.chainId && p.rpcUrls[0] === chain.rpcUrl) {
          this.knowsDevnet = true;
          this.chainOverride = undefined;
          this.emit('chainChanged', p.chainId);
        }
        return null;
      }
      case 'wallet_getSnaps':
        if (!snap) throw rpcError(-32601, 'The method "wallet_getSnaps" does not exist / is not available.');
        return snap.installed ? { [snap.id]: { id: snap.id, version: '0.1.0', enabled: true, blocked: false } } : {};
      case 'wallet_requestSnaps': {
        if (!snap) throw rpcError(-32601, 'method not found');
        const id = Object.keys(params as Record<string, unknown>)[0];
        if (id !== snap.id) throw rpcError(-32602, `unknown snap ${id}`);
        // MetaMask's install prompt is UI: the user accepts
        snap.installed = true;
        return { [id]: { id, version: '0.1.0', enabled: true, blocked: false } };
      }
      case 'wallet_invokeSnap': {
        const p = params as { snapId: string; request: { method: string; params: Record<string, unknown> } };
        if (!snap?.installed || p.snapId !== snap.id) throw rpcError(-32603, 'snap not installed');
        return snap.invoke(p.request);
      }
    }
    if (!/^(eth_|net_|web3_)/.test(method)) throw rpcError(4200, `unsupported method ${method}`);
    const { result, error } = await chain.request({ method, params: params ?? [] });
    if (error) throw Object.assign(new Error(error.message), error);
    return result;
  }

  /** `request` as a JSON-RPC reply object (for a page's injected provider bridged to this wallet). */
  async handle(method: string, params: unknown): Promise<{ result?: unknown; error?: { code: number; message: string; data?: unknown } }> {
    try {
      return { result: await this.request({ method, params: params ?? undefined }) };
    } catch (e) {
      const err = e as { code?: number; message?: string; data?: unknown };
      return { error: { code: err.code ?? -32603, message: err.message ?? String(e), ...(err.data !== undefined ? { data: err.data } : {}) } };
    }
  }
}
