/**
 * Finishes the API reference `docusaurus graphql-to-doc` writes into `docs/reference/api/` (`npm run
 * generate` runs it after the generator):
 *
 * - each page gets an example operation and a link that opens it in the console's explorer;
 * - headings start at level 2 under the page's title (the generator starts at 3), so they go in order;
 * - the sidebar lists queries, mutations and subscriptions first, objects before scalars, and GraphQL's
 *   built-in directives last.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import {
  explorerHref,
  referenceExample,
  type ReferenceExample,
  type ReferenceKind,
} from './reference-examples';

const PORTAL_DIR = path.resolve(__dirname, '..', '..');
const API_DIR = path.join(PORTAL_DIR, 'docs', 'reference', 'api');
const SCHEMA_FILE = path.join(PORTAL_DIR, 'generated', 'api-schema.graphql');

/** The folders of the reference, what their pages document, and their place in the sidebar. */
const SECTIONS: readonly { folder: string; kind: ReferenceKind; position: number; label?: string }[] = [
  { folder: 'operations/queries', kind: 'queries', position: 1 },
  { folder: 'operations/mutations', kind: 'mutations', position: 2 },
  { folder: 'operations/subscriptions', kind: 'subscriptions', position: 3 },
  {
    folder: 'operations/directives',
    kind: 'operation-directives',
    position: 9,
    label: 'Built-in directives',
  },
  { folder: 'types/objects', kind: 'objects', position: 1 },
  { folder: 'types/interfaces', kind: 'interfaces', position: 2 },
  { folder: 'types/unions', kind: 'unions', position: 3 },
  { folder: 'types/inputs', kind: 'inputs', position: 4 },
  { folder: 'types/enums', kind: 'enums', position: 5 },
  { folder: 'types/scalars', kind: 'scalars', position: 6 },
  { folder: 'types/directives', kind: 'type-directives', position: 9, label: 'Built-in directives' },
];

/** The example as MDX: the operation, its variables, and the link to the explorer. */
export function exampleSection(example: ReferenceExample): string {
  const variables = Object.keys(example.variables).length > 0;
  return [
    '## Example',
    '',
    '```graphql',
    example.query,
    '```',
    '',
    ...(variables
      ? ['Variables:', '', '```json', JSON.stringify(example.variables, null, 2), '```', '']
      : []),
    `[Open in the explorer](pathname://${explorerHref(example)})`,
    '',
  ].join('\n');
}

/** Headings one level up (`### Fields` → `## Fields`), outside code blocks. */
export function raiseHeadings(mdx: string): string {
  let inCode = false;
  return mdx
    .split('\n')
    .map((line) => {
      if (line.startsWith('```')) inCode = !inCode;
      return !inCode && /^#{3,6} /.test(line) ? line.slice(1) : line;
    })
    .join('\n');
}

/** The page with the example placed after the type's definition, before the first section. */
export function withExample(mdx: string, example: ReferenceExample): string {
  const section = exampleSection(example);
  const firstSection = mdx.search(/^## /m);
  if (firstSection === -1) return `${mdx.trimEnd()}\n\n${section}`;
  return `${mdx.slice(0, firstSection)}${section}\n${mdx.slice(firstSection)}`;
}

function titleOf(mdx: string): string | undefined {
  return /^title: (.+)$/m.exec(mdx)?.[1]?.trim();
}

function setPosition(categoryFile: string, position: number, label?: string): void {
  let text = fs.readFileSync(categoryFile, 'utf8').replace(/^position: .*$/m, `position: ${position}`);
  if (label) text = text.replace(/^label: .*$/m, `label: ${label}`);
  fs.writeFileSync(categoryFile, text);
}

function main(): void {
  const schema = buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));
  const missing: string[] = [];
  let pages = 0;
  for (const { folder, kind, position, label } of SECTIONS) {
    const dir = path.join(API_DIR, folder);
    if (!fs.existsSync(dir)) continue;
    const category = path.join(dir, '_category_.yml');
    if (fs.existsSync(category)) setPosition(category, position, label);
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.mdx'))) {
      const page = path.join(dir, file);
      const mdx = fs.readFileSync(page, 'utf8');
      const name = titleOf(mdx);
      const example = name ? referenceExample(schema, kind, name) : undefined;
      if (!example) {
        missing.push(`${folder}/${file}`);
        continue;
      }
      fs.writeFileSync(page, withExample(raiseHeadings(mdx), example));
      pages += 1;
    }
  }
  if (missing.length > 0) throw new Error(`no example could be made for ${missing.join(', ')}`);
  console.log(`finished ${pages} reference pages with examples`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
