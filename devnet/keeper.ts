// The keeper: keeps the protocol's METIS working and its redemptions paid.
// Each tick reads state first and acts only when needed, so running it twice (or after a crash) is safe:
//  1. (devnet) plays the network MPC: one reward batch for our active signers since the last batch
//  2. harvest() when the pool holds rewards for our nodes
//  3. claimUnlockedNode() for nodes whose exit delay has passed
//  4. funds redemption tickets from the buffer, then from nodes (withdrawFromNode, else unlockNode)
//  5. allocate() when a seat can open (>= minLock free) or an active node can be topped up
// RPC failures are retried with exponential backoff; a reverted transaction is logged and the tick goes on.
import {
  BaseError,
  ContractFunctionRevertedError,
  decodeEventLog,
  formatEther,
  type Abi,
  type Address,
  type Hex,
  type TransactionReceipt,
} from 'viem';
import { lockingPoolAbi, metisAbi, redemptionQueueAbi, stakingManagerAbi } from '@metis-liquid-staking/contracts/abis';
import { makeClients, read, write, type Clients } from './chain.js';
import type { Manifest } from './deploy.js';

const ONE = 10n ** 18n;

/** Manager's NodeState enum. */
export const NodeState = { Pending: 0, Active: 1, Unlocking: 2, Closed: 3 } as const;
/** Pool's Status enum. */
export const PoolStatus = { Unavailable: 0, Inactive: 1, Active: 2, Unlocked: 3 } as const;

export interface KeeperOptions {
  rpcUrl: string;
  manifest: Manifest;
  /** Key holding KEEPER_ROLE on the manager. */
  keeperKey: Hex;
  /** Devnet only: the pool's MPC key; when set the keeper also submits reward batches. */
  mpcKey?: Hex;
  log?: (msg: string) => void;
  /** Attempts per step on RPC failures (default 4) and the first backoff delay (default 500 ms, doubling). */
  retries?: number;
  retryBaseMs?: number;
  /** Smallest free METIS worth a top-up transaction (default 1 METIS). */
  minTopUp?: bigint;
  /** Smallest pending reward worth a harvest (default 1 wei). */
  minHarvest?: bigint;
  /** Smallest number of new blocks worth an MPC batch (default 1). */
  minBatchBlocks?: bigint;
  /** Pull METIS out of nodes (withdraw / unlock) for unfunded tickets the buffer cannot pay. Default true. */
  fundFromNodes?: boolean;
}

