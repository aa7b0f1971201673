// `npm run deploy -- --network <name> [--plan] [--seats N] [--manifest FILE | --manifest-dir DIR] [--airdrop-csv FILE] [--proofs FILE]`
// Deploys both sides: the L2 protocol on Metis and the SequencerHub on its Ethereum L1 (on the devnet first Metis's
// models on both running anvils). RPC URLs and deployer keys of both chains come from env (<NET>_RPC_URL,
// <NET>_L1_RPC_URL, <NET>_DEPLOYER_KEY, <NET>_L1_DEPLOYER_KEY; see devnet/networks.ts); anything missing is listed
// at once, and both RPCs are asked their chain id before any transaction is sent.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatEther, getAddress, zeroAddress, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { lockingPoolAbi } from '@metis-liquid-staking/contracts/abis';
import { L2_CROSS_DOMAIN_MESSENGER, L2_METIS, L2_STANDARD_BRIDGE } from '@metis-liquid-staking/contracts';
import { parseManifest } from '@metis-liquid-staking/contracts';
import { buildDemoAirdrop } from './airdrop.js';
import { makeClients } from './chain.js';
import { ANVIL_KEYS, DEVNET_ROLES } from './accounts.js';
import { checkChainId, fail } from './cli-util.js';
import { checkCode, deployProtocolFull, DEFAULT_MANIFEST_DIR } from './deploy.js';
import { NETWORKS, resolveNetwork, type ResolvedNetwork } from './networks.js';

const USAGE = `usage: npm run deploy -- --network <${Object.keys(NETWORKS).join('|')}> [options]

Deploys the protocol on both chains: StakingManager, eMETIS, seMETIS, the queue, governance and the lens on the
Metis L2; the SequencerHub on its Ethereum L1. On the devnet it first deploys Metis's models (LockingPool,
LockingInfo, bridges, messengers, state commitment chain) on the two running anvils (\`npm start\` does all this
itself; this is for anvils you started yourself).

options:
  --network NAME       ${Object.keys(NETWORKS).join(', ')} (required)
  --plan               send nothing and need no keys: check both RPCs' chain ids and that Metis's contracts
                       have code, then print every contract, role and prerequisite
  --manifest FILE      write the manifest (with its l1 part) to FILE
  --manifest-dir DIR   or to DIR/<l2ChainId>.json (default contracts/deployments)
  --airdrop-csv FILE   airdrop recipients (account,amount; whole tokens): required on real networks
  --proofs FILE        where to write the airdrop proofs (default .devnet/airdrop/proofs.json on the devnet,
                       <manifest dir>/<l2ChainId>.airdrop-proofs.json elsewhere)
  --seats N            devnet only: node seats with derived signers (default 3); on real networks add seats
                       with the hub's addSeat(signer, pubkey) once the operators have their keys
  -h, --help           this text

env (real networks; the same key may deploy both sides):
  metis-sepolia: METIS_SEPOLIA_RPC_URL METIS_SEPOLIA_L1_RPC_URL METIS_SEPOLIA_DEPLOYER_KEY METIS_SEPOLIA_L1_DEPLOYER_KEY
  andromeda:     ANDROMEDA_RPC_URL ANDROMEDA_L1_RPC_URL ANDROMEDA_DEPLOYER_KEY ANDROMEDA_L1_DEPLOYER_KEY
  optional:      <NET>_TREASURY, <NET>_KEEPER_ADDRESS, <NET>_L1_KEEPER_ADDRESS, <NET>_GUARDIAN_ADDRESS (default: the
                 deployers), and overrides of Metis's L1 contracts <NET>_L1_LOCKING_POOL, <NET>_L1_LOCKING_INFO,
                 <NET>_L1_L1_BRIDGE, <NET>_L1_L1_MESSENGER, <NET>_L1_METIS
devnet defaults: L2 http://127.0.0.1:8545 (chain 31337, DEVNET_RPC_URL), L1 http://127.0.0.1:8546 (chain 1337,
  DEVNET_L1_RPC_URL), anvil account 0 deploying both sides (DEVNET_DEPLOYER_KEY, DEVNET_L1_DEPLOYER_KEY)`;

