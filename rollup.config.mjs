// Rollup build of @metis-liquid-staking/widget (widget/dist/):
//   metis-stake-widget.js       ES module; lit, @lit/*, viem stay imports (peer dependencies / dependencies)
//   metis-stake-widget.ja.js    its Japanese strings, a chunk it imports the first time it shows Japanese
//   metis-stake-widget.iife.js  one <script>, everything inside but the Japanese strings:
//   metis-stake-widget.ja.json  those, fetched beside the script on first use, pinned by the script (SHA-384)
//   react.js                    the React wrapper (@lit/react), importing ./metis-stake-widget.js
//   *.d.ts                      declarations (rollup-plugin-dts; the bindings' types are inlined)
// Lit templates are minified by Lit's own @lit-labs/rollup-plugin-minify-html-literals; terser minifies the rest.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import minifyLitTemplates from '@lit-labs/rollup-plugin-minify-html-literals';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

const OUT = 'widget/dist';
/** What the ES module builds import rather than bundle. */
const external = (id) => /^(lit|lit-html|lit-element|@lit\/[^/]+|@lit-labs\/[^/]+|viem|react)(\/|$)/.test(id);

/** Prints min and min+gzip size of each written bundle. */
function sizeReport() {
  return {
    name: 'size-report',
    writeBundle(options, bundle) {
      const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
      for (const name of options.file ? [options.file] : Object.keys(bundle).map((f) => `${options.dir}/${f}`)) {
        const bytes = readFileSync(name);
        console.log(`${name}: ${kb(bytes.length)} min, ${kb(gzipSync(bytes, { level: 9 }).length)} min+gzip`);
      }
    },
  };
}

const terserOptions = (module) => ({
  module,
  ecma: 2020,
  compress: { passes: 2, pure_getters: true },
  // ascii_only: partners may serve the file without a charset; escaped Japanese text survives any decoding
  format: { comments: false, ascii_only: true },
});

const plugins = () => [
  minifyLitTemplates({ include: ['widget/**/*.ts'], failOnError: true }),
  // the bindings' "exports" point at their TypeScript sources; ./x.js imports mean ./x.ts
  resolve({ browser: true, extensions: ['.ts', '.js'], exportConditions: ['production', 'browser', 'module', 'import', 'default'] }),
  esbuild({ target: 'es2020', tsconfig: 'tsconfig.json', minify: false, loaders: { '.js': 'ts' } }),
];

const onwarn = (warning, warn) => {
  if (['INVALID_ANNOTATION', 'THIS_IS_UNDEFINED', 'CIRCULAR_DEPENDENCY', 'MISSING_NAME_OPTION_FOR_IIFE_EXPORT'].includes(warning.code)) return;
  warn(warning);
};

/**
 * The IIFE's languages other than English: JSON files beside the script (`metis-stake-widget.ja.json`), fetched on
 * the first render in that language with fetch's `integrity` set to their SHA-384, which the script carries: a
 * partner who pins the script with SRI pins the strings too, and a changed file is refused (English stays).
 * Replaces widget/locale-loader.ts (the ES module build's dynamic import) in the IIFE build only.
 */
function localesAsJson() {
  let integrity;
  return {
    name: 'locales-as-json',
    async buildStart() {
      const file = 'widget/locales/ja.ts';
      this.addWatchFile(file);
      const { code } = await transform(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm' });
      const { ja } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
      const json = JSON.stringify(ja);
      integrity = `sha384-${createHash('sha384').update(json).digest('base64')}`;
      this.emitFile({ type: 'asset', fileName: 'metis-stake-widget.ja.json', source: json });
    },
    load(id) {
      if (!/[\\/]widget[\\/]locale-loader\.ts$/.test(id)) return null;
      // import.meta.url in an IIFE is the script's src, read while the script runs (rollup's document.currentScript)
      return `const base = import.meta.url;
export const loadJa = () =>
  fetch(new URL('metis-stake-widget.ja.json', base).href, { integrity: ${JSON.stringify(integrity)} }).then((r) => {
    if (!r.ok) throw new Error('HTTP ' + r.status);
    return r.json();
  });`;
    },
  };
}

/** The widget: ES module (lit and viem external) and the self-contained IIFE. */
export const widgetConfig = {
  input: 'widget/index.ts',
  plugins: [localesAsJson(), ...plugins()],
  output: [
    { file: `${OUT}/metis-stake-widget.iife.js`, format: 'iife', inlineDynamicImports: true, plugins: [terser(terserOptions(false)), sizeReport()] },
  ],
  onwarn,
};

export const widgetEsmConfig = {
  input: 'widget/index.ts',
  external,
  // the lazy chunks import what they share from the entry, which may gain exports for them (no facade file)
  preserveEntrySignatures: 'allow-extension',
  plugins: plugins(),
  // the entry, plus a chunk per language other than English (loaded on first use: metis-stake-widget.ja.js)
  output: [
    {
      dir: OUT,
      entryFileNames: 'metis-stake-widget.js',
      chunkFileNames: 'metis-stake-widget.[name].js',
      format: 'es',
      plugins: [terser(terserOptions(true)), sizeReport()],
    },
  ],
  onwarn,
};

/** The React wrapper: imports the element from the ES module build next to it. */
const reactConfig = {
  input: 'widget/react.ts',
  external: (id) => external(id) || /[\\/]widget[\\/]index\.ts$/.test(id) || id === './index.js',
  plugins: plugins(),
  output: [
    { file: `${OUT}/react.js`, format: 'es', paths: (id) => (external(id) ? id : './metis-stake-widget.js'), plugins: [terser(terserOptions(true))] },
  ],
  onwarn,
};

/** Declarations: one file per entry, the bindings' types inlined (that package is not published). */
const typesConfig = (input, file, extraExternal = () => false) => ({
  input,
  external: (id) => external(id) || extraExternal(id),
  plugins: [dts({ respectExternal: true, tsconfig: 'widget/tsconfig.json', compilerOptions: { noEmit: false } })],
  onwarn: (w, warn) => w.code !== 'UNUSED_EXTERNAL_IMPORT' && warn(w),
  output: [{ file, format: 'es' }],
});

const declarations = [
  typesConfig('widget/index.ts', `${OUT}/metis-stake-widget.d.ts`),
  {
    ...typesConfig('widget/react.ts', `${OUT}/react.d.ts`, (id) => /(^\.|[\\/]widget)[\\/]index\.(js|ts)$/.test(id)),
    output: [
      { file: `${OUT}/react.d.ts`, format: 'es', paths: (id) => (/(^\.|[\\/]widget)[\\/]index\.(js|ts)$/.test(id) ? './metis-stake-widget.js' : id) },
    ],
  },
];

// `--environment BUNDLES_ONLY` (npm start, the end-to-end tests): the JavaScript only; the declarations take the
// longest and only the published package needs them.
export default [widgetConfig, widgetEsmConfig, reactConfig, ...(process.env.BUNDLES_ONLY ? [] : declarations)];
