// The keeper: keeps the protocol's METIS working on both chains and its redemptions paid. Trusted for liveness,
// never custody: every call it makes has a fixed destination in the contracts; it only chooses when and how much.
// Each tick reads state first and acts only when needed, so running it twice, or again after a crash between an
// L1 and an L2 step, is safe. In order:
//  0. loss watch: the hub's live figures show a loss the L2 has not heard of -> the guardian's loss pause on L2
//     (when this key holds GUARDIAN_ROLE) and an immediate report
//  1. (devnet) plays Metis's MPC: a valid reward batch (next id, start = previous end + 1, end > start) for our
//     active seats, by voting power, for the L2 blocks since the last batch
//  2. L2: credit principal that arrived, harvest the RewardReceiver, fund queued tickets from the buffer
//  3. L1: bridge seats' rewards to L2 (withdrawRewards), notice force-unlocked seats, claim seats past their delay
//  4. redemptions the L2 buffer cannot pay: the hub's idle METIS, then above-minLock principal withdrawn at once
//     from seats (the fast path), returned to L2; only what that cannot cover unlocks a seat (the slow path;
//     mainnet's BFT rule may refuse: the next seat is tried, then the keeper waits)
//  5. L2: bridge the buffer above what queued tickets need to the hub
//  6. L1: top seats up to maxLock and open whitelisted pending seats with the hub's idle METIS
//  7. L1: report when L1 holdings changed, or at least every `reportIntervalSeconds`
// RPC failures are retried with exponential backoff; a revert, or a rule that makes the keeper wait (BFT), is logged
// once (not every tick) and the tick goes on.
import { BaseError, ContractFunctionRevertedError, formatEther, type Abi, type Address, type Hex, type TransactionReceipt } from 'viem';
import {
  gasPriceOracleAbi,
  l2MetisAbi,
  lockingInfoAbi,
  metisAbi,
  lockingPoolAbi,
  redemptionQueueAbi,
  rewardReceiverAbi,
  sequencerHubAbi,
  stakingManagerAbi,
} from '@metis-liquid-staking/contracts/abis';
import { OVM_GAS_PRICE_ORACLE } from '@metis-liquid-staking/contracts';
import { makeClients, read, write, type Clients } from './chain.js';
import type { Manifest } from './deploy.js';

const ONE = 10n ** 18n;

/** The hub's SeatState enum. */
export const SeatState = { None: 0, Pending: 1, Active: 2, Unlocking: 3, Closed: 4, Removed: 5 } as const;
/** LockingPool's Status enum. */
export const PoolStatus = { Unavailable: 0, Inactive: 1, Active: 2, Unlocked: 3 } as const;

export interface KeeperOptions {
  manifest: Manifest;
  l2RpcUrl: string;
  l1RpcUrl: string;
  /** KEEPER_ROLE on the manager (and GUARDIAN_ROLE for the loss watch). */
  l2Key: Hex;
  /** KEEPER_ROLE on the hub. */
  l1Key: Hex;
  /** Devnet only: Metis's MPC key; when set the keeper also submits reward batches. */
  mpcKey?: Hex;
  log?: (msg: string) => void;
  /** Attempts per step on RPC failures (default 4) and the first backoff delay (default 500 ms, doubling). */
  retries?: number;
  retryBaseMs?: number;
  /** Smallest buffer surplus worth a bridge to L1 (it pays Metis's fee). Default 1,000 METIS. */
  minBridge?: bigint;
  /** Smallest reward worth a harvest. Default 0.01 METIS. */
  minHarvest?: bigint;
  /** Smallest top-up of a seat. Default 100 METIS. */
  minTopUp?: bigint;
  /** Longest time between two reports. Default 3,600 s. */
  reportIntervalSeconds?: number;
  /** Devnet MPC: L2 block time and the fewest blocks worth a batch. Defaults 2 s and 10. */
  l2BlockSeconds?: number;
  minBatchBlocks?: bigint;
}

