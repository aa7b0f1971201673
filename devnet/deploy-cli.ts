// `npm run deploy -- --network <name> [--plan] [--seats N] [--manifest FILE | --manifest-dir DIR] [--airdrop-csv FILE] [--proofs FILE]`
// Deploys both sides: the L2 protocol on Metis and the SequencerHub on its Ethereum L1 (on the devnet first Metis's
// models on both running anvils). RPC URLs and deployer keys of both chains come from env (<NET>_RPC_URL,
// <NET>_L1_RPC_URL, <NET>_DEPLOYER_KEY, <NET>_L1_DEPLOYER_KEY; see devnet/networks.ts); anything missing is listed
// at once, and both RPCs are asked their chain id before any transaction is sent.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Hex } from 'viem';
import { parseManifest } from '@metis-liquid-staking/contracts';
import { ANVIL_KEYS, DEVNET_ROLES } from './accounts.js';
import { checkChainId, fail } from './cli-util.js';
import { deployProtocolFull, DEFAULT_MANIFEST_DIR } from './deploy.js';
import { planMain } from './deploy-plan.js';
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
  // --plan: nothing is sent, no keys needed (devnet/deploy-plan.ts); exit code 1 when a named Metis contract lacks code
  if (values.plan) return void (process.exitCode = await planMain(process.argv.slice(2), process.env));
  const net: ResolvedNetwork = resolveNetwork(values.network, 'deployer', process.env);
  const cfg = net.config;
  if (values.manifest && values['manifest-dir']) throw new Error('give --manifest FILE or --manifest-dir DIR, not both');
  const seats = positiveInt(values.seats, '--seats');
  if (seats && !cfg.isDevnet) {
    throw new Error(
      `--seats is for the devnet (its seat signers are derived from public keys); on ${cfg.name} add seats with the hub's addSeat(signer, pubkey)`,
    );
  }
  const csvFile = values['airdrop-csv'];
  if (!csvFile && !cfg.isDevnet) throw new Error(`--airdrop-csv <file> is required on ${cfg.name} (recipients: account,amount)`);
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

main().catch(fail);
