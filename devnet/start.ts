// `npm start`: the whole system on one machine with no setup.
//   two anvils: the L2 (Metis: 127.0.0.1:8545, chain 31337, its native coin playing METIS, shanghai) and the L1
//   (Ethereum: 127.0.0.1:8546, chain 1337), state of both kept in .devnet/ -> deploy Metis's models and the
//   protocol on both + seed (first run only) -> build widget and snap -> partner page on :3000 -> snap server
//   on :8080 -> the relayer (plays Metis's bridge relaying) and the keeper (works both chains, plays the MPC).
//   Ctrl-C stops everything within seconds and the anvils write their state, so the next `npm start` continues;
//   a second Ctrl-C stops at once.
// Flags: --port, --l1-port, --chain-id, --web-port, --snap-port, --block-time, --l1-block-time, --keeper-interval,
//        --relayer-interval, --fraud-window, --state-dir, --manifest-dir, --fresh, --no-build, --no-keeper, --no-relayer
// Env:   DEVNET_PORT, DEVNET_L1_PORT, DEVNET_CHAIN_ID, DEVNET_WEB_PORT, DEVNET_SNAP_PORT, DEVNET_BLOCK_TIME,
//        DEVNET_KEEPER_INTERVAL, DEVNET_RELAYER_INTERVAL, DEVNET_FRAUD_WINDOW, DEVNET_STATE_DIR
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatEther, parseEther, zeroAddress, type Address } from 'viem';
import { stakingManagerAbi } from '@metis-liquid-staking/contracts/abis';
import {
  ANVIL_ADDRESSES,
  ANVIL_KEYS,
  DEMO_ACCOUNT_INDEXES,
  DEVNET_RELAYER,
  DEVNET_RELAYER_KEY,
  DEVNET_ROLES,
  DEVNET_TREASURY,
  INELIGIBLE_ACCOUNT_INDEX,
} from './accounts.js';
import { REPO_ROOT, assertPortFree, startAnvil, PortInUseError, type AnvilHandle } from './anvil.js';
import { artifact } from './artifacts.js';
import { makeClients, write } from './chain.js';
import { DEFAULT_MANIFEST_DIR, DEVNET_DIR, deployProtocolFull, isDeployed, seedDemoBalances, type Manifest } from './deploy.js';
import { Keeper } from './keeper.js';
import { NETWORKS } from './networks.js';
import { Relayer, relayerOptionsFor } from './relayer.js';
import { DEVNET_PARTNER_REFERRAL } from './accounts.js';
import { SNAP_DIR, snapRoutes, startStaticServer, type StaticServer } from './serve.js';
import { WIDGET_DIR, partnerSiteRoutes } from './partner-routes.js';

// Set from --state-dir in main().
let STATE_FILE = path.join(DEVNET_DIR, 'l2-state.json');
let L1_STATE_FILE = path.join(DEVNET_DIR, 'l1-state.json');
let PROOFS_FILE = path.join(DEVNET_DIR, 'airdrop', 'proofs.json');
/** The demo partner's referral address (the DEX that embeds the widget). */
export const PARTNER_REFERRAL: Address = DEVNET_PARTNER_REFERRAL;

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

/**
 * Runs `npm run <script>`; resolves true on success, false (with the tail of its output) on failure. With
 * `progress`, forge's "Compiling …" lines are shown and a line every 15 s says it is still working.
 */