export interface KeeperAction {
  kind: 'mpc' | 'harvest' | 'claim' | 'fund' | 'withdraw' | 'unlock' | 'allocate' | 'error';
  message: string;
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

/** The RPC stayed unreachable (or kept failing) through every retry. */
export class KeeperRpcError extends Error {
  constructor(
    readonly step: string,
    readonly attempts: number,
    readonly rpcUrl: string,
    cause: unknown,
  ) {
    super(`keeper: ${step} failed after ${attempts} attempts against ${rpcUrl}: ${shortError(cause)}`, { cause });
    this.name = 'KeeperRpcError';
  }
}

function shortError(err: unknown): string {
  if (err instanceof BaseError) return err.shortMessage + (err.details ? ` (${err.details})` : '');
  if (err instanceof Error) return err.message.split('\n')[0] ?? String(err);
  return String(err);
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

interface NodeInfo {
  index: number;
  agent: Address;
  signer: Address;
  seqId: bigint;
  principal: bigint;
  poolStatus: number;
  state: number;
}

export class Keeper {
  readonly opts: KeeperOptions;
  private clients?: Clients;
  private mpcClients?: Clients;
  private lastBatchBlock?: bigint;
  private readonly openedAt = new Map<number, bigint>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;
  private readonly log: (msg: string) => void;

  constructor(opts: KeeperOptions) {
    this.opts = opts;
    this.log = opts.log ?? ((m) => console.log(m));
  }

  private get c(): Clients {
    if (!this.clients) throw new Error('keeper not connected');
    return this.clients;
  }

  private get m() {
    return this.opts.manifest.contracts;
  }

  /** Runs `fn` again on RPC failures with exponential backoff; reverts are not retried. */
  private async withRetry<T>(step: string, fn: () => Promise<T>): Promise<T> {
    const attempts = this.opts.retries ?? 4;
    let delay = this.opts.retryBaseMs ?? 500;
    for (let i = 1; ; i++) {
      try {
        return await fn();
      } catch (err) {
        if (isRevert(err)) throw err;
        // Shutting down (Ctrl-C also stops anvil): no point in retrying.
        if (this.stopped) throw new KeeperStoppedError();
        if (i >= attempts) throw new KeeperRpcError(step, attempts, this.opts.rpcUrl, err);
        this.log(`[keeper] ${step}: ${shortError(err)}; retry ${i}/${attempts - 1} in ${delay} ms`);
        await sleep(delay);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  private async connect(): Promise<void> {
    if (this.clients) return;
    await this.withRetry('connect', async () => {
      const c = await makeClients({ rpcUrl: this.opts.rpcUrl, key: this.opts.keeperKey, retryCount: 0 });
      if (c.chain.id !== this.opts.manifest.chainId) {
        throw new Error(`RPC ${this.opts.rpcUrl} is chain ${c.chain.id}, the manifest is for chain ${this.opts.manifest.chainId}`);
      }
      this.clients = c;
      if (this.opts.mpcKey) {
        this.mpcClients = await makeClients({ rpcUrl: this.opts.rpcUrl, key: this.opts.mpcKey, chainId: c.chain.id, retryCount: 0 });
      }
    });
  }

  private async nodes(): Promise<NodeInfo[]> {
    const n = await read<bigint>(this.c, this.m.stakingManager, stakingManagerAbi, 'nodeCount');
    const out: NodeInfo[] = [];
    for (let i = 0; i < Number(n); i++) {
      const [agent, signer, seqId, principal, poolStatus] = await read<readonly [Address, Address, bigint, bigint, number]>(
        this.c,
        this.m.stakingManager,
        stakingManagerAbi,
        'node',
        [BigInt(i)],
      );
      const state = await read<number>(this.c, this.m.stakingManager, stakingManagerAbi, 'nodeState', [BigInt(i)]);
      out.push({ index: i, agent, signer, seqId, principal, poolStatus: Number(poolStatus), state: Number(state) });
    }
    return out;
  }

  private events(receipt: TransactionReceipt, abi: Abi | readonly unknown[]) {
    const out: { eventName: string; args: Record<string, unknown> }[] = [];
    for (const l of receipt.logs) {
      try {
        const ev = decodeEventLog({ abi: abi as Abi, data: l.data, topics: l.topics }) as unknown as {
          eventName: string;
          args: Record<string, unknown>;
        };
        out.push(ev);
      } catch {
        // a log of another contract
      }
    }
    return out;
  }

  /** One pass over every duty. Returns what was done. */
  async tick(): Promise<KeeperAction[]> {
    await this.connect();
    const actions: KeeperAction[] = [];
    const record = (a: KeeperAction) => {
      actions.push(a);
      this.log(`[keeper] ${a.kind}: ${a.message}${a.tx ? ` (tx ${a.tx})` : ''}`);
    };
    const steps: [string, () => Promise<void>][] = [];
    if (this.opts.mpcKey) steps.push(['mpc batch', () => this.mpcBatch(record)]);
    steps.push(['harvest', () => this.harvest(record)]);
    steps.push(['claim unlocked nodes', () => this.claimUnlocked(record)]);
    steps.push(['fund redemptions', () => this.fundRedemptions(record)]);
    steps.push(['allocate', () => this.allocate(record)]);
    for (const [name, fn] of steps) {
      try {
        await this.withRetry(name, fn);
      } catch (err) {
        if (err instanceof KeeperRpcError || err instanceof KeeperStoppedError) throw err;
        record({ kind: 'error', message: `${name}: ${shortError(err)}` });
      }
    }
    return actions;
  }

  // -------------------------------------------------------------- 1. MPC (devnet)
  private async mpcBatch(record: (a: KeeperAction) => void): Promise<void> {
    const mpc = this.mpcClients!;
    const pool = this.m.lockingPool;
    const head = await this.c.publicClient.getBlockNumber();
    const nodes = (await this.nodes()).filter((n) => n.seqId !== 0n && n.poolStatus === PoolStatus.Active);
    if (nodes.length === 0) return;
    const poolLocked = await read<bigint>(this.c, pool, lockingPoolAbi, 'totalLocked');
    if (poolLocked === 0n) return;
    const lastBatch = await this.lastBatchBlockNumber();
    const signers: Address[] = [];
    const blocks: bigint[] = [];
    for (const n of nodes) {
      const opened = await this.openedBlock(n.index);
      const from = opened > lastBatch ? opened : lastBatch;
      if (head <= from) continue;
      // Blocks are shared by voting power (= locked METIS).
      const share = ((head - from) * n.principal) / poolLocked;
      if (share > 0n) {
        signers.push(n.signer);
        blocks.push(share);
      }
    }
    const total = blocks.reduce((a, b) => a + b, 0n);
    if (signers.length === 0 || total < (this.opts.minBatchBlocks ?? 1n)) return;

    const rpb = await read<bigint>(this.c, pool, lockingPoolAbi, 'rewardPerBlock');
    const payer = await read<Address>(this.c, pool, lockingPoolAbi, 'rewardPayer');
    const escrow = await read<Address>(this.c, pool, lockingPoolAbi, 'escrow');
    const need = total * rpb;
    const bal = await read<bigint>(this.c, this.m.metis, metisAbi, 'balanceOf', [payer]);
    const allowance = await read<bigint>(this.c, this.m.metis, metisAbi, 'allowance', [payer, escrow]);
    if (bal < need || allowance < need) {
      record({
        kind: 'error',
        message: `reward payer ${payer} cannot pay ${fmt(need)} (balance ${fmt(bal)}, allowance ${fmt(allowance)}); batch skipped`,
      });
      return;
    }
    const batchId = (await read<bigint>(this.c, pool, lockingPoolAbi, 'currentBatch')) + 1n;
    const startEpoch = (await read<bigint>(this.c, pool, lockingPoolAbi, 'lastEndEpoch')) + 1n;
    const r = await write(mpc, pool, lockingPoolAbi, 'batchSubmitRewards', [batchId, startEpoch, startEpoch, signers, blocks], 'batchSubmitRewards');
    this.lastBatchBlock = r.blockNumber;
    record({
      kind: 'mpc',
      message: `batch ${batchId} (epoch ${startEpoch}): ${total} blocks for ${signers.length} signer(s), ${fmt(need)} of rewards`,
      tx: r.transactionHash,
      amount: need,
    });
  }

  /** Block of the latest reward batch (from the pool's DistributeReward events); the manifest's start block if none. */
  private async lastBatchBlockNumber(): Promise<bigint> {
    if (this.lastBatchBlock !== undefined) return this.lastBatchBlock;
    const logs = await this.c.publicClient.getContractEvents({
      address: this.m.lockingPool,
      abi: lockingPoolAbi,
      eventName: 'DistributeReward',
      fromBlock: BigInt(this.opts.manifest.startBlock),
      toBlock: 'latest',
    });
    const last = logs[logs.length - 1];
    this.lastBatchBlock = last?.blockNumber ?? BigInt(this.opts.manifest.startBlock);
    return this.lastBatchBlock;
  }

  /** Block at which node `index` opened (its NodeOpened event). */
  private async openedBlock(index: number): Promise<bigint> {
    const hit = this.openedAt.get(index);
    if (hit !== undefined) return hit;
    const logs = await this.c.publicClient.getContractEvents({
      address: this.m.stakingManager,
      abi: stakingManagerAbi,
      eventName: 'NodeOpened',
      args: { nodeIndex: BigInt(index) },
      fromBlock: BigInt(this.opts.manifest.startBlock),
      toBlock: 'latest',
    });
    const b = logs[0]?.blockNumber ?? BigInt(this.opts.manifest.startBlock);
    this.openedAt.set(index, b);
    return b;
  }

  // -------------------------------------------------------------- 2. harvest
  private async harvest(record: (a: KeeperAction) => void): Promise<void> {
    let pending = 0n;
    for (const n of await this.nodes()) {
      if (n.seqId === 0n || (n.poolStatus !== PoolStatus.Active && n.poolStatus !== PoolStatus.Inactive)) continue;
      pending += await read<bigint>(this.c, this.m.lockingPool, lockingPoolAbi, 'sequencerReward', [n.seqId]);
    }
    if (pending === 0n || pending < (this.opts.minHarvest ?? 1n)) return;
    const r = await write(this.c, this.m.stakingManager, stakingManagerAbi, 'harvest', [], 'harvest');
    const ev = this.events(r, stakingManagerAbi).find((e) => e.eventName === 'Harvested');
    const rewards = (ev?.args.rewards as bigint | undefined) ?? pending;
    const fee = (ev?.args.toTreasury as bigint | undefined) ?? 0n;
    const toVault = (ev?.args.toVault as bigint | undefined) ?? 0n;
    record({
      kind: 'harvest',
      message: `${fmt(rewards)} harvested: ${fmt(fee)} fee to treasury, ${fmt(toVault)} streamed to seMETIS`,
      tx: r.transactionHash,
      amount: rewards,
    });
  }

  // -------------------------------------------------------------- 3. claim unlocked nodes
  private async claimUnlocked(record: (a: KeeperAction) => void): Promise<void> {
    const now = (await this.c.publicClient.getBlock()).timestamp;
    for (const n of await this.nodes()) {
      if (n.seqId === 0n || n.poolStatus !== PoolStatus.Inactive) continue;
      if (n.state !== NodeState.Unlocking && n.state !== NodeState.Active) continue;
      const claimTime = await read<bigint>(this.c, this.m.lockingPool, lockingPoolAbi, 'sequencerUnlockClaimTime', [n.seqId]);
      if (claimTime === 0n || now < claimTime) continue;
      const r = await write(
        this.c,
        this.m.stakingManager,
        stakingManagerAbi,
        'claimUnlockedNode',
        [BigInt(n.index)],
        `claimUnlockedNode(${n.index})`,
      );
      record({
        kind: 'claim',
        message: `node ${n.index}: ${fmt(n.principal)} principal back in the buffer`,
        tx: r.transactionHash,
        amount: n.principal,
      });
    }
  }

  // -------------------------------------------------------------- 4. redemptions
  /** METIS the unfunded tickets need at today's backing ratio. */
  private async redemptionNeed(): Promise<{ unfinalized: bigint; needMetis: bigint; ratio: bigint }> {
    const unfinalized = await read<bigint>(this.c, this.m.redemptionQueue, redemptionQueueAbi, 'unfinalizedAmount');
    const ratio = await read<bigint>(this.c, this.m.stakingManager, stakingManagerAbi, 'backingRatio');
    return { unfinalized, ratio, needMetis: (unfinalized * ratio + ONE - 1n) / ONE };
  }

  /** Funds as many whole tickets as the buffer pays for. */
  private async fundFromBuffer(record: (a: KeeperAction) => void): Promise<void> {
    const { unfinalized, ratio } = await this.redemptionNeed();
    if (unfinalized === 0n || ratio === 0n) return;
    const buffer = await read<bigint>(this.c, this.m.stakingManager, stakingManagerAbi, 'bufferedMetis');
    const budget = (buffer * ONE) / ratio;
    const [lastId, eAmount] = await read<readonly [bigint, bigint]>(this.c, this.m.redemptionQueue, redemptionQueueAbi, 'finalizableUpTo', [budget]);
    const lastFinalized = await read<bigint>(this.c, this.m.redemptionQueue, redemptionQueueAbi, 'lastFinalizedId');
    if (lastId <= lastFinalized) return;
    const r = await write(this.c, this.m.stakingManager, stakingManagerAbi, 'fundRedemptions', [lastId], `fundRedemptions(${lastId})`);
    record({
      kind: 'fund',
      message: `tickets ${lastFinalized + 1n}..${lastId} funded: ${formatEther(eAmount)} eMETIS at ${formatEther(ratio)} METIS per eMETIS`,
      tx: r.transactionHash,
      amount: eAmount,
    });
  }

  private async fundRedemptions(record: (a: KeeperAction) => void): Promise<void> {
    await this.fundFromBuffer(record);
    if (this.opts.fundFromNodes === false) return;
    const { needMetis } = await this.redemptionNeed();
    if (needMetis === 0n) return;
    const buffer = await read<bigint>(this.c, this.m.stakingManager, stakingManagerAbi, 'bufferedMetis');
    const nodes = await this.nodes();
    // METIS already on its way back (nodes in their exit delay) counts.
    const incoming = nodes.filter((n) => n.state === NodeState.Unlocking).reduce((a, n) => a + n.principal, 0n);
    let short = needMetis - buffer - incoming;
    if (short <= 0n) return;
    const minLock = await read<bigint>(this.c, this.m.lockingPool, lockingPoolAbi, 'minLock');
    const active = nodes.filter((n) => n.state === NodeState.Active && n.poolStatus === PoolStatus.Active);
    // Partial withdrawals first (immediate), from the node with the most above minLock.
    for (const n of [...active].sort((a, b) => (b.principal > a.principal ? 1 : -1))) {
      if (short <= 0n) break;
      const spare = n.principal - minLock;
      if (spare <= 0n) continue;
      const amount = spare < short ? spare : short;
      const r = await write(
        this.c,
        this.m.stakingManager,
        stakingManagerAbi,
        'withdrawFromNode',
        [BigInt(n.index), amount],
        `withdrawFromNode(${n.index})`,
      );
      record({ kind: 'withdraw', message: `node ${n.index}: ${fmt(amount)} withdrawn for redemptions`, tx: r.transactionHash, amount });
      n.principal -= amount;
      short -= amount;
    }
    if (short > 0n) {
      // Whole-node exit: the smallest node that covers the rest, else the largest.
      const sorted = active.filter((n) => n.principal > 0n).sort((a, b) => (a.principal > b.principal ? 1 : -1));
      const pick = sorted.find((n) => n.principal >= short) ?? sorted[sorted.length - 1];
      if (pick) {
        const r = await write(this.c, this.m.stakingManager, stakingManagerAbi, 'unlockNode', [BigInt(pick.index)], `unlockNode(${pick.index})`);
        record({
          kind: 'unlock',
          message: `node ${pick.index}: unlock of ${fmt(pick.principal)} started for redemptions`,
          tx: r.transactionHash,
          amount: pick.principal,
        });
      }
    }
    await this.fundFromBuffer(record);
  }

  // -------------------------------------------------------------- 5. allocate
  private async allocate(record: (a: KeeperAction) => void): Promise<void> {
    const free = await read<bigint>(this.c, this.m.stakingManager, stakingManagerAbi, 'allocatable');
    if (free === 0n) return;
    const minLock = await read<bigint>(this.c, this.m.lockingPool, lockingPoolAbi, 'minLock');
    const maxLock = await read<bigint>(this.c, this.m.lockingPool, lockingPoolAbi, 'maxLock');
    const nodes = await this.nodes();
    const canTopUp = free >= (this.opts.minTopUp ?? ONE) && nodes.some((n) => n.state === NodeState.Active && n.principal < maxLock);
    let canOpen = false;
    if (free >= minLock) {
      for (const n of nodes) {
        if (n.state !== NodeState.Pending) continue;
        if (await read<boolean>(this.c, this.m.lockingPool, lockingPoolAbi, 'whitelist', [n.agent])) {
          canOpen = true;
          break;
        }
      }
    }
    if (!canTopUp && !canOpen) return;
    const r = await write(this.c, this.m.stakingManager, stakingManagerAbi, 'allocate', [], 'allocate');
    const parts: string[] = [];
    let total = 0n;
    for (const e of this.events(r, stakingManagerAbi)) {
      if (e.eventName === 'NodeOpened') {
        parts.push(`node ${e.args.nodeIndex} opened with ${fmt(e.args.amount as bigint)}`);
        total += e.args.amount as bigint;
        this.openedAt.set(Number(e.args.nodeIndex), r.blockNumber);
      } else if (e.eventName === 'NodeToppedUp') {
        parts.push(`node ${e.args.nodeIndex} topped up by ${fmt(e.args.amount as bigint)}`);
        total += e.args.amount as bigint;
      }
    }
    record({ kind: 'allocate', message: `${fmt(total)} allocated: ${parts.join('; ')}`, tx: r.transactionHash, amount: total });
  }

  // -------------------------------------------------------------- loop
  /** Ticks every `intervalMs` until `stop()`; a failed tick is logged and the loop goes on. */
  start(intervalMs: number, onError?: (err: unknown) => void): void {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.tick().catch((err) => {
        if (err instanceof KeeperStoppedError) return;
        this.log(`[keeper] tick failed: ${shortError(err)}`);
        onError?.(err);
      });
      await this.running;
      if (!this.stopped) this.timer = setTimeout(loop, intervalMs);
    };
    void loop();
  }

  /** Stops the loop and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

/** One keeper pass with a fresh Keeper (state is read from the chain). */
export async function runKeeperTick(ctx: KeeperOptions): Promise<KeeperAction[]> {
  return new Keeper(ctx).tick();
}
