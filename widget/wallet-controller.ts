// Reactive controller for the widget's async state: wallet (discovery, connection, chain, snap support),
// deployment manifest, the account's airdrop claim and the lens figures (one eth_call per refresh). The
// manifest load and the lens read are @lit/task Tasks: a run started while another is pending supersedes it,
// so a slow, stale answer never overwrites a newer one. The figures refresh every `pollMs` while the page is
// visible; a failed refresh marks them `stale` until one succeeds.
import { Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { numberToHex, zeroAddress, type Address, type Hex } from 'viem';
import {
  ProtocolError,
  addEthereumChainParameter,
  chainIdOf,
  classifyError,
  contractKeyOf,
  fetchManifest,
  parseAmount,
  planAllowance,
  readPartner,
  readScreen,
  restakeTx,
  rpcUrlOf,
  stakeTx,
  type AirdropClaim,
  type ClassifiedError,
  type Eip1193Provider,
  type Manifest,
  type RequestFn,
  type Screen,
  type TxRequest,
} from '@metis-liquid-staking/contracts';
import { discoverWallets, injectedWallet, type DiscoveredWallet } from './eip6963.js';
import type { MetisStakeEventDetails, MetisStakeEventName } from './events.js';

interface SnapTx {
  from?: Address;
  to: Address;
  data: Hex;
  value?: string | number;
  chainId?: number | string;
}

export interface WidgetConfig {
  manifestUrl?: string | undefined;
  lens?: string | undefined;
  chainId?: number | undefined;
  proofsUrl?: string | undefined;
  snapId: string;
  provider?: Eip1193Provider | undefined;
}

export interface Host extends ReactiveControllerHost, HTMLElement {
  config(): WidgetConfig;
  emit<K extends MetisStakeEventName>(name: K, detail: MetisStakeEventDetails[K]): void;
}

export type SnapState = 'none' | 'available' | 'installed';

/** A JSON-RPC request function over HTTP (reads before a wallet is connected, from the manifest's rpcUrl). */
export function httpRequest(url: string): RequestFn {
  let id = 0;
  return async ({ method, params }) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params: params ?? [] }),
    });
    const body = (await res.json()) as { result?: unknown; error?: { message: string; code: number; data?: unknown } };
    if (body.error) throw Object.assign(new Error(body.error.message), body.error);
    return body.result;
  };
}

type AirdropSource = Parameters<typeof import('./airdrop-claim.js').fetchAirdropClaim>[0];

interface Loaded {
  manifest: Manifest | undefined;
  /** Where claims come from (the manifest's shards or proofs file, or the airdrop-proofs-url attribute's file). */
  source: AirdropSource | undefined;
}

class ManifestLoadError extends Error {}

/**
 * Whether the user disconnected here (then the injected wallet's account is not restored on load): read with
 * `forgotten()`, set with `forgotten(true)`, cleared with `forgotten(false)`. In localStorage; where storage is
 * blocked (sandboxed frames, some private modes) nothing is remembered and nothing fails.
 */
function forgotten(set?: boolean): boolean {
  const key = 'metis-stake:disconnected';
  try {
    if (set) localStorage.setItem(key, '1');
    else if (set === false) localStorage.removeItem(key);
    return !!localStorage.getItem(key);
  } catch {
    return false;
  }
}

type LensArgs = readonly [RequestFn, Address, Address, readonly bigint[]];

