// Deploys the protocol (and, on the devnet, the Metis network model) and writes the manifest.
import fs from 'node:fs';
import path from 'node:path';
import { getAddress, getContractAddress, maxUint256, parseEther, type Address, type Hex } from 'viem';
import { REPO_ROOT } from './anvil.js';
import { artifact } from './artifacts.js';
import { makeClients, read, write, type Clients } from './chain.js';
import { ANVIL_ADDRESSES, ANVIL_KEYS, DEAD_ADDRESS, DEMO_ACCOUNT_INDEXES, DEVNET_ROLES, DEVNET_TREASURY, seatSigner } from './accounts.js';
import { buildDemoAirdrop, proofsToJson, type AirdropProofsJson } from './airdrop.js';
import { L2_METIS, getNetwork, type NetworkConfig, type NetworkName } from './networks.js';

import { DEPLOYMENTS_DIR, writeManifest, type Manifest } from '@metis-liquid-staking/contracts/node';

export type { Manifest };

export interface DeployParams {
  /** Seconds per L2 block (sets the lens's blocksPerYear). Default: the network's. */
  blockTimeSeconds?: number;
  /** Devnet: gross APR the pool's reward per block targets at `targetLocked`. Default 2000 (20%). */
  targetAprBps?: number;
  /** Devnet: total locked METIS at which the reward per block gives `targetAprBps`. Default 100,000 METIS. */
  targetLocked?: bigint;
  /** Devnet: explicit reward per block (overrides the APR target). */
  rewardPerBlock?: bigint;
  /** Devnet: METIS the reward payer is funded with. Default 5,000,000. */
  rewardPayerFunding?: bigint;
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

export interface DeployOptions {
  rpcUrl: string;
  /** Private key of the deployer (local signing). */
  deployerKey?: Hex;
  /** Or an address the node has unlocked (anvil). */
  deployerAddress?: Address;
  network: NetworkName | NetworkConfig;
  log?: (msg: string) => void;
  /** Number of node seats to add (signers derived deterministically on the devnet). Default 3 on devnet. */
  seats?: number;
  params?: DeployParams;
  /** Real networks: Metis's LockingPool. Refused on the devnet model unless `allowExternalPool`. */
  lockingPool?: Address;
  treasury?: Address;
  keeper?: Address;
  /** Directory for `<chainId>.json`; default contracts/deployments; `null` = do not write. */
  manifestDir?: string | null;
  /** Where to write the airdrop proofs JSON; default .devnet/airdrop/proofs.json on devnet; `null` = do not write. */
  proofsFile?: string | null;
  /** `airdrop.proofsUrl` in the manifest. Default "/airdrop/proofs.json" on the devnet. */
  proofsUrl?: string;
  /** Contract size limit checked before any transaction. Default EIP-170's 24,576 bytes (tests lower it). */
  sizeLimit?: number;
  /**
   * Airdrop recipients CSV text (`account,amount`, whole tokens). Required on real networks; the devnet
   * defaults to the demo list (anvil accounts 0..5).
   */
  airdropCsv?: string;
}

export interface DeployResult {
  manifest: Manifest;
  proofs: AirdropProofsJson;
  manifestFile?: string;
  proofsFile?: string;
}

export const DEFAULT_MANIFEST_DIR = DEPLOYMENTS_DIR;
export const DEVNET_DIR = path.join(REPO_ROOT, '.devnet');
export const DEFAULT_PROOFS_FILE = path.join(DEVNET_DIR, 'airdrop', 'proofs.json');

const DAY = 86_400;
/** EIP-170 maximum runtime code size. */
export const EIP170_LIMIT = 24_576;
const PROTOCOL_CONTRACTS = [
  'StakingManager',
  'EMetis',
  'SeMetis',
  'RewardDispatcher',
  'RedemptionQueue',
  'MerkleAirdrop',
  'LiquidityMining',
  'GovernanceToken',
  'StakingLens',
];
const YEAR = 365 * DAY;

/** Reward per block that pays `aprBps` on `locked` METIS when every block of the year is rewarded. */
export function rewardPerBlockFor(aprBps: number, locked: bigint, blockTimeSeconds: number): bigint {
  const blocksPerYear = BigInt(Math.floor(YEAR / blockTimeSeconds));
  return (locked * BigInt(aprBps)) / 10_000n / blocksPerYear;
}

/** Deploys and returns the manifest. */
export async function deployProtocol(opts: DeployOptions): Promise<Manifest> {
  return (await deployProtocolFull(opts)).manifest;
}

/** Deploys and returns the manifest together with the airdrop proofs. */
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
  const drop = await buildDemoAirdrop(opts.airdropCsv);
  const names = [...(net.isDevnet ? ['DevMetis', 'SequencerLockingPool'] : []), ...PROTOCOL_CONTRACTS];
  // Every artifact exists ("run npm run build:contracts" otherwise) and fits the chain's size limit, before any tx.
  const sizeLimit = opts.sizeLimit ?? EIP170_LIMIT;
  for (const name of names) {
    const size = artifact(name).runtimeSize;
    if (size > sizeLimit)
      throw new Error(`${name}'s runtime bytecode is ${size} bytes, above the ${sizeLimit}-byte limit (EIP-170): ${net.name} would refuse it`);
  }
  let c: Clients;
  try {
    c = await makeClients({ rpcUrl: opts.rpcUrl, key: opts.deployerKey, address: opts.deployerAddress });
  } catch (err) {
    const why = err instanceof Error ? ((err as { shortMessage?: string }).shortMessage ?? err.message) : String(err);
    throw new Error(`cannot reach the ${net.name} RPC at ${opts.rpcUrl}: ${why}`, { cause: err });
  }
  const chainId = c.chain.id;
  if (chainId !== net.chainId) {
    throw new Error(`RPC ${opts.rpcUrl} is chain ${chainId}, but network "${net.name}" is chain ${net.chainId}`);
  }
  const admin = c.address;
  const startBlock = Number(await c.publicClient.getBlockNumber());
  step(`deployer ${admin} on ${net.name} (chain ${chainId}) at block ${startBlock}`);

