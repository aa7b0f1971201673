// Browser tests of <metis-stake-widget> in real Chromium against the real two-chain devnet: serverStart starts
// both anvils (L2 Metis, L1 Ethereum) and deploys with the devnet's startTestDevnet() (loaded from .ts through
// tsx), builds the bundles (for the IIFE tests) and serves the manifest/proofs to the browser. The `devnet`
// server command drives what the browser cannot: the keeper's pass over both chains, the relayer (Metis's
// bridge is played by the devnet's models and relayer), time on both chains, and L1 snapshots.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { register } from 'tsx/esm/api';
import { CHROMIUM_ARGS, HOW_TO_GET_CHROMIUM, findChromium } from '../../scripts/find-chromium.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

/** CHROME_PATH, Debian's /usr/bin/chromium, or an already installed playwright browser; never downloads. */
function chromiumPath() {
  const found = findChromium();
  if (!found) {
    console.error(HOW_TO_GET_CHROMIUM);
    process.exit(1);
  }
  return found;
}

/** The devnet for the whole run, plus test-only HTTP routes and server commands. */
function devnetPlugin() {
  let devnet;
  let cycle;
  let sharded;
  const unregister = register();
  /** JSON-RPC to the L1 anvil (the browser only talks to L2). */
  const l1 = async (method, params = []) => {
    const res = await fetch(devnet.l1Url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const body = await res.json();
    if (body.error) throw new Error(body.error.message);
    return body.result;
  };
  const kinds = (actions) => actions.map((a) => ({ kind: a.kind, message: a.message, tx: !!a.tx }));
  return {
    name: 'metis-devnet',
    async serverStart() {
      const { startTestDevnet } = await import(resolve(root, 'test/helpers/devnet-fixture.ts'));
      cycle = await import(resolve(root, 'test/helpers/cycle.ts'));
      devnet = await startTestDevnet({ seed: true });
      // the devnet's few recipients fit one shard (prefix length 0): the same recipients sharded by one hex digit,
      // for the widget's one-small-file and 404 cases (its root is not the on-chain one: eligibility only)
      const tree = await import(resolve(root, 'contracts/scripts/airdrop/index.ts'));
      const { demoRecipientsCsv } = await import(resolve(root, 'devnet/airdrop.ts'));
      const built = tree.buildShardedAirdrop(tree.parseRecipientsCsv(demoRecipientsCsv()), { prefixLength: 1 });
      sharded = { root: built.root, dir: tree.writeShards(built, mkdtempSync(resolve(tmpdir(), 'wtr-shards-'))).dir };
      // the IIFE/ESM bundles the double-load tests use (widget/dist/)
      const { rollup } = await import('rollup');
      const { widgetConfig, widgetEsmConfig } = await import(resolve(root, 'rollup.config.mjs'));
      for (const config of [widgetConfig, widgetEsmConfig]) {
        const bundle = await rollup({ ...config, onwarn: () => {} });
        for (const out of config.output) await bundle.write({ ...out, plugins: out.plugins.filter((p) => p.name !== 'size-report') });
        await bundle.close();
      }
    },
    async serverStop() {
      await devnet?.stop();
      unregister();
    },
    serve(ctx) {
      if (!devnet) return undefined;
      const p = ctx.path;
      if (p === '/devnet/info.json') {
        return {
          body: JSON.stringify({
            url: devnet.url,
            l1Url: devnet.l1Url,
            manifest: devnet.manifest,
            accounts: devnet.accounts.map((a) => a.address),
            roles: devnet.roles,
          }),
          type: 'json',
        };
      }
      if (p === '/devnet/manifest.json') return { body: JSON.stringify(devnet.manifest), type: 'json' };
      // issue 14.6: a block explorer for the progress links (the devnet has none)
      if (p === '/devnet/explorer/manifest.json')
        return { body: JSON.stringify({ ...devnet.manifest, explorer: 'https://explorer.devnet.test/' }), type: 'json' };
      if (p === '/devnet/manifest-down.json') return { body: JSON.stringify({ ...devnet.manifest, rpcUrl: 'http://127.0.0.1:9' }), type: 'json' };
      if (p === '/devnet/sub/manifest.json')
        // no shards: the widget reads the whole proofs file
        return {
          body: JSON.stringify({ ...devnet.manifest, airdrop: { root: devnet.manifest.airdrop.root, proofsUrl: 'proofs.json' } }),
          type: 'json',
        };
      if (p === '/devnet/sharded/manifest.json')
        return {
          body: JSON.stringify({ ...devnet.manifest, airdrop: { root: sharded.root, shards: { url: '/devnet/sharded/', prefixLength: 1 } } }),
          type: 'json',
        };
      if (p.startsWith('/devnet/sharded/')) {
        const f = resolve(sharded.dir, basename(p));
        return existsSync(f) ? { body: readFileSync(f, 'utf8'), type: 'json' } : undefined;
      }
      // the airdrop shard files the deploy wrote next to the proofs file (a missing shard is a 404)
      if (p.startsWith('/airdrop/shards/')) {
        const f = resolve(dirname(devnet.proofsFile), 'shards', basename(p));
        return existsSync(f) ? { body: readFileSync(f, 'utf8'), type: 'json' } : undefined;
      }
      if (p === '/airdrop/proofs.json' || p === '/devnet/proofs.json' || p === '/devnet/sub/proofs.json')
        return { body: readFileSync(devnet.proofsFile, 'utf8'), type: 'json' };
      // the IIFE served from a folder whose Japanese strings were changed after the build (the script pins them)
      if (p === '/tampered/metis-stake-widget.iife.js')
        return { body: readFileSync(resolve(root, 'widget/dist/metis-stake-widget.iife.js'), 'utf8'), type: 'js' };
      if (p === '/tampered/metis-stake-widget.ja.json') {
        const ja = JSON.parse(readFileSync(resolve(root, 'widget/dist/metis-stake-widget.ja.json'), 'utf8'));
        return { body: JSON.stringify({ ...ja, tabStake: 'ここに送金してください 0x…' }), type: 'json' };
      }
      if (p === '/devnet/proofs-malformed.json') return { body: JSON.stringify({ root: devnet.proofs.root, claims: { nope: 1 } }), type: 'json' };
      if (p === '/devnet/proofs-not-json.json') return { body: '{ not json', type: 'json' };
      return undefined;
    },
    async executeCommand({ command, payload }) {
      if (command !== 'devnet') return undefined;
      switch (payload?.op) {
        case 'keeper':
          return kinds(await cycle.keeperTick(devnet));
        case 'relay':
          return (await devnet.relayer.tick()).length;
        case 'settle': {
          const r = await cycle.settle(devnet, payload.opts ?? {});
          return { actions: kinds(r.actions), relays: r.relays, rounds: r.rounds };
        }
        case 'advance':
          await cycle.advanceBoth(devnet, payload.seconds);
          return true;
        case 'l1-snapshot':
          return l1('evm_snapshot');
        case 'l1-revert':
          return l1('evm_revert', [payload.id]);
      }
      throw new Error(`unknown devnet op ${payload?.op}`);
    },
  };
}

/** A port free right now (never a fixed one: other runs may share the machine). */
const freePort = () =>
  new Promise((res, rej) => {
    const s = createServer().once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

export default {
  rootDir: root,
  port: await freePort(),
  files: ['test/widget/**/*.test.ts', 'test/widget/**/*.test.html'],
  // `source`: @metis-liquid-staking/widget's TypeScript sources (its package.json exports), not its built dist/
  nodeResolve: { exportConditions: ['source', 'production', 'browser'] },
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: resolve(root, 'tsconfig.json') }), devnetPlugin()],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 600000,
};