export class WalletController implements ReactiveController {
  wallets: DiscoveredWallet[] = [];
  provider?: Eip1193Provider | undefined;
  walletName?: string | undefined;
  account?: Address | undefined;
  chainId?: number | undefined;
  manifest?: Manifest | undefined;
  /** The last figures read (kept while a refresh is pending or after one failed). */
  screen?: Screen | undefined;
  /** The last refresh failed: `screen` shows older figures. */
  stale = false;
  /** Milliseconds between refreshes while the page is visible. */
  pollMs = 12000;
  /** The connected account's airdrop claim (undefined: not in the airdrop, or not looked up yet). */
  claim?: AirdropClaim | undefined;
  proofsError?: ClassifiedError | undefined;
  /** Set when loading the manifest or the first figures failed; cleared by a successful refresh. */
  error?: (ClassifiedError & { manifest?: boolean }) | undefined;
  snap: SnapState = 'none';
  /** The snap refused (not installed, not authorised, failed): the direct path was used instead. */
  snapNote = false;
  private source?: AirdropSource | undefined;
  private claims = new Map<string, Promise<AirdropClaim | undefined>>();
  private stopDiscovery?: () => void;
  private unsubscribe?: () => void;
  private told = new Set<string>();
  private timer?: ReturnType<typeof setInterval>;
  private last = 0;
  /** The manifest-url / lens / chain-id `metis-stake:ready` was last fired for. */
  private readyKey?: string;

  /** Manifest (and where airdrop claims come from); reruns whenever the element's manifest-url, airdrop-proofs-url, lens, chain-id or provider change. */
  readonly loader: Task<readonly unknown[], Loaded>;
  /** The lens figures (one getAll eth_call). */
  readonly figures: Task<LensArgs, Screen>;

  constructor(private readonly host: Host) {
    host.addController(this);
    this.loader = new Task(host, {
      args: () => {
        const c = host.config();
        return [c.manifestUrl, c.proofsUrl, c.lens, c.chainId, c.provider];
      },
      task: () => this.loadAll(),
      onComplete: (r) => {
        Object.assign(this, r);
        this.claims.clear();
        this.error = this.proofsError = undefined;
        // a wallet connected before the manifest came: the snap check needs the registry
        // (a restored account has been read by adopt(): no second read of the same figures)
        void this.restore().then(async (adopted) => {
          if (adopted) return;
          await this.detectSnap();
          await this.refresh();
        });
      },
      onError: (e) => {
        this.error = { ...classifyError(e instanceof ManifestLoadError ? e.cause : e), manifest: e instanceof ManifestLoadError };
        host.emit('metis-stake:error', { action: 'load', ...this.error });
      },
    });
    this.figures = new Task(host, {
      autoRun: false,
      task: ([read, lens, account, indexes]: LensArgs) => readScreen(read, lens, account, indexes),
      onComplete: (screen) => {
        this.screen = screen;
        this.error = undefined;
        this.stale = false;
        this.tellSnap();
        this.ready();
      },
      onError: (e) => {
        // with figures on screen, mark them stale (one event per outage); else the error banner
        if (this.stale) return;
        const error = classifyError(e);
        if (this.screen) this.stale = true;
        else this.error = error;
        host.emit('metis-stake:error', { action: 'refresh', ...error });
      },
    });
  }

  hostConnected(): void {
    this.stopDiscovery = discoverWallets((w) => {
      this.wallets = w;
      this.host.requestUpdate();
    });
    // live figures: refresh every pollMs while the page is visible (checked each second)
    this.timer = setInterval(() => {
      if (!document.hidden && this.screen && Date.now() - this.last >= this.pollMs) void this.refresh();
    }, 1000);
  }

  hostDisconnected(): void {
    this.stopDiscovery?.();
    this.unsubscribe?.();
    clearInterval(this.timer);
  }

  /** True while the manifest, the proofs or the figures are loading. */
  get loading(): boolean {
    return this.loader.status === TaskStatus.PENDING || this.figures.status === TaskStatus.PENDING;
  }

  get expectedChainId(): number | undefined {
    return this.host.config().chainId ?? this.manifest?.chainId;
  }

  get lens(): Address | undefined {
    return this.manifest?.contracts.lens ?? (this.host.config().lens as Address | undefined);
  }

  get wrongNetwork(): boolean {
    return !!this.account && this.chainId !== undefined && this.expectedChainId !== undefined && this.chainId !== this.expectedChainId;
  }

  /** An airdrop proofs source is configured. */
  get proofs(): boolean {
    return !!this.source;
  }

