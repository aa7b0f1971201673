// `npm run relayer -- [--network devnet|metis-sepolia|andromeda] [--once] [--interval MS] [--fraud-window S]
//                    [--confirmations N] [--manifest FILE]`
// The devnet: plays Metis's bridge relaying between the two anvils (devnet/relayer.ts): L1->L2 deposits and
// messages once they are a few L1 blocks deep, L2->L1 withdrawals once their state batch is out of the fraud-proof
// window. It keeps no state: a restart relays nothing twice and skips nothing. One line per relay with both hashes.
// Real networks: Metis's own sequencer relays L1->L2 and Metis's proposer and relayers carry L2->L1 after the 7-day
// window; this command only watches the protocol's pending L2->L1 withdrawals and prints when each is ready (it
// sends nothing and needs no key).
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createPublicClient, http, keccak256, pad, type Address, type Hex, type PublicClient } from 'viem';
import { addressManagerAbi, l1MessengerAbi, l2MessengerAbi, stateCommitmentChainAbi } from '@metis-liquid-staking/contracts/abis';
import { L2_CROSS_DOMAIN_MESSENGER, type Manifest } from '@metis-liquid-staking/contracts';
import { ANVIL_KEYS, DEVNET_RELAYER_KEY, DEVNET_ROLES } from './accounts.js';
import { makeClients, write } from './chain.js';
import { checkChainId, fail, loadManifest } from './cli-util.js';
import { NETWORKS, resolveNetwork, type ResolvedNetwork } from './networks.js';
import { Relayer, relayerOptionsFor, xDomainCalldata } from './relayer.js';

const USAGE = `usage: npm run relayer -- [--network <${Object.keys(NETWORKS).join('|')}>] [--once] [--interval MS] [options]

devnet (default): carries L1->L2 deposits and messages after --confirmations L1 blocks (default 2) and L2->L1
  withdrawals after the fraud-proof window of the state-commitment-chain model (set at deploy, 120 s by default;
  --fraud-window S changes it, as Metis's governance would). Stateless: restarts relay nothing twice, skip nothing.
  \`npm start\` runs this relayer itself: use this with \`npm start -- --no-relayer\` or anvils of your own.
metis-sepolia, andromeda: Metis relays both ways itself (L2->L1 after its 7-day fraud-proof window). This command
  only watches: it lists the protocol's L2->L1 withdrawals not yet relayed on L1 and when each is ready, then the
  withdrawal is finalized by Metis's relayers or its bridge UI. It sends nothing and needs no key.

options:
  --once               one pass, then exit (exit code 1 on an error)
  --interval MS        milliseconds between passes (default 3000 on the devnet, 300000 elsewhere)
  --fraud-window S     devnet only: set the model's fraud-proof window to S seconds (the devnet admin plays Metis's
                       governance, DEVNET_DEPLOYER_KEY or anvil account 0)
  --confirmations N    devnet only: L1 blocks an L1->L2 message waits (default 2)
  --manifest FILE      the deployment manifest (default contracts/deployments/<l2ChainId>.json)
  -h, --help           this text

env: <NET>_RPC_URL and <NET>_L1_RPC_URL (devnet defaults http://127.0.0.1:8545 and :8546); devnet keys:
  DEVNET_RELAYER_KEY (the relayer's L1 key, default the devnet relayer, which is the model's proposer)`;

/** An L2->L1 message of the protocol that L1 has not relayed yet. */
export interface PendingWithdrawal {
  nonce: bigint;
  target: Address;
  sender: Address;
  l2Tx: Hex;
  /** L2 block time of the message (unix seconds). */
  sentAt: bigint;
  /** Earliest L1 time it can be relayed: sentAt + the fraud-proof window (Metis appends the batch shortly after). */
  readyAt: bigint;
}

/** Metis's fraud-proof window: the SCC's, found through the L1 messenger's address manager; 7 days if unreadable. */
export async function fraudProofWindow(l1: PublicClient, l1Messenger: Address): Promise<{ seconds: bigint; source: string }> {
  try {
    const am = await l1.readContract({ address: l1Messenger, abi: l1MessengerAbi, functionName: 'libAddressManager' });
    const scc = await l1.readContract({ address: am, abi: addressManagerAbi, functionName: 'getAddress', args: ['StateCommitmentChain'] });
    const seconds = await l1.readContract({ address: scc, abi: stateCommitmentChainAbi, functionName: 'FRAUD_PROOF_WINDOW' });
    return { seconds, source: `StateCommitmentChain ${scc}` };
  } catch {
    return { seconds: 7n * 86_400n, source: "Metis's 7 days (the StateCommitmentChain could not be read)" };
  }
}

