// `npm run keeper -- --network <name> [--once] [--interval SECONDS] [--manifest FILE] [--no-mpc]`
// RPC URL and keeper key come from env (<NET>_RPC_URL, <NET>_KEEPER_KEY); on the devnet they default to
// http://127.0.0.1:8545 and anvil's account 7, and the keeper also plays the MPC (anvil account 8).
import { parseArgs } from 'node:util';
import type { Hex } from 'viem';
import { ANVIL_KEYS, DEVNET_ROLES } from './accounts.js';
import { fail, loadManifest } from './cli-util.js';
import { Keeper, KeeperRpcError } from './keeper.js';
import { NETWORKS, resolveNetwork } from './networks.js';

const USAGE = `usage: npm run keeper -- --network <${Object.keys(NETWORKS).join('|')}> [--once] [--interval SECONDS] [--manifest FILE] [--no-mpc]

env: <NET>_RPC_URL and <NET>_KEEPER_KEY (an account with KEEPER_ROLE), e.g.
  andromeda:     ANDROMEDA_RPC_URL ANDROMEDA_KEEPER_KEY
  metis-sepolia: METIS_SEPOLIA_RPC_URL METIS_SEPOLIA_KEEPER_KEY
devnet defaults: http://127.0.0.1:8545 (DEVNET_RPC_URL), anvil account 7 (keeper) and 8 (MPC, DEVNET_MPC_KEY)`;

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
  const keeperKey: Hex = net.key ?? ANVIL_KEYS[DEVNET_ROLES.keeper]!;
  const mpcKey: Hex | undefined =
    net.config.isDevnet && !values['no-mpc'] ? ((process.env.DEVNET_MPC_KEY as Hex | undefined) ?? ANVIL_KEYS[DEVNET_ROLES.mpc]) : undefined;
  const keeper = new Keeper({ rpcUrl: net.rpcUrl, manifest, keeperKey, mpcKey });
  if (values.once) {
    const actions = await keeper.tick();
    console.log(`[keeper] tick done: ${actions.length} action(s)`);
    return;
  }
  const interval = Number(values.interval ?? (net.config.isDevnet ? 15 : 300));
  if (!(interval > 0)) throw new Error('--interval must be a positive number of seconds');
  console.log(`[keeper] ${net.config.name} (chain ${net.config.chainId}) via ${net.rpcUrl}, every ${interval}s; Ctrl-C to stop`);
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