  const deploy = async (name: string, args: unknown[]): Promise<Address> => {
    const a = artifact(name);
    const hash = await c.wallet.deployContract({ abi: a.abi, bytecode: a.bytecode, args, account: c.account, chain: c.chain } as never);
    const r = await c.publicClient.waitForTransactionReceipt({ hash });
    if (r.status !== 'success' || !r.contractAddress) throw new Error(`deploying ${name} failed (tx ${hash})`);
    const address = getAddress(r.contractAddress);
    step(`${name} at ${address}`);
    return address;
  };
  const abi = (name: string) => artifact(name).abi;

  // ------------------------------------------------------------------ network model
  let metis: Address;
  let lockingPool: Address;
  let treasury = opts.treasury;
  let keeper = opts.keeper;
  const blockTime = p.blockTimeSeconds ?? net.blockTimeSeconds;
  if (net.isDevnet) {
    if (opts.lockingPool) throw new Error('devnet deploys its own SequencerLockingPool; do not pass lockingPool');
    treasury ??= DEVNET_TREASURY;
    keeper ??= ANVIL_ADDRESSES[DEVNET_ROLES.keeper]!;
    const mpc = ANVIL_ADDRESSES[DEVNET_ROLES.mpc]!;
    const payerKey = ANVIL_KEYS[DEVNET_ROLES.rewardPayer]!;
    const payer = ANVIL_ADDRESSES[DEVNET_ROLES.rewardPayer]!;
    metis = await deploy('DevMetis', [admin]);
    lockingPool = await deploy('SequencerLockingPool', [metis, admin, mpc, payer]);
    const escrow = await read<Address>(c, lockingPool, abi('SequencerLockingPool'), 'escrow');
    const funding = p.rewardPayerFunding ?? parseEther('5000000');
    await write(c, metis, abi('DevMetis'), 'mint', [payer, funding], 'fund reward payer');
    const payerClients = await makeClients({ rpcUrl: opts.rpcUrl, key: payerKey, chainId });
    await write(payerClients, metis, abi('DevMetis'), 'approve', [escrow, maxUint256], 'reward payer approves escrow');
    const rpb = p.rewardPerBlock ?? rewardPerBlockFor(p.targetAprBps ?? 2000, p.targetLocked ?? parseEther('100000'), blockTime);
    await write(c, lockingPool, abi('SequencerLockingPool'), 'setRewardPerBlock', [rpb]);
    step(`reward payer ${payer} funded with ${funding / 10n ** 18n} METIS; reward per block ${rpb} wei (${blockTime}s blocks)`);
  } else {
    if (!opts.lockingPool) {
      throw new Error(`${net.name}: the address of Metis's LockingPool is required (set ${net.env.lockingPool})`);
    }
    if (!net.metis || net.metis.toLowerCase() !== L2_METIS.toLowerCase()) {
      throw new Error(`${net.name}: METIS must be the L2 METIS token ${L2_METIS}`);
    }
    metis = net.metis;
    lockingPool = opts.lockingPool;
    const code = await c.publicClient.getCode({ address: lockingPool });
    if (!code || code === '0x') throw new Error(`${net.name}: no contract at LockingPool address ${lockingPool}`);
    treasury ??= admin;
    keeper ??= admin;
  }

