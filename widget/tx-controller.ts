// Transaction stages (like Lido's stake form): sign -> pending (hash) -> success (balance before/after)
// or failed (reason, retry). Every transaction is simulated (eth_call) and estimated before the wallet is
// asked, so a revert shows the contract's custom error name and nothing reaches the wallet.
import type { ReactiveController } from 'lit';
import { numberToHex, type Address, type Hex } from 'viem';
import {
  ProtocolError,
  chainIdOf,
  classifyError,
  decimalsOf,
  rpcTx,
  waitForReceipt,
  type ClassifiedError,
  type TxRequest,
  type UserView,
} from '@metis-liquid-staking/contracts';
import type { ErrorSource, StakeAction } from './events.js';
import type { Host, WalletController } from './wallet-controller.js';

export type Stage =
  | { kind: 'idle' }
  | { kind: 'sign'; step: number; total: number; label: string }
  | { kind: 'pending'; step: number; total: number; label: string; hash: Hex }
  | { kind: 'success'; action: StakeAction; hash?: Hex | undefined; symbol: string; before: bigint; after: bigint }
  | { kind: 'failed'; error: ClassifiedError; retry?: (() => void) | undefined; vars?: Record<string, string> | undefined };

/** One step of an action: a transaction (returns its hash) or a signature (returns nothing). */
export interface Step {
  label: string;
  run: () => Promise<Hex | void>;
}

export interface Action {
  action: StakeAction;
  symbol: string;
  /** The balance shown before/after. */
  pick: (u: UserView) => bigint;
  /** Builds the steps (after validation; throws AmountError/ProtocolError to stop). */
  steps: () => Promise<Step[]> | Step[];
}

export class TxController implements ReactiveController {
  stage: Stage = { kind: 'idle' };
  /** Labels of the running action's steps (e.g. approve, then stake), shown as a list while it runs. */
  labels: string[] = [];
  private current?: { step: number; total: number; label: string; action: StakeAction };
  private running = false;

  constructor(
    private readonly host: Host,
    private readonly wallet: WalletController,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** True from the click until the action succeeded or failed (no double submit). */
  get busy(): boolean {
    return this.running;
  }

  private set(stage: Stage): void {
    this.stage = stage;
    this.host.requestUpdate();
  }

  reset(): void {
    if (!this.busy) this.set({ kind: 'idle' });
  }

  /** Shows an error (validation, wallet, RPC, revert) and emits `metis-stake:error`. */
  fail(e: unknown, action: ErrorSource, retry?: () => void, vars?: Record<string, string>): void {
    const error = classifyError(e);
    this.set({ kind: 'failed', error, retry, vars });
    this.host.emit('metis-stake:error', { action, ...error });
  }

  async run(a: Action): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.set({ kind: 'idle' });
    const w = this.wallet;
    const before = w.screen ? a.pick(w.screen.user) : 0n;
    let hash: Hex | undefined;
    try {
      if (!w.provider || !w.account) throw new ProtocolError('unknown', 'connect a wallet first');
      // the wallet may have switched chains behind our back
      w.chainId = await chainIdOf((r) => w.provider!.request(r));
      if (w.wrongNetwork) throw new ProtocolError('wrong-network', 'wrong network');
      const steps = await a.steps();
      this.labels = steps.map((s) => s.label);
      for (let i = 0; i < steps.length; i++) {
        const s = steps[i]!;
        this.current = { step: i + 1, total: steps.length, label: s.label, action: a.action };
        this.set({ kind: 'sign', ...this.current });
        hash = (await s.run()) ?? hash;
      }
      await w.refresh();
      const after = w.screen ? a.pick(w.screen.user) : 0n;
      this.running = false;
      this.set({ kind: 'success', action: a.action, hash, symbol: a.symbol, before, after });
      this.host.emit('metis-stake:confirmed', {
        action: a.action,
        hash,
        symbol: a.symbol,
        decimals: decimalsOf(a.symbol),
        before: before.toString(),
        after: after.toString(),
      });
    } catch (e) {
      this.running = false;
      this.fail(e, a.action, () => void this.run(a));
      // figures may have moved (e.g. an approval went through before the main step failed)
      void w.refresh();
    } finally {
      this.running = false;
      this.host.requestUpdate();
    }
  }

  /** Sends several transactions in order (e.g. a snap's required approval, then its transaction). */
  async sendAll(txs: TxRequest[]): Promise<Hex | undefined> {
    let hash: Hex | undefined;
    for (const t of txs) hash = await this.send(t);
    return hash;
  }

  /** Simulates, estimates, checks gas funds, sends, waits. Resolves with the hash once mined successfully. */
  async send(tx: TxRequest): Promise<Hex> {
    const w = this.wallet;
    const p = w.provider!;
    const from = w.account as Address;
    const req = rpcTx(from, tx);
    await p.request({ method: 'eth_call', params: [req, 'latest'] });
    const gas = BigInt((await p.request({ method: 'eth_estimateGas', params: [req] })) as string);
    const [price, balance] = await Promise.all([
      p.request({ method: 'eth_gasPrice' }) as Promise<string>,
      p.request({ method: 'eth_getBalance', params: [from, 'latest'] }) as Promise<string>,
    ]);
    if (BigInt(balance) < gas * BigInt(price) + tx.value) throw new ProtocolError('insufficient-funds', 'not enough for gas');
    const hash = (await p.request({ method: 'eth_sendTransaction', params: [{ ...req, gas: numberToHex((gas * 6n) / 5n) }] })) as Hex;
    const c = this.current!;
    this.set({ kind: 'pending', step: c.step, total: c.total, label: c.label, hash });
    this.host.emit('metis-stake:submitted', { action: c.action, hash, step: c.step, total: c.total });
    const receipt = await waitForReceipt((r) => p.request(r), hash, { pollMs: 250 });
    if (receipt.status !== '0x1') throw new ProtocolError('reverted', `transaction ${hash} reverted`);
    return hash;
  }
}
