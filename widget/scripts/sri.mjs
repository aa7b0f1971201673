// Subresource Integrity for the built widget: prints the sha384 of the IIFE bundle (and of the ES module) and
// a ready-to-paste <script> tag for a pinned CDN URL. Run after `npm run build:widget` (or
// `npm run build:widget:bundles`), from the repository root:
//   node widget/scripts/sri.mjs            # widget/dist/metis-stake-widget.iife.js
//   node widget/scripts/sri.mjs some.js    # any other file(s)
// The hash is of the exact bytes served: recompute it for every release (a CDN URL without a pinned version
// would break the tag as soon as a new version is published).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const widget = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(resolve(widget, 'package.json'), 'utf8'));

/** `sha384-<base64>`, the value of an `integrity` attribute. */
export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const args = process.argv.slice(2);
const files = args.length
  ? args.map((f) => resolve(f))
  : ['metis-stake-widget.iife.js', 'metis-stake-widget.js'].map((f) => resolve(widget, 'dist', f));
for (const file of files) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    console.error(`${relative(process.cwd(), file)}: not found (build it first: npm run build:widget)`);
    process.exitCode = 1;
    continue;
  }
  console.log(`${relative(process.cwd(), file)}: ${sri(bytes)}`);
}
if (!args.length && !process.exitCode) {
  const iife = sri(readFileSync(files[0]));
  console.log(
    `\n<script src="https://unpkg.com/${name}@${version}/dist/metis-stake-widget.iife.js" integrity="${iife}" crossorigin="anonymous"></script>`,
  );
}
