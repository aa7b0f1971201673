// Rollup build. The widget part is self-contained (`widgetConfig`); other bundles (e.g. the snap) may be
// appended to the exported array later without touching it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { gzipSync } from 'node:zlib';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

/** TypeScript sources import each other with `.js` extensions (NodeNext style): map them to the `.ts` file. */
export function tsJsResolver() {
  return {
    name: 'ts-js-resolver',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const candidate = resolvePath(dirname(importer), source.slice(0, -3) + '.ts');
      return existsSync(candidate) ? candidate : null;
    },
  };
}

/** Prints min and min+gzip size of each written bundle (the bench reads dist/metis-stake-widget.iife.js). */
function sizeReport() {
  return {
    name: 'size-report',
    writeBundle(options) {
      const bytes = readFileSync(options.file);
      const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
      console.log(`${options.file}: ${kb(bytes.length)} min, ${kb(gzipSync(bytes, { level: 9 }).length)} min+gzip`);
    },
  };
}

/**
 * The front ends carry no viem: the bindings encode and decode with contracts/bindings/abi-codec.ts and
 * check addresses with address.ts. Type-only imports vanish in the TypeScript transform; a runtime import
 * of viem fails the build instead of silently adding ~9 KB gzip.
 */
export function noViem() {
  return {
    name: 'no-viem',
    resolveId(source, importer) {
      if (/^viem(\/|$)/.test(source)) this.error(`${importer} imports ${source} at runtime; the widget must not bundle viem`);
      return null;
    },
  };
}

/**
 * Collapses the indentation inside Lit's html`` and css`` templates in widget/ sources (terser leaves
 * template literal text alone). Newline-plus-indent becomes one space (or nothing between tags and in CSS
 * punctuation), which renders the same.
 */
export function minifyTemplates() {
  const collapse = (text, isCss) => {
    let t = text.replace(/\s*\n\s*/g, ' ');
    t = t.replace(/>\s+</g, '><');
    if (isCss) t = t.replace(/\s*([{};,>])\s*/g, '$1').replace(/:\s+/g, ':');
    return t;
  };
  // Walks a template literal starting after its opening backtick; returns [newText, endIndex].
  const walkTemplate = (src, i, isCss) => {
    let out = '';
    let chunk = '';
    while (i < src.length) {
      const c = src[i];
      if (c === '\\') {
        chunk += c + src[i + 1];
        i += 2;
      } else if (c === '`') {
        return [out + collapse(chunk, isCss) + '`', i + 1];
      } else if (c === '$' && src[i + 1] === '{') {
        out += collapse(chunk, isCss) + '${';
        chunk = '';
        const [expr, j] = walkCode(src, i + 2, '}');
        out += expr + '}';
        i = j;
      } else {
        chunk += c;
        i++;
      }
    }
    throw new Error('unterminated template');
  };
  // Walks code until the closing `close` at depth 0, minifying nested html/css templates.
  const walkCode = (src, i, close) => {
    let out = '';
    let depth = 0;
    while (i < src.length) {
      const c = src[i];
      if (c === "'" || c === '"') {
        let j = i + 1;
        while (src[j] !== c) j += src[j] === '\\' ? 2 : 1;
        out += src.slice(i, j + 1);
        i = j + 1;
      } else if (c === '`') {
        const tag = /(?:html|css)\s*$/.exec(out);
        const [t, j] = tag ? walkTemplate(src, i + 1, tag[0].startsWith('css')) : walkRaw(src, i + 1);
        out += '`' + t;
        i = j;
      } else if (c === '/' && src[i + 1] === '/') {
        const j = src.indexOf('\n', i);
        out += src.slice(i, j);
        i = j;
      } else if (c === '/' && src[i + 1] === '*') {
        const j = src.indexOf('*/', i) + 2;
        out += src.slice(i, j);
        i = j;
      } else {
        if (c === '{' || c === '(' || c === '[') depth++;
        if (c === '}' || c === ')' || c === ']') {
          if (depth === 0 && c === close) return [out, i + 1];
          depth--;
        }
        out += c;
        i++;
      }
    }
    return [out, i];
  };
  // A template literal that is not html/css: copied verbatim (its ${} code is still walked).
  const walkRaw = (src, i) => {
    let out = '';
    while (i < src.length) {
      const c = src[i];
      if (c === '\\') {
        out += c + src[i + 1];
        i += 2;
      } else if (c === '`') return [out + '`', i + 1];
      else if (c === '$' && src[i + 1] === '{') {
        const [expr, j] = walkCode(src, i + 2, '}');
        out += '${' + expr + '}';
        i = j;
      } else {
        out += c;
        i++;
      }
    }
    throw new Error('unterminated template');
  };
  return {
    name: 'minify-lit-templates',
    transform(code, id) {
      if (!/[\\/]widget[\\/].*\.ts$/.test(id)) return null;
      return { code: walkCode(code, 0, null)[0], map: null };
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

export const widgetConfig = {
  input: 'widget/index.ts',
  plugins: [
    noViem(),
    tsJsResolver(),
    minifyTemplates(),
    resolve({ browser: true, exportConditions: ['production', 'browser', 'module', 'import', 'default'] }),
    esbuild({ target: 'es2020', tsconfig: 'tsconfig.json', minify: false }),
  ],
  output: [
    {
      file: 'dist/metis-stake-widget.js',
      format: 'es',
      inlineDynamicImports: true,
      plugins: [terser(terserOptions(true)), sizeReport()],
    },
    {
      file: 'dist/metis-stake-widget.iife.js',
      format: 'iife',
      inlineDynamicImports: true,
      plugins: [terser(terserOptions(false)), sizeReport()],
    },
  ],
  onwarn(warning, warn) {
    if (['INVALID_ANNOTATION', 'THIS_IS_UNDEFINED', 'CIRCULAR_DEPENDENCY', 'MISSING_NAME_OPTION_FOR_IIFE_EXPORT'].includes(warning.code)) return;
    warn(warning);
  },
};

export default [widgetConfig];