function positiveInt(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a whole number, got "${raw}"`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      network: { type: 'string' },
      seats: { type: 'string' },
      manifest: { type: 'string' },
      'manifest-dir': { type: 'string' },
      'airdrop-csv': { type: 'string' },
      proofs: { type: 'string' },
      plan: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.network) throw new Error(`--network is required\n${USAGE}`);
  const net: ResolvedNetwork = resolveNetwork(values.network, 'deployer', process.env, { keys: !values.plan });
  const cfg = net.config;
  if (values.manifest && values['manifest-dir']) throw new Error('give --manifest FILE or --manifest-dir DIR, not both');
  const seats = positiveInt(values.seats, '--seats');
  if (seats && !cfg.isDevnet) {
    throw new Error(
      `--seats is for the devnet (its seat signers are derived from public keys); on ${cfg.name} add seats with the hub's addSeat(signer, pubkey)`,
    );
  }
  const csvFile = values['airdrop-csv'];
  if (!csvFile && !cfg.isDevnet && !values.plan) throw new Error(`--airdrop-csv <file> is required on ${cfg.name} (recipients: account,amount)`);
  if (csvFile && !fs.existsSync(csvFile)) throw new Error(`--airdrop-csv: no such file ${csvFile}`);
  const airdropCsv = csvFile ? fs.readFileSync(csvFile, 'utf8') : undefined;

  const devKey: Hex = ANVIL_KEYS[DEVNET_ROLES.admin]!;
  const l2Key: Hex = net.l2Key ?? devKey;
  const l1Key: Hex = net.l1Key ?? net.l2Key ?? devKey;
  const hint = cfg.isDevnet
    ? `; start both anvils first (\`npm start\` does, and deploys too), or \`anvil --port 8545 --chain-id ${cfg.chainId}\` and \`anvil --port 8546 --chain-id ${cfg.l1ChainId}\``
    : '';
  await checkChainId(net.l2RpcUrl, cfg.chainId, `${cfg.name} (L2)`, cfg.env.l2RpcUrl, hint);
  await checkChainId(net.l1RpcUrl, cfg.l1ChainId, `${cfg.name}'s L1`, cfg.env.l1RpcUrl, hint);

  if (values.plan) {
    await printPlan(
      net,
      { l2: privateKeyToAccount(l2Key).address, l1: privateKeyToAccount(l1Key).address, keyed: Boolean(net.l2Key) || cfg.isDevnet },
      airdropCsv,
      seats,
    );
    return;
  }

  const manifestFile = values.manifest ? path.resolve(values.manifest) : undefined;
  const manifestDir = manifestFile ? null : values['manifest-dir'] ? path.resolve(values['manifest-dir']) : DEFAULT_MANIFEST_DIR;
  const proofsFile = values.proofs
    ? path.resolve(values.proofs)
    : cfg.isDevnet
      ? undefined
      : path.join(manifestFile ? path.dirname(manifestFile) : manifestDir!, `${cfg.chainId}.airdrop-proofs.json`);

  const result = await deployProtocolFull({
    network: cfg,
    l2: { rpcUrl: net.l2RpcUrl, key: l2Key },
    l1: { rpcUrl: net.l1RpcUrl, key: l1Key },
    metisL1: net.metisL1,
    airdropCsv,
    treasury: net.treasury,
    l2Keeper: net.l2KeeperAddress,
    l1Keeper: net.l1KeeperAddress,
    guardian: net.guardianAddress,
    seats,
    manifestDir,
    proofsFile,
    log: (m) => console.log(m),
  });
  let written = result.manifestFile;
  if (manifestFile) {
    fs.mkdirSync(path.dirname(manifestFile), { recursive: true });
    fs.writeFileSync(manifestFile, `${JSON.stringify(parseManifest(result.manifest), null, 2)}\n`);
    written = manifestFile;
  }
  const l1 = result.manifest.l1!;
  console.log(
    `\n${cfg.name} deployed: L2 chain ${result.manifest.chainId} (manager ${result.manifest.contracts.stakingManager}), L1 chain ${l1.chainId} (hub ${l1.contracts.hub})`,
  );
  console.log(`manifest: ${written}`);
  if (result.proofsFile) console.log(`airdrop proofs: ${result.proofsFile}`);
}

const L2_PROTOCOL =
  'StakingManager (it creates eMETIS and the RewardReceiver), SeMetis, RewardDispatcher, RedemptionQueue, MerkleAirdrop, LiquidityMining, GovernanceToken, StakingLens, PartnerRegistry';

