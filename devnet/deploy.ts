// Deploys the protocol on both chains and writes the manifest: the L2 side on Metis (the manager with its eMETIS
// and RewardReceiver, seMETIS, the dispatcher, the queue, governance, the lens) and the L1 side on Ethereum (the
// SequencerHub), wired to Metis's LockingPool, LockingInfo, bridges and messengers. On the devnet it first
// deploys models of those Metis contracts with their real signatures and rules (the L2 ones at Metis's predeploy
// addresses, copied with anvil_setCode); on real networks it points at Metis's own (METIS_L1 in the bindings,
// overridable by env) and checks each has code before the first transaction.
import fs from 'node:fs';
import path from 'node:path';
import { getAddress, getContractAddress, maxUint256, parseEther, zeroAddress, type Abi, type Address, type Hex } from 'viem';
import {
  L2_CROSS_DOMAIN_MESSENGER,
  L2_METIS,
  L2_STANDARD_BRIDGE,
  OVM_GAS_PRICE_ORACLE,
  HAS_BFT_RESTRICTION,
  type MetisL1Addresses,
} from '@metis-liquid-staking/contracts';
import { DEPLOYMENTS_DIR, writeManifest, type Manifest } from '@metis-liquid-staking/contracts/node';
import { writeShards } from '@metis-liquid-staking/contracts/airdrop-tree';
import { REPO_ROOT } from './anvil.js';
import { artifact } from './artifacts.js';
import { makeClients, read, write, type Clients } from './chain.js';
import {
  ANVIL_ADDRESSES,
  ANVIL_KEYS,
  DEAD_ADDRESS,
  DEMO_ACCOUNT_INDEXES,
  DEVNET_RELAYER,
  DEVNET_RELAYER_KEY,
  DEVNET_PARTNERS,
  DEVNET_ROLES,
  DEVNET_TREASURY,
  seatSigner,
} from './accounts.js';
import { buildDemoAirdrop, proofsToJson, type AirdropProofsJson } from './airdrop.js';
import { L2_PROTOCOL_CONTRACTS } from './deploy-plan.js';
import { getNetwork, type NetworkConfig, type NetworkName } from './networks.js';
import { Relayer } from './relayer.js';

export type { Manifest };

export interface DeployParams {
  /** Seconds per L2 block (the lens's blocksPerYear). Default: the network's. */
  blockTimeSeconds?: number;
  /** Devnet: gross APR the pool's reward per block targets at `targetLocked`. Default 2000 (20%). */
  targetAprBps?: number;
  /** Devnet: network-wide locked METIS at which the reward per block gives `targetAprBps`. Default 100,000. */
  targetLocked?: bigint;
  /** Devnet: explicit reward per block (overrides the APR target). */
  rewardPerBlock?: bigint;
  /** Devnet: L1 METIS the reward payer is funded with. Default 5,000,000. */
  rewardPayerFunding?: bigint;
  /** Devnet: the fraud-proof window of the L2->L1 bridge, in seconds. Default 120 (7 days on Metis). */
  fraudProofWindow?: number;
  /** Devnet: the L1 discount oracle's ETH per L2 gas. Default 1 gwei (mainnet's). */
  discount?: bigint;
  /** Devnet: Metis's L2->L1 bridge fee in METIS. Default 0.1 METIS. */
  l2BridgeFee?: bigint;
  /** Devnet: whether the LockingPool model applies mainnet's BFT rule on unlock. Default true. */
  bftRestriction?: boolean;
  /** Devnet: the hub's smallest reward bridge (the contract's default, 10 METIS, is for mainnet fees). Default 0.1 METIS. */
  minRewardWithdrawal?: bigint;
  /** Devnet: ETH sent to the hub for bridge fees. Default 10 ETH. */
  hubEth?: bigint;
  /** eMETIS deposited into seMETIS for the dead address against share inflation. Default 1 METIS. */
  seedDeposit?: bigint;
  /** Merkle airdrop claim window in seconds. Default 180 days. */
  airdropDuration?: number;
  /** Share of each airdrop claim that vests (bps). Default 5000. */
  airdropVestingBps?: number;
  /** Vesting period of the vested part in seconds. Default 90 days. */
  airdropVestingDuration?: number;
  /** Governance tokens minted to LiquidityMining. Default 9,000,000. */
  incentivesAmount?: bigint;
  /** Rewards notified for the seMETIS mining pool. Default 500,000 over 90 days. */
  miningReward?: bigint;
  miningDuration?: number;
}

/** A chain to deploy on: its RPC and the deployer (a local key, or an address the node has unlocked). */
export interface ChainTarget {
  rpcUrl: string;
  key?: Hex;
  address?: Address;
}

