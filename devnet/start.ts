// `npm start`: the whole system on one machine with no setup.
//   anvil (127.0.0.1:8545, chain 31337, state in .devnet/state.json) -> deploy + seed (first run only)
//   -> build widget and snap (if their build scripts exist) -> partner page on :3000 -> snap server on :8080
//   -> keeper loop. Ctrl-C stops everything and anvil writes its state, so the next `npm start` continues.
// Flags: --port, --chain-id, --web-port, --snap-port, --block-time, --keeper-interval, --state-dir, --manifest-dir,
//        --fresh, --no-build, --no-keeper
// Env:   DEVNET_PORT, DEVNET_CHAIN_ID, DEVNET_WEB_PORT, DEVNET_SNAP_PORT, DEVNET_BLOCK_TIME
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatEther, parseEther, zeroAddress, type Address } from 'viem';
import { ANVIL_ADDRESSES, ANVIL_KEYS, DEMO_ACCOUNT_INDEXES, DEVNET_ROLES, DEVNET_TREASURY, INELIGIBLE_ACCOUNT_INDEX } from './accounts.js';
import { REPO_ROOT, assertPortFree, startAnvil, PortInUseError, type AnvilHandle } from './anvil.js';
import { artifact } from './artifacts.js';
import { makeClients, write } from './chain.js';
import { DEFAULT_MANIFEST_DIR, DEVNET_DIR, deployProtocolFull, isDeployed, seedDemoBalances, type Manifest } from './deploy.js';
import { Keeper } from './keeper.js';
import { NETWORKS } from './networks.js';
import { SNAP_DIR, snapRoutes, startStaticServer, type StaticServer } from './serve.js';
import { WIDGET_DIR, partnerSiteRoutes } from './partner-routes.js';

// Set from --state-dir in main().
let STATE_FILE = path.join(DEVNET_DIR, 'state.json');
let PROOFS_FILE = path.join(DEVNET_DIR, 'airdrop', 'proofs.json');
/** The demo partner's referral address (the DEX that embeds the widget). */
export const PARTNER_REFERRAL: Address = '0x5a4e0f1c3b8d2e7a9c6b0d4f1e2a3b4c5d6e7f80';

const log = (msg: string) => console.log(msg);

function intOpt(flag: string | undefined, env: string | undefined, def: number, name: string): number {
  const raw = flag ?? env;
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

function hasScript(name: string): boolean {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return Boolean(pkg.scripts?.[name]);
}

/** Runs `npm run <script>`; resolves true on success, false (with the tail of its output) on failure. */
function runNpm(script: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out = (out + d).slice(-4000)));
    child.stderr.on('data', (d) => (out = (out + d).slice(-4000)));
    child.on('exit', (code) => {
      if (code !== 0)
        log(
          `  ${script} failed (exit ${code}):\n${out
            .trim()
            .split('\n')
            .slice(-15)
            .map((l) => `    ${l}`)
            .join('\n')}`,
        );
      resolve(code === 0);
    });
    child.on('error', () => resolve(false));
  });
}

/** Builds the widget or the snap when its build script and sources exist; a clear line when they do not. */
async function buildPart(script: 'build:widget:bundles' | 'build:snap', needs: string[]): Promise<boolean> {
  const missing = needs.filter((f) => !fs.existsSync(path.join(REPO_ROOT, f)));
  if (!hasScript(script) || missing.length) {
    log(`- skipping ${script}: ${!hasScript(script) ? 'no such npm script' : `missing ${missing.join(', ')}`} (not merged yet?)`);
    return false;
  }
  const t = Date.now();
  log(`- npm run ${script} ...`);
  const ok = await runNpm(script);
  if (ok) log(`  ${script} done in ${((Date.now() - t) / 1000).toFixed(1)}s`);
  return ok;
}

/** The one-script-tag bundle of @metis-liquid-staking/widget (null until `npm run build:widget` wrote it). */
function widgetBundle(): string | null {
  const f = path.join(WIDGET_DIR, 'dist', 'metis-stake-widget.iife.js');
  return fs.existsSync(f) ? f : null;
}

async function ensureContractsBuilt(): Promise<void> {
  try {
    artifact('StakingManager');
    artifact('StakingLens');
  } catch {
    log('- contracts not built yet: npm run build:contracts ...');
    if (!(await runNpm('build:contracts'))) throw new Error('npm run build:contracts failed');
  }
}