export type KeeperActionKind =
  | 'guard'
  | 'mpc'
  | 'credit'
  | 'harvest'
  | 'fund'
  | 'rewards'
  | 'sync'
  | 'claim'
  | 'return'
  | 'withdraw'
  | 'unlock'
  | 'bridge'
  | 'topUp'
  | 'open'
  | 'report'
  | 'error';

export interface KeeperAction {
  kind: KeeperActionKind;
  message: string;
  chain?: 'L1' | 'L2';
  tx?: Hex;
  amount?: bigint;
}

/** The keeper was stopped while a tick was in flight. */
export class KeeperStoppedError extends Error {
  constructor() {
    super('keeper stopped');
    this.name = 'KeeperStoppedError';
  }
}

/** A rule of Metis's contracts refuses a step for now (the keeper waits): not an RPC failure, not retried. */
export class KeeperWaitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeeperWaitError';
  }
}

/** An RPC stayed unreachable (or kept failing) through every retry. */
export class KeeperRpcError extends Error {
  constructor(
    readonly step: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`keeper: ${step} failed after ${attempts} attempts: ${shortError(cause)}`, { cause });
    this.name = 'KeeperRpcError';
  }
}

export function shortError(err: unknown): string {
  if (err instanceof BaseError) {
    // a custom error the ABI decodes is named (the node's details only carry its raw selector and data)
    const reverted = err.walk((e) => e instanceof ContractFunctionRevertedError);
    const data = reverted instanceof ContractFunctionRevertedError ? reverted.data : undefined;
    if (data && data.errorName !== 'Error' && data.errorName !== 'Panic')
      return `${err.shortMessage} ${customError(data.errorName, data.args ?? [])}`;
    return err.shortMessage + (err.details ? ` (${err.details})` : '');
  }
  if (err instanceof Error) return err.message.split('\n')[0] ?? String(err);
  return String(err);
}

function customError(name: string, args: readonly unknown[]): string {
  if (name === 'HubInsufficientEth') {
    const [needed, available] = args as readonly [bigint, bigint];
    return `HubInsufficientEth: the hub needs ${formatEther(needed)} ETH for Metis's bridge fees and holds ${formatEther(available)} ETH; send the hub ETH`;
  }
  return `${name}(${args.map(String).join(', ')})`;
}

