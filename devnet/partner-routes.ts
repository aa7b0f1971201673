// The demo partner site's routes: the page, the widget bundle (and its Japanese strings), the manifest and the airdrop proofs (the whole
// file and the per-address shards).
// `npm start` and the end-to-end tests serve exactly these.
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from './anvil.js';
import type { Route } from './serve.js';

export const PARTNER_DIR = path.join(REPO_ROOT, 'devnet', 'partner-site');
/** The @metis-liquid-staking/widget package's folder (its bundles are in dist/). */
export const WIDGET_DIR = path.dirname(createRequire(import.meta.url).resolve('@metis-liquid-staking/widget/package.json'));

export function partnerSiteRoutes(o: {
  chainId: number;
  /** The devnet snap server's origin (the page's `snap-id` is `local:<snapOrigin>`). */
  snapOrigin: string;
  manifestFile: string;
  proofsFile: string;
  /** The airdrop shard directory served at /airdrop/shards/ (default: `shards/` next to the proofs file, as the deploy writes it). */
  shardsDir?: string;
  /** The widget IIFE (a function when it may appear or change while serving). */
  widgetBundle: string | (() => string | null);
}): Route[] {
  const bundle = o.widgetBundle;
  const beside = (name: string) =>
    typeof bundle === 'string' ? path.join(path.dirname(bundle), name) : () => (bundle() ? path.join(path.dirname(bundle()!), name) : null);
  const map = typeof bundle === 'string' ? `${bundle}.map` : () => (bundle() ? `${bundle()}.map` : null);
  return [
    {
      path: '/index.html',
      file: path.join(PARTNER_DIR, 'index.html'),
      transform: (html) => html.replaceAll('31337', String(o.chainId)).replaceAll('local:http://localhost:8080', `local:${o.snapOrigin}`),
    },
    { path: '/metis-stake-widget.iife.js', file: bundle },
    { path: '/metis-stake-widget.iife.js.map', file: map },
    // the IIFE's Japanese strings, fetched beside it on the first Japanese render
    { path: '/metis-stake-widget.ja.json', file: beside('metis-stake-widget.ja.json') },
    { path: `/deployments/${o.chainId}.json`, file: o.manifestFile },
    { path: '/airdrop/proofs.json', file: o.proofsFile },
    { prefix: '/airdrop/shards/', dir: o.shardsDir ?? path.join(path.dirname(o.proofsFile), 'shards') },
    { prefix: '/assets/', dir: path.join(PARTNER_DIR, 'assets') },
  ];
}