/**
 * The protocol's L2->L1 messages (sent by its manager, to its hub, or carrying the manager's address: bridge
 * withdrawals from it) that L1's messenger has not relayed, read in `chunk`-block windows from the deploy block.
 */
export async function pendingWithdrawals(
  l1: PublicClient,
  l2: PublicClient,
  manifest: Manifest,
  opts: { chunk?: bigint } = {},
): Promise<{ pending: PendingWithdrawal[]; relayed: number; window: { seconds: bigint; source: string } }> {
  const l1c = manifest.l1;
  if (!l1c) throw new Error(`the manifest of chain ${manifest.chainId} has no l1 part (deployed before the two-chain protocol?)`);
  const manager = manifest.contracts.stakingManager.toLowerCase();
  const managerWord = pad(manifest.contracts.stakingManager).slice(2).toLowerCase();
  const hub = l1c.contracts.hub.toLowerCase();
  const head = await l2.getBlockNumber({ cacheTime: 0 });
  const chunk = opts.chunk ?? 10_000n;
  const window = await fraudProofWindow(l1, l1c.contracts.l1Messenger);
  const pending: PendingWithdrawal[] = [];
  let relayed = 0;
  for (let from = BigInt(manifest.startBlock); from <= head; from += chunk) {
    const to = from + chunk - 1n > head ? head : from + chunk - 1n;
    const logs = await l2.getContractEvents({
      address: manifest.contracts.l2Messenger ?? L2_CROSS_DOMAIN_MESSENGER,
      abi: l2MessengerAbi,
      eventName: 'SentMessage',
      fromBlock: from,
      toBlock: to,
    });
    for (const l of logs) {
      const { target, sender, message, messageNonce } = l.args;
      if (!target || !sender || !message || messageNonce === undefined) continue;
      const ours = sender.toLowerCase() === manager || target.toLowerCase() === hub || message.toLowerCase().includes(managerWord);
      if (!ours) continue;
      const hash = keccak256(xDomainCalldata({ target, sender, message, nonce: messageNonce }));
      const done = await l1.readContract({
        address: l1c.contracts.l1Messenger,
        abi: l1MessengerAbi,
        functionName: 'successfulMessages',
        args: [hash],
      });
      if (done) {
        relayed++;
        continue;
      }
      const sentAt = (await l2.getBlock({ blockNumber: l.blockNumber! })).timestamp;
      pending.push({ nonce: messageNonce, target, sender, l2Tx: l.transactionHash!, sentAt, readyAt: sentAt + window.seconds });
    }
  }
  return { pending, relayed, window };
}

const iso = (t: bigint) => new Date(Number(t) * 1000).toISOString().replace('.000Z', 'Z');

/** One line per pending withdrawal: ready or the time it will be. */
export function formatPending(pending: PendingWithdrawal[], now: bigint): string[] {
  return pending.map(
    (p) =>
      `[relayer] L2->L1 #${p.nonce} to ${p.target} (L2 tx ${p.l2Tx}): ` +
      (p.readyAt <= now
        ? `ready since ${iso(p.readyAt)}, waiting for Metis's relayers`
        : `ready at ${iso(p.readyAt)} (in ${fmtDuration(p.readyAt - now)})`),
  );
}

function fmtDuration(s: bigint): string {
  const n = Number(s);
  if (n >= 86_400) return `${(n / 86_400).toFixed(1)} days`;
  if (n >= 3_600) return `${(n / 3_600).toFixed(1)} h`;
  if (n >= 60) return `${Math.round(n / 60)} min`;
  return `${n} s`;
}