function runNpm(script: string, progress?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const t0 = Date.now();
    const heartbeat = progress
      ? setInterval(() => log(`  … still ${progress} (${Math.round((Date.now() - t0) / 1000)}s; the first build takes a few minutes)`), 15_000)
      : undefined;
    const onData = (d: Buffer) => {
      out = (out + d).slice(-4000);
      if (progress)
        for (const l of d.toString().split('\n')) if (/^(Compiling \d+ files|Solc .* finished|bindings: wrote)/.test(l.trim())) log(`  ${l.trim()}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      if (heartbeat) clearInterval(heartbeat);
      if (code !== 0) {
        const tail = out
          .trim()
          .split('\n')
          .slice(-15)
          .map((l) => `    ${l}`)
          .join('\n');
        log(`  ${script} failed (exit ${code}):\n${tail}`);
      }
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
    log('- contracts not built yet: npm run build:contracts (forge via solc-js) ...');
    if (!(await runNpm('build:contracts', 'compiling the contracts'))) throw new Error('npm run build:contracts failed');
  }
}

/** Devnet demo activity: account 0 stakes and restakes 30,000 native METIS, which the keeper bridges to L1 and
 * locks in seat 0 once Metis's fraud window has passed. */
async function demoActivity(rpcUrl: string, manifest: Manifest): Promise<void> {
  const c = await makeClients({ rpcUrl, key: ANVIL_KEYS[DEVNET_ROLES.admin] });
  const amount = parseEther('30000');
  await write(c, manifest.contracts.stakingManager, stakingManagerAbi, 'stakeAndRestake', [c.address, zeroAddress], 'demo stake', amount);
  log(`[seed] account 0 staked and restaked ${formatEther(amount)} METIS (the keeper bridges it to L1 and opens seat 0)`);
}

const stops: (() => Promise<void>)[] = [];
const anvils: { name: string; handle: AnvilHandle; stateFile: string }[] = [];
let keeper: Keeper | undefined;
let relayer: Relayer | undefined;
let shuttingDown = false;

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<void>((r) => setTimeout(r, ms))]);

/** Stops the keeper, the relayer, the web servers and the anvils (which then write their state), then exits. A
 * second Ctrl-C, or 12 s without finishing, exits at once. */
async function shutdown(code = 0): Promise<void> {
  if (shuttingDown) {
    log('stopping now (second signal): the chain state may miss the last seconds');
    process.exit(code || 130);
  }
  shuttingDown = true;
  setTimeout(() => {
    log('stopping took too long: exiting (the chain state saved last is kept)');
    process.exit(code || 1);
  }, 12_000).unref();
  if (anvils.length) log('\nstopping: keeper, relayer, web servers, anvils (saving state) ...');
  await within(Promise.all([keeper?.stop(), relayer?.stop()]), 3_000);
  for (const s of stops.reverse()) await s().catch(() => {});
  await Promise.all(anvils.map((a) => a.handle.stop()));
  if (anvils.length) {
    log(
      `chain state saved to ${anvils.map((a) => path.relative(process.cwd(), a.stateFile)).join(' and ')}; \`npm start\` continues from it (--fresh starts over)`,
    );
  }
  process.exit(code);
}

