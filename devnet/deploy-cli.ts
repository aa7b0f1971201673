// `npm run deploy -- --network devnet|metis-sepolia|andromeda [--seats N] [--manifest-dir dir]`
// Real networks read their RPC URL, deployer key, the Metis LockingPool address and the treasury from env
// (see devnet/networks.ts); anything missing is listed before any transaction is sent.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Hex } from 'viem';
import { ANVIL_KEYS, DEVNET_ROLES } from './accounts.js';
import { fail } from './cli-util.js';
import { deployProtocolFull, DEFAULT_MANIFEST_DIR } from './deploy.js';
import { NETWORKS, resolveNetwork } from './networks.js';

const USAGE = `usage: npm run deploy -- --network <${Object.keys(NETWORKS).join('|')}> [--seats N] [--manifest-dir DIR]

env (real networks): <NET>_RPC_URL, <NET>_DEPLOYER_KEY, <NET>_LOCKING_POOL, optional <NET>_TREASURY
  metis-sepolia: METIS_SEPOLIA_RPC_URL METIS_SEPOLIA_DEPLOYER_KEY METIS_SEPOLIA_LOCKING_POOL
  andromeda:     ANDROMEDA_RPC_URL ANDROMEDA_DEPLOYER_KEY ANDROMEDA_LOCKING_POOL
devnet defaults: http://127.0.0.1:8545 (DEVNET_RPC_URL) and anvil's account 0`;

async function main() {
  const { values } = parseArgs({
    options: {
      network: { type: 'string' },
      seats: { type: 'string' },
      'manifest-dir': { type: 'string' },
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
  const result = await deployProtocolFull({
    rpcUrl: net.rpcUrl,
    deployerKey: key,
    network: net.config,
    lockingPool: net.lockingPool,
    treasury: net.treasury,
    seats: values.seats !== undefined ? Number(values.seats) : undefined,
    manifestDir: values['manifest-dir'] ? path.resolve(values['manifest-dir']) : DEFAULT_MANIFEST_DIR,
    log: (m) => console.log(m),
  });
  console.log(`\n${net.config.name} deployed: ${result.manifestFile}`);
  if (result.proofsFile) console.log(`airdrop proofs: ${result.proofsFile}`);
}

main().catch(fail);