function intFlag(raw: string | undefined, flag: string, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be a whole number >= ${min}, got "${raw}"`);
  return n;
}

async function runDevnet(net: ResolvedNetwork, manifest: Manifest, values: Record<string, string | boolean | undefined>): Promise<void> {
  const cfg = net.config;
  const l1c = manifest.l1;
  const scc = l1c?.network?.stateCommitmentChain;
  if (!l1c || !scc) throw new Error('the devnet manifest has no l1 part with the state commitment chain model; redeploy (npm start -- --fresh)');
  const fraudWindow = intFlag(values['fraud-window'] as string | undefined, '--fraud-window', 0);
  if (fraudWindow !== undefined) {
    const admin = await makeClients({ rpcUrl: net.l1RpcUrl, key: net.l1Key ?? net.l2Key ?? ANVIL_KEYS[DEVNET_ROLES.admin], chainId: cfg.l1ChainId });
    await write(admin, scc, stateCommitmentChainAbi, 'setFraudProofWindow', [BigInt(fraudWindow)], 'setFraudProofWindow (as GCD_MANAGER)');
    console.log(`[relayer] fraud-proof window set to ${fraudWindow}s on the model ${scc}`);
  }
  const relayerKey = (process.env.DEVNET_RELAYER_KEY as Hex | undefined) || DEVNET_RELAYER_KEY;
  if (!/^0x[0-9a-fA-F]{64}$/.test(relayerKey)) throw new Error('DEVNET_RELAYER_KEY must be a 0x-prefixed 32-byte hex private key');
  const relayer = new Relayer(
    relayerOptionsFor(manifest, {
      l1RpcUrl: net.l1RpcUrl,
      l2RpcUrl: net.l2RpcUrl,
      key: relayerKey,
      scc,
      confirmations: intFlag(values.confirmations as string | undefined, '--confirmations', 0) ?? 2,
      log: (line) => console.log(line),
    }),
  );
  const reportWaiting = async () => {
    const waiting = await relayer.pendingToL1();
    if (waiting.length === 0) return;
    const l1 = createPublicClient({ transport: http(net.l1RpcUrl) });
    const now = (await l1.getBlock()).timestamp;
    for (const w of waiting) {
      console.log(
        `[relayer] L2->L1 #${w.nonce} committed, in the fraud-proof window until ${iso(w.readyAt)} (L1 time; in ${fmtDuration(w.readyAt > now ? w.readyAt - now : 0n)})`,
      );
    }
  };
  if (values.once) {
    const relays = await relayer.tick();
    await reportWaiting();
    console.log(`[relayer] pass done: ${relays.length} relayed`);
    return;
  }
  const interval = intFlag(values.interval as string | undefined, '--interval', 1) ?? 3_000;
  console.log(`[relayer] devnet (L2 ${net.l2RpcUrl}, L1 ${net.l1RpcUrl}), every ${interval} ms; Ctrl-C to stop`);
  relayer.start(interval);
  const shutdown = async () => {
    await relayer.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function runWatch(net: ResolvedNetwork, manifest: Manifest, values: Record<string, string | boolean | undefined>): Promise<void> {
  for (const flag of ['fraud-window', 'confirmations'] as const) {
    if (values[flag] !== undefined)
      throw new Error(`--${flag} is for the devnet; on ${net.config.name} Metis's own rules apply (7-day fraud-proof window)`);
  }
  const l1 = createPublicClient({ transport: http(net.l1RpcUrl, { retryCount: 2 }) }) as PublicClient;
  const l2 = createPublicClient({ transport: http(net.l2RpcUrl, { retryCount: 2 }) }) as PublicClient;
  const pass = async () => {
    const { pending, relayed, window } = await pendingWithdrawals(l1, l2, manifest);
    const now = (await l1.getBlock()).timestamp;
    for (const line of formatPending(pending, now)) console.log(line);
    console.log(
      `[relayer] ${net.config.name}: ${pending.length} pending, ${relayed} relayed by Metis; fraud-proof window ${window.seconds}s (${window.source})`,
    );
  };
  if (values.once) return pass();
  const interval = intFlag(values.interval as string | undefined, '--interval', 1) ?? 300_000;
  console.log(`[relayer] watching ${net.config.name} every ${interval} ms (read-only); Ctrl-C to stop`);
  for (;;) {
    await pass().catch((err: unknown) => console.log(`[relayer] pass failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`));
    await new Promise((r) => setTimeout(r, interval));
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      network: { type: 'string' },
      once: { type: 'boolean' },
      interval: { type: 'string' },
      'fraud-window': { type: 'string' },
      confirmations: { type: 'string' },
      manifest: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const net = resolveNetwork(values.network ?? 'devnet', 'deployer', process.env, { keys: false });
  const cfg = net.config;
  const hint = cfg.isDevnet ? '; start the devnet first (npm start)' : '';
  await checkChainId(net.l2RpcUrl, cfg.chainId, `${cfg.name} (L2)`, cfg.env.l2RpcUrl, hint);
  await checkChainId(net.l1RpcUrl, cfg.l1ChainId, `${cfg.name}'s L1`, cfg.env.l1RpcUrl, hint);
  const manifest = loadManifest(cfg.chainId, values.manifest);
  if (manifest.l1 && manifest.l1.chainId !== cfg.l1ChainId)
    throw new Error(`the manifest's L1 is chain ${manifest.l1.chainId}, expected ${cfg.l1ChainId}`);
  if (cfg.isDevnet) await runDevnet(net, manifest, values);
  else await runWatch(net, manifest, values);
}

// run only as the entry point (the tests import the watch functions)
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main().catch(fail);