/** Devnet demo activity: admin stakes and restakes 30,000 METIS so the keeper opens the first seat. */
async function demoActivity(rpcUrl: string, manifest: Manifest): Promise<void> {
  const c = await makeClients({ rpcUrl, key: ANVIL_KEYS[DEVNET_ROLES.admin] });
  const amount = parseEther('30000');
  await write(c, manifest.contracts.metis, artifact('DevMetis').abi, 'approve', [manifest.contracts.stakingManager, amount]);
  await write(c, manifest.contracts.stakingManager, artifact('StakingManager').abi, 'stakeAndRestake', [amount, c.address, zeroAddress]);
  log(`[seed] account 0 staked and restaked ${formatEther(amount)} METIS (the keeper opens seat 0 with it)`);
}

const stops: (() => Promise<void>)[] = [];
let anvil: AnvilHandle | undefined;
let keeper: Keeper | undefined;
let shuttingDown = false;

/** Stops the keeper, the web servers and anvil (which then writes its state), then exits. */
async function shutdown(code = 0): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  if (anvil) log('\nstopping: keeper, web servers, anvil (saving state) ...');
  await keeper?.stop();
  for (const s of stops.reverse()) await s().catch(() => {});
  await anvil?.stop();
  if (anvil) log(`chain state saved to ${path.relative(process.cwd(), STATE_FILE)}; \`npm start\` continues from it (--fresh starts over)`);
  process.exit(code);
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'chain-id': { type: 'string' },
      'web-port': { type: 'string' },
      'snap-port': { type: 'string' },
      'block-time': { type: 'string' },
      'keeper-interval': { type: 'string' },
      'state-dir': { type: 'string' },
      'manifest-dir': { type: 'string' },
      fresh: { type: 'boolean' },
      'no-build': { type: 'boolean' },
      'no-keeper': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    log(
      'usage: npm start -- [--port 8545] [--chain-id 31337] [--web-port 3000] [--snap-port 8080] [--block-time 2] [--keeper-interval 10] [--state-dir .devnet] [--manifest-dir contracts/deployments] [--fresh] [--no-build] [--no-keeper]',
    );
    return;
  }
  const env = process.env;
  const port = intOpt(values.port, env.DEVNET_PORT, 8545, '--port');
  const chainId = intOpt(values['chain-id'], env.DEVNET_CHAIN_ID, 31337, '--chain-id');
  const webPort = intOpt(values['web-port'], env.DEVNET_WEB_PORT, 3000, '--web-port');
  const snapPort = intOpt(values['snap-port'], env.DEVNET_SNAP_PORT, 8080, '--snap-port');
  const blockTime = intOpt(values['block-time'], env.DEVNET_BLOCK_TIME, 2, '--block-time');
  const keeperInterval = intOpt(values['keeper-interval'], env.DEVNET_KEEPER_INTERVAL, 10, '--keeper-interval');
  const host = '127.0.0.1';

  // Every port first, so a taken one fails before anything starts.
  await assertPortFree(port, host, 'anvil (use --port)');
  await assertPortFree(webPort, host, 'the partner page (use --web-port)');
  await assertPortFree(snapPort, host, 'the snap server (use --snap-port)');

  await ensureContractsBuilt();
  const stateDir = path.resolve(values['state-dir'] ?? env.DEVNET_STATE_DIR ?? DEVNET_DIR);
  STATE_FILE = path.join(stateDir, 'state.json');
  PROOFS_FILE = path.join(stateDir, 'airdrop', 'proofs.json');
  const manifestDir = path.resolve(values['manifest-dir'] ?? DEFAULT_MANIFEST_DIR);
  const manifestFile = path.join(manifestDir, `${chainId}.json`);
  if (values.fresh) {
    for (const f of [STATE_FILE, PROOFS_FILE, manifestFile]) fs.rmSync(f, { force: true });
    log('- --fresh: previous devnet state removed');
  }
  const restarting = fs.existsSync(STATE_FILE);

  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const t0 = Date.now();
  log(`- anvil on ${host}:${port} (chain ${chainId}, shanghai)${restarting ? `, continuing from ${path.relative(process.cwd(), STATE_FILE)}` : ''}`);
  anvil = await startAnvil({ port, host, chainId, stateFile: STATE_FILE, stateInterval: 10 });
  const rpcUrl = anvil.url;

  // Deploy unless this chain already has our contracts (a restart).
  let manifest: Manifest | undefined;
  if (fs.existsSync(manifestFile)) {
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    if (await isDeployed(rpcUrl, m)) manifest = m;
  }
  if (manifest && fs.existsSync(PROOFS_FILE)) {
    log(`- protocol already deployed on this chain (${path.relative(process.cwd(), manifestFile)}): skipping deploy`);
  } else {
    if (restarting) log('- the saved chain has no (complete) deployment: deploying');
    const network = { ...NETWORKS.devnet, chainId };
    const result = await deployProtocolFull({
      rpcUrl,
      deployerKey: ANVIL_KEYS[DEVNET_ROLES.admin],
      network,
      params: { blockTimeSeconds: blockTime },
      manifestDir,
      proofsFile: PROOFS_FILE,
      log,
    });
    manifest = result.manifest;
    // The manifest's rpcUrl is what browsers use: always the loopback address and port of this devnet.
    manifest.rpcUrl = `http://${host}:${port}`;
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    await seedDemoBalances({ rpcUrl, manifest, log });
    await demoActivity(rpcUrl, manifest);
  }
  // Blocks keep coming like on a real chain (interval mining), so time passes and rewards accrue.
  await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'evm_setIntervalMining', params: [blockTime] }),
  });

  // Widget and snap bundles (other packages of this repo; skipped with a message when absent).
  let widgetOk = false;
  if (!values['no-build']) {
    widgetOk = await buildPart('build:widget:bundles', ['rollup.config.mjs', 'widget/index.ts']);
    await buildPart('build:snap', ['snap/scripts/build.mjs']);
  }
  const bundle = widgetBundle();
  if (!bundle) log('- widget bundle (metis-stake-widget.iife.js) not found: the partner page will say so');
  else if (!widgetOk) log(`- serving the existing widget bundle ${path.relative(REPO_ROOT, bundle)}`);
  const snapOrigin = `http://localhost:${snapPort}`;

  const m = manifest;
  const web: StaticServer = await startStaticServer({
    port: webPort,
    host,
    name: 'the partner page (use --web-port)',
    routes: partnerSiteRoutes({ chainId, snapOrigin, manifestFile, proofsFile: PROOFS_FILE, widgetBundle: () => widgetBundle() }),
  });
  stops.push(() => web.close());

  // the devnet manifest: its allowedOrigins add this partner page (the production one has no localhost)
  const snapServer: StaticServer = await startStaticServer({
    port: snapPort,
    host,
    cors: true,
    name: 'the snap server (use --snap-port)',
    routes: snapRoutes('devnet'),
  });
  stops.push(() => snapServer.close());
  const snapReady = fs.existsSync(path.join(SNAP_DIR, 'dist', 'devnet', 'bundle.js'));

  if (!values['no-keeper']) {
    keeper = new Keeper({
      rpcUrl,
      manifest: m,
      keeperKey: ANVIL_KEYS[DEVNET_ROLES.keeper]!,
      mpcKey: ANVIL_KEYS[DEVNET_ROLES.mpc]!,
      minTopUp: parseEther('100'),
      // the real MPC settles every epoch (1,000 blocks); the devnet settles every ~10 blocks so rewards show quickly
      minBatchBlocks: 10n,
    });
    keeper.start(keeperInterval * 1000);
  }

  const acct = (i: number) => `  #${i} ${ANVIL_ADDRESSES[i]}  ${ANVIL_KEYS[i]}`;
  const line = '='.repeat(100);
  log(`
${line}
 Metis liquid staking devnet is up (${((Date.now() - t0) / 1000).toFixed(1)}s)
${line}
 RPC          ${`http://${host}:${port}`}   chain id ${chainId}   (add it to MetaMask: currency METIS)
 Partner page ${web.url}   (a demo DEX embedding <metis-stake-widget>${bundle ? '' : ' -- widget bundle NOT built'})
 Snap         local:${snapOrigin}   (MetaMask Flask; snap.manifest.devnet.json${snapReady ? '' : ' -- snap bundle NOT built'})
 Manifest     ${path.relative(process.cwd(), manifestFile)}   (served at ${web.url}/deployments/${chainId}.json)
 Proofs       ${path.relative(process.cwd(), PROOFS_FILE)}   (served at ${web.url}/airdrop/proofs.json)
 State        ${path.relative(process.cwd(), STATE_FILE)}   (kept across restarts; --fresh starts over)
 Keeper       ${values['no-keeper'] ? 'off (--no-keeper)' : `every ${keeperInterval}s as ${ANVIL_ADDRESSES[DEVNET_ROLES.keeper]} (also plays the MPC)`}
 Blocks       every ${blockTime}s

 Demo accounts (100,000 METIS each; 0..5 are in the airdrop, #${INELIGIBLE_ACCOUNT_INDEX} is not) -- public anvil keys, devnet only:
${DEMO_ACCOUNT_INDEXES.map(acct).join('\n')}
 Roles: admin #0, reward payer #${DEVNET_ROLES.rewardPayer}, keeper #${DEVNET_ROLES.keeper}, MPC #${DEVNET_ROLES.mpc}, treasury ${DEVNET_TREASURY}
${line}
 Ctrl-C stops everything.
`);
}

main().catch((err) => {
  if (err instanceof PortInUseError) {
    console.error(`error: ${err.message}`);
  } else {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.DEBUG === '1') console.error(err);
  }
  void shutdown(1);
});
