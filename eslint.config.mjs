// The linter guards correctness and boundaries; Prettier owns formatting.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', 'portal/build/**', 'portal/.docusaurus/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // The environment is read once, in each service's src/config.ts.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read the environment only in src/config.ts.' },
      ],
      // A package is used through what its `exports` map offers, never through its build output or sources.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@meridian/*/dist', '@meridian/*/dist/**', '@meridian/*/src', '@meridian/*/src/**'],
              message: "Import the package's entry or a subpath its package.json exports.",
            },
            {
              regex: '^\\.\\.?/(.*/)?dist(/|$)',
              message: 'Import the sources, or another package through its exports, not build output.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name='require'][callee.property.name='resolve'] > Literal[value=/^@meridian\\/[^/]+\\/(dist|src)(\\/|$)/]",
          message: "Resolve the package's entry or a subpath its package.json exports.",
        },
      ],
    },
  },
  {
    // Modules of a package import each other in one direction: no cycles (type-only imports excepted).
    files: ['**/src/**/*.ts', '**/src/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['**/config.ts', '**/*.test.ts', 'test/**', 'bench/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Example programs a reader runs with node as they are (gateway examples, portal guides): stand-alone
    // Node.js scripts configured by their environment.
    files: ['**/examples/**/*.mjs', 'portal/operations/**/*.mjs'],
    languageOptions: {
      globals: {
        Buffer: 'readonly',
        URL: 'readonly',
        console: 'readonly',
        fetch: 'readonly',
        process: 'readonly',
      },
    },
    rules: { 'no-restricted-properties': 'off' },
  },
);
