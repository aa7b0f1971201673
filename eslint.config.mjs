// ESLint (flat config): typescript-eslint for all TypeScript, eslint-plugin-lit and eslint-plugin-wc for the
// widget's Lit element, Prettier owns formatting (eslint-config-prettier turns the style rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'contracts/out/**',
      'contracts/cache/**',
      'contracts/bindings/abis.ts',
      'contracts/bindings/frontend-abis.ts',
      'widget/custom-elements.json',
      '.devnet/**',
      'test-artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // the tests and the devnet read untyped JSON-RPC answers and playwright handles
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['widget/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['widget/**/*.ts'],
    ...wc.configs['flat/recommended'],
    // the element is registered once, guarded, in index.ts
    rules: { ...wc.configs['flat/recommended'].rules, 'wc/guard-super-call': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // the snap runs under SES with `snap` and `ethereum` globals
    files: ['snap/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { snap: 'readonly', ethereum: 'readonly' } },
  },
  prettier,
);