  /** Looks up the account's claim once per account (one shard file, or the whole proofs file without shards). */
  private async lookUpClaim(): Promise<AirdropClaim | undefined> {
    const { account: a, source } = this;
    if (!a || !source) return (this.claim = undefined);
    let p = this.claims.get(a);
    if (!p) {
      this.claims.set(a, (p = import('./airdrop-claim.js').then((m) => m.fetchAirdropClaim(source, a))));
      p.catch((e) => {
        // a failed fetch is not remembered: the next refresh tries again
        this.claims.delete(a);
        this.proofsError = classifyError(e);
        this.host.emit('metis-stake:error', { action: 'airdrop', ...this.proofsError });
      });
    }
    return (this.claim = await p.then(
      (c) => ((this.proofsError = undefined), c),
      () => undefined,
    ));
  }

  /** Where reads go: the wallet when it is on the right chain, else the manifest's RPC. */
  private reader(): RequestFn | undefined {
    const p = this.provider;
    const expected = this.expectedChainId;
    if (p && this.chainId !== undefined && (expected === undefined || this.chainId === expected)) return (a) => p.request(a);
    const url = this.manifest && rpcUrlOf(this.manifest);
    return url ? httpRequest(url) : undefined;
  }

  private update(): void {
    this.host.requestUpdate();
  }

  /** Loads the manifest again, then the figures (the Retry button). */
  load(): Promise<void> {
    return this.loader.run();
  }

  private async loadAll(): Promise<Loaded> {
    const cfg = this.host.config();
    let manifest: Manifest | undefined;
    if (cfg.manifestUrl) {
      try {
        manifest = await fetchManifest(cfg.manifestUrl);
      } catch (e) {
        throw new ManifestLoadError('manifest', { cause: e });
      }
    }
    // the manifest's URLs are relative to the manifest, not to the partner's page; the attribute names a whole file
    const base = new URL(cfg.manifestUrl ?? '', location.href);
    const a = manifest?.airdrop;
    const rel = (u?: string) => u && new URL(u, base).href;
    const source: AirdropSource | undefined = cfg.proofsUrl
      ? { root: a?.root as Hex, proofsUrl: rel(cfg.proofsUrl)! }
      : a && (a.shards || a.proofsUrl)
        ? { root: a.root, proofsUrl: rel(a.proofsUrl)!, ...(a.shards ? { shards: { ...a.shards, url: rel(a.shards.url)! } } : {}) }
        : undefined;
    return { manifest, source };
  }

  /**
   * `metis-stake:ready` once the manifest is loaded and the figures are on screen: once per manifest-url / lens /
   * chain-id (later refreshes, a connection or a new provider do not fire it again).
   */
  private ready(): void {
    const c = this.host.config();
    const key = JSON.stringify([c.manifestUrl, c.lens, c.chainId]);
    if (this.loader.status !== TaskStatus.COMPLETE || key === this.readyKey) return;
    this.readyKey = key;
    const m = this.manifest;
    const lens = this.lens;
    this.host.emit('metis-stake:ready', {
      chainId: m?.chainId ?? this.expectedChainId ?? this.chainId,
      name: m?.name,
      contracts: m ? { ...m.contracts } : lens ? { lens } : {},
    });
  }

  /**
   * On load, without a prompt: the wallet's already-authorised account (eth_accounts) from the partner's
   * `provider` or the injected one (unless the user disconnected here); with a provider, its chain at least.
   */
  private async restore(): Promise<boolean> {
    const p = this.provider ?? (forgotten() ? undefined : injectedWallet()?.provider);
    if (!p || this.account) return false;
    try {
      const [account] = (await p.request({ method: 'eth_accounts' })) as Address[];
      if (account || this.provider) this.chainId ??= await chainIdOf((r) => p.request(r));
      if (account && !this.account) return await this.adopt(p, account);
    } catch {
      /* read through the manifest's RPC instead */
    }
    return false;
  }

