// `npm run deploy -- --network <name> --plan`: what a deploy would do, with no key and nothing sent. Three steps,
// each testable alone: buildDeployPlan (pure: the contracts each chain gets, with their addresses predicted from
// the deployers' nonces when known, the roles, and what must happen outside the deploy: Metis governance's
// whitelists, ETH on the hub, METIS for the keeper), observeChains (asks both RPCs their chain id and whether
// each existing Metis contract the plan names has code) and formatPlan (the human text).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { BaseError, createPublicClient, formatEther, getAddress, getContractAddress, http, type Address, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { lockingPoolAbi } from '@metis-liquid-staking/contracts/abis';
import { L2_CROSS_DOMAIN_MESSENGER, L2_METIS, L2_STANDARD_BRIDGE, OVM_GAS_PRICE_ORACLE } from '@metis-liquid-staking/contracts';
import { ANVIL_ADDRESSES, DEVNET_ROLES } from './accounts.js';
import { buildDemoAirdrop } from './airdrop.js';
import { getNetwork, l1OverrideVar, MissingConfigError, resolveNetwork, type NetworkConfig, type ResolvedNetwork } from './networks.js';

export type PlanChain = 'L2' | 'L1';

/** A contract of Metis's that the deploy uses and does not deploy (it must have code). */
export interface ExistingContract {
  chain: PlanChain;
  name: string;
  address: Address;
  /** The env variable that overrides it, if any. */
  envVar?: string;
}

/** A contract the deploy creates. */
export interface PlannedContract {
  chain: PlanChain;
  name: string;
  /** Who creates it and with which nonce (relative to the deployer's nonce when the deploy starts). */
  how: string;
  /** Predicted address (real networks, when the deployer and its nonce are known). */
  address?: Address;
}

export interface PlannedRole {
  chain: PlanChain;
  contract: string;
  role: string;
  holder: string;
}

export interface DeployPlan {
  network: NetworkConfig;
  l2RpcUrl: string;
  l1RpcUrl: string;
  /** Deployer addresses (from the keys or <NET>_DEPLOYER_ADDRESS / <NET>_L1_DEPLOYER_ADDRESS), when given. */
  deployers: { l2?: Address; l1?: Address };
  /** The deployers' next nonces the predictions start from. */
  nonces?: { l2: number; l1: number };
  existing: ExistingContract[];
  contracts: PlannedContract[];
  roles: PlannedRole[];
  /** What must be true before (or right after) the deploy for the protocol to work, outside the deploy itself. */
  prerequisites: string[];
}

const isAddr = (s: string) => /^0x[0-9a-fA-F]{40}$/.test(s);
const isKey = (s: string) => /^0x[0-9a-fA-F]{64}$/.test(s);
const prefixOf = (n: NetworkConfig) => n.env.l2RpcUrl.replace(/_RPC_URL$/, '');

/** The env variables naming the deployers by address (for a plan without keys). */
export function deployerAddressVars(network: NetworkConfig): { l2: string; l1: string } {
  return { l2: `${prefixOf(network)}_DEPLOYER_ADDRESS`, l1: `${prefixOf(network)}_L1_DEPLOYER_ADDRESS` };
}

/**
 * The L2 deployer's transactions on a real network, in deployProtocolFull's order (devnet/deploy.ts; keep in sync):
 * the contracts it creates are at these nonce offsets. Every grant is sent (the contracts grant their deployer only
 * DEFAULT_ADMIN_ROLE), and no partners or seats are added on real networks.
 */
const L2_NONCES = {
  StakingManager: 0,
  SeMetis: 1,
  RewardDispatcher: 2,
  RedemptionQueue: 3,
  // 4 manager.initialize, 5-7 KEEPER/PAUSER/GUARDIAN grants, 8 seMETIS DISPATCHER grant, 9 the seed deposit
  MerkleAirdrop: 10,
  LiquidityMining: 11,
  GovernanceToken: 12,
  // 13 mining.addPool, 14 mining.notifyRewardAmount
  StakingLens: 15,
  PartnerRegistry: 16,
} as const;

/** The protocol's L2 contracts the deployer creates, in deploy order (the keys of the nonce table above). */
export const L2_PROTOCOL_CONTRACTS = Object.keys(L2_NONCES) as (keyof typeof L2_NONCES)[];

/**
 * Reads `network`'s configuration from `env` (no key needed) and lists what the deploy would create and need.
 * Everything missing or malformed in env is reported in one MissingConfigError. `nonces` (from observeChains)
 * turn on the address predictions; `seats` is the devnet's seat count.
 */