  // ------------------------------------------------------------------ protocol
  const manager = await deploy('StakingManager', [metis, lockingPool, admin]);
  const eMetis = await deploy('EMetis', [manager]);
  const seMetis = await deploy('SeMetis', [eMetis, manager, admin]);
  const dispatcher = await deploy('RewardDispatcher', [eMetis, seMetis, treasury, admin]);
  const queue = await deploy('RedemptionQueue', [eMetis, metis, manager, admin]);
  await write(c, manager, abi('StakingManager'), 'initialize', [eMetis, seMetis, dispatcher, queue], 'manager.initialize');

  const grant = async (contract: Address, name: string, roleFn: string, who: Address) => {
    const role = await read<Hex>(c, contract, abi(name), roleFn);
    const has = await read<boolean>(c, contract, abi(name), 'hasRole', [role, who]);
    if (!has) await write(c, contract, abi(name), 'grantRole', [role, who], `${name}.grantRole(${roleFn})`);
  };
  await grant(manager, 'StakingManager', 'KEEPER_ROLE', keeper);
  await grant(manager, 'StakingManager', 'PAUSER_ROLE', admin);
  await grant(seMetis, 'SeMetis', 'DISPATCHER_ROLE', dispatcher);
  step(`roles: keeper ${keeper}, pauser ${admin}, dispatcher ${dispatcher}; treasury ${treasury}`);

  // Seed deposit against share inflation: stake, then deposit the eMETIS into seMETIS for a dead address.
  const minStake = await read<bigint>(c, manager, abi('StakingManager'), 'minStake');
  let seed = p.seedDeposit ?? parseEther('1');
  if (seed < minStake) seed = minStake;
  if (net.isDevnet) await write(c, metis, abi('DevMetis'), 'mint', [admin, seed], 'mint seed METIS');
  await write(c, metis, abi('DevMetis'), 'approve', [manager, seed], 'approve seed');
  await write(
    c,
    manager,
    abi('StakingManager'),
    'stakeAndRestake',
    [seed, DEAD_ADDRESS, '0x0000000000000000000000000000000000000000'],
    'seed deposit',
  );
  step(`seed deposit ${seed} wei staked and restaked for ${DEAD_ADDRESS}`);

  // Node seats: one SequencerAgent per seat; the pool's governance whitelists it.
  const seats = opts.seats ?? (net.isDevnet ? 3 : 0);
  for (let i = 0; i < seats; i++) {
    const { signer, pubkey } = seatSigner(i);
    await write(c, manager, abi('StakingManager'), 'addSeat', [signer, pubkey], `addSeat(${i})`);
    const n = await read<bigint>(c, manager, abi('StakingManager'), 'nodeCount');
    const [agent] = await read<readonly [Address, Address, bigint, bigint, number]>(c, manager, abi('StakingManager'), 'node', [n - 1n]);
    if (net.isDevnet) await write(c, lockingPool, abi('SequencerLockingPool'), 'setWhitelist', [agent, true], `whitelist agent ${i}`);
    step(`seat ${Number(n - 1n)}: signer ${signer}, agent ${agent}${net.isDevnet ? ' (whitelisted)' : ' (ask Metis governance to whitelist it)'}`);
  }

