// The linter guards correctness and boundaries; Prettier owns formatting.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Imports that reach into another package's build output or sources instead of its `exports`. */
const DEEP_IMPORTS = [
  {
    group: ['@meridian/*/dist', '@meridian/*/dist/**', '@meridian/*/src', '@meridian/*/src/**'],
    message: "Import the package's entry or a subpath its package.json exports.",
  },
  {
    regex: '^\\.\\.?/(.*/)?dist(/|$)',
    message: 'Import the sources, or another package through its exports, not build output.',
  },
];

/** `require.resolve` of another package's build output or sources. */
const NO_DEEP_RESOLVE = [
  {
    selector:
      "CallExpression[callee.object.name='require'][callee.property.name='resolve'] > Literal[value=/^@meridian\\/[^/]+\\/(dist|src)(\\/|$)/]",
    message: "Resolve the package's entry or a subpath its package.json exports.",
  },
];

/** `no-restricted-imports` with the deep imports and a layer's own rules (a later block replaces the rule). */
const restrictImports = (...layerRules) => ['error', { patterns: [...DEEP_IMPORTS, ...layerRules] }];

/** Imports of a subgraph's sibling folders (`../<folder>`) that a layer may not make. */
const noImportOf = (folders, message) => ({ regex: `^\\.\\./(${folders.join('|')})(/|$)`, message });

/** What sits above a subgraph's domain modules: the GraphQL layer, the loaders and the wiring. */
const ABOVE_THE_DOMAIN = ['resolvers', 'schema', 'loaders', 'http', 'server', 'context'];

/**
 * A subgraph's layers, top down: the GraphQL layer (`resolvers`, `schema`), `loaders`, the domain modules
 * (every other folder), and `store` at the bottom. Each imports only layers below it; the wiring (`server.ts`,
 * `context.ts`, `http`) imports everything and nothing imports it back.
 */
const SUBGRAPH_LAYERS = [
  {
    files: ['subgraphs/*/src/*/**/*.ts'],
    ignores: ['subgraphs/*/src/{resolvers,schema,loaders}/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrictImports(
        noImportOf(
          ['resolvers', 'schema', 'loaders'],
          'Domain modules serve the GraphQL layer; they never import it.',
        ),
      ),
    },
  },
  {
    files: ['subgraphs/*/src/loaders/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrictImports(
        noImportOf(['resolvers', 'schema'], 'Loaders serve the resolvers; they never import them.'),
      ),
    },
  },
  {
    // The store is the bottom layer: it names nothing above the domain, not even a type, and it loads no domain
    // module. Seeding, which composes the domain (generators, password hashing, scopes), lives in `seed/` and
    // writes through the store; a value the store needs (how it encodes, numbers or rolls up what it keeps)
    // lives in the store, or in kit when the domain shares it. Types may come from the domain (`import type`):
    // the store defines its rows and records, but some values it writes or compiles as given are the domain's
    // words (a checked BI question, a provider's match bundle, a computed invoice). A type import is erased at
    // compile time, so it loads nothing, and moving those types down would make persistence own the domain's
    // vocabulary. test/boundaries.test.ts checks in Node that a store loads nothing of its subgraph but itself
    // and config.ts, which names the defaults and limits the store uses.
    files: ['subgraphs/*/src/store/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrictImports(
        noImportOf(ABOVE_THE_DOMAIN, 'The store is the bottom layer: it imports nothing above it.'),
      ),
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Any other module of the subgraph (a domain folder or file) but config.ts.
              regex: `^\\.\\./(?!(${[...ABOVE_THE_DOMAIN, 'config'].join('|')})(/|$))`,
              allowTypeImports: true,
              message:
                'The store loads no domain module: take a type with `import type`, move the value into the store (or kit, if the domain shares it), or compose it outside the store and pass the result in.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['subgraphs/*/src/resolvers/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./store(/|$)',
              allowTypeImports: true,
              message:
                'Resolvers read through the loaders and the request context, never the store module itself.',
            },
          ],
        },
      ],
    },
  },
];

/**
 * The gateway's concerns (`auth`, `limits`, `metering`, `cache`, … one folder each) and the server that wires
 * them: a concern never imports the wiring, and what the steps share (`request.ts`) holds types only.
 */
const GATEWAY_LAYERS = [
  {
    files: ['gateway/src/*/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrictImports(
        noImportOf(
          ['server', 'edge', 'http-door', 'main', 'index'],
          'A concern of the gateway stands without the server: the wiring imports it, never the other way.',
        ),
      ),
    },
  },
  {
    files: ['gateway/src/request.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...NO_DEEP_RESOLVE,
        {
          selector: "ImportDeclaration[importKind='value']",
          message:
            'request.ts holds the types every step shares: it imports types only, so it reaches no step.',
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      'portal/build/**',
      'portal/.docusaurus/**',
      // Written by GraphQL Code Generator (`npm run codegen -w @meridian/portal`) and checked by a test.
      'portal/src/gql/**',
    ],
  },
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
      'no-restricted-imports': restrictImports(),
      'no-restricted-syntax': ['error', ...NO_DEEP_RESOLVE],
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
  ...SUBGRAPH_LAYERS,
  ...GATEWAY_LAYERS,
  {
    files: ['**/config.ts', '**/*.test.ts', 'test/**', 'bench/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The portal's one module for Node, `@meridian/portal/build-dir`, which the gateway loads: CommonJS.
    files: ['portal/build-dir.js'],
    languageOptions: { sourceType: 'commonjs', globals: { __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
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