export function buildDeployPlan(
  network: string,
  env: NodeJS.ProcessEnv = process.env,
  opts: { nonces?: { l2: number; l1: number }; seats?: number } = {},
): DeployPlan {
  const cfg = getNetwork(network);
  const problems: string[] = [];
  let net: ResolvedNetwork | undefined;
  try {
    net = resolveNetwork(cfg.name, 'deployer', env, { keys: false });
  } catch (err) {
    if (!(err instanceof MissingConfigError)) throw err;
    problems.push(...err.missing);
  }
  const vars = deployerAddressVars(cfg);
  const deployerOf = (keyVar: string, addrVar: string): Address | undefined => {
    const key = env[keyVar];
    if (key && isKey(key)) return privateKeyToAccount(key as `0x${string}`).address;
    const a = env[addrVar];
    if (!a) return undefined;
    if (!isAddr(a)) {
      problems.push(`${addrVar} (must be a 0x address)`);
      return undefined;
    }
    return getAddress(a);
  };
  let l2Deployer = deployerOf(cfg.env.l2DeployerKey, vars.l2);
  let l1Deployer = deployerOf(cfg.env.l1DeployerKey, vars.l1) ?? l2Deployer;
  if (cfg.isDevnet) {
    l2Deployer ??= ANVIL_ADDRESSES[DEVNET_ROLES.admin]!;
    l1Deployer ??= l2Deployer;
  }
  if (problems.length || !net) throw new MissingConfigError(cfg.name, problems);

  const existing: ExistingContract[] = [];
  if (!cfg.isDevnet) {
    const a = net.metisL1!;
    existing.push(
      { chain: 'L2', name: 'METIS (L2 predeploy)', address: L2_METIS },
      { chain: 'L2', name: 'L2StandardBridge', address: L2_STANDARD_BRIDGE },
      { chain: 'L2', name: 'L2CrossDomainMessenger', address: L2_CROSS_DOMAIN_MESSENGER },
      { chain: 'L2', name: 'OVM_GasPriceOracle', address: OVM_GAS_PRICE_ORACLE },
      { chain: 'L1', name: 'METIS (L1)', address: a.metis, envVar: l1OverrideVar(cfg, 'metis') },
      { chain: 'L1', name: 'LockingPool', address: a.lockingPool, envVar: l1OverrideVar(cfg, 'lockingPool') },
      { chain: 'L1', name: 'LockingInfo', address: a.lockingInfo, envVar: l1OverrideVar(cfg, 'lockingInfo') },
      { chain: 'L1', name: 'L1StandardBridge', address: a.l1Bridge, envVar: l1OverrideVar(cfg, 'l1Bridge') },
      { chain: 'L1', name: 'L1CrossDomainMessenger', address: a.l1Messenger, envVar: l1OverrideVar(cfg, 'l1Messenger') },
    );
  }

  const predict = !cfg.isDevnet && opts.nonces !== undefined;
  const at = (from: Address | undefined, nonce: number): Address | undefined =>
    predict && from ? getContractAddress({ from, nonce: BigInt(nonce) }) : undefined;
  const n2 = opts.nonces?.l2 ?? 0;
  const n1 = opts.nonces?.l1 ?? 0;
  const rel = (k: number) => (cfg.isDevnet ? 'after the models' : `nonce n+${k}`);
  const contracts: PlannedContract[] = [];
  if (cfg.isDevnet) {
    contracts.push(
      {
        chain: 'L1',
        name: "Metis's L1 models",
        how: 'DevMetis, AddressManager, MVM_DiscountOracle, StateCommitmentChain, L1CrossDomainMessenger, L1StandardBridge, LockingInfo, LockingPool',
      },
      {
        chain: 'L2',
        name: "Metis's L2 predeploy models",
        how: `anvil_setCode at ${L2_METIS}, ${L2_STANDARD_BRIDGE}, ${L2_CROSS_DOMAIN_MESSENGER}, ${OVM_GAS_PRICE_ORACLE}`,
      },
    );
  }
  const manager = at(l2Deployer, n2 + L2_NONCES.StakingManager);
  contracts.push({ chain: 'L2', name: 'StakingManager', how: `L2 deployer, ${rel(L2_NONCES.StakingManager)}`, address: manager });
  contracts.push({ chain: 'L2', name: 'eMETIS', how: 'created by the StakingManager (its nonce 1)', address: at(manager, 1) });
  contracts.push({ chain: 'L2', name: 'RewardReceiver', how: 'created by the StakingManager (its nonce 2)', address: at(manager, 2) });
  for (const name of L2_PROTOCOL_CONTRACTS.filter((n) => n !== 'StakingManager')) {
    contracts.push({ chain: 'L2', name, how: `L2 deployer, ${rel(L2_NONCES[name])}`, address: at(l2Deployer, n2 + L2_NONCES[name]) });
  }
  const hub = at(l1Deployer, n1);
  contracts.push({ chain: 'L1', name: 'SequencerHub', how: `L1 deployer, ${cfg.isDevnet ? 'after the models' : 'nonce m+0'}`, address: hub });
  contracts.push({ chain: 'L1', name: 'SequencerAgent (implementation)', how: 'created by the hub (its nonce 1)', address: at(hub, 1) });

  const l2Who = l2Deployer ?? '<the L2 deployer>';
  const l1Who = l1Deployer ?? '<the L1 deployer>';
  const devKeeper = ANVIL_ADDRESSES[DEVNET_ROLES.keeper]!;
  const l2Keeper = net.l2KeeperAddress ?? (cfg.isDevnet ? devKeeper : l2Who);
  const l1Keeper = net.l1KeeperAddress ?? (cfg.isDevnet ? devKeeper : l1Who);
  const guardian = net.guardianAddress ?? (cfg.isDevnet ? devKeeper : l2Who);
  const roles: PlannedRole[] = [
    { chain: 'L2', contract: 'StakingManager', role: 'DEFAULT_ADMIN_ROLE', holder: l2Who },
    { chain: 'L2', contract: 'StakingManager', role: 'KEEPER_ROLE', holder: l2Keeper },
    { chain: 'L2', contract: 'StakingManager', role: 'GUARDIAN_ROLE', holder: guardian },
    { chain: 'L2', contract: 'StakingManager', role: 'PAUSER_ROLE', holder: l2Who },
    { chain: 'L2', contract: 'SeMetis', role: 'DISPATCHER_ROLE', holder: 'the RewardDispatcher' },
    { chain: 'L2', contract: 'RewardDispatcher', role: 'treasury', holder: net.treasury ?? (cfg.isDevnet ? 'the devnet treasury' : l2Who) },
    { chain: 'L1', contract: 'SequencerHub', role: 'DEFAULT_ADMIN_ROLE', holder: l1Who },
    { chain: 'L1', contract: 'SequencerHub', role: 'KEEPER_ROLE', holder: l1Keeper },
  ];

  const hubName = hub ?? 'the SequencerHub';
  const prerequisites = cfg.isDevnet
    ? [
        `none outside the deploy: the devnet admin plays Metis's governance (whitelists), the hub gets 10 ETH, ${opts.seats ?? 3} seats are added and whitelisted`,
      ]
    : [
        `Metis governance: put the hub ${hubName} on MVM_DiscountOracle's cross-domain sender whitelist (setWhitelistedXDomainSender), or its L1->L2 reports and returns revert`,
        `Metis governance: whitelist each seat's agent in LockingPool ${net.metisL1!.lockingPool} (setWhitelist); seats are added after the deploy with the hub's addSeat(signer, pubkey), agent i at ${hub ? getContractAddress({ from: hub, nonce: 2n }) : 'the hub'}${hub ? " (i = 0), then the hub's next nonces" : "'s nonce 2 + i"}`,
        `ETH on the hub for Metis's L1->L2 bridge fees (send it to ${hubName} after the deploy)`,
        `METIS on L2 for the keeper ${l2Keeper}: gas and Metis's L2->L1 bridge fee (OVM_GasPriceOracle.minErc20BridgeCost) on every bridgeToL1`,
        `the L2 deployer ${l2Who}: METIS for gas and the 1 METIS seed deposit; the L1 deployer ${l1Who}: ETH for gas`,
        'the airdrop recipients CSV (--airdrop-csv FILE, account,amount)',
      ];

  return {
    network: cfg,
    l2RpcUrl: net.l2RpcUrl,
    l1RpcUrl: net.l1RpcUrl,
    deployers: { l2: l2Deployer, l1: l1Deployer },
    ...(predict ? { nonces: { l2: n2, l1: n1 } } : {}),
    existing,
    contracts,
    roles,
    prerequisites,
  };
}

