/**
 * The seams between packages: a package is used only through what its `exports` map offers (the linter
 * refuses a deep import, proved here on a fixture), modules import each other in one direction only (the
 * linter refuses a cycle), a subgraph's layers import only the layers below them (resolvers and schema,
 * loaders, domain modules, store: the store takes types only from the domain, and loads none of it), and each
 * service loads only what it needs. The gateway
 * holds no data of its own, so starting it loads no database driver, query builder or schema-building
 * library; no service loads the schema tooling (the public API's diff and history) to start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { startTestStack } from './support/platform';

const ROOT = path.resolve(__dirname, '..');
const ESLINT = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** Packages the gateway must not load: it reaches data only through the subgraphs. */
const NOT_IN_THE_GATEWAY = [
  'better-sqlite3',
  'pg',
  'kysely',
  'type-graphql',
  'reflect-metadata',
  'dataloader',
  '@graphql-inspector/core',
];

/** Written into each service by `--require`: the modules it loaded, reported as it exits. */
const REPORTER = `
const fs = require('node:fs');
const path = require('node:path');
process.on('exit', () => {
  fs.writeFileSync(
    path.join(process.env.LOADED_MODULES_DIR, process.pid + '.json'),
    JSON.stringify({ entry: process.argv[1], modules: Object.keys(require.cache) }),
  );
});
`;

/** The npm package a loaded file belongs to (`@scope/name` or `name`), or undefined for the project's own. */
function packageOf(file: string): string | undefined {
  const at = file.lastIndexOf(`node_modules${path.sep}`);
  if (at < 0) return undefined;
  const [first, second] = file.slice(at + 'node_modules/'.length).split(path.sep);
  return first!.startsWith('@') ? `${first}/${second}` : first;
}

/**
 * The project's own linter, as `npm run lint` runs it, on `code` given on its standard input as if it were the
 * file `file`: the rule of each problem, by line.
 */