/** True for errors a retry cannot fix: the contract reverted. */
export function isRevert(err: unknown): boolean {
  if (err instanceof BaseError) {
    if (err.walk((e) => e instanceof ContractFunctionRevertedError)) return true;
    if (/reverted|execution reverted/i.test(err.shortMessage)) return true;
  }
  return err instanceof Error && err.name === 'TxRevertedError';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (wei: bigint) => `${formatEther(wei)} METIS`;
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** The L1 report's fields the keeper reads (viem decodes the struct to an object). */
interface Report {
  nonce: bigint;
  timestamp: bigint;
  sentToL2: bigint;
  shortfall: bigint;
  idle: bigint;
  locked: bigint;
  unlocking: bigint;
  withdrawable: bigint;
}

interface SeatInfo {
  index: number;
  agent: Address;
  signer: Address;
  seqId: bigint;
  state: number;
  // from LockingPool.sequencers(seqId)
  amount: bigint;
  reward: bigint;
  updatedBatch: bigint;
  claimTime: bigint;
  poolStatus: number;
  whitelisted: boolean;
}

export class Keeper {
  readonly opts: KeeperOptions;
  private l2?: Clients;
  private l1?: Clients;
  private mpc?: Clients;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;
  private readonly log: (msg: string) => void;
  /** The last message of each failing step: a failure is logged when it starts or changes, not every tick. */
  private readonly failing = new Map<string, string>();

  constructor(opts: KeeperOptions) {
    if (!opts.manifest.l1) throw new Error('the manifest has no l1 part: deploy both chains first');
    this.opts = opts;
    this.log = opts.log ?? ((m) => console.log(m));
  }

  private get c2(): Clients {
    if (!this.l2) throw new Error('keeper not connected');
    return this.l2;
  }

  private get c1(): Clients {
    if (!this.l1) throw new Error('keeper not connected');
    return this.l1;
  }

  private get m() {
    return this.opts.manifest.contracts;
  }

  private get h() {
    return this.opts.manifest.l1!.contracts;
  }

  /** Runs `fn` again on RPC failures with exponential backoff; reverts are not retried. */
  private async withRetry<T>(step: string, fn: () => Promise<T>): Promise<T> {
    const attempts = this.opts.retries ?? 4;
    let delay = this.opts.retryBaseMs ?? 500;
    for (let i = 1; ; i++) {
      try {
        return await fn();
      } catch (err) {
        if (isRevert(err) || err instanceof KeeperWaitError) throw err;
        // Shutting down (Ctrl-C also stops the anvils): no point in retrying.
        if (this.stopped) throw new KeeperStoppedError();
        if (i >= attempts) throw new KeeperRpcError(step, attempts, err);
        await sleep(delay);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  private async connect(): Promise<void> {
    if (this.l2 && this.l1) return;
    await this.withRetry('connect', async () => {
      const l2 = await makeClients({ rpcUrl: this.opts.l2RpcUrl, key: this.opts.l2Key, retryCount: 0 });
      const l1 = await makeClients({ rpcUrl: this.opts.l1RpcUrl, key: this.opts.l1Key, retryCount: 0 });
      if (l2.chain.id !== this.opts.manifest.chainId) {
        throw new Error(`${this.opts.l2RpcUrl} is chain ${l2.chain.id}, the manifest's L2 is ${this.opts.manifest.chainId}`);
      }
      if (l1.chain.id !== this.opts.manifest.l1!.chainId) {
        throw new Error(`${this.opts.l1RpcUrl} is chain ${l1.chain.id}, the manifest's L1 is ${this.opts.manifest.l1!.chainId}`);
      }
      this.l2 = l2;
      this.l1 = l1;
      if (this.opts.mpcKey) {
        this.mpc = await makeClients({ rpcUrl: this.opts.l1RpcUrl, key: this.opts.mpcKey, chainId: l1.chain.id, retryCount: 0 });
      }
    });
  }

  /** One pass over every duty. Returns what was done. */
  async tick(): Promise<KeeperAction[]> {
    await this.connect();
    const actions: KeeperAction[] = [];
    const record = (a: KeeperAction) => {
      actions.push(a);
      this.log(`[keeper] ${a.chain ? `${a.chain} ` : ''}${a.kind}: ${a.message}${a.tx ? ` (tx ${a.tx})` : ''}`);
    };
    let l1Changed = false;
    const changedL1 = (fn: () => Promise<boolean>) => async () => {
      if (await fn()) l1Changed = true;
    };
    const steps: [string, () => Promise<void>][] = [['loss watch', () => this.guardLoss(record)]];
    if (this.mpc) steps.push(['MPC batch', () => this.mpcBatch(record)]);
    steps.push(
      ['credit principal', () => this.creditPrincipal(record)],
      ['harvest', () => this.harvest(record)],
      ['fund redemptions', () => this.fundFromBuffer(record)],
      ['withdraw rewards', () => this.withdrawRewards(record)],
      ['claim seats', changedL1(() => this.syncAndClaim(record))],
      ['redemptions from L1', changedL1(() => this.serveRedemptions(record))],
      ['bridge to L1', () => this.bridge(record)],
      ['allocate on L1', changedL1(() => this.allocate(record))],
      ['report', () => this.report(record, l1Changed)],
    );
    for (const [name, fn] of steps) {
      try {
        await this.withRetry(name, fn);
        this.failing.delete(name);
      } catch (err) {
        if (err instanceof KeeperRpcError || err instanceof KeeperStoppedError) throw err;
        const msg = shortError(err);
        if (this.failing.get(name) !== msg) record({ kind: 'error', message: `${name}: ${msg}` });
        this.failing.set(name, msg);
      }
    }
    return actions;
  }

  // -------------------------------------------------------------- reads

  private async hubReport(): Promise<Report> {
    return read<Report>(this.c1, this.h.hub, sequencerHubAbi, 'buildReport');
  }

  private async l2Report(): Promise<Report> {
    return read<Report>(this.c2, this.m.stakingManager, stakingManagerAbi, 'lastReport');
  }

  private async seats(): Promise<SeatInfo[]> {
    const count = await read<bigint>(this.c1, this.h.hub, sequencerHubAbi, 'seatCount');
    const out: SeatInfo[] = [];
    for (let i = 0; i < Number(count); i++) {
      const [agent, signer, seqId, , state] = await read<readonly [Address, Address, bigint, bigint, number]>(
        this.c1,
        this.h.hub,
        sequencerHubAbi,
        'seat',
        [BigInt(i)],
      );
      const info: SeatInfo = {
        index: i,
        agent,
        signer,
        seqId,
        state: Number(state),
        amount: 0n,
        reward: 0n,
        updatedBatch: 0n,
        claimTime: 0n,
        poolStatus: 0,
        whitelisted: false,
      };
      info.whitelisted = await read<boolean>(this.c1, this.h.lockingPool, lockingPoolAbi, 'whitelist', [agent]);
      if (seqId !== 0n) {
        const s = await read<readonly unknown[]>(this.c1, this.h.lockingPool, lockingPoolAbi, 'sequencers', [seqId]);
        info.amount = s[0] as bigint;
        info.reward = s[1] as bigint;
        info.updatedBatch = s[3] as bigint;
        info.claimTime = s[6] as bigint;
        info.poolStatus = Number(s[12]);
      }
      out.push(info);
    }
    return out;
  }

  private async l1Now(): Promise<bigint> {
    return (await this.c1.publicClient.getBlock()).timestamp;
  }

  private async send(
    c: Clients,
    to: Address,
    abi: Abi | readonly unknown[],
    fn: string,
    args: readonly unknown[] = [],
    value?: bigint,
  ): Promise<TransactionReceipt> {
    return write(c, to, abi, fn, args, fn, value);
  }

  // -------------------------------------------------------------- 0. loss watch

  private async guardLoss(record: (a: KeeperAction) => void): Promise<void> {
    const live = await this.hubReport();
    const known = await this.l2Report();
    if (live.shortfall <= known.shortfall) return;
    const guardianRole = await read<Hex>(this.c2, this.m.stakingManager, stakingManagerAbi, 'GUARDIAN_ROLE');
    const isGuardian = await read<boolean>(this.c2, this.m.stakingManager, stakingManagerAbi, 'hasRole', [guardianRole, this.c2.address]);
    const until = await read<bigint>(this.c2, this.m.stakingManager, stakingManagerAbi, 'lossPauseUntil');
    const now = (await this.c2.publicClient.getBlock()).timestamp;
    if (isGuardian && until <= now) {
      const r = await this.send(this.c2, this.m.stakingManager, stakingManagerAbi, 'pauseForLoss');
      record({
        kind: 'guard',
        chain: 'L2',
        message: `loss of ${fmt(live.shortfall - known.shortfall)} seen on L1: stakes, vault exits and funding held until the report lands`,
        tx: r.transactionHash,
      });
    }
    const r = await this.send(this.c1, this.h.hub, sequencerHubAbi, 'report');
    record({ kind: 'report', chain: 'L1', message: `report of the loss sent (shortfall ${fmt(live.shortfall)})`, tx: r.transactionHash });
  }

  // -------------------------------------------------------------- 1. MPC (devnet)

  private async mpcBatch(record: (a: KeeperAction) => void): Promise<void> {
    const pool = this.h.lockingPool;
    const [id, number, , end] = await read<readonly [bigint, bigint, bigint, bigint]>(this.c1, pool, lockingPoolAbi, 'curBatchState');
    const last = await this.c1.publicClient.getBlock({ blockNumber: number });
    const elapsed = (await this.l1Now()) - last.timestamp;
    const blocks = elapsed / BigInt(this.opts.l2BlockSeconds ?? 2);
    if (blocks < (this.opts.minBatchBlocks ?? 10n)) return;
    const networkLocked = await read<bigint>(this.c1, this.h.lockingInfo, lockingInfoAbi, 'totalLocked');
    if (networkLocked === 0n) return;
    const active = (await this.seats()).filter((s) => s.poolStatus === PoolStatus.Active && s.amount > 0n);
    const signers: Address[] = [];
    const counts: bigint[] = [];
    for (const s of active) {
      // the MPC credits each sequencer the blocks it produced: shared by voting power (locked METIS)
      const share = (blocks * s.amount) / networkLocked;
      if (share > 0n) {
        signers.push(s.signer);
        counts.push(share);
      }
    }
    if (signers.length === 0) return;
    const total = counts.reduce((a, b) => a + b, 0n);
    const rpb = await read<bigint>(this.c1, pool, lockingPoolAbi, 'rewardPerBlock');
    const r = await this.send(this.mpc!, pool, lockingPoolAbi, 'batchSubmitRewards', [id + 1n, end + 1n, end + 2n, signers, counts]);
    record({
      kind: 'mpc',
      chain: 'L1',
      message: `batch ${id + 1n}: ${total} blocks for ${signers.length} seat(s), ${fmt(total * rpb)} of rewards`,
      tx: r.transactionHash,
      amount: total * rpb,
    });
  }

  // -------------------------------------------------------------- 2. L2

  private async creditPrincipal(record: (a: KeeperAction) => void): Promise<void> {
    const pending = await read<bigint>(this.c2, this.m.stakingManager, stakingManagerAbi, 'pendingPrincipal');
    if (pending === 0n) return;
    const buffered = await read<bigint>(this.c2, this.m.stakingManager, stakingManagerAbi, 'bufferedMetis');
    const held = await read<bigint>(this.c2, this.m.metis, l2MetisAbi, 'balanceOf', [this.m.stakingManager]);
    if (held <= buffered) return;
    const r = await this.send(this.c2, this.m.stakingManager, stakingManagerAbi, 'creditPrincipal');
    record({
      kind: 'credit',
      chain: 'L2',
      message: `${fmt(min(pending, held - buffered))} of principal back from L1 credited to the buffer`,
      tx: r.transactionHash,
    });
  }

  private async lossPaused(): Promise<boolean> {
    const until = await read<bigint>(this.c2, this.m.stakingManager, stakingManagerAbi, 'lossPauseUntil');
    return until > (await this.c2.publicClient.getBlock()).timestamp;
  }

  private async harvest(record: (a: KeeperAction) => void): Promise<void> {
    const pending = await read<bigint>(this.c2, this.m.rewardReceiver, rewardReceiverAbi, 'pendingRewards');
    if (pending === 0n || pending < (this.opts.minHarvest ?? ONE / 100n) || (await this.lossPaused())) return;
    const r = await this.send(this.c2, this.m.rewardReceiver, rewardReceiverAbi, 'harvest');
    record({
      kind: 'harvest',
      chain: 'L2',
      message: `${fmt(pending)} of rewards minted as eMETIS (fee to the treasury, the rest streamed to seMETIS)`,
      tx: r.transactionHash,
      amount: pending,
    });
  }

  /** Funds as many queued tickets as the buffer pays for. */
  private async fundFromBuffer(record: (a: KeeperAction) => void): Promise<void> {
    const unfinalized = await read<bigint>(this.c2, this.m.redemptionQueue, redemptionQueueAbi, 'unfinalizedAmount');
    if (unfinalized === 0n || (await this.lossPaused())) return;
    const ratio = await read<bigint>(this.c2, this.m.stakingManager, stakingManagerAbi, 'backingRatio');
    const buffered = await read<bigint>(this.c2, this.m.stakingManager, stakingManagerAbi, 'bufferedMetis');
    if (ratio === 0n) return;
    const budget = (buffered * ONE) / ratio;
    const [lastId, eAmount] = await read<readonly [bigint, bigint]>(this.c2, this.m.redemptionQueue, redemptionQueueAbi, 'finalizableUpTo', [budget]);
    const lastFinalized = await read<bigint>(this.c2, this.m.redemptionQueue, redemptionQueueAbi, 'lastFinalizedId');
    if (lastId <= lastFinalized) return;
    const r = await this.send(this.c2, this.m.stakingManager, stakingManagerAbi, 'fundRedemptions', [lastId]);
    record({
      kind: 'fund',
      chain: 'L2',
      message: `tickets ${lastFinalized + 1n}..${lastId} funded: ${formatEther(eAmount)} eMETIS at ${formatEther(ratio)} METIS per eMETIS`,
      tx: r.transactionHash,
      amount: eAmount,
    });
  }

  // -------------------------------------------------------------- 3. L1 seats

  private async withdrawRewards(record: (a: KeeperAction) => void): Promise<void> {
    const minimum = await read<bigint>(this.c1, this.h.hub, sequencerHubAbi, 'minRewardWithdrawal');
    for (const s of await this.seats()) {
      if (s.state !== SeatState.Active || s.poolStatus !== PoolStatus.Active || !s.whitelisted) continue;
      if (s.reward < minimum || s.reward === 0n) continue;
      const r = await this.send(this.c1, this.h.hub, sequencerHubAbi, 'withdrawRewards', [BigInt(s.index)]);
      record({
        kind: 'rewards',
        chain: 'L1',
        message: `seat ${s.index}: ${fmt(s.reward)} of rewards bridged to the L2 RewardReceiver`,
        tx: r.transactionHash,
        amount: s.reward,
      });
    }
  }

  /** Notices force-unlocked seats and claims the ones past their exit delay. True if L1 holdings moved. */
  private async syncAndClaim(record: (a: KeeperAction) => void): Promise<boolean> {
    const now = await this.l1Now();
    let changed = false;
    for (const s of await this.seats()) {
      if (s.state === SeatState.Active && s.poolStatus === PoolStatus.Inactive) {
        const r = await this.send(this.c1, this.h.hub, sequencerHubAbi, 'syncSeat', [BigInt(s.index)]);
        record({
          kind: 'sync',
          chain: 'L1',
          message: `seat ${s.index} was unlocked by Metis: now unlocking until ${s.claimTime}`,
          tx: r.transactionHash,
        });
        s.state = SeatState.Unlocking;
        changed = true; // locked -> unlocking: the L2's figures (locked, fast capacity, ETAs) need the report
      }
      if (s.state !== SeatState.Unlocking || s.claimTime === 0n || now < s.claimTime || !s.whitelisted) continue;
      const r = await this.send(this.c1, this.h.hub, sequencerHubAbi, 'claimSeat', [BigInt(s.index)]);
      record({
        kind: 'claim',
        chain: 'L1',
        message: `seat ${s.index}: ${fmt(s.amount)} of principal claimed back to the hub`,
        tx: r.transactionHash,
        amount: s.amount,
      });
      changed = true;
    }
    return changed;
  }

  // -------------------------------------------------------------- 4. redemptions the buffer cannot pay

  /** METIS the queue needs that is neither in the L2 buffer nor already on its way back. */
  private async redemptionShortfall(): Promise<bigint> {
    const unfinalized = await read<bigint>(this.c2, this.m.redemptionQueue, redemptionQueueAbi, 'unfinalizedAmount');
    if (unfinalized === 0n) return 0n;
    const ratio = await read<bigint>(this.c2, this.m.stakingManager, stakingManagerAbi, 'backingRatio');
    const need = (unfinalized * ratio + ONE - 1n) / ONE;
    const buffered = await read<bigint>(this.c2, this.m.stakingManager, stakingManagerAbi, 'bufferedMetis');
    const pending = await read<bigint>(this.c2, this.m.stakingManager, stakingManagerAbi, 'pendingPrincipal');
    // principal the hub sent back whose report Metis has not delivered yet (the L2's pendingPrincipal does not
    // know it): without it a tick right after a return, or after a crash between the L1 and L2 steps, would
    // withdraw and return it again from another seat
    const [, , sentCum] = await read<readonly [bigint, bigint, bigint]>(this.c1, this.h.hub, sequencerHubAbi, 'totals');
    const known = (await this.l2Report()).sentToL2;
    const returning = pending + (sentCum > known ? sentCum - known : 0n);
    return need > buffered + returning ? need - buffered - returning : 0n;
  }

  private async returnIdle(record: (a: KeeperAction) => void, amount: bigint, why: string): Promise<void> {
    const r = await this.send(this.c1, this.h.hub, sequencerHubAbi, 'returnToL2', [amount]);
    record({
      kind: 'return',
      chain: 'L1',
      message: `${fmt(amount)} of principal sent back to the L2 manager (${why}); the report went first`,
      tx: r.transactionHash,
      amount,
    });
  }

  /** True if L1 holdings moved without a report (a seat unlocked). */
  private async serveRedemptions(record: (a: KeeperAction) => void): Promise<boolean> {
    let short = await this.redemptionShortfall();
    if (short === 0n) return false;
    // a. what the hub holds idle
    let idle = await read<bigint>(this.c1, this.h.metis, metisAbi, 'balanceOf', [this.h.hub]);
    if (idle > 0n) {
      const amount = min(idle, short);
      await this.returnIdle(record, amount, 'redemptions');
      short -= amount;
      idle -= amount;
    }
    if (short === 0n) return false;
    // b. the fast path: above-minLock principal, withdrawn at once (once per reward batch per seat)
    const minLock = await read<bigint>(this.c1, this.h.lockingInfo, lockingInfoAbi, 'minLock');
    const batch = await read<bigint>(this.c1, this.h.lockingPool, lockingPoolAbi, 'currentBatch');
    const seats = await this.seats();
    const active = seats.filter((s) => s.state === SeatState.Active && s.poolStatus === PoolStatus.Active && s.whitelisted);
    let withdrawn = 0n;
    for (const s of [...active].sort((a, b) => (b.amount > a.amount ? 1 : -1))) {
      if (short === 0n) break;
      if (s.amount <= minLock || batch <= s.updatedBatch) continue;
      const amount = min(s.amount - minLock, short);
      const r = await this.send(this.c1, this.h.hub, sequencerHubAbi, 'withdrawFromSeat', [BigInt(s.index), amount]);
      record({
        kind: 'withdraw',
        chain: 'L1',
        message: `seat ${s.index}: ${fmt(amount)} withdrawn at once for redemptions (fast path)`,
        tx: r.transactionHash,
        amount,
      });
      s.amount -= amount;
      short -= amount;
      withdrawn += amount;
    }
    if (withdrawn > 0n) await this.returnIdle(record, withdrawn, 'redemptions, fast path');
    if (short === 0n) return false;
    // c. the slow path: what is already unlocking counts; unlock a seat only for the rest
    const report = await this.hubReport();
    if (report.unlocking >= short) return false;
    const rest = short - report.unlocking;
    const candidates = active.filter((s) => s.amount > 0n).sort((a, b) => (a.amount > b.amount ? 1 : -1));
    const order = [...candidates.filter((s) => s.amount >= rest), ...candidates.filter((s) => s.amount < rest).reverse()];
    for (const s of order) {
      try {
        const r = await this.send(this.c1, this.h.hub, sequencerHubAbi, 'unlockSeat', [BigInt(s.index)]);
        record({
          kind: 'unlock',
          chain: 'L1',
          message: `seat ${s.index}: unlock of ${fmt(s.amount)} started for redemptions (slow path: the pool's exit delay)`,
          tx: r.transactionHash,
          amount: s.amount,
        });
        return true;
      } catch (err) {
        if (!isRevert(err)) throw err;
        // mainnet's BFT rule (or a seat Metis holds): try the next seat
        if (!/BFT restriction/.test(shortError(err))) throw err;
      }
    }
    throw new KeeperWaitError(`${fmt(rest)} of redemptions need a seat unlock, and Metis's BFT rule refuses every one now; waiting`);
  }

  // -------------------------------------------------------------- 5. L2 -> L1

  private async bridge(record: (a: KeeperAction) => void): Promise<void> {
    const available = await read<bigint>(this.c2, this.m.stakingManager, stakingManagerAbi, 'bridgeable');
    if (available === 0n || available < (this.opts.minBridge ?? 1_000n * ONE)) return;
    const fee = await read<bigint>(this.c2, OVM_GAS_PRICE_ORACLE, gasPriceOracleAbi, 'minErc20BridgeCost');
    const r = await this.send(this.c2, this.m.stakingManager, stakingManagerAbi, 'bridgeToL1', [available], fee);
    record({
      kind: 'bridge',
      chain: 'L2',
      message: `${fmt(available)} bridged to the hub (Metis's fee ${fmt(fee)} paid by the keeper; arrives after the fraud window)`,
      tx: r.transactionHash,
      amount: available,
    });
  }

  // -------------------------------------------------------------- 6. L1 allocation

  /** True if L1 holdings moved. */
  private async allocate(record: (a: KeeperAction) => void): Promise<boolean> {
    if ((await this.redemptionShortfall()) > 0n) return false; // idle METIS goes back to L2 first
    let idle = await read<bigint>(this.c1, this.h.metis, metisAbi, 'balanceOf', [this.h.hub]);
    if (idle === 0n) return false;
    const minLock = await read<bigint>(this.c1, this.h.lockingInfo, lockingInfoAbi, 'minLock');
    const maxLock = await read<bigint>(this.c1, this.h.lockingInfo, lockingInfoAbi, 'maxLock');
    const minTopUp = this.opts.minTopUp ?? 100n * ONE;
    let changed = false;
    const seats = await this.seats();
    for (const s of seats) {
      if (s.state !== SeatState.Active || s.poolStatus !== PoolStatus.Active || !s.whitelisted || s.amount >= maxLock) continue;
      const amount = min(maxLock - s.amount, idle);
      if (amount < minTopUp) continue;
      const r = await this.send(this.c1, this.h.hub, sequencerHubAbi, 'topUpSeat', [BigInt(s.index), amount]);
      record({ kind: 'topUp', chain: 'L1', message: `seat ${s.index} topped up by ${fmt(amount)}`, tx: r.transactionHash, amount });
      idle -= amount;
      changed = true;
    }
    for (const s of seats) {
      if (idle < minLock) break;
      if (s.state !== SeatState.Pending || !s.whitelisted) continue;
      const amount = min(idle, maxLock);
      const r = await this.send(this.c1, this.h.hub, sequencerHubAbi, 'openSeat', [BigInt(s.index), amount]);
      record({
        kind: 'open',
        chain: 'L1',
        message: `seat ${s.index} opened with ${fmt(amount)} (signer ${s.signer})`,
        tx: r.transactionHash,
        amount,
      });
      idle -= amount;
      changed = true;
    }
    return changed;
  }

  // -------------------------------------------------------------- 7. report

  private async report(record: (a: KeeperAction) => void, changed: boolean): Promise<void> {
    const [, sentAt] = await read<readonly [bigint, bigint]>(this.c1, this.h.hub, sequencerHubAbi, 'lastReport');
    const due = (await this.l1Now()) >= sentAt + BigInt(this.opts.reportIntervalSeconds ?? 3600);
    if (!changed && !due) return;
    const r = await this.send(this.c1, this.h.hub, sequencerHubAbi, 'report');
    record({ kind: 'report', chain: 'L1', message: changed ? 'report sent (L1 holdings changed)' : 'periodic report sent', tx: r.transactionHash });
  }

  // -------------------------------------------------------------- loop

  /** Ticks every `intervalMs` until `stop()`; a failed tick is logged and the loop goes on. */
  start(intervalMs: number, onError?: (err: unknown) => void): void {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.tick().catch((err) => {
        if (err instanceof KeeperStoppedError || this.stopped) return;
        this.log(`[keeper] tick failed: ${shortError(err)}`);
        onError?.(err);
      });
      await this.running;
      if (!this.stopped) this.timer = setTimeout(loop, intervalMs);
    };
    void loop();
  }

  /** Stops the loop and waits for a tick in progress (at most one transaction's wait). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

/** One keeper pass with a fresh Keeper (state is read from the chains). */
export async function runKeeperTick(opts: KeeperOptions): Promise<KeeperAction[]> {
  return new Keeper(opts).tick();
}
