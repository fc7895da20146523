/**
 * The portal's typed GraphQL documents (`src/gql/`, written by GraphQL Code Generator from `codegen.ts`): the
 * committed files are what the portal's operations and the committed supergraph generate, and an operation
 * that the API does not answer cannot be generated at all. Runs the generator's own command line, as
 * `npm run codegen -w @meridian/portal` does.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OPERATION_LIMIT_DEFAULTS } from '@meridian/schema';
import { printApiSchema } from '@meridian/schema/tooling';
import { buildSchema, parse, validate } from 'graphql';
import { partnerQuotasOperation, QUOTAS_PER_CALL } from '../../src/lib/quotas';

const PORTAL = path.resolve(__dirname, '..', '..');
const ROOT = path.resolve(PORTAL, '..');
const CODEGEN = path.join(ROOT, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js');

/** The generator run with `config` (and `--check`: compare with the files on disk, write nothing). */
function codegen(config: string, ...flags: string[]): { exitCode: number | null; output: string } {
  // Under NODE_ENV=test (as jest sets it) the generator prints no errors.
  const env = { ...process.env };
  delete env.NODE_ENV;
  const run = spawnSync(process.execPath, [CODEGEN, '--config', config, ...flags], {
    cwd: PORTAL,
    env,
    encoding: 'utf8',
  });
  return { exitCode: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("the portal's typed GraphQL documents (portal/src/gql)", () => {
  it('are what the operations in portal/src and the supergraph generate today (run `npm run codegen -w @meridian/portal` when this fails)', () => {
    expect(codegen(path.join(PORTAL, 'codegen.ts'), '--check')).toMatchObject({ exitCode: 0 });
    expect(fs.readdirSync(path.join(PORTAL, 'src', 'gql')).sort()).toEqual([
      'gql.ts',
      'graphql.ts',
      'index.ts',
    ]);
  });

  it('cannot be generated while an operation asks for what the API does not have', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-portal-documents-'));
    try {
      fs.writeFileSync(
        path.join(folder, 'stale.tsx'),
        "import { graphql } from './gql';\nexport const STALE = graphql(`query StalePartners { partners { id nickname } }`);\n",
      );
      // The portal's configuration with one more source, written elsewhere if it were valid.
      const config = path.join(folder, 'codegen.ts');
      fs.writeFileSync(
        config,
        [
          `import portal from ${JSON.stringify(path.join(PORTAL, 'codegen'))};`,
          'const [output] = Object.values(portal.generates);',
          'export default {',
          '  ...portal,',
          `  documents: [...portal.documents, ${JSON.stringify(path.join(folder, 'stale.tsx'))}],`,
          `  generates: { ${JSON.stringify(`${path.join(folder, 'gql')}/`)}: output },`,
          '};',
        ].join('\n'),
      );
      const run = codegen(config);
      expect(run.exitCode).toBe(1);
      expect(run.output).toMatch(/Cannot query field "nickname" on type "Partner"/);
      expect(fs.existsSync(path.join(folder, 'gql'))).toBe(false);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it("include the admin partners table's quota operation, built at run time: valid, and within the root-field limit", () => {
    const schema = buildSchema(
      printApiSchema(fs.readFileSync(require.resolve('@meridian/schema/supergraph.graphql'), 'utf8')),
    );
    expect(QUOTAS_PER_CALL).toBeLessThanOrEqual(OPERATION_LIMIT_DEFAULTS.maxRootFields);
    const operation = parse(partnerQuotasOperation(QUOTAS_PER_CALL).toString());
    expect(validate(schema, operation)).toEqual([]);
  });
});