function lint(code: string, file = path.join('test', 'fixture.ts')): string[] {
  const run = spawnSync(process.execPath, [ESLINT, '--format', 'json', '--stdin', '--stdin-filename', file], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(run.stdout) as { messages: { line: number; ruleId: string }[] }[];
  return result!.messages.map((message) => `${message.line}:${message.ruleId}`);
}

describe('package boundaries', () => {
  test('the linter refuses deep imports into another package, and accepts its exported subpaths', () => {
    const deep = lint(
      [
        "import { EnvReader } from '@meridian/kit/dist/env';",
        "import { startGateway } from '../gateway/dist/server';",
        "import { codedError } from '@meridian/schema/src/errors';",
        "const entry = require.resolve('@meridian/gateway/dist/main.js');",
        'export { EnvReader, startGateway, codedError, entry };',
      ].join('\n'),
    );
    expect(deep).toEqual([
      '1:no-restricted-imports',
      '2:no-restricted-imports',
      '3:no-restricted-imports',
      '4:no-restricted-syntax',
    ]);
    const exported = lint(
      [
        "import { EnvReader } from '@meridian/kit/env';",
        "import { codedError } from '@meridian/schema';",
        "const entry = require.resolve('@meridian/gateway/main');",
        'export { EnvReader, codedError, entry };',
      ].join('\n'),
    );
    expect(exported).toEqual([]);
  });

  test.each([
    [
      'the store',
      'subgraphs/billing/src/store/fixture.ts',
      "import { PartnerResolver } from '../resolvers/partner.resolver';",
    ],
    ['the store', 'subgraphs/matches/src/store/fixture.ts', "import { createLoaders } from '../loaders';"],
    [
      'the store',
      'subgraphs/billing/src/store/fixture.ts',
      "import { hashPassword } from '../auth/password';",
    ],
    [
      'the store',
      'subgraphs/matches/src/store/fixture.ts',
      "import { generateMatch } from '../generate/match';",
    ],
    ['the store', 'subgraphs/telemetry/src/store/fixture.ts', "import { planEngine } from '../simulation';"],
    [
      'a domain module',
      'subgraphs/billing/src/auth/fixture.ts',
      "import { buildBillingSchema } from '../schema';",
    ],
    [
      'a loader',
      'subgraphs/telemetry/src/loaders/fixture.ts',
      "import { FleetResolver } from '../resolvers/fleet.resolver';",
    ],
    [
      'a resolver',
      'subgraphs/billing/src/resolvers/fixture.ts',
      "import { openBillingStore } from '../store';",
    ],
  ])('the linter refuses %s importing a layer above it (%s)', (_, file, line) => {
    const imported = /import \{ (\w+) \}/.exec(line)![1];
    expect(lint(`${line}\nexport { ${imported} };\n`, file)).toEqual([
      expect.stringMatching(/^1:(@typescript-eslint\/)?no-restricted-imports$/),
    ]);
  });

  test('the linter lets each layer import the layers below it', () => {
    expect(
      lint(
        "import { createLoaders } from '../loaders';\nexport { createLoaders };\n",
        'subgraphs/matches/src/resolvers/fixture.ts',
      ),
    ).toEqual([]);
    expect(
      lint(
        "import type { BillingStore } from '../store';\nexport type { BillingStore };\n",
        'subgraphs/billing/src/resolvers/fixture.ts',
      ),
    ).toEqual([]);
    expect(
      lint(
        "import { hashPassword } from '../auth/password';\nexport { hashPassword };\n",
        'subgraphs/billing/src/resolvers/fixture.ts',
      ),
    ).toEqual([]);
    expect(
      lint(
        "import { openBillingStore } from '../store';\nexport { openBillingStore };\n",
        'subgraphs/billing/src/auth/fixture.ts',
      ),
    ).toEqual([]);
  });

  test('the linter lets the store take a type from the domain, its own modules, kit and config.ts', () => {
    expect(
      lint(
        [
          "import type { Question } from '../bi/question';",
          "import { type InvoiceParty } from '../invoices/parties';",
          "import { createShopStore } from './shop.store';",
          "import { newId } from '@meridian/kit';",
          'export type { Question, InvoiceParty };',
          'export { createShopStore, newId };',
        ].join('\n'),
        'subgraphs/billing/src/store/fixture.ts',
      ),
    ).toEqual([]);
    expect(
      lint(
        "import { CHUNK_WINDOW_MS } from '../config';\nexport { CHUNK_WINDOW_MS };\n",
        'subgraphs/telemetry/src/store/fixture.ts',
      ),
    ).toEqual([]);
    // Above the domain, not even a type; and a domain module's value not by re-export either.
    expect(
      lint(
        "import type { BillingContext } from '../context';\nexport type { BillingContext };\n",
        'subgraphs/billing/src/store/fixture.ts',
      ),
    ).toEqual(['1:no-restricted-imports']);
    expect(
      lint("export { hashPassword } from '../auth/password';\n", 'subgraphs/billing/src/store/fixture.ts'),
    ).toEqual(['1:@typescript-eslint/no-restricted-imports']);
  });

  test.each(['billing', 'matches', 'telemetry'])(
    'the %s store loads no module of its subgraph but its own and config.ts',
    (subgraph) => {
      // In Node itself, from the build a service runs.
      const dist = path.join(ROOT, 'subgraphs', subgraph, 'dist');
      const entry = path.join(dist, 'store', 'index.js');
      const loaded = JSON.parse(
        execFileSync(
          process.execPath,
          [
            '-e',
            `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache)))`,
          ],
          { cwd: ROOT, encoding: 'utf8' },
        ),
      ) as string[];
      const own = loaded
        .filter((file) => file.startsWith(dist + path.sep))
        .map((file) => path.relative(dist, file));
      expect(own).toContain(path.join('store', 'index.js'));
      expect(own.filter((file) => !file.startsWith(`store${path.sep}`) && file !== 'config.js')).toEqual([]);
    },
  );

  test("the linter keeps the gateway's concerns off its wiring, and what the steps share to types", () => {
    expect(
      lint(
        "import { startGateway } from '../server';\nexport { startGateway };\n",
        'gateway/src/metering/fixture.ts',
      ),
    ).toEqual(['1:no-restricted-imports']);
    expect(
      lint(
        "import type { GatewayContext } from '../request';\nexport type { GatewayContext };\n",
        'gateway/src/metering/fixture.ts',
      ),
    ).toEqual([]);
    // request.ts may take types from a step, never a value that would load it.
    expect(
      lint(
        [
          "import { identifyCaller } from './auth/identify';",
          "import type { CostInput } from './limits/cost';",
          'export { identifyCaller };',
          'export type { CostInput };',
        ].join('\n'),
        'gateway/src/request.ts',
      ),
    ).toEqual(['1:no-restricted-syntax']);
    expect(
      lint(
        "const entry = require.resolve('@meridian/kit/dist/env');\nexport { entry };\n",
        'gateway/src/request.ts',
      ),
    ).toEqual(['1:no-restricted-syntax']);
  });

  test('the linter refuses modules that import each other in a circle, and accepts a one-way import', () => {
    // Two files on disk, as the rule follows imports between files: a package's src folder, made for the test.
    const folder = fs.mkdtempSync(path.join(ROOT, 'test', '.cycle-fixture-'));
    try {
      const src = path.join(folder, 'src');
      fs.mkdirSync(src);
      fs.writeFileSync(
        path.join(src, 'a.ts'),
        "import { b } from './b';\nexport const a = (): number => b() + 1;\n",
      );
      fs.writeFileSync(
        path.join(src, 'b.ts'),
        "import { a } from './a';\nexport const b = (): number => a() - 1;\n",
      );
      const lint = () => {
        const run = spawnSync(process.execPath, [ESLINT, '--format', 'json', src], {
          cwd: ROOT,
          encoding: 'utf8',
        });
        return (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).map(
          (result) =>
            `${path.basename(result.filePath)}:${result.messages.map((message) => message.ruleId).join(',')}`,
        );
      };
      expect(lint()).toEqual(['a.ts:import-x/no-cycle', 'b.ts:import-x/no-cycle']);
      fs.writeFileSync(path.join(src, 'b.ts'), 'export const b = (): number => 1;\n');
      expect(lint()).toEqual(['a.ts:', 'b.ts:']);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a deep import fails at run time too: only exported subpaths resolve', () => {
    // In Node itself, as a service resolves, not through the test runner's resolver.
    const resolve = (specifier: string) =>
      execFileSync(process.execPath, ['-p', `require.resolve(${JSON.stringify(specifier)})`], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
    expect(() => resolve('@meridian/kit/dist/env.js')).toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
    expect(() => resolve('@meridian/gateway/dist/server.js')).toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
    expect(resolve('@meridian/kit/env')).toBe(path.join(ROOT, 'kit', 'dist', 'env.js'));
    expect(resolve('@meridian/schema/supergraph.graphql')).toBe(
      path.join(ROOT, 'schema', 'supergraph.graphql'),
    );
    // The gateway finds the portal's build folder through the portal's one export for Node.
    expect(resolve('@meridian/portal/build-dir')).toBe(path.join(ROOT, 'portal', 'build-dir.js'));
    expect(() => resolve('@meridian/portal/scripts/dist/generate.js')).toThrow(
      /ERR_PACKAGE_PATH_NOT_EXPORTED/,
    );
  });

  test('the gateway starts without database or schema-building code, and no service loads the schema tooling', async () => {
    const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-modules-'));
    const reporter = path.join(reports, 'reporter.cjs');
    fs.writeFileSync(reporter, REPORTER);
    const stack = await startTestStack({
      env: { NODE_OPTIONS: `--require ${reporter}`, LOADED_MODULES_DIR: reports },
    });
    // One real request through the gateway to every subgraph, so what a request loads counts too.
    const answer = await fetch(`${stack.urls.gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ teams { name } fleets { name } plans { name } }' }),
    });
    expect(answer.status).toBe(200);
    await stack.close();

    const loaded = new Map<string, Set<string>>();
    for (const file of fs.readdirSync(reports).filter((name) => name.endsWith('.json'))) {
      const report = JSON.parse(fs.readFileSync(path.join(reports, file), 'utf8')) as {
        entry: string;
        modules: string[];
      };
      const service =
        path.relative(ROOT, report.entry).split(path.sep)[0] === 'gateway' ? 'gateway' : report.entry;
      loaded.set(
        service,
        new Set(report.modules.map(packageOf).filter((name): name is string => name !== undefined)),
      );
    }
    const gateway = loaded.get('gateway');
    expect(gateway).toBeDefined();
    expect(NOT_IN_THE_GATEWAY.filter((name) => gateway!.has(name))).toEqual([]);
    // The gateway does load what it is made of, so the report is real.
    expect(gateway!.has('@apollo/gateway')).toBe(true);

    const subgraphs = [...loaded.entries()].filter(([service]) => service !== 'gateway');
    expect(subgraphs).toHaveLength(3);
    for (const [service, packages] of subgraphs) {
      expect({ service, tooling: packages.has('@graphql-inspector/core') }).toEqual({
        service,
        tooling: false,
      });
      expect({ service, typeGraphql: packages.has('type-graphql') }).toEqual({ service, typeGraphql: true });
    }
  });
});
