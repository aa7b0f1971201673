// mm-snap build configuration (webpack + SWC). The protocol's deployments are bundled at build time:
// every contracts/deployments/*.json is injected as process.env.SNAP_DEPLOYMENTS.
import type { SnapConfig } from '@metamask/snaps-cli';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { resolve } from 'path';

const deploymentsDir = resolve(__dirname, '..', 'contracts', 'deployments');
const deployments = existsSync(deploymentsDir)
  ? readdirSync(deploymentsDir)
      .filter((f) => /^\d+\.json$/.test(f))
      .sort()
      .map((f) => JSON.parse(readFileSync(resolve(deploymentsDir, f), 'utf8')))
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
  }),
};

export default config;
