// `npm run keeper -- --network <name> [--once] [--interval SECONDS] [--manifest FILE] [--no-mpc]`
// The keeper works both chains: RPC URLs and keys come from env (<NET>_RPC_URL, <NET>_L1_RPC_URL, <NET>_KEEPER_KEY,
// <NET>_L1_KEEPER_KEY); on the devnet they default to the local anvils and anvil's account 7, and the keeper also
// plays Metis's MPC (anvil account 8).
import { parseArgs } from 'node:util';
import type { Hex } from 'viem';
import { ANVIL_KEYS, DEVNET_ROLES } from './accounts.js';
import { fail, loadManifest } from './cli-util.js';
import { Keeper, KeeperRpcError } from './keeper.js';
import { NETWORKS, resolveNetwork } from './networks.js';

const USAGE = `usage: npm run keeper -- --network <${Object.keys(NETWORKS).join('|')}> [--once] [--interval SECONDS] [--manifest FILE] [--no-mpc]

env: the RPC URLs of both chains and the keeper's keys (KEEPER_ROLE on the manager and on the hub), e.g.
  andromeda:     ANDROMEDA_RPC_URL ANDROMEDA_L1_RPC_URL ANDROMEDA_KEEPER_KEY ANDROMEDA_L1_KEEPER_KEY
  metis-sepolia: METIS_SEPOLIA_RPC_URL METIS_SEPOLIA_L1_RPC_URL METIS_SEPOLIA_KEEPER_KEY METIS_SEPOLIA_L1_KEEPER_KEY
devnet defaults: http://127.0.0.1:8545 (L2) and :8546 (L1), anvil account 7 (keeper) and 8 (MPC, DEVNET_MPC_KEY)`;

async function main() {
  const { values } = parseArgs({
    options: {
      network: { type: 'string' },
      once: { type: 'boolean' },
      interval: { type: 'string' },
      manifest: { type: 'string' },
      'no-mpc': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.network) throw new Error(`--network is required\n${USAGE}`);
  const net = resolveNetwork(values.network, 'keeper');
  const manifest = loadManifest(net.config.chainId, values.manifest);
  const devKey = ANVIL_KEYS[DEVNET_ROLES.keeper]!;
  const l2Key: Hex = net.l2Key ?? devKey;
  const l1Key: Hex = net.l1Key ?? net.l2Key ?? devKey;
  const mpcKey: Hex | undefined =
    net.config.isDevnet && !values['no-mpc'] ? ((process.env.DEVNET_MPC_KEY as Hex | undefined) ?? ANVIL_KEYS[DEVNET_ROLES.mpc]) : undefined;
  const keeper = new Keeper({
    manifest,
    l2RpcUrl: net.l2RpcUrl,
    l1RpcUrl: net.l1RpcUrl,
    l2Key,
    l1Key,
    mpcKey,
    ...(net.config.isDevnet ? { minBatchBlocks: 30n, reportIntervalSeconds: 300 } : {}),
  });
  if (values.once) {
    const actions = await keeper.tick();
    console.log(`[keeper] tick done: ${actions.length} action(s)`);
    return;
  }
  const interval = Number(values.interval ?? (net.config.isDevnet ? 10 : 300));
  if (!(interval > 0)) throw new Error('--interval must be a positive number of seconds');
  console.log(
    `[keeper] ${net.config.name} (L2 chain ${net.config.chainId} via ${net.l2RpcUrl}, L1 chain ${net.config.l1ChainId} via ${net.l1RpcUrl}), every ${interval}s; Ctrl-C to stop`,
  );
  let fatal: unknown;
  keeper.start(interval * 1000, (err) => {
    if (err instanceof KeeperRpcError) fatal = err;
  });
  const shutdown = async () => {
    await keeper.stop();
    process.exit(fatal ? 1 : 0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch(fail);
