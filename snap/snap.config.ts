// mm-snap build configuration (webpack + SWC). The protocol's deployments are bundled at build time:
// every contracts/deployments/*.json is injected as process.env.SNAP_DEPLOYMENTS.
import type { SnapConfig } from '@metamask/snaps-cli';
import TerserPlugin from 'terser-webpack-plugin';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { resolve } from 'path';

const deploymentsDir = resolve(__dirname, '..', 'contracts', 'deployments');
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
  output: { path: resolve(__dirname, 'dist'), filename: 'bundle.js' },
  server: { port: 8080 },
  polyfills: { buffer: false },
  stats: { buffer: false },
  environment: { SNAP_DEPLOYMENTS: deployments },
  customizeWebpackConfig: (webpackConfig) => ({
    ...webpackConfig,
    resolve: {
      ...webpackConfig.resolve,
      // contracts/bindings imports `./x.js` meaning `./x.ts` (TypeScript's NodeNext convention).
      extensionAlias: { '.js': ['.ts', '.js'] },
    },
    optimization: {
      ...webpackConfig.optimization,
      // Same minifier as mm-snap's default, with more compression passes (the bundle has a 25 KiB gzip budget).
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
