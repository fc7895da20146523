/**
 * GraphQL Code Generator's configuration for the portal's typed documents, `src/gql/`: the client preset
 * reads every operation and fragment written with `graphql()` in `src/`, validates it against the public API
 * schema of the committed supergraph, and writes its result and variables types with the document itself.
 * Pages send these documents (`src/lib/graphql.ts`), so an operation the API no longer answers fails here
 * or in the portal's typecheck, not in a partner's browser.
 *
 * `npm run codegen -w @meridian/portal` writes the files, which are committed;
 * `scripts/src/typed-documents.test.ts` fails when they differ from what this generates.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { apiSchemaOf } from '@meridian/schema/tooling';
import { printSchema } from 'graphql';

/** The public API schema of the committed supergraph, as clients see it (no federation machinery). */
const supergraph = fs.readFileSync(require.resolve('@meridian/schema/supergraph.graphql'), 'utf8');

/** Globs from the portal's folder, so that the generator runs the same from anywhere. */
const inPortal = (glob: string) => path.join(__dirname, glob).split(path.sep).join('/');

const config: CodegenConfig = {
  schema: printSchema(apiSchemaOf(supergraph)),
  documents: [inPortal('src/**/*.{ts,tsx}'), `!${inPortal('src/gql/**')}`],
  generates: {
    [`${inPortal('src/gql')}/`]: {
      preset: 'client',
      // Documents go on the wire as text, their types with them; no fragment masking.
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        scalars: { DateTimeISO: 'string' },
        useTypeImports: true,
      },
    },
  },
};

export default config;