  /** Reads the lens once (superseding a pending read). Returns false (and sets `error`) when the read failed. */
  async refresh(): Promise<boolean> {
    const read = this.reader();
    const lens = this.lens;
    if (!read || !lens) return false;
    this.last = Date.now();
    const claim = await this.lookUpClaim();
    await this.figures.run([read, lens, this.account ?? zeroAddress, claim ? [claim.index] : []]);
    // a newer run may have started meanwhile: wait for the latest one
    return this.figures.taskComplete.then(
      () => true,
      () => false,
    );
  }

  /** Uses a partner-supplied provider (the `provider` property). */
  setProvider(p: Eip1193Provider | undefined, name?: string): void {
    if (p === this.provider) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.provider = p;
    this.walletName = name;
    this.forget();
  }

  /**
   * Forgets the account here (and, for the injected wallet, across reloads; a partner's `provider` is the
   * partner's connection and is restored on load). EIP-1193 and MetaMask have no programmatic disconnect: the
   * site stays authorised in the wallet until the user removes it there.
   */
  disconnect(): void {
    forgotten(true);
    this.forget();
  }

  private forget(): void {
    this.account = this.chainId = this.claim = undefined;
    this.snap = 'none';
    this.update();
  }

  /** Asks the wallet for accounts; `wallet` is an EIP-6963 pick (or the partner's provider when omitted). */
  async connect(wallet?: DiscoveredWallet): Promise<void> {
    if (wallet) this.setProvider(wallet.provider, wallet.info.name);
    const p = this.provider ?? injectedWallet()?.provider;
    if (!p) throw new ProtocolError('unknown', 'no wallet');
    this.provider = p;
    const [account] = (await p.request({ method: 'eth_requestAccounts' })) as Address[];
    if (!account) throw new ProtocolError('rejected', 'no account');
    forgotten(false);
    await this.adopt(p, account);
  }

  /** Takes `account` as the connected one and reads its figures; false when it already was. */
  private async adopt(p: Eip1193Provider, account: Address): Promise<boolean> {
    if (this.account === account) return false;
    this.provider = p;
    this.account = account;
    this.chainId = await chainIdOf((a) => p.request(a));
    this.subscribe(p);
    if (this.manifest) await this.detectSnap();
    this.host.emit('metis-stake:connected', { account, chainId: this.chainId, wallet: this.walletName });
    await this.refresh();
    return true;
  }

  private subscribe(p: Eip1193Provider): void {
    this.unsubscribe?.();
    if (!p.on) return;
    // an empty list: the user disconnected the site in the wallet
    const onAccounts = (...args: unknown[]) => {
      const [account] = (args[0] as Address[]) ?? [];
      if (!account) return this.forget();
      this.account = account;
      this.update();
      void this.refresh();
    };
    const onChain = (...args: unknown[]) => {
      this.chainId = Number(BigInt(args[0] as string));
      this.update();
      void this.refresh();
    };
    p.on('accountsChanged', onAccounts);
    p.on('chainChanged', onChain);
    this.unsubscribe = () => {
      p.removeListener?.('accountsChanged', onAccounts);
      p.removeListener?.('chainChanged', onChain);
    };
  }