  // ------------------------------------------------------------------ governance: airdrop, mining, token
  step(`airdrop: ${drop.count} recipients, ${drop.total / 10n ** 18n} tokens, root ${drop.root}`);
  const nonce = await c.publicClient.getTransactionCount({ address: admin, blockTag: 'pending' });
  // airdrop at nonce n, mining at n+1, token at n+2: the token's address is known before it exists.
  const predictedToken = getContractAddress({ from: admin, nonce: BigInt(nonce + 2) });
  const head = await c.publicClient.getBlock();
  const deadline = head.timestamp + BigInt(p.airdropDuration ?? 180 * DAY);
  const airdrop = await deploy('MerkleAirdrop', [
    predictedToken,
    drop.root,
    deadline,
    treasury,
    admin,
    p.airdropVestingBps ?? 5000,
    BigInt(p.airdropVestingDuration ?? 90 * DAY),
  ]);
  const mining = await deploy('LiquidityMining', [predictedToken, admin]);
  const incentives = p.incentivesAmount ?? parseEther('9000000');
  const token = await deploy('GovernanceToken', [airdrop, mining, treasury, incentives]);
  if (token !== getAddress(predictedToken)) {
    throw new Error(`GovernanceToken landed at ${token}, expected ${predictedToken} (another transaction used a nonce)`);
  }
  await write(c, mining, abi('LiquidityMining'), 'addPool', [seMetis], 'mining.addPool(seMETIS)');
  const miningReward = p.miningReward ?? parseEther('500000');
  await write(
    c,
    mining,
    abi('LiquidityMining'),
    'notifyRewardAmount',
    [seMetis, miningReward, BigInt(p.miningDuration ?? 90 * DAY)],
    'mining.notifyRewardAmount',
  );
  step(`liquidity mining: seMETIS pool, ${miningReward / 10n ** 18n} tokens over ${(p.miningDuration ?? 90 * DAY) / DAY} days`);

  const blocksPerYear = BigInt(Math.floor(YEAR / blockTime));
  const lens = await deploy('StakingLens', [manager, mining, airdrop, token, blocksPerYear]);

  const proofsUrl = opts.proofsUrl ?? (net.isDevnet ? '/airdrop/proofs.json' : undefined);
  const manifest: Manifest = {
    chainId,
    name: net.name,
    ...(net.rpcUrl || net.isDevnet ? { rpcUrl: net.isDevnet ? opts.rpcUrl : net.rpcUrl } : {}),
    ...(net.explorer ? { explorer: net.explorer } : {}),
    startBlock,
    contracts: {
      metis,
      lockingPool,
      stakingManager: manager,
      eMetis,
      seMetis,
      rewardDispatcher: dispatcher,
      redemptionQueue: queue,
      governanceToken: token,
      airdrop,
      liquidityMining: mining,
      lens,
    },
    airdrop: { root: drop.root, ...(proofsUrl ? { proofsUrl } : {}) },
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
  step(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return result;
}

/** Devnet demo balances: mints `amount` METIS (default 100,000) to each demo account. Idempotent per call. */
export async function seedDemoBalances(opts: {
  rpcUrl: string;
  manifest: Manifest;
  amount?: bigint;
  accounts?: readonly Address[];
  log?: (msg: string) => void;
}): Promise<void> {
  const c: Clients = await makeClients({ rpcUrl: opts.rpcUrl, key: ANVIL_KEYS[DEVNET_ROLES.admin] });
  const amount = opts.amount ?? parseEther('100000');
  const accounts = opts.accounts ?? DEMO_ACCOUNT_INDEXES.map((i) => ANVIL_ADDRESSES[i]!);
  for (const a of accounts) {
    await write(c, opts.manifest.contracts.metis, artifact('DevMetis').abi, 'mint', [a, amount], `mint demo METIS to ${a}`);
  }
  opts.log?.(`[seed] minted ${amount / 10n ** 18n} METIS to ${accounts.length} demo accounts`);
}

/** True when every contract of `manifest` has code on the chain at `rpcUrl` (a restarted devnet). */
export async function isDeployed(rpcUrl: string, manifest: Manifest): Promise<boolean> {
  try {
    const c = await makeClients({ rpcUrl, address: ANVIL_ADDRESSES[0]!, retryCount: 0 });
    if (c.chain.id !== manifest.chainId) return false;
    for (const addr of Object.values(manifest.contracts)) {
      const code = await c.publicClient.getCode({ address: addr });
      if (!code || code === '0x') return false;
    }
    return true;
  } catch {
    return false;
  }
}