export interface DeployOptions {
  network: NetworkName | NetworkConfig;
  l2: ChainTarget;
  l1: ChainTarget;
  /** Real networks: Metis's L1 contracts (the network's, with env overrides). */
  metisL1?: MetisL1Addresses;
  log?: (msg: string) => void;
  /** Node seats to add (signers derived deterministically on the devnet). Default 3 on the devnet, else 0. */
  seats?: number;
  params?: DeployParams;
  treasury?: Address;
  /** KEEPER_ROLE on the manager (L2) and on the hub (L1), GUARDIAN_ROLE on the manager. Default: the deployers. */
  l2Keeper?: Address;
  l1Keeper?: Address;
  guardian?: Address;
  /** Directory for `<l2ChainId>.json`; default contracts/deployments; `null` = do not write. */
  manifestDir?: string | null;
  /** Where to write the airdrop proofs JSON; default .devnet/airdrop/proofs.json on the devnet; `null` = do not write. */
  proofsFile?: string | null;
  /** `airdrop.proofsUrl` in the manifest. Default "/airdrop/proofs.json" on the devnet. */
  proofsUrl?: string;
  /**
   * Where to write the airdrop shard files (one per address prefix, plus index.json); default `shards/` next to
   * the devnet's proofs file; `null` = do not write. Elsewhere only when given (or run `npm run airdrop:build --
   * list.csv --shards dir`: the same CSV gives the same root).
   */
  shardsDir?: string | null;
  /** `airdrop.shards.url` in the manifest (base URL of the shard files). Default "/airdrop/shards/" on the devnet. */
  shardsUrl?: string;
  /** Contract size limit checked before any transaction. Default EIP-170's 24,576 bytes (tests lower it). */
  sizeLimit?: number;
  /** Airdrop recipients CSV text (`account,amount`, whole tokens). Required on real networks. */
  airdropCsv?: string;
  /** Partner sites registered in the PartnerRegistry (origin, referral, name). Default: the devnet's demo partner on the devnet, none elsewhere. */
  partners?: readonly { origin: string; referral: Address; name: string }[];
}

export interface DeployResult {
  manifest: Manifest;
  proofs: AirdropProofsJson;
  manifestFile?: string;
  proofsFile?: string;
  shardsDir?: string;
}

export const DEFAULT_MANIFEST_DIR = DEPLOYMENTS_DIR;
export const DEVNET_DIR = path.join(REPO_ROOT, '.devnet');
export const DEFAULT_PROOFS_FILE = path.join(DEVNET_DIR, 'airdrop', 'proofs.json');

const DAY = 86_400;
const YEAR = 365 * DAY;
/** EIP-170 maximum runtime code size (Metis and Ethereum both enforce it). */
export const EIP170_LIMIT = 24_576;
/** L1 METIS deposited to L2 at devnet genesis through the bridge, so L2 withdrawals are backed on L1. */
const DEVNET_GENESIS_DEPOSIT = parseEther('10000000');
const L1_PROTOCOL = ['SequencerHub'];
const L1_MODELS = [
  'DevMetis',
  'AddressManagerModel',
  'DiscountOracleModel',
  'StateCommitmentChainModel',
  'L1CrossDomainMessengerModel',
  'L1StandardBridgeModel',
  'LockingInfoModel',
  'LockingPoolModel',
];
const L2_MODELS = ['L2MetisModel', 'L2CrossDomainMessengerModel', 'GasPriceOracleModel', 'L2StandardBridgeModel'];

/** Reward per block that pays `aprBps` on `locked` METIS when every block of the year is rewarded. */
export function rewardPerBlockFor(aprBps: number, locked: bigint, blockTimeSeconds: number): bigint {
  const blocksPerYear = BigInt(Math.floor(YEAR / blockTimeSeconds));
  return (locked * BigInt(aprBps)) / 10_000n / blocksPerYear;
}

const abi = (name: string): Abi => artifact(name).abi;

async function connect(target: ChainTarget, expectedChainId: number, what: string): Promise<Clients> {
  let c: Clients;
  try {
    c = await makeClients({ rpcUrl: target.rpcUrl, key: target.key, address: target.address });
  } catch (err) {
    const why = err instanceof Error ? ((err as { shortMessage?: string }).shortMessage ?? err.message) : String(err);
    throw new Error(`cannot reach the ${what} RPC at ${target.rpcUrl}: ${why}`, { cause: err });
  }
  if (c.chain.id !== expectedChainId) {
    throw new Error(`the ${what} RPC ${target.rpcUrl} is chain ${c.chain.id}, expected ${expectedChainId}`);
  }
  return c;
}

/** Refuses, before any transaction, an artifact that is missing or above the size limit. */
function checkArtifacts(names: string[], sizeLimit: number, where: string): void {
  for (const name of names) {
    const size = artifact(name).runtimeSize;
    if (size > sizeLimit) {
      throw new Error(`${name}'s runtime bytecode is ${size} bytes, above the ${sizeLimit}-byte limit (EIP-170): ${where} would refuse it`);
    }
  }
}

