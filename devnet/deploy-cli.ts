// `npm run deploy -- --network devnet|metis-sepolia|andromeda [--seats N] [--manifest-dir dir]`
// Real networks read their RPC URL, deployer key, the Metis LockingPool address and the treasury from env
// (see devnet/networks.ts); anything missing is listed before any transaction is sent.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Hex } from 'viem';
import { ANVIL_KEYS, DEVNET_ROLES } from './accounts.js';
import { fail } from './cli-util.js';
import { deployProtocolFull, DEFAULT_MANIFEST_DIR } from './deploy.js';
import { NETWORKS, resolveNetwork } from './networks.js';

const USAGE = `usage: npm run deploy -- --network <${Object.keys(NETWORKS).join('|')}> [--airdrop-csv FILE] [--seats N] [--manifest-dir DIR]
  (--airdrop-csv is required on real networks; the devnet uses the demo list)

env (real networks): <NET>_RPC_URL, <NET>_DEPLOYER_KEY, <NET>_LOCKING_POOL, optional <NET>_TREASURY and
  <NET>_KEEPER_ADDRESS (gets KEEPER_ROLE; default the deployer)
  metis-sepolia: METIS_SEPOLIA_RPC_URL METIS_SEPOLIA_DEPLOYER_KEY METIS_SEPOLIA_LOCKING_POOL
  andromeda:     ANDROMEDA_RPC_URL ANDROMEDA_DEPLOYER_KEY ANDROMEDA_LOCKING_POOL
devnet defaults: http://127.0.0.1:8545 (DEVNET_RPC_URL) and anvil's account 0`;

async function main() {
  const { values } = parseArgs({
    options: {
      network: { type: 'string' },
      seats: { type: 'string' },
      'manifest-dir': { type: 'string' },
      'airdrop-csv': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.network) throw new Error(`--network is required\n${USAGE}`);
  const net = resolveNetwork(values.network, 'deployer');
  const key: Hex = net.key ?? ANVIL_KEYS[DEVNET_ROLES.admin]!;
  const csvFile = values['airdrop-csv'];
  if (!csvFile && !net.config.isDevnet) throw new Error(`--airdrop-csv <file> is required on ${net.config.name} (recipients: account,amount)`);
  if (csvFile && !fs.existsSync(csvFile)) throw new Error(`--airdrop-csv: no such file ${csvFile}`);
  const airdropCsv = csvFile ? fs.readFileSync(csvFile, 'utf8') : undefined;
  const result = await deployProtocolFull({
    airdropCsv,
    rpcUrl: net.rpcUrl,
    deployerKey: key,
    network: net.config,
    lockingPool: net.lockingPool,
    treasury: net.treasury,
    keeper: net.keeperAddress,
    seats: values.seats !== undefined ? Number(values.seats) : undefined,
    manifestDir: values['manifest-dir'] ? path.resolve(values['manifest-dir']) : DEFAULT_MANIFEST_DIR,
    log: (m) => console.log(m),
  });
  console.log(`\n${net.config.name} deployed: ${result.manifestFile}`);
  if (result.proofsFile) console.log(`airdrop proofs: ${result.proofsFile}`);
}

main().catch(fail);
