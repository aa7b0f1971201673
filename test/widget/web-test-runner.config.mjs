// Browser tests of <metis-stake-widget> in real Chromium against a real anvil with the protocol deployed.
// serverStart: starts anvil on a free port and deploys with the devnet's startTestDevnet() (loaded from .ts
// through tsx), builds the bundle (for the IIFE tests) and serves the manifest/proofs to the browser.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
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
  let keeper;
  const unregister = register();
  return {
    name: 'metis-devnet',
    async serverStart() {
      const { startTestDevnet } = await import(resolve(root, 'test/helpers/devnet-fixture.ts'));
      keeper = await import(resolve(root, 'devnet/keeper.ts'));
      devnet = await startTestDevnet({ seed: true });
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
          body: JSON.stringify({ url: devnet.url, manifest: devnet.manifest, accounts: devnet.accounts.map((a) => a.address), roles: devnet.roles }),
          type: 'json',
        };
      }
      if (p === '/devnet/manifest.json') return { body: JSON.stringify(devnet.manifest), type: 'json' };
      if (p === '/devnet/manifest-down.json') return { body: JSON.stringify({ ...devnet.manifest, rpcUrl: 'http://127.0.0.1:9' }), type: 'json' };
      if (p === '/devnet/sub/manifest.json')
        return { body: JSON.stringify({ ...devnet.manifest, airdrop: { ...devnet.manifest.airdrop, proofsUrl: 'proofs.json' } }), type: 'json' };
      if (p === '/airdrop/proofs.json' || p === '/devnet/proofs.json' || p === '/devnet/sub/proofs.json')
        return { body: readFileSync(devnet.proofsFile, 'utf8'), type: 'json' };
      if (p === '/devnet/proofs-malformed.json') return { body: JSON.stringify({ root: devnet.proofs.root, claims: { nope: 1 } }), type: 'json' };
      if (p === '/devnet/proofs-not-json.json') return { body: '{ not json', type: 'json' };
      return undefined;
    },
    async executeCommand({ command, payload }) {
      if (command !== 'devnet') return undefined;
      if (payload?.op === 'keeper') {
        const actions = await keeper.runKeeperTick({
          rpcUrl: devnet.url,
          manifest: devnet.manifest,
          keeperKey: devnet.roles.keeper.key,
          mpcKey: devnet.roles.mpc.key,
          log: () => {},
        });
        return actions.map((a) => ({ kind: a.kind, message: a.message }));
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
