// mm-snap build configuration (webpack + SWC). Two builds of the same sources, chosen by SNAP_TARGET:
//   production (default): snap.manifest.json -> dist/bundle.js (what npm publishes)
//   devnet (SNAP_TARGET=devnet): snap.manifest.devnet.json -> dist/devnet/bundle.js (served by `npm start` and
//   used by the tests)
// The bundles are the same code; which sites may call the snap is on-chain (the PartnerRegistry), not here.
// Injected at build time: every deployment manifest of @metis-liquid-staking/contracts (SNAP_DEPLOYMENTS).
import type { SnapConfig } from '@metamask/snaps-cli';
import TerserPlugin from 'terser-webpack-plugin';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, resolve } from 'path';

const devnet = process.env.SNAP_TARGET === 'devnet';
const manifestPath = resolve(__dirname, devnet ? 'snap.manifest.devnet.json' : 'snap.manifest.json');

const deploymentsDir = resolve(dirname(require.resolve('@metis-liquid-staking/contracts/package.json')), 'deployments');
const deployments = existsSync(deploymentsDir)
  ? readdirSync(deploymentsDir)
      .filter((f) => /^\d+\.json$/.test(f))
      .sort()
      .map((f) => JSON.parse(readFileSync(resolve(deploymentsDir, f), 'utf8')))
      // only what the snap reads (no RPC URL: the snap uses MetaMask's provider)
      .map(({ chainId, name, startBlock, contracts, airdrop }) => ({
        chainId,
        name,
        startBlock,
        contracts,
        airdrop: { root: airdrop?.root },
      }))
  : [];

const config: SnapConfig = {
  input: resolve(__dirname, 'src/index.ts'),
  output: { path: resolve(__dirname, devnet ? 'dist/devnet' : 'dist'), filename: 'bundle.js', clean: false },
  manifest: { path: manifestPath },
  server: { port: 8080 },
  polyfills: { buffer: false },
  stats: { buffer: false },
  environment: { SNAP_DEPLOYMENTS: deployments },
  customizeWebpackConfig: (webpackConfig) => ({
    ...webpackConfig,
    resolve: {
      ...webpackConfig.resolve,
      // the bindings import `./x.js` meaning `./x.ts` (TypeScript's NodeNext convention).
      extensionAlias: { '.js': ['.ts', '.js'] },
    },
    optimization: {
      ...webpackConfig.optimization,
      // Same minifier as mm-snap's default, with more compression passes (the bundle has a 26 KB gzip budget).
      minimizer: [
        new TerserPlugin({
          parallel: true,
          extractComments: false,
          terserOptions: { compress: { passes: 3, pure_getters: true }, format: { comments: false } },
        }),
      ],
    },
  }),
};

export default config;