/** `--plan`: what a deploy would do, after checking both RPCs and (real networks) Metis's contracts. Sends nothing. */
async function printPlan(
  net: ResolvedNetwork,
  deployers: { l2: Address; l1: Address; keyed: boolean },
  airdropCsv: string | undefined,
  seats: number | undefined,
): Promise<void> {
  const cfg = net.config;
  const who = (a: Address | undefined, fallback: Address) => a ?? `${fallback}${deployers.keyed ? '' : ' (the deployer)'}`;
  const l2Deployer = deployers.keyed ? deployers.l2 : ('<the L2 deployer>' as Address);
  const l1Deployer = deployers.keyed ? deployers.l1 : ('<the L1 deployer>' as Address);
  const out: string[] = [`deploy plan for ${cfg.name} (nothing is sent)`];
  out.push(`L2 ${cfg.name}, chain ${cfg.chainId}, ${net.l2RpcUrl}: deployer ${l2Deployer}`);
  if (cfg.isDevnet)
    out.push(
      `  Metis's L2 predeploys as models (anvil_setCode): ${L2_METIS} METIS, ${L2_STANDARD_BRIDGE} L2StandardBridge, ${L2_CROSS_DOMAIN_MESSENGER} L2CrossDomainMessenger, the gas price oracle`,
    );
  out.push(`  deploys ${L2_PROTOCOL}`);
  out.push(
    `  roles on the manager: KEEPER_ROLE ${who(net.l2KeeperAddress, l2Deployer)}, GUARDIAN_ROLE ${who(net.guardianAddress, l2Deployer)}, PAUSER_ROLE ${l2Deployer}; seMETIS DISPATCHER_ROLE: the RewardDispatcher`,
  );
  out.push(`  treasury ${who(net.treasury, l2Deployer)}; a seed deposit staked and restaked for the dead address`);
  out.push(`L1 of ${cfg.name}, chain ${cfg.l1ChainId}, ${net.l1RpcUrl}: deployer ${l1Deployer}`);
  if (cfg.isDevnet) {
    out.push(
      `  Metis's L1 contracts as models: METIS, AddressManager, MVM_DiscountOracle, StateCommitmentChain, L1CrossDomainMessenger, L1StandardBridge, LockingInfo, LockingPool; a genesis deposit to L2`,
    );
  } else {
    const a = net.metisL1!;
    const l2 = await makeClients({ rpcUrl: net.l2RpcUrl, address: zeroAddress, chainId: cfg.chainId });
    const l1 = await makeClients({ rpcUrl: net.l1RpcUrl, address: zeroAddress, chainId: cfg.l1ChainId });
    await checkCode([
      { chain: l2, what: 'METIS (L2)', address: L2_METIS },
      { chain: l2, what: 'L2StandardBridge', address: L2_STANDARD_BRIDGE },
      { chain: l2, what: 'L2CrossDomainMessenger', address: L2_CROSS_DOMAIN_MESSENGER },
      { chain: l1, what: 'METIS (L1)', address: a.metis },
      { chain: l1, what: 'LockingPool', address: a.lockingPool },
      { chain: l1, what: 'LockingInfo', address: a.lockingInfo },
      { chain: l1, what: 'L1StandardBridge', address: a.l1Bridge },
      { chain: l1, what: 'L1CrossDomainMessenger', address: a.l1Messenger },
    ]);
    const escrow = await l1.publicClient.readContract({ address: a.lockingPool, abi: lockingPoolAbi, functionName: 'escrow' });
    if (getAddress(escrow) !== getAddress(a.lockingInfo))
      throw new Error(`LockingPool ${a.lockingPool}'s escrow is ${escrow}, not the LockingInfo ${a.lockingInfo} named`);
    out.push(
      `  uses Metis's METIS ${a.metis}, LockingPool ${a.lockingPool}, LockingInfo ${a.lockingInfo}, L1StandardBridge ${a.l1Bridge}, L1CrossDomainMessenger ${a.l1Messenger} (each has code; the pool's escrow is that LockingInfo)`,
    );
  }
  out.push(`  deploys SequencerHub (bound to the L2 manager and RewardReceiver); KEEPER_ROLE ${who(net.l1KeeperAddress, l1Deployer)}`);
  const n = seats ?? (cfg.isDevnet ? 3 : 0);
  out.push(`  seats: ${n}${cfg.isDevnet ? ' (derived signers, whitelisted in the model pool)' : ' (add them later with addSeat(signer, pubkey))'}`);
  if (airdropCsv !== undefined || cfg.isDevnet) {
    const drop = await buildDemoAirdrop(airdropCsv);
    out.push(`airdrop: ${drop.count} recipients, ${formatEther(drop.total)} tokens, root ${drop.root}`);
  } else {
    out.push('airdrop: --airdrop-csv FILE (account,amount) is required for the deploy');
  }
  if (!cfg.isDevnet) {
    out.push(
      'before the protocol works, Metis must whitelist each seat agent in LockingPool (setWhitelist) and put the hub on',
      "MVM_DiscountOracle's cross-domain sender whitelist; the operator funds the hub with ETH for bridge fees and the L2",
      "keeper with METIS for Metis's L2->L1 bridge fee.",
    );
  }
  console.log(out.join('\n'));
}

main().catch(fail);