/** One clear line, then a stop, when an anvil dies on its own. */
function watch(name: string, handle: AnvilHandle): void {
  void handle.exited.then((exitCode) => {
    if (shuttingDown) return;
    console.error(`error: the ${name} anvil (${handle.url}) died (exit ${exitCode}): ${handle.lastOutput() || 'no output'}; stopping everything`);
    void shutdown(1);
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'l1-port': { type: 'string' },
      'chain-id': { type: 'string' },
      'web-port': { type: 'string' },
      'snap-port': { type: 'string' },
      'block-time': { type: 'string' },
      'l1-block-time': { type: 'string' },
      'keeper-interval': { type: 'string' },
      'relayer-interval': { type: 'string' },
      'fraud-window': { type: 'string' },
      'state-dir': { type: 'string' },
      'manifest-dir': { type: 'string' },
      fresh: { type: 'boolean' },
      'no-build': { type: 'boolean' },
      'no-keeper': { type: 'boolean' },
      'no-relayer': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    log(
      'usage: npm start -- [--port 8545] [--l1-port 8546] [--chain-id 31337] [--web-port 3000] [--snap-port 8080] ' +
        '[--block-time 2] [--l1-block-time 2] [--keeper-interval 10] [--relayer-interval 3] [--fraud-window 120] ' +
        '[--state-dir .devnet] [--manifest-dir contracts/deployments] [--fresh] [--no-build] [--no-keeper] [--no-relayer]',
    );
    return;
  }
  const env = process.env;
  const port = intOpt(values.port, env.DEVNET_PORT, 8545, '--port');
  const l1Port = intOpt(values['l1-port'], env.DEVNET_L1_PORT, 8546, '--l1-port');
  const chainId = intOpt(values['chain-id'], env.DEVNET_CHAIN_ID, NETWORKS.devnet.chainId, '--chain-id');
  const l1ChainId = NETWORKS.devnet.l1ChainId;
  const webPort = intOpt(values['web-port'], env.DEVNET_WEB_PORT, 3000, '--web-port');
  const snapPort = intOpt(values['snap-port'], env.DEVNET_SNAP_PORT, 8080, '--snap-port');
  const blockTime = intOpt(values['block-time'], env.DEVNET_BLOCK_TIME, 2, '--block-time');
  const l1BlockTime = intOpt(values['l1-block-time'], env.DEVNET_L1_BLOCK_TIME, 2, '--l1-block-time');
  const keeperInterval = intOpt(values['keeper-interval'], env.DEVNET_KEEPER_INTERVAL, 10, '--keeper-interval');
  const relayerInterval = intOpt(values['relayer-interval'], env.DEVNET_RELAYER_INTERVAL, 3, '--relayer-interval');
  const fraudWindow = intOpt(values['fraud-window'], env.DEVNET_FRAUD_WINDOW, 120, '--fraud-window');
  const host = '127.0.0.1';

  // Every port first, so a taken one fails before anything starts.
  await assertPortFree(port, host, 'the L2 anvil (use --port)');
  await assertPortFree(l1Port, host, 'the L1 anvil (use --l1-port)');
  await assertPortFree(webPort, host, 'the partner page (use --web-port)');
  await assertPortFree(snapPort, host, 'the snap server (use --snap-port)');

  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  await ensureContractsBuilt();
  const stateDir = path.resolve(values['state-dir'] ?? env.DEVNET_STATE_DIR ?? DEVNET_DIR);
  STATE_FILE = path.join(stateDir, 'l2-state.json');
  L1_STATE_FILE = path.join(stateDir, 'l1-state.json');
  PROOFS_FILE = path.join(stateDir, 'airdrop', 'proofs.json');
  const manifestDir = path.resolve(values['manifest-dir'] ?? DEFAULT_MANIFEST_DIR);
  const manifestFile = path.join(manifestDir, `${chainId}.json`);
  if (values.fresh) {
    for (const f of [STATE_FILE, L1_STATE_FILE, PROOFS_FILE, manifestFile]) fs.rmSync(f, { force: true });
    log('- --fresh: previous devnet state removed');
  }
  const restarting = fs.existsSync(STATE_FILE) && fs.existsSync(L1_STATE_FILE);

  const t0 = Date.now();
  const from = (f: string) => (restarting ? `, continuing from ${path.relative(process.cwd(), f)}` : '');
  log(`- L2 anvil on ${host}:${port} (chain ${chainId}: Metis, native coin = METIS, shanghai)${from(STATE_FILE)}`);
  const l2 = await startAnvil({ port, host, chainId, stateFile: STATE_FILE, stateInterval: 10 });
  anvils.push({ name: 'L2', handle: l2, stateFile: STATE_FILE });
  watch('L2', l2);
  log(`- L1 anvil on ${host}:${l1Port} (chain ${l1ChainId}: Ethereum)${from(L1_STATE_FILE)}`);
  const l1 = await startAnvil({ port: l1Port, host, chainId: l1ChainId, stateFile: L1_STATE_FILE, stateInterval: 10 });
  anvils.push({ name: 'L1', handle: l1, stateFile: L1_STATE_FILE });
  watch('L1', l1);

  // Deploy unless both chains already have our contracts (a restart).
  let manifest: Manifest | undefined;
  if (fs.existsSync(manifestFile)) {
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    if (await isDeployed(l2.url, l1.url, m)) manifest = m;
  }
  if (manifest && fs.existsSync(PROOFS_FILE)) {
    log(`- protocol already deployed on both chains (${path.relative(process.cwd(), manifestFile)}): skipping deploy`);
  } else {
    if (restarting) log('- the saved chains have no (complete) deployment: deploying');
    const result = await deployProtocolFull({
      network: { ...NETWORKS.devnet, chainId },
      l2: { rpcUrl: l2.url, key: ANVIL_KEYS[DEVNET_ROLES.admin] },
      l1: { rpcUrl: l1.url, key: ANVIL_KEYS[DEVNET_ROLES.admin] },
      params: { blockTimeSeconds: blockTime, fraudProofWindow: fraudWindow },
      manifestDir,
      proofsFile: PROOFS_FILE,
      log,
    });
    manifest = result.manifest;
    // The manifest's RPC URLs are what browsers and tools use: the loopback addresses of this devnet.
    manifest.rpcUrl = `http://${host}:${port}`;
    manifest.l1!.rpcUrl = `http://${host}:${l1Port}`;
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    await seedDemoBalances({ rpcUrl: l2.url, log });
    await demoActivity(l2.url, manifest);
  }
  // Blocks keep coming like on real chains (interval mining), so time passes and rewards accrue.
  for (const [url, seconds] of [
    [l2.url, blockTime],
    [l1.url, l1BlockTime],
  ] as const) {
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'evm_setIntervalMining', params: [seconds] }),
    });
  }

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

  // the devnet manifest (the devnet bundle); which sites the snap serves is the on-chain PartnerRegistry's list
  const snapServer: StaticServer = await startStaticServer({
    port: snapPort,
    host,
    cors: true,
    name: 'the snap server (use --snap-port)',
    routes: snapRoutes('devnet'),
  });
  stops.push(() => snapServer.close());
  const snapReady = fs.existsSync(path.join(SNAP_DIR, 'dist', 'devnet', 'bundle.js'));

  if (!values['no-relayer']) {
    relayer = new Relayer(relayerOptionsFor(m, { l1RpcUrl: l1.url, l2RpcUrl: l2.url, key: DEVNET_RELAYER_KEY, confirmations: 2 }));
    relayer.start(relayerInterval * 1000);
  }
  if (!values['no-keeper']) {
    keeper = new Keeper({
      manifest: m,
      l2RpcUrl: l2.url,
      l1RpcUrl: l1.url,
      l2Key: ANVIL_KEYS[DEVNET_ROLES.keeper]!,
      l1Key: ANVIL_KEYS[DEVNET_ROLES.keeper]!,
      mpcKey: ANVIL_KEYS[DEVNET_ROLES.mpc]!,
      // the real MPC settles every epoch (1,000 blocks); the devnet settles every ~30 blocks so rewards show quickly
      minBatchBlocks: 30n,
      l2BlockSeconds: blockTime,
      minBridge: parseEther('100'),
      reportIntervalSeconds: 5 * 60,
    });
    keeper.start(keeperInterval * 1000);
  }

  const acct = (i: number) => `  #${i} ${ANVIL_ADDRESSES[i]}  ${ANVIL_KEYS[i]}`;
  const line = '='.repeat(100);
  log(`
${line}
 Metis liquid staking devnet is up (${((Date.now() - t0) / 1000).toFixed(1)}s)
${line}
 L2 (Metis)   ${`http://${host}:${port}`}   chain id ${chainId}   (add it to MetaMask: currency METIS; users live here)
 L1 (Ethereum) ${`http://${host}:${l1Port}`}  chain id ${l1ChainId}   (Metis's LockingPool and the protocol's hub)
 Partner page ${web.url}   (a demo DEX embedding <metis-stake-widget>${bundle ? '' : ' -- widget bundle NOT built'})
 Snap         local:${snapOrigin}   (MetaMask Flask; snap.manifest.devnet.json${snapReady ? '' : ' -- snap bundle NOT built'})
 Manifest     ${path.relative(process.cwd(), manifestFile)}   (served at ${web.url}/deployments/${chainId}.json)
 Proofs       ${path.relative(process.cwd(), PROOFS_FILE)}   (served at ${web.url}/airdrop/proofs.json)
 State        ${path.relative(process.cwd(), STATE_FILE)} and ${path.relative(process.cwd(), L1_STATE_FILE)}   (kept; --fresh starts over)
 Relayer      ${values['no-relayer'] ? 'off (--no-relayer)' : `every ${relayerInterval}s as ${DEVNET_RELAYER}: L1->L2 after 2 L1 blocks, L2->L1 after a ${fraudWindow}s fraud window (7 days on Metis)`}
 Keeper       ${values['no-keeper'] ? 'off (--no-keeper)' : `every ${keeperInterval}s as ${ANVIL_ADDRESSES[DEVNET_ROLES.keeper]} on both chains (also plays the MPC)`}
 Blocks       every ${blockTime}s (L2) and ${l1BlockTime}s (L1)

 Demo accounts (100,000 METIS each on L2; 0..5 are in the airdrop, #${INELIGIBLE_ACCOUNT_INDEX} is not) -- public anvil keys, devnet only:
${DEMO_ACCOUNT_INDEXES.map(acct).join('\n')}
 Roles: admin #0, reward payer #${DEVNET_ROLES.rewardPayer} (L1), keeper and guardian #${DEVNET_ROLES.keeper}, MPC #${DEVNET_ROLES.mpc} (L1), treasury ${DEVNET_TREASURY}
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