/** What the RPCs said. */
export interface Observations {
  l2ChainId: number;
  l1ChainId: number;
  /** Each existing contract the plan names, with whether it has code. */
  code: (ExistingContract & { hasCode: boolean })[];
  /** Whether LockingPool's escrow() is the LockingInfo named (undefined: not checked or no code). */
  escrow?: { ok: boolean; actual?: Address; error?: string };
  nonces?: { l2?: number; l1?: number };
  balances?: { l2?: bigint; l1?: bigint };
}

/** Thrown when an RPC cannot be reached or is another chain than the network's. */
export class ChainCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainCheckError';
  }
}

async function chainIdOf(client: PublicClient, url: string, what: string, envVar: string, expected: number): Promise<number> {
  let id: number;
  try {
    id = await client.getChainId();
  } catch (err) {
    const why = err instanceof BaseError ? err.shortMessage : err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ChainCheckError(`cannot reach the ${what} RPC at ${url} (${envVar}): ${why}`);
  }
  if (id !== expected)
    throw new ChainCheckError(`the ${what} RPC at ${url} (${envVar}) is chain ${id}, expected ${expected}: wrong RPC URL for ${what}?`);
  return id;
}

/** Checks both chain ids (a ChainCheckError on a mismatch or an unreachable RPC), then each named address's code. */
export async function observeChains(plan: DeployPlan, urls: { l2RpcUrl?: string; l1RpcUrl?: string } = {}): Promise<Observations> {
  const cfg = plan.network;
  const l2Url = urls.l2RpcUrl ?? plan.l2RpcUrl;
  const l1Url = urls.l1RpcUrl ?? plan.l1RpcUrl;
  const l2 = createPublicClient({ transport: http(l2Url, { retryCount: 1, timeout: 10_000 }) }) as PublicClient;
  const l1 = createPublicClient({ transport: http(l1Url, { retryCount: 1, timeout: 10_000 }) }) as PublicClient;
  const l2ChainId = await chainIdOf(l2, l2Url, `${cfg.name} (L2)`, cfg.env.l2RpcUrl, cfg.chainId);
  const l1ChainId = await chainIdOf(l1, l1Url, `${cfg.name}'s L1`, cfg.env.l1RpcUrl, cfg.l1ChainId);
  const code = [];
  for (const c of plan.existing) {
    const bytes = await (c.chain === 'L2' ? l2 : l1).getCode({ address: c.address });
    code.push({ ...c, hasCode: Boolean(bytes && bytes !== '0x') });
  }
  const obs: Observations = { l2ChainId, l1ChainId, code };
  const pool = code.find((c) => c.name === 'LockingPool');
  const info = code.find((c) => c.name === 'LockingInfo');
  if (pool?.hasCode && info) {
    try {
      const actual = await l1.readContract({ address: pool.address, abi: lockingPoolAbi, functionName: 'escrow' });
      obs.escrow = { ok: getAddress(actual) === getAddress(info.address), actual };
    } catch (err) {
      obs.escrow = { ok: false, error: err instanceof BaseError ? err.shortMessage : String(err) };
    }
  }
  const { l2: d2, l1: d1 } = plan.deployers;
  obs.nonces = {
    ...(d2 ? { l2: await l2.getTransactionCount({ address: d2 }) } : {}),
    ...(d1 ? { l1: await l1.getTransactionCount({ address: d1 }) } : {}),
  };
  obs.balances = {
    ...(d2 ? { l2: await l2.getBalance({ address: d2 }) } : {}),
    ...(d1 ? { l1: await l1.getBalance({ address: d1 }) } : {}),
  };
  return obs;
}