/** Throws, listing every one, when a named address has no code on its chain. */
export async function checkCode(checks: { chain: Clients; what: string; address: Address }[]): Promise<void> {
  const missing: string[] = [];
  for (const { chain, what, address } of checks) {
    const code = await chain.publicClient.getCode({ address });
    if (!code || code === '0x') missing.push(`${what} ${address} (chain ${chain.chain.id})`);
  }
  if (missing.length) throw new Error(`no contract at:\n${missing.map((m) => `  ${m}`).join('\n')}`);
}

/** Deploys and returns the manifest. */
export async function deployProtocol(opts: DeployOptions): Promise<Manifest> {
  return (await deployProtocolFull(opts)).manifest;
}

/** Deploys both sides and returns the manifest together with the airdrop proofs. */
export async function deployProtocolFull(opts: DeployOptions): Promise<DeployResult> {
  const net = typeof opts.network === 'string' ? getNetwork(opts.network) : opts.network;
  const log = opts.log ?? (() => {});
  const p = opts.params ?? {};
  const t0 = Date.now();
  const step = (msg: string) => log(`[deploy +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

  // Everything that can be checked offline is checked before the first transaction.
  if (!net.isDevnet && opts.airdropCsv === undefined) {
    throw new Error(`${net.name}: the airdrop recipients CSV is required (the demo list is for the devnet only)`);
  }
  if (!net.isDevnet && !opts.metisL1) throw new Error(`${net.name}: Metis's L1 addresses are required`);
  // seat signers are derived from public strings (seatSigner): fine on the devnet, anyone's keys elsewhere
  if (!net.isDevnet && (opts.seats ?? 0) > 0) {
    throw new Error(`${net.name}: seats are added after the deploy with the hub's addSeat(signer, pubkey), not derived`);
  }
  const drop = await buildDemoAirdrop(opts.airdropCsv);
  const sizeLimit = opts.sizeLimit ?? EIP170_LIMIT;
  checkArtifacts([...(net.isDevnet ? L2_MODELS : []), ...L2_PROTOCOL_CONTRACTS], sizeLimit, net.name);
  checkArtifacts([...(net.isDevnet ? L1_MODELS : []), ...L1_PROTOCOL], sizeLimit, `${net.name}'s L1`);
  const l2 = await connect(opts.l2, net.chainId, net.name);
  const l1 = await connect(opts.l1, net.l1ChainId, `${net.name}'s L1`);
  const admin = l2.address;
  const l1Admin = l1.address;
  const startBlock = Number(await l2.publicClient.getBlockNumber({ cacheTime: 0 }));
  const l1StartBlock = Number(await l1.publicClient.getBlockNumber({ cacheTime: 0 }));
  step(
    `deployer ${admin} on ${net.name} (chain ${net.chainId}, block ${startBlock}); ${l1Admin} on L1 (chain ${net.l1ChainId}, block ${l1StartBlock})`,
  );

  const deployOn = async (c: Clients, name: string, args: unknown[], label = name): Promise<Address> => {
    const a = artifact(name);
    const hash = await c.wallet.deployContract({ abi: a.abi, bytecode: a.bytecode, args, account: c.account, chain: c.chain } as never);
    const r = await c.publicClient.waitForTransactionReceipt({ hash });
    if (r.status !== 'success' || !r.contractAddress) throw new Error(`deploying ${name} failed (tx ${hash})`);
    const address = getAddress(r.contractAddress);
    step(`${label} at ${address} (chain ${c.chain.id})`);
    return address;
  };

  const treasury = opts.treasury ?? (net.isDevnet ? DEVNET_TREASURY : admin);
  const l2Keeper = opts.l2Keeper ?? (net.isDevnet ? ANVIL_ADDRESSES[DEVNET_ROLES.keeper]! : admin);
  const l1Keeper = opts.l1Keeper ?? (net.isDevnet ? ANVIL_ADDRESSES[DEVNET_ROLES.keeper]! : l1Admin);
  const guardian = opts.guardian ?? (net.isDevnet ? ANVIL_ADDRESSES[DEVNET_ROLES.keeper]! : admin);
  const blockTime = p.blockTimeSeconds ?? net.blockTimeSeconds;

  // ------------------------------------------------------------------ Metis's contracts
  let metisL1: MetisL1Addresses;
  let l1Network: NonNullable<Manifest['l1']>['network'];
  if (net.isDevnet) {
    const r = await deployDevnetMetis({ l1, l2, net, params: p, deployOn, step });
    metisL1 = r.metisL1;
    l1Network = r.network;
  } else {
    metisL1 = opts.metisL1!;
    await checkCode([
      { chain: l2, what: 'METIS (L2)', address: L2_METIS },
      { chain: l2, what: 'L2StandardBridge', address: L2_STANDARD_BRIDGE },
      { chain: l2, what: 'L2CrossDomainMessenger', address: L2_CROSS_DOMAIN_MESSENGER },
      { chain: l1, what: 'METIS (L1)', address: metisL1.metis },
      { chain: l1, what: 'LockingPool', address: metisL1.lockingPool },
      { chain: l1, what: 'LockingInfo', address: metisL1.lockingInfo },
      { chain: l1, what: 'L1StandardBridge', address: metisL1.l1Bridge },
      { chain: l1, what: 'L1CrossDomainMessenger', address: metisL1.l1Messenger },
    ]);
    const escrow = await read<Address>(l1, metisL1.lockingPool, abi('LockingPoolModel'), 'escrow');
    if (getAddress(escrow) !== getAddress(metisL1.lockingInfo)) {
      throw new Error(`LockingPool ${metisL1.lockingPool}'s escrow is ${escrow}, not the LockingInfo ${metisL1.lockingInfo} named`);
    }
  }

  // ------------------------------------------------------------------ the protocol on L2
  const managerAbi = abi('StakingManager');
  const manager = await deployOn(l2, 'StakingManager', [L2_METIS, L2_STANDARD_BRIDGE, L2_CROSS_DOMAIN_MESSENGER, admin]);
  const eMetis = await read<Address>(l2, manager, managerAbi, 'eMetis');
  const rewardReceiver = await read<Address>(l2, manager, managerAbi, 'rewardReceiver');
  step(`eMETIS ${eMetis} and RewardReceiver ${rewardReceiver} (deployed by the manager)`);
  const seMetis = await deployOn(l2, 'SeMetis', [eMetis, manager, admin]);
  const dispatcher = await deployOn(l2, 'RewardDispatcher', [eMetis, seMetis, treasury, admin]);
  const queue = await deployOn(l2, 'RedemptionQueue', [eMetis, L2_METIS, manager, admin]);

  // ------------------------------------------------------------------ the protocol on L1
  const hubAbi = abi('SequencerHub');
  const hub = await deployOn(l1, 'SequencerHub', [
    metisL1.metis,
    metisL1.lockingPool,
    metisL1.l1Bridge,
    metisL1.l1Messenger,
    BigInt(net.chainId),
    manager,
    rewardReceiver,
    l1Admin,
  ]);
  await grant(l1, hub, hubAbi, 'KEEPER_ROLE', l1Keeper, 'hub');
  if (net.isDevnet) {
    const eth = p.hubEth ?? parseEther('10');
    const hash = await l1.wallet.sendTransaction({ to: hub, value: eth, account: l1.account, chain: l1.chain } as never);
    await l1.publicClient.waitForTransactionReceipt({ hash });
    // Metis's governance puts the hub on the cross-domain sender whitelist (the devnet admin plays it)
    await write(
      l1,
      l1Network!.discountOracle,
      abi('DiscountOracleModel'),
      'setWhitelistedXDomainSender',
      [hub, true],
      'whitelist the hub as a cross-domain sender',
    );
    await write(l1, hub, hubAbi, 'setMinRewardWithdrawal', [p.minRewardWithdrawal ?? parseEther('0.1')]);
    step(`hub funded with ${eth / 10n ** 18n} ETH for bridge fees; on Metis's cross-domain sender whitelist`);
  }

  // ------------------------------------------------------------------ wiring and roles on L2
  await write(l2, manager, managerAbi, 'initialize', [seMetis, dispatcher, queue, hub], 'manager.initialize');
  await grant(l2, manager, managerAbi, 'KEEPER_ROLE', l2Keeper, 'manager');
  await grant(l2, manager, managerAbi, 'PAUSER_ROLE', admin, 'manager');
  await grant(l2, manager, managerAbi, 'GUARDIAN_ROLE', guardian, 'manager');
  await grant(l2, seMetis, abi('SeMetis'), 'DISPATCHER_ROLE', dispatcher, 'seMETIS');
  step(`roles: keeper ${l2Keeper} (L2) / ${l1Keeper} (L1), guardian ${guardian}, pauser ${admin}; treasury ${treasury}`);

  // Seed deposit against share inflation: native METIS staked and restaked for a dead address.
  const minStake = await read<bigint>(l2, manager, managerAbi, 'minStake');
  let seed = p.seedDeposit ?? parseEther('1');
  if (seed < minStake) seed = minStake;
  await write(l2, manager, managerAbi, 'stakeAndRestake', [DEAD_ADDRESS, zeroAddress], 'seed deposit', seed);
  step(`seed deposit ${seed} wei staked and restaked for ${DEAD_ADDRESS}`);

  // ------------------------------------------------------------------ node seats on L1
  const seats = opts.seats ?? (net.isDevnet ? 3 : 0);
  for (let i = 0; i < seats; i++) {
    const { signer, pubkey } = seatSigner(i);
    await write(l1, hub, hubAbi, 'addSeat', [signer, pubkey], `addSeat(${i})`);
    const n = await read<bigint>(l1, hub, hubAbi, 'seatCount');
    const [agent] = await read<readonly [Address, Address, bigint, bigint, number]>(l1, hub, hubAbi, 'seat', [n - 1n]);
    if (net.isDevnet) await write(l1, metisL1.lockingPool, abi('LockingPoolModel'), 'setWhitelist', [agent, true], `whitelist agent ${i}`);
    step(`seat ${Number(n - 1n)}: signer ${signer}, agent ${agent}${net.isDevnet ? ' (whitelisted)' : ' (ask Metis governance to whitelist it)'}`);
  }

  // ------------------------------------------------------------------ governance: airdrop, mining, token
  step(`airdrop: ${drop.count} recipients, ${drop.total / 10n ** 18n} tokens, root ${drop.root}`);
  const nonce = await l2.publicClient.getTransactionCount({ address: admin, blockTag: 'pending' });
  // airdrop at nonce n, mining at n+1, token at n+2: the token's address is known before it exists.
  const predictedToken = getContractAddress({ from: admin, nonce: BigInt(nonce + 2) });
  const head = await l2.publicClient.getBlock();
  const deadline = head.timestamp + BigInt(p.airdropDuration ?? 180 * DAY);
  const airdrop = await deployOn(l2, 'MerkleAirdrop', [
    predictedToken,
    drop.root,
    deadline,
    treasury,
    admin,
    p.airdropVestingBps ?? 5000,
    BigInt(p.airdropVestingDuration ?? 90 * DAY),
  ]);
  const mining = await deployOn(l2, 'LiquidityMining', [predictedToken, admin]);
  const incentives = p.incentivesAmount ?? parseEther('9000000');
  const token = await deployOn(l2, 'GovernanceToken', [airdrop, mining, treasury, incentives]);
  if (token !== getAddress(predictedToken)) {
    throw new Error(`GovernanceToken landed at ${token}, expected ${predictedToken} (another transaction used a nonce)`);
  }
  await write(l2, mining, abi('LiquidityMining'), 'addPool', [seMetis], 'mining.addPool(seMETIS)');
  const miningReward = p.miningReward ?? parseEther('500000');
  await write(
    l2,
    mining,
    abi('LiquidityMining'),
    'notifyRewardAmount',
    [seMetis, miningReward, BigInt(p.miningDuration ?? 90 * DAY)],
    'mining.notifyRewardAmount',
  );
  step(`liquidity mining: seMETIS pool, ${miningReward / 10n ** 18n} tokens over ${(p.miningDuration ?? 90 * DAY) / DAY} days`);

  const blocksPerYear = BigInt(Math.floor(YEAR / blockTime));
  const lens = await deployOn(l2, 'StakingLens', [
    manager,
    mining,
    airdrop,
    token,
    blocksPerYear,
    BigInt(net.returnDelaySeconds),
    BigInt(net.fastPathDelaySeconds),
  ]);

  const partnerRegistry = await deployOn(l2, 'PartnerRegistry', [admin]);
  for (const pt of opts.partners ?? (net.isDevnet ? DEVNET_PARTNERS : [])) {
    await write(l2, partnerRegistry, abi('PartnerRegistry'), 'registerPartner', [pt.origin, pt.referral, pt.name], `partners.register(${pt.origin})`);
  }

  const proofsUrl = opts.proofsUrl ?? (net.isDevnet ? '/airdrop/proofs.json' : undefined);
  const shardsUrl = opts.shardsUrl ?? (net.isDevnet ? '/airdrop/shards/' : undefined);
  const manifest: Manifest = {
    chainId: net.chainId,
    name: net.name,
    ...(net.isDevnet ? { rpcUrl: opts.l2.rpcUrl } : net.rpcUrl ? { rpcUrl: net.rpcUrl } : {}),
    ...(net.explorer ? { explorer: net.explorer } : {}),
    startBlock,
    contracts: {
      metis: L2_METIS,
      stakingManager: manager,
      rewardReceiver,
      eMetis,
      seMetis,
      rewardDispatcher: dispatcher,
      redemptionQueue: queue,
      governanceToken: token,
      airdrop,
      liquidityMining: mining,
      lens,
      partnerRegistry,
      l2Bridge: L2_STANDARD_BRIDGE,
      l2Messenger: L2_CROSS_DOMAIN_MESSENGER,
    },
    l1: {
      chainId: net.l1ChainId,
      ...(net.isDevnet ? { rpcUrl: opts.l1.rpcUrl } : {}),
      ...(net.l1Explorer ? { explorer: net.l1Explorer } : {}),
      startBlock: l1StartBlock,
      contracts: {
        metis: metisL1.metis,
        lockingPool: metisL1.lockingPool,
        lockingInfo: metisL1.lockingInfo,
        l1Bridge: metisL1.l1Bridge,
        l1Messenger: metisL1.l1Messenger,
        hub,
      },
      ...(l1Network ? { network: l1Network } : {}),
    },
    airdrop: {
      root: drop.root,
      ...(proofsUrl ? { proofsUrl } : {}),
      ...(shardsUrl ? { shards: { url: shardsUrl, prefixLength: drop.sharded.prefixLength } } : {}),
    },
  };
  const proofs = proofsToJson(drop);

  const result: DeployResult = { manifest, proofs };
  const manifestDir = opts.manifestDir === undefined ? DEFAULT_MANIFEST_DIR : opts.manifestDir;
  if (manifestDir) {
    fs.mkdirSync(manifestDir, { recursive: true });
    result.manifestFile = writeManifest(manifest, manifestDir);
    step(`manifest written to ${path.relative(REPO_ROOT, result.manifestFile)}`);
  }
  const proofsFile = opts.proofsFile === undefined ? (net.isDevnet ? DEFAULT_PROOFS_FILE : null) : opts.proofsFile;
  if (proofsFile) {
    fs.mkdirSync(path.dirname(proofsFile), { recursive: true });
    fs.writeFileSync(proofsFile, `${JSON.stringify(proofs, null, 2)}\n`);
    result.proofsFile = proofsFile;
    step(`airdrop proofs written to ${path.relative(REPO_ROOT, proofsFile)}`);
  }
  const shardsDir =
    opts.shardsDir === undefined ? (net.isDevnet && proofsFile ? path.join(path.dirname(proofsFile), 'shards') : null) : opts.shardsDir;
  if (shardsDir) {
    const w = writeShards(drop.sharded, shardsDir);
    result.shardsDir = w.dir;
    step(`airdrop shards (prefix length ${drop.sharded.prefixLength}, ${w.files} files) written to ${path.relative(REPO_ROOT, w.dir)}`);
  }
  if (!net.isDevnet) {
    step(
      `before the protocol works on ${net.name}, Metis must: whitelist each seat's agent in LockingPool; put the hub ${hub} on ` +
        `the cross-domain sender whitelist (MVM_DiscountOracle.xDomainWL). The operator must send the hub ETH for bridge fees.`,
    );
  }
  step(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return result;
}

async function grant(c: Clients, contract: Address, contractAbi: Abi, roleFn: string, who: Address, what: string): Promise<void> {
  const role = await read<Hex>(c, contract, contractAbi, roleFn);
  const has = await read<boolean>(c, contract, contractAbi, 'hasRole', [role, who]);
  if (!has) await write(c, contract, contractAbi, 'grantRole', [role, who], `${what}.grantRole(${roleFn})`);
}

/**
 * The devnet's Metis: models with Metis's signatures and rules. On L1: METIS (with a faucet), the address
 * manager, the discount oracle, the state commitment chain, the L1 messenger and bridge, LockingInfo and
 * LockingPool. On L2, at Metis's predeploy addresses: METIS's ERC-20 face (with a native reserve to pay out
 * bridge mints), the L2 messenger, the gas price oracle and the L2 bridge. Then a genesis deposit through the
 * bridge backs L2 withdrawals with L1 METIS. The devnet admin plays Metis's governance; the relayer's key is
 * Metis's proposer.
 */
async function deployDevnetMetis(ctx: {
  l1: Clients;
  l2: Clients;
  net: NetworkConfig;
  params: DeployParams;
  deployOn: (c: Clients, name: string, args: unknown[], label?: string) => Promise<Address>;
  step: (msg: string) => void;
}): Promise<{ metisL1: MetisL1Addresses; network: NonNullable<NonNullable<Manifest['l1']>['network']> }> {
  const { l1, l2, net, params: p, deployOn, step } = ctx;
  const admin = l1.address;
  const l2Chain = BigInt(net.chainId);
  const payer = ANVIL_ADDRESSES[DEVNET_ROLES.rewardPayer]!;
  const mpc = ANVIL_ADDRESSES[DEVNET_ROLES.mpc]!;

  // L1 models
  const metis = await deployOn(l1, 'DevMetis', [admin], 'L1 METIS (model)');
  const addressManager = await deployOn(l1, 'AddressManagerModel', [], 'AddressManager (model)');
  await write(l1, addressManager, abi('AddressManagerModel'), 'initialize', [admin]);
  const discountOracle = await deployOn(l1, 'DiscountOracleModel', [], 'MVM_DiscountOracle (model)');
  await write(l1, discountOracle, abi('DiscountOracleModel'), 'initialize', [addressManager, p.discount ?? 1_000_000_000n]);
  const scc = await deployOn(l1, 'StateCommitmentChainModel', [], 'StateCommitmentChain (model)');
  const window = BigInt(p.fraudProofWindow ?? 120);
  await write(l1, scc, abi('StateCommitmentChainModel'), 'initialize', [addressManager, window, l2Chain]);
  const l1Messenger = await deployOn(l1, 'L1CrossDomainMessengerModel', [], 'L1CrossDomainMessenger (model)');
  await write(l1, l1Messenger, abi('L1CrossDomainMessengerModel'), 'initialize', [addressManager]);
  const l1Bridge = await deployOn(l1, 'L1StandardBridgeModel', [], 'L1StandardBridge (model)');
  await write(l1, l1Bridge, abi('L1StandardBridgeModel'), 'initialize', [l1Messenger, L2_STANDARD_BRIDGE, metis, addressManager]);
  const lockingInfo = await deployOn(l1, 'LockingInfoModel', [], 'LockingInfo (model)');
  await write(l1, lockingInfo, abi('LockingInfoModel'), 'initialize', [l1Bridge, metis, L2_METIS, l2Chain, admin]);
  const lockingPool = await deployOn(l1, 'LockingPoolModel', [], 'LockingPool (model)');
  const bft = p.bftRestriction ?? HAS_BFT_RESTRICTION[1088] ?? true;
  await write(l1, lockingPool, abi('LockingPoolModel'), 'initialize', [lockingInfo, admin, bft]);

  const am = abi('AddressManagerModel');
  for (const [name, address] of [
    ['MVM_DiscountOracle', discountOracle],
    ['StateCommitmentChain', scc],
    ['GCD_MANAGER', admin],
    [`${net.chainId}_MVM_Sequencer`, admin],
    [`${net.chainId}_MVM_Proposer`, DEVNET_RELAYER],
  ] as const) {
    await write(l1, addressManager, am, 'setAddress', [name, address], `AddressManager.setAddress(${name})`);
  }
  await write(l1, discountOracle, abi('DiscountOracleModel'), 'setWhitelistedXDomainSender', [l1Bridge, true], 'whitelist the L1 bridge');
  await write(l1, lockingInfo, abi('LockingInfoModel'), 'initManager', [lockingPool]);
  await write(l1, lockingInfo, abi('LockingInfoModel'), 'setRewardPayer', [payer]);
  await write(l1, lockingPool, abi('LockingPoolModel'), 'updateMpc', [mpc]);
  const blockTime = p.blockTimeSeconds ?? net.blockTimeSeconds;
  const rpb = p.rewardPerBlock ?? rewardPerBlockFor(p.targetAprBps ?? 2000, p.targetLocked ?? parseEther('100000'), blockTime);
  await write(l1, lockingPool, abi('LockingPoolModel'), 'updateBlockReward', [rpb]);
  const funding = p.rewardPayerFunding ?? parseEther('5000000');
  await write(l1, metis, abi('DevMetis'), 'mint', [payer, funding], 'fund the reward payer');
  const payerClients = await makeClients({ rpcUrl: l1RpcOf(l1), key: ANVIL_KEYS[DEVNET_ROLES.rewardPayer], chainId: l1.chain.id });
  await write(payerClients, metis, abi('DevMetis'), 'approve', [lockingInfo, maxUint256], 'reward payer approves LockingInfo');
  await l1.publicClient.request({ method: 'anvil_setBalance' as never, params: [DEVNET_RELAYER, '0x3635C9ADC5DEA00000'] as never }); // 1,000 ETH
  step(
    `Metis L1 models: reward per block ${rpb} wei (${blockTime}s blocks), fraud window ${window}s, BFT rule ${bft ? 'on' : 'off'}, relayer ${DEVNET_RELAYER}`,
  );

  // L2 models at Metis's predeploy addresses: deploy a template, copy its runtime code, initialize the copy
  const predeploy = async (name: string, at: Address, label: string): Promise<void> => {
    const template = await deployOn(l2, name, [], `${label} template`);
    const code = await l2.publicClient.getCode({ address: template });
    await l2.publicClient.request({ method: 'anvil_setCode' as never, params: [at, code] as never });
    step(`${label} (model) at ${at}`);
  };
  await predeploy('L2MetisModel', L2_METIS, 'METIS');
  await predeploy('L2CrossDomainMessengerModel', L2_CROSS_DOMAIN_MESSENGER, 'L2CrossDomainMessenger');
  await predeploy('GasPriceOracleModel', OVM_GAS_PRICE_ORACLE, 'OVM_GasPriceOracle');
  await predeploy('L2StandardBridgeModel', L2_STANDARD_BRIDGE, 'L2StandardBridge');
  await write(l2, L2_METIS, abi('L2MetisModel'), 'initialize', [L2_STANDARD_BRIDGE]);
  // the face's reserve pays bridge mints and face credits natively (anvil cannot move native balances)
  await l2.publicClient.request({ method: 'anvil_setBalance' as never, params: [L2_METIS, '0x52B7D2DCC80CD2E4000000'] as never }); // 100M
  await write(l2, L2_CROSS_DOMAIN_MESSENGER, abi('L2CrossDomainMessengerModel'), 'initialize', [l1Messenger, admin, L2_STANDARD_BRIDGE]);
  await write(l2, OVM_GAS_PRICE_ORACLE, abi('GasPriceOracleModel'), 'initialize', [admin, p.l2BridgeFee ?? parseEther('0.1')]);
  await write(l2, L2_STANDARD_BRIDGE, abi('L2StandardBridgeModel'), 'initialize', [
    L2_CROSS_DOMAIN_MESSENGER,
    l1Bridge,
    L2_METIS,
    OVM_GAS_PRICE_ORACLE,
  ]);

  // genesis: L1 METIS deposited to L2 through the bridge, so every METIS the protocol withdraws is backed on L1
  await write(l1, metis, abi('DevMetis'), 'mint', [admin, DEVNET_GENESIS_DEPOSIT], 'mint the genesis deposit');
  await write(l1, metis, abi('DevMetis'), 'approve', [l1Bridge, DEVNET_GENESIS_DEPOSIT]);
  const fee = 200_000n * (p.discount ?? 1_000_000_000n);
  await write(
    l1,
    l1Bridge,
    abi('L1StandardBridgeModel'),
    'depositERC20ToByChainId',
    [l2Chain, metis, L2_METIS, l2.address, DEVNET_GENESIS_DEPOSIT, 200_000, '0x'],
    'genesis deposit to L2',
    fee,
  );
  const relayer = new Relayer({
    l1RpcUrl: l1RpcOf(l1),
    l2RpcUrl: l1RpcOf(l2),
    l1ChainId: l1.chain.id,
    l2ChainId: net.chainId,
    l1Messenger,
    scc,
    l1StartBlock: 0n,
    l2StartBlock: 0n,
    proposerKey: DEVNET_RELAYER_KEY,
    relayerKey: DEVNET_RELAYER_KEY,
    confirmations: 0,
    log: () => {},
  });
  const relayed = await relayer.tick();
  if (!relayed.some((r) => r.direction === 'L1->L2' && r.ok)) throw new Error('the genesis deposit did not reach L2');
  step(`genesis: ${DEVNET_GENESIS_DEPOSIT / 10n ** 18n} L1 METIS deposited to L2 through the bridge`);

  return {
    metisL1: { chainId: l1.chain.id, metis, lockingPool, lockingInfo, l1Bridge, l1Messenger },
    network: { stateCommitmentChain: scc, addressManager, discountOracle },
  };
}

function l1RpcOf(c: Clients): string {
  return c.chain.rpcUrls.default.http[0]!;
}

/**
 * Devnet demo balances: sets each demo account's native METIS on L2 to `amount` (default 100,000). On the devnet
 * the L2's native coin plays METIS, as on Metis.
 */
export async function seedDemoBalances(opts: {
  rpcUrl: string;
  amount?: bigint;
  accounts?: readonly Address[];
  log?: (msg: string) => void;
}): Promise<void> {
  const c: Clients = await makeClients({ rpcUrl: opts.rpcUrl, address: ANVIL_ADDRESSES[0]! });
  const amount = opts.amount ?? parseEther('100000');
  const accounts = opts.accounts ?? DEMO_ACCOUNT_INDEXES.map((i) => ANVIL_ADDRESSES[i]!);
  for (const a of accounts) {
    await c.publicClient.request({ method: 'anvil_setBalance' as never, params: [a, `0x${amount.toString(16)}`] as never });
  }
  opts.log?.(`[seed] ${amount / 10n ** 18n} METIS (native) on L2 for ${accounts.length} demo accounts`);
}

/** True when every contract of `manifest` has code on both chains (a restarted devnet). */
export async function isDeployed(l2RpcUrl: string, l1RpcUrl: string, manifest: Manifest): Promise<boolean> {
  try {
    const l2 = await makeClients({ rpcUrl: l2RpcUrl, address: ANVIL_ADDRESSES[0]!, retryCount: 0 });
    const l1 = await makeClients({ rpcUrl: l1RpcUrl, address: ANVIL_ADDRESSES[0]!, retryCount: 0 });
    if (l2.chain.id !== manifest.chainId || !manifest.l1 || l1.chain.id !== manifest.l1.chainId) return false;
    const checks = [
      ...Object.values(manifest.contracts).map((a) => ({ c: l2, a })),
      ...Object.values(manifest.l1.contracts).map((a) => ({ c: l1, a })),
    ];
    for (const { c, a } of checks) {
      const code = await c.publicClient.getCode({ address: a });
      if (!code || code === '0x') return false;
    }
    return true;
  } catch {
    return false;
  }
}
