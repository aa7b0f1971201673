// The devnet relayer: plays Metis's part in carrying messages and tokens between the two anvils.
//  - L1 -> L2 (deposits, the hub's reports): every `SentMessage` of the L1 messenger for our L2 chain, in nonce
//    order, once it is `confirmations` L1 blocks deep, is delivered by the L2 messenger's `relayMessage` as the
//    ALIASED L1 messenger (impersonated on anvil, as Metis's sequencer does it on Metis).
//  - L2 -> L1 (withdrawals): the L2 messenger's `SentMessage`s are committed to the state-commitment-chain model
//    in a batch (the relayer plays Metis's proposer), and each is relayed on L1 with its inclusion proof once the
//    batch is out of the fraud-proof window (the SCC model's FRAUD_PROOF_WINDOW: short on the devnet, 7 days in
//    tests through time travel).
// It keeps no state of its own: each tick reads what is delivered from the chains (the L2 messenger's next queue
// index, the SCC's committed elements, the L1 messenger's successful messages), so a restart never relays
// twice and never skips. It custodies nothing: it only submits messages and proofs the contracts verify.
import {
  concat,
  createPublicClient,
  createWalletClient,
  decodeAbiParameters,
  encodeFunctionData,
  http,
  keccak256,
  parseAbi,
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { l1MessengerAbi, l2MessengerAbi, stateCommitmentChainAbi } from '../contracts/bindings/abis.js';
import { L2_CROSS_DOMAIN_MESSENGER } from '../contracts/bindings/metis-network.js';
import { makeChain } from './chain.js';
import type { Manifest } from '../contracts/bindings/manifest.js';

const ALIAS_OFFSET = 0x1111000000000000000000000000000000001111n;
const relayMessageSig = parseAbi(['function relayMessage(address,address,bytes,uint256)']);

export interface RelayerOptions {
  l1RpcUrl: string;
  l2RpcUrl: string;
  l1ChainId: number;
  l2ChainId: number;
  /** Metis's L1CrossDomainMessenger (model) and the state-commitment-chain model on L1. */
  l1Messenger: Address;
  scc: Address;
  /** First L1 and L2 blocks to read events from (the deployment's start blocks). */
  l1StartBlock: bigint;
  l2StartBlock: bigint;
  /** L1 key that appends state batches (the devnet's Metis proposer). */
  proposerKey: Hex;
  /** L1 key that relays L2->L1 messages with their proofs (anyone may). */
  relayerKey: Hex;
  /** L1 blocks an L1->L2 message waits before it is relayed. Default 2. */
  confirmations?: number;
  log?: (line: string) => void;
}

/**
 * The relayer's options for a deployment: chain ids, the L1 messenger, the state commitment chain and the start
 * blocks from the manifest (its `l1` part with the devnet's `network` models); `key` proposes and relays.
 */
export function relayerOptionsFor(
  m: Manifest,
  o: { l1RpcUrl: string; l2RpcUrl: string; key: Hex; scc?: Address; confirmations?: number; log?: (line: string) => void },
): RelayerOptions {
  const l1 = m.l1!;
  return {
    l1RpcUrl: o.l1RpcUrl,
    l2RpcUrl: o.l2RpcUrl,
    l1ChainId: l1.chainId,
    l2ChainId: m.chainId,
    l1Messenger: l1.contracts.l1Messenger,
    scc: o.scc ?? l1.network!.stateCommitmentChain,
    l1StartBlock: BigInt(l1.startBlock),
    l2StartBlock: BigInt(m.startBlock),
    proposerKey: o.key,
    relayerKey: o.key,
    ...(o.confirmations !== undefined ? { confirmations: o.confirmations } : {}),
    ...(o.log ? { log: o.log } : {}),
  };
}

/** One message carried across. */
export interface Relay {
  direction: 'L1->L2' | 'L2->L1';
  nonce: bigint;
  target: Address;
  sender: Address;
  sourceTx: Hex;
  destinationTx: Hex;
  ok: boolean;
}

interface SentMessage {
  target: Address;
  sender: Address;
  message: Hex;
  nonce: bigint;
  gasLimit: bigint;
  tx: Hex;
  block: bigint;
}

interface Batch {
  index: bigint;
  root: Hex;
  size: bigint;
  prevTotal: bigint;
  extraData: Hex;
  timestamp: bigint;
}

/** Metis's xDomain calldata: relayMessage(target, sender, message, nonce). */
export function xDomainCalldata(m: Pick<SentMessage, 'target' | 'sender' | 'message' | 'nonce'>): Hex {
  return encodeFunctionData({ abi: relayMessageSig, functionName: 'relayMessage', args: [m.target, m.sender, m.message, m.nonce] });
}

/** The state element the SCC model proves for an L2->L1 message: the L2 messenger's storage key of its calldata. */
export function stateElement(m: Pick<SentMessage, 'target' | 'sender' | 'message' | 'nonce'>): Hex {
  return keccak256(concat([xDomainCalldata(m), L2_CROSS_DOMAIN_MESSENGER]));
}

/** OpenZeppelin's commutative keccak of two nodes (sorted pair). */
function hashPair(a: Hex, b: Hex): Hex {
  return BigInt(a) < BigInt(b) ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
}

/** The state batch tree of the SCC model (StateBatchMerkle.sol): pairs joined level by level, an odd node carried up. */
export function batchRoot(leaves: Hex[]): Hex {
  let level = [...leaves];
  while (level.length > 1) {
    const next: Hex[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? hashPair(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!;
}

/** The sibling path of `leaves[index]`, from the leaf up (what MerkleProof.verify takes). */
export function batchProof(leaves: Hex[], index: number): Hex[] {
  let level = [...leaves];
  const path: Hex[] = [];
  let i = index;
  while (level.length > 1) {
    const sibling = i ^ 1;
    if (sibling < level.length) path.push(level[sibling]!);
    const next: Hex[] = [];
    for (let k = 0; k < level.length; k += 2) next.push(k + 1 < level.length ? hashPair(level[k]!, level[k + 1]!) : level[k]!);
    level = next;
    i = Math.floor(i / 2);
  }
  return path;
}

export class Relayer {
  private readonly l1: PublicClient;
  private readonly l2: PublicClient;
  private readonly proposer: WalletClient;
  private readonly relayerWallet: WalletClient;
  private readonly l2Wallet: WalletClient;
  private readonly log: (line: string) => void;
  private l2Messenger?: Address;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;
  /** L1->L2 messages seen to fail on L2 (logged once). */
  private readonly reportedFailures = new Set<string>();

  constructor(readonly opts: RelayerOptions) {
    const l1Chain = makeChain(opts.l1ChainId, opts.l1RpcUrl, 'devnet L1');
    const l2Chain = makeChain(opts.l2ChainId, opts.l2RpcUrl, 'devnet L2');
    const l1Transport = http(opts.l1RpcUrl, { retryCount: 2, retryDelay: 200 });
    const l2Transport = http(opts.l2RpcUrl, { retryCount: 2, retryDelay: 200 });
    this.l1 = createPublicClient({ chain: l1Chain, transport: l1Transport, pollingInterval: 100 }) as PublicClient;
    this.l2 = createPublicClient({ chain: l2Chain, transport: l2Transport, pollingInterval: 100 }) as PublicClient;
    this.proposer = createWalletClient({ chain: l1Chain, transport: l1Transport, account: privateKeyToAccount(opts.proposerKey) });
    this.relayerWallet = createWalletClient({ chain: l1Chain, transport: l1Transport, account: privateKeyToAccount(opts.relayerKey) });
    this.l2Wallet = createWalletClient({ chain: l2Chain, transport: l2Transport });
    this.log = opts.log ?? ((line) => console.log(line));
  }

  /** The L2 alias of the L1 messenger, the only caller Metis's L2 messenger accepts. */
  get l1MessengerAlias(): Address {
    const aliased = (BigInt(this.opts.l1Messenger) + ALIAS_OFFSET) % (1n << 160n);
    return `0x${aliased.toString(16).padStart(40, '0')}` as Address;
  }

  /** One pass: L1->L2 deliveries, then L2->L1 commits and relays. Returns what was carried. */
  async tick(): Promise<Relay[]> {
    const relays = [...(await this.relayToL2()), ...(await this.relayToL1())];
    for (const r of relays) {
      this.log(
        `[relayer] ${r.direction} #${r.nonce} ${r.ok ? 'delivered' : 'delivered, but the target call FAILED'} to ${r.target}` +
          ` (source tx ${r.sourceTx}, destination tx ${r.destinationTx})`,
      );
    }
    return relays;
  }

  // -------------------------------------------------------------- L1 -> L2

  private async l2MessengerAddress(): Promise<Address> {
    this.l2Messenger ??= L2_CROSS_DOMAIN_MESSENGER;
    return this.l2Messenger;
  }

  private async l1Messages(toBlock: bigint): Promise<SentMessage[]> {
    if (toBlock < this.opts.l1StartBlock) return [];
    const logs = await this.l1.getContractEvents({
      address: this.opts.l1Messenger,
      abi: l1MessengerAbi,
      eventName: 'SentMessage',
      fromBlock: this.opts.l1StartBlock,
      toBlock,
    });
    return logs
      .filter((l) => l.args.chainId === BigInt(this.opts.l2ChainId))
      .map((l) => ({
        target: l.args.target!,
        sender: l.args.sender!,
        message: l.args.message!,
        nonce: l.args.messageNonce!,
        gasLimit: l.args.gasLimit!,
        tx: l.transactionHash!,
        block: l.blockNumber!,
      }))
      .sort((a, b) => (a.nonce < b.nonce ? -1 : 1));
  }

  private async relayToL2(): Promise<Relay[]> {
    // viem caches the block number for its polling interval (4 s): a cached head would hide the newest messages
    const head = await this.l1.getBlockNumber({ cacheTime: 0 });
    const deep = head - BigInt(this.opts.confirmations ?? 2);
    const messages = await this.l1Messages(deep);
    const messenger = await this.l2MessengerAddress();
    const next = (await this.l2.readContract({ address: messenger, abi: l2MessengerAbi, functionName: 'nextQueueIndex' })) as bigint;
    const pending = messages.filter((m) => m.nonce >= next);
    const relays: Relay[] = [];
    if (pending.length === 0) return relays;
    const alias = this.l1MessengerAlias;
    await this.l2.request({ method: 'anvil_impersonateAccount' as never, params: [alias] as never });
    await this.l2.request({ method: 'anvil_setBalance' as never, params: [alias, '0x56BC75E2D63100000'] as never }); // 100 for gas
    try {
      for (const m of pending) {
        if (this.stopped) break;
        const hash = await this.l2Wallet.writeContract({
          address: messenger,
          abi: l2MessengerAbi,
          functionName: 'relayMessage',
          args: [m.target, m.sender, m.message, m.nonce],
          account: alias,
          chain: this.l2Wallet.chain,
          gas: m.gasLimit + 300_000n,
        });
        const receipt = await this.l2.waitForTransactionReceipt({ hash });
        const ok = (await this.l2.readContract({
          address: messenger,
          abi: l2MessengerAbi,
          functionName: 'successfulMessages',
          args: [keccak256(xDomainCalldata(m))],
        })) as boolean;
        if (receipt.status !== 'success') throw new Error(`L2 relay of L1->L2 message #${m.nonce} reverted (tx ${hash})`);
        relays.push({ direction: 'L1->L2', nonce: m.nonce, target: m.target, sender: m.sender, sourceTx: m.tx, destinationTx: hash, ok });
      }
    } finally {
      await this.l2.request({ method: 'anvil_stopImpersonatingAccount' as never, params: [alias] as never }).catch(() => {});
    }
    return relays;
  }

  // -------------------------------------------------------------- L2 -> L1

  private async l2Messages(): Promise<SentMessage[]> {
    const logs = await this.l2.getContractEvents({
      address: await this.l2MessengerAddress(),
      abi: l2MessengerAbi,
      eventName: 'SentMessage',
      fromBlock: this.opts.l2StartBlock,
      toBlock: 'latest',
    });
    return logs
      .map((l) => ({
        target: l.args.target!,
        sender: l.args.sender!,
        message: l.args.message!,
        nonce: l.args.messageNonce!,
        gasLimit: l.args.gasLimit!,
        tx: l.transactionHash!,
        block: l.blockNumber!,
      }))
      .sort((a, b) => (a.nonce < b.nonce ? -1 : 1));
  }

  private async batches(): Promise<Batch[]> {
    const logs = await this.l1.getContractEvents({
      address: this.opts.scc,
      abi: stateCommitmentChainAbi,
      eventName: 'StateBatchAppended',
      fromBlock: this.opts.l1StartBlock,
      toBlock: 'latest',
    });
    return logs
      .filter((l) => l.args._chainId === BigInt(this.opts.l2ChainId))
      .map((l) => {
        const extraData = l.args._extraData as Hex;
        const [timestamp] = decodeAbiParameters([{ type: 'uint256' }, { type: 'address' }], extraData);
        return {
          index: l.args._batchIndex!,
          root: l.args._batchRoot!,
          size: l.args._batchSize!,
          prevTotal: l.args._prevTotalElements!,
          extraData,
          timestamp,
        };
      })
      .sort((a, b) => (a.index < b.index ? -1 : 1));
  }

  private async relayToL1(): Promise<Relay[]> {
    const messages = await this.l2Messages();
    const relays: Relay[] = [];
    if (messages.length === 0) return relays;
    const chainId = BigInt(this.opts.l2ChainId);
    // 1. commit what is not committed yet (message nonce n is element n: the relayer commits in order)
    const committed = (await this.l1.readContract({
      address: this.opts.scc,
      abi: stateCommitmentChainAbi,
      functionName: 'getTotalElementsByChainId',
      args: [chainId],
    })) as bigint;
    if (committed < BigInt(messages.length)) {
      const fresh = messages.slice(Number(committed));
      const hash = await this.proposer.writeContract({
        address: this.opts.scc,
        abi: stateCommitmentChainAbi,
        functionName: 'appendStateBatchByChainId',
        args: [chainId, fresh.map(stateElement), committed],
        account: this.proposer.account!,
        chain: this.proposer.chain,
      });
      const receipt = await this.l1.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success') throw new Error(`state batch append reverted (tx ${hash})`);
      this.log(`[relayer] committed L2->L1 messages #${committed}..#${BigInt(messages.length) - 1n} in a state batch (L1 tx ${hash})`);
    }
    // 2. relay the committed ones whose batch left the fraud window and that L1 has not received
    const window = (await this.l1.readContract({
      address: this.opts.scc,
      abi: stateCommitmentChainAbi,
      functionName: 'FRAUD_PROOF_WINDOW',
    })) as bigint;
    const now = (await this.l1.getBlock()).timestamp;
    for (const batch of await this.batches()) {
      if (batch.timestamp + window > now) continue;
      const members = messages.slice(Number(batch.prevTotal), Number(batch.prevTotal + batch.size));
      const leaves = members.map(stateElement);
      for (let i = 0; i < members.length; i++) {
        if (this.stopped) return relays;
        const m = members[i]!;
        const done = (await this.l1.readContract({
          address: this.opts.l1Messenger,
          abi: l1MessengerAbi,
          functionName: 'successfulMessages',
          args: [keccak256(xDomainCalldata(m))],
        })) as boolean;
        if (done) continue;
        const key = `L2->L1:${m.nonce}`;
        if (this.reportedFailures.has(key)) continue;
        const proof = {
          stateRoot: leaves[i]!,
          stateRootBatchHeader: {
            batchIndex: batch.index,
            batchRoot: batch.root,
            batchSize: batch.size,
            prevTotalElements: batch.prevTotal,
            extraData: batch.extraData,
          },
          stateRootProof: { index: BigInt(i), siblings: batchProof(leaves, i) },
          stateTrieWitness: '0x' as Hex,
          storageTrieWitness: '0x' as Hex,
        };
        const hash = await this.relayerWallet.writeContract({
          address: this.opts.l1Messenger,
          abi: l1MessengerAbi,
          functionName: 'relayMessageViaChainId',
          args: [chainId, m.target, m.sender, m.message, m.nonce, proof],
          account: this.relayerWallet.account!,
          chain: this.relayerWallet.chain,
        });
        const receipt = await this.l1.waitForTransactionReceipt({ hash });
        if (receipt.status !== 'success') throw new Error(`L1 relay of L2->L1 message #${m.nonce} reverted (tx ${hash})`);
        const ok = (await this.l1.readContract({
          address: this.opts.l1Messenger,
          abi: l1MessengerAbi,
          functionName: 'successfulMessages',
          args: [keccak256(xDomainCalldata(m))],
        })) as boolean;
        if (!ok) this.reportedFailures.add(key);
        relays.push({ direction: 'L2->L1', nonce: m.nonce, target: m.target, sender: m.sender, sourceTx: m.tx, destinationTx: hash, ok });
      }
    }
    return relays;
  }

  /** When the L2->L1 messages waiting for the fraud window can be relayed (L1 time), for the banner and tests. */
  async pendingToL1(): Promise<{ nonce: bigint; readyAt: bigint }[]> {
    const messages = await this.l2Messages();
    const window = (await this.l1.readContract({
      address: this.opts.scc,
      abi: stateCommitmentChainAbi,
      functionName: 'FRAUD_PROOF_WINDOW',
    })) as bigint;
    const out: { nonce: bigint; readyAt: bigint }[] = [];
    for (const batch of await this.batches()) {
      for (const m of messages.slice(Number(batch.prevTotal), Number(batch.prevTotal + batch.size))) {
        const done = (await this.l1.readContract({
          address: this.opts.l1Messenger,
          abi: l1MessengerAbi,
          functionName: 'successfulMessages',
          args: [keccak256(xDomainCalldata(m))],
        })) as boolean;
        if (!done) out.push({ nonce: m.nonce, readyAt: batch.timestamp + window });
      }
    }
    return out;
  }

  // -------------------------------------------------------------- loop

  /** Ticks every `intervalMs` until `stop()`; a failed tick is logged and the loop goes on. */
  start(intervalMs: number, onError?: (err: unknown) => void): void {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.tick().catch((err) => {
        if (this.stopped) return;
        this.log(`[relayer] tick failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
        onError?.(err);
      });
      await this.running;
      if (!this.stopped) this.timer = setTimeout(loop, intervalMs);
    };
    void loop();
  }

  /** Stops the loop and waits for a tick in progress (a relay already sent is awaited, not abandoned). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