/** The addresses that lack code, as `name address (chain)`; empty when everything is there. */
export function missingCode(obs: Observations): string[] {
  return obs.code.filter((c) => !c.hasCode).map((c) => `${c.name} ${c.address} (${c.chain}${c.envVar ? `; override with ${c.envVar}` : ''})`);
}

/** True when the chains are ready for the deploy: every named contract has code and the pool's escrow matches. */
export function planReady(obs: Observations): boolean {
  return missingCode(obs).length === 0 && (obs.escrow === undefined || obs.escrow.ok);
}

/** The plan as text (with what the chains said, when observed). */
export function formatPlan(plan: DeployPlan, obs?: Observations, extra: string[] = []): string {
  const cfg = plan.network;
  const out: string[] = [`deploy plan for ${cfg.name} (nothing is sent)`];
  const chainLine = (c: PlanChain) => {
    const id = c === 'L2' ? cfg.chainId : cfg.l1ChainId;
    const url = c === 'L2' ? plan.l2RpcUrl : plan.l1RpcUrl;
    const d = c === 'L2' ? plan.deployers.l2 : plan.deployers.l1;
    const nonce = c === 'L2' ? obs?.nonces?.l2 : obs?.nonces?.l1;
    const bal = c === 'L2' ? obs?.balances?.l2 : obs?.balances?.l1;
    const unit = c === 'L2' ? 'METIS' : 'ETH';
    const who = d
      ? `deployer ${d}${nonce !== undefined ? ` (nonce ${nonce}${bal !== undefined ? `, ${formatEther(bal)} ${unit}` : ''})` : ''}`
      : `deployer not given (set ${deployerAddressVars(cfg)[c === 'L2' ? 'l2' : 'l1']} for predicted addresses)`;
    return `${c === 'L2' ? `L2 ${cfg.name}` : `L1 of ${cfg.name}`}, chain ${id}${obs ? ` (RPC answers ${c === 'L2' ? obs.l2ChainId : obs.l1ChainId})` : ''}, ${url}: ${who}`;
  };
  for (const c of ['L2', 'L1'] as const) {
    out.push(chainLine(c));
    const ex = plan.existing.filter((e) => e.chain === c);
    if (ex.length) out.push("  Metis's contracts used:");
    for (const e of ex) {
      const seen = obs?.code.find((o) => o.chain === c && o.address === e.address && o.name === e.name);
      out.push(`    ${e.name.padEnd(32)} ${e.address}${seen ? (seen.hasCode ? '  has code' : '  NO CODE') : ''}`);
    }
    out.push('  deploys:');
    for (const k of plan.contracts.filter((p) => p.chain === c))
      out.push(`    ${k.name.padEnd(32)} ${k.address ?? '(address after deploy)'}  ${k.how}`);
    out.push('  roles:');
    for (const r of plan.roles.filter((p) => p.chain === c)) out.push(`    ${`${r.contract}.${r.role}`.padEnd(36)} ${r.holder}`);
  }
  if (plan.nonces) out.push('predicted addresses hold if the deployers send nothing else from these nonces until the deploy is done');
  out.push(...extra);
  out.push('prerequisites outside the deploy:');
  for (const p of plan.prerequisites) out.push(`  - ${p}`);
  if (obs) {
    const missing = missingCode(obs);
    if (missing.length) out.push(`NOT READY: no contract at:\n${missing.map((m) => `  ${m}`).join('\n')}`);
    if (obs.escrow && !obs.escrow.ok) {
      const info = plan.existing.find((e) => e.name === 'LockingInfo')!;
      out.push(
        `NOT READY: LockingPool's escrow is ${obs.escrow.actual ?? `unreadable (${obs.escrow.error})`}, not the LockingInfo ${info.address} named`,
      );
    }
    if (planReady(obs))
      out.push(
        `chains checked: both chain ids match${plan.existing.length ? ", each of Metis's contracts has code and LockingPool's escrow is the LockingInfo named" : ''}`,
      );
  }
  return out.join('\n');
}

