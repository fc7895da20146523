/**
 * Writes the generated parts of the portal before each build (`npm run generate`, run by `prebuild`):
 *
 * - `generated/api-schema.graphql`: the public API schema, each type and field that needs a scope saying so
 *   in its description; `@graphql-markdown/docusaurus` turns it into `docs/reference/api/`.
 * - `static/schema.graphql`: the public API schema as clients download it for their tools.
 * - `docs/reference/_error-codes.md`: every code of the error catalog with its HTTP status and meaning.
 * - `docs/reference/_limits.md`, `_list-sizes.md`: the gateway's default operation limits, and the list sizes
 *   its cost estimate assumes (from the supergraph's `@listSize` and the windowed lists), both from
 *   `@meridian/schema`.
 * - `docs/reference/changelog.md`: the released API versions compared in order, then the unreleased changes.
 * - `static/explorer-examples.json`: the operations the guides show, which the console's explorer offers.
 *
 * Every output is derived from a committed source (the supergraph, the error catalog, the history
 * snapshots), none is committed, so the portal cannot describe anything but the code it is built with.
 */
import fs from 'node:fs';
import path from 'node:path';
import { printApiSchema, readReleases } from '@meridian/schema/tooling';
import {
  changelogMarkdown,
  errorCodesMarkdown,
  limitsMarkdown,
  listSizesMarkdown,
  referenceSchema,
} from './pages';
import { explorerExamples } from './operations';

const PORTAL_DIR = path.resolve(__dirname, '..', '..');
const SUPERGRAPH_FILE = require.resolve('@meridian/schema/supergraph.graphql');
const REFERENCE_DIR = path.join(PORTAL_DIR, 'docs', 'reference');

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  console.log(`wrote ${path.relative(PORTAL_DIR, file)}`);
}

async function main(): Promise<void> {
  const supergraph = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
  const current = printApiSchema(supergraph);
  write(path.join(PORTAL_DIR, 'generated', 'api-schema.graphql'), referenceSchema(supergraph));
  write(path.join(PORTAL_DIR, 'static', 'schema.graphql'), current);
  write(path.join(REFERENCE_DIR, '_error-codes.md'), errorCodesMarkdown());
  write(path.join(REFERENCE_DIR, '_limits.md'), limitsMarkdown());
  write(path.join(REFERENCE_DIR, '_list-sizes.md'), listSizesMarkdown(supergraph));
  write(path.join(PORTAL_DIR, 'static', 'explorer-examples.json'), JSON.stringify(explorerExamples()));
  write(path.join(REFERENCE_DIR, 'changelog.md'), await changelogMarkdown(readReleases(), current));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
