import type { KnipConfig } from 'knip';

/**
 * Unused files, exports and dependencies (`npm run lint:exports`, part of `npm test`; its second pass,
 * `knip.own-tests.config.ts`, reports what only a package's own tests use).
 *
 * Each workspace's entries are what its package.json offers (the `exports` map, `bin`) plus what runs by
 * name: `main.ts` and the other command-line programs, files a process forks or a worker loads, the example
 * programs the tests run, and for the portal what Docusaurus loads. Tests and benches are entries too: an
 * export stays when a test uses it. A package's `exports` map is its API to the other workspaces, so an
 * export reachable from it is reported when no other workspace uses it (`includeEntryExports`).
 */
const config: KnipConfig = {
  includeEntryExports: true,
  workspaces: {
    '.': {
      entry: [
        'test/**/*.test.ts',
        'bench/*/main.ts',
        // Forked or run by name: `bench:warm-start`, the edge bench's baseline gateway and its profile reader.
        'bench/gateway/warm-start.ts',
        'bench/edge/{apollo-gateway,profile}.ts',
      ],
      project: ['test/**/*.ts', 'bench/**/*.ts'],
      // The PDF test helper requires it in a child process's script (test/support/pdf-text.ts).
      ignoreDependencies: ['pdf-parse'],
      // Installed on the machine (.ci/run), not from npm; the cluster test skips without it.
      ignoreBinaries: ['redis-server'],
    },
    contracts: {
      project: ['src/**/*.ts'],
    },
    kit: {
      project: ['src/**/*.ts'],
    },
    schema: {
      entry: ['compose/{main,check,snapshot}.ts'],
      project: ['src/**/*.ts', 'compose/**/*.ts'],
    },
    'subgraphs/*': {
      project: ['src/**/*.ts'],
      ignoreIssues: {
        // Every enum here is a GraphQL enum given to type-graphql's registerEnumType: its members are the
        // schema's values, read by name at run time, whether or not TypeScript code names them.
        'src/schema/**': ['enumMembers'],
      },
    },
    'subgraphs/telemetry': {
      // The import and training programs (package.json scripts) and the ingest worker, loaded by file name.
      entry: ['src/**/*.main.ts', 'src/ingest/worker.ts'],
      project: ['src/**/*.ts'],
      ignoreIssues: { 'src/schema/**': ['enumMembers'] },
    },
    gateway: {
      entry: ['examples/*.mjs'],
      project: ['src/**/*.ts', 'examples/*.mjs'],
    },
    stack: {
      // `npm start` and `npm run start:cluster` run these.
      entry: ['src/main.ts', 'src/cluster-main.ts'],
      project: ['src/**/*.ts'],
    },
    portal: {
      // Docusaurus loads its config, the sidebars and each page's default export by convention (knip's
      // Docusaurus plugin names them entries), so the exports of entries are the framework's, not an API.
      includeEntryExports: false,
      entry: ['src/pages/**/*.tsx', 'scripts/src/{generate,finish-reference}.ts', 'operations/**/*.mjs'],
      project: [
        '*.{ts,js}',
        'src/**/*.{ts,tsx}',
        'scripts/src/**/*.ts',
        'operations/**/*.mjs',
        'docs/**/*.mdx',
      ],
      // Written by GraphQL Code Generator; a test checks it matches the supergraph.
      ignore: ['src/gql/**'],
      ignoreDependencies: [
        // Named in docusaurus.config.ts as the API reference plugin's schema loader.
        '@graphql-tools/graphql-file-loader',
      ],
    },
  },
};

export default config;
