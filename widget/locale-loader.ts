// How the strings of a language other than English arrive. Here (the ES module build, tests, a partner's
// bundler): a dynamic import, i.e. a chunk beside the module. The IIFE build replaces this file (rollup.config.mjs,
// localesAsJson): a fetch of `metis-stake-widget.ja.json` next to the script, pinned by its SHA-384 (fetch's
// `integrity`), so a partner who pins the script with SRI pins the strings too.
import type { Strings } from './strings.js';

/** The Japanese table. */
export const loadJa = (): Promise<Strings> => import('./locales/ja.js').then((m) => m.ja);