  /** wallet_switchEthereumChain; on 4902 (unknown chain) wallet_addEthereumChain with the chain's metadata (bindings). */
  async switchNetwork(): Promise<void> {
    const p = this.provider;
    const id = this.expectedChainId;
    if (!p || id === undefined) return;
    try {
      await p.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: numberToHex(id) }] });
    } catch (e) {
      const code =
        (e as { code?: number; data?: { originalError?: { code?: number } } }).code ??
        (e as { data?: { originalError?: { code?: number } } }).data?.originalError?.code;
      const m = this.manifest;
      if (code !== 4902 || !m || m.chainId !== id || !rpcUrlOf(m)) throw e;
      await p.request({ method: 'wallet_addEthereumChain', params: [addEthereumChainParameter(m)] });
    }
    this.chainId = await chainIdOf((a) => p.request(a));
    await this.refresh();
  }

  /**
   * MetaMask with snap support answers wallet_getSnaps. The snap serves only the sites registered (and active)
   * in the PartnerRegistry, so it is offered only when this page's origin is one of them.
   */
  async detectSnap(): Promise<void> {
    const p = this.provider;
    const registry = this.manifest?.contracts.partnerRegistry;
    const read = this.reader();
    if (!p || !this.account) return;
    try {
      const partner = registry && read && (await readPartner(read, registry, { origin: location.origin }));
      const snaps = partner && partner.active && ((await p.request({ method: 'wallet_getSnaps' })) as Record<string, unknown> | null);
      this.snap = snaps && typeof snaps === 'object' ? (this.host.config().snapId in snaps ? 'installed' : 'available') : 'none';
    } catch {
      this.snap = 'none';
    }
    this.tellSnap();
    this.update();
  }

  /** Hands the account's airdrop claim to the installed snap (for its home page) once per account and chain; failures are ignored. */
  private tellSnap(): void {
    const { claim: c, provider: p, expectedChainId: chainId } = this;
    const key = `${chainId}:${c?.account}`;
    if (this.snap !== 'installed' || !c || !p || this.told.has(key)) return;
    this.told.add(key);
    const params = { chainId, account: c.account, index: `${c.index}`, amount: `${c.amount}`, proof: c.proof };
    p.request({
      method: 'wallet_invokeSnap',
      params: { snapId: this.host.config().snapId, request: { method: 'rememberAirdropClaim', params } },
    }).catch(() => {});
  }

  /** A refused or failed install only leaves a note: staking goes on directly. */
  async installSnap(): Promise<void> {
    const p = this.provider;
    if (!p) return;
    try {
      await p.request({ method: 'wallet_requestSnaps', params: { [this.host.config().snapId]: {} } });
    } catch {
      this.snapNote = true;
    }
    await this.detectSnap();
  }

  /**
   * Asks the snap for a transaction (it shows its own confirmation). The snap returns
   * `{ from, to, data, value, chainId, requires? }`; `requires` are approvals to send first. Everything it
   * returns must be for this account and chain and go to a protocol contract, else nothing is sent.
   * When the snap refuses (4100 unauthorised, not installed, an error in the snap; not the user's 4001 in
   * its dialog), the same transaction is built here and sent directly, with a note.
   */
  async invokeSnap(method: 'stake' | 'restake' | 'stakeAndRestake', params: Record<string, unknown>): Promise<TxRequest[]> {
    const p = this.provider!;
    let res: (SnapTx & { requires?: SnapTx[] }) | null;
    try {
      res = (await p.request({
        method: 'wallet_invokeSnap',
        params: { snapId: this.host.config().snapId, request: { method, params } },
      })) as typeof res;
    } catch (e) {
      if ((e as { code?: number }).code === 4001) throw e;
      this.snapNote = true;
      this.update();
      const [m, me, amount] = [this.manifest!, this.account!, parseAmount(params.amount as string)];
      if (method !== 'restake') return [stakeTx(m, { amount, receiver: me, restake: method !== 'stake', referral: params.referral as Address })];
      const plan = await planAllowance((r) => p.request(r), 'restake', { m, screen: this.screen!, owner: me, amount });
      return [...(plan.kind === 'ready' ? [] : [plan.approve]), restakeTx(m, { assets: amount, receiver: me })];
    }
    return [...(res?.requires ?? []), res].map((t) => {
      if (
        !t ||
        typeof t.data !== 'string' ||
        !contractKeyOf(this.manifest!, t.to) ||
        (t.from && t.from.toLowerCase() !== this.account?.toLowerCase()) ||
        (t.chainId !== undefined && Number(t.chainId) !== this.expectedChainId)
      )
        throw new ProtocolError('unknown', 'the snap returned an unexpected transaction');
      return { to: t.to, data: t.data, value: BigInt(t.value ?? 0) };
    });
  }
}