/**
 * `deploy --plan`: builds the plan from env, checks both chains, rebuilds with the deployers' nonces and prints it.
 * Returns the exit code (1 when a named contract lacks code); throws MissingConfigError (every missing variable)
 * or ChainCheckError (unreachable RPC, wrong chain id) for the caller's one-line error.
 */
export async function planMain(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  print: (text: string) => void = (t) => console.log(t),
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { network: { type: 'string' }, seats: { type: 'string' }, 'airdrop-csv': { type: 'string' } },
    strict: false,
  });
  const network = typeof values.network === 'string' ? values.network : undefined;
  if (!network) throw new Error('--network is required');
  const seats = typeof values.seats === 'string' ? Number(values.seats) : undefined;
  const first = buildDeployPlan(network, env, { seats });
  const obs = await observeChains(first);
  const plan =
    obs.nonces?.l2 !== undefined && obs.nonces.l1 !== undefined
      ? buildDeployPlan(network, env, { seats, nonces: { l2: obs.nonces.l2, l1: obs.nonces.l1 } })
      : first;
  const extra: string[] = [];
  const csv = values['airdrop-csv'];
  if (typeof csv === 'string') {
    if (!fs.existsSync(csv)) throw new Error(`--airdrop-csv: no such file ${csv}`);
    const drop = await buildDemoAirdrop(fs.readFileSync(csv, 'utf8'));
    extra.push(`airdrop: ${drop.count} recipients, ${formatEther(drop.total)} tokens, root ${drop.root}`);
  } else if (plan.network.isDevnet) {
    const drop = await buildDemoAirdrop(undefined);
    extra.push(`airdrop: the devnet's demo list, ${drop.count} recipients, root ${drop.root}`);
  }
  print(formatPlan(plan, obs, extra));
  return planReady(obs) ? 0 : 1;
}
