/**
 * The generated parts of the portal, as text: the API schema the reference is built from, the error codes,
 * the operation limits, the list sizes of the cost estimate and the schema changelog. `generate.ts` writes
 * them; each is derived from a committed source only.
 */
import {
  errorCatalog,
  errorCodes,
  OPERATION_LIMIT_DEFAULTS,
  WINDOWED_LISTS,
  type ErrorCode,
  type ErrorCodeEntry,
} from '@meridian/schema';
import {
  apiSchemaOf,
  CHANGE_CLASSES,
  countChanges,
  diffApiSchemas,
  type ChangeClass,
  type Release,
  type SchemaChange,
} from '@meridian/schema/tooling';
import {
  Kind,
  parse,
  print,
  printSchema,
  valueFromASTUntyped,
  visit,
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type StringValueNode,
  type TypeNode,
} from 'graphql';

/** `Type` or `Type.field` → the scopes `@requiresScopes` asks for: any one of the lists, all of its scopes. */
type ScopeRules = Map<string, string[][]>;

function scopesOf(directives: readonly ConstDirectiveNode[] | undefined): string[][] | undefined {
  const argument = directives
    ?.find((directive) => directive.name.value === 'requiresScopes')
    ?.arguments?.find((arg) => arg.name.value === 'scopes');
  return argument ? (valueFromASTUntyped(argument.value) as string[][]) : undefined;
}

function readScopeRules(supergraphSdl: string): ScopeRules {
  const rules: ScopeRules = new Map();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const typeScopes = scopesOf(definition.directives);
    if (typeScopes) rules.set(definition.name.value, typeScopes);
    for (const field of definition.fields ?? []) {
      const fieldScopes = scopesOf(field.directives);
      if (fieldScopes) rules.set(`${definition.name.value}.${field.name.value}`, fieldScopes);
    }
  }
  return rules;
}

function describeScopes(scopes: string[][]): string {
  const alternatives = scopes.map((all) => all.map((scope) => `\`${scope}\``).join(' and '));
  return `Needs the scope ${alternatives.join(', or ')}.`;
}

function describeJoinedScopes(type: string, scopes: string[][]): string {
  const alternatives = scopes.map((all) => all.map((scope) => `\`${scope}\``).join(' and '));
  return `Returns \`${type}\`, which needs the scope ${alternatives.join(', or ')}.`;
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

function withNote<T extends ObjectTypeDefinitionNode | FieldDefinitionNode>(node: T, note: string): T {
  const text = node.description ? `${node.description.value}\n\n${note}` : note;
  const description: StringValueNode = { kind: Kind.STRING, value: text, block: true };
  return { ...node, description };
}

/** The public API schema, in the order the subgraphs declare it, with scope requirements in the descriptions. */
export function referenceSchema(supergraphSdl: string): string {
  const rules = readScopeRules(supergraphSdl);
  let typeName = '';
  const annotated = visit(parse(printSchema(apiSchemaOf(supergraphSdl))), {
    ObjectTypeDefinition: {
      enter(node) {
        typeName = node.name.value;
        const scopes = rules.get(typeName);
        return scopes ? withNote(node, describeScopes(scopes)) : undefined;
      },
    },
    FieldDefinition(node) {
      const own = rules.get(`${typeName}.${node.name.value}`);
      // A field returning a type under its own scopes (a join to another domain, often) needs those too.
      const returned = namedTypeOf(node.type);
      const joined = rules.get(returned);
      const stated = [own, rules.get(typeName)].filter((scopes) => scopes !== undefined).map(String);
      const notes = [
        ...(own ? [describeScopes(own)] : []),
        ...(joined && !stated.includes(String(joined)) ? [describeJoinedScopes(returned, joined)] : []),
      ];
      return notes.length > 0 ? withNote(node, notes.join(' ')) : undefined;
    },
  });
  return `${print(annotated)}\n`;
}

/** MDX reads `{`, `}` and `<` as code: escape them outside inline code. */
function mdxText(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[{}<>]/g, (c) => `\\${c}`)))
    .join('');
}

/** A code's status, and the one plain HTTP routes answer with where it differs. */
function statusOf(code: ErrorCode): string {
  const entry: ErrorCodeEntry = errorCatalog[code];
  return entry.plainHttpStatus === undefined
    ? String(entry.httpStatus)
    : `${entry.httpStatus} (${entry.plainHttpStatus} from bulk ingest and the session routes)`;
}

export function errorCodesMarkdown(): string {
  const lines = [
    '{/* Generated from schema/src/errors.ts by portal/scripts; do not edit. */}',
    '',
    '| code | HTTP status |',
    '| --- | --- |',
    ...errorCodes.map((code) => `| [\`${code}\`](#${code.toLowerCase()}) | ${statusOf(code)} |`),
    '',
  ];
  for (const code of errorCodes) {
    lines.push(
      `### \`${code}\``,
      '',
      `HTTP ${statusOf(code)}. ${mdxText(errorCatalog[code].description)}`,
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The operation limits a default gateway applies (its config with no environment set). */
export function limitsMarkdown(): string {
  const limits = OPERATION_LIMIT_DEFAULTS;
  const rows: [string, number, string][] = [
    ['depth of nested selections', limits.maxDepth, '`OPERATION_LIMIT_EXCEEDED`, `limit: "depth"`'],
    [
      'depth of an operation made only of one `__schema` or `__type` (the standard introspection query)',
      limits.maxIntrospectionDepth,
      '`OPERATION_LIMIT_EXCEEDED`, `limit: "depth"`',
    ],
    ['aliases', limits.maxAliases, '`OPERATION_LIMIT_EXCEEDED`, `limit: "aliases"`'],
    ['root fields', limits.maxRootFields, '`OPERATION_LIMIT_EXCEEDED`, `limit: "rootFields"`'],
    ['directives', limits.maxDirectives, '`OPERATION_LIMIT_EXCEEDED`, `limit: "directives"`'],
    [
      'field selections, fragments expanded where spread',
      limits.maxSelections,
      '`OPERATION_LIMIT_EXCEEDED`, `limit: "selections"`',
    ],
    [
      'a slicing argument (`first`, `last`, …); negative is refused too',
      limits.maxListSize,
      '`BAD_USER_INPUT`, with `violations`',
    ],
    [
      'bytes of the operation text',
      limits.maxQueryBytes,
      '`OPERATION_LIMIT_EXCEEDED`, `limit: "queryBytes"`',
    ],
    ['tokens of the operation text', limits.maxTokens, '`OPERATION_LIMIT_EXCEEDED`, `limit: "tokens"`'],
    [
      'estimated cost of one operation',
      limits.maxCost,
      '`COST_LIMIT_EXCEEDED`, with `estimated` and `limit`',
    ],
  ];
  return [
    '{/* Generated from the operation limit defaults of schema/src/limits.ts by portal/scripts; do not edit. */}',
    '',
    '| limit | at most | refused with |',
    '| --- | --- | --- |',
    ...rows.map(([what, maximum, error]) => `| ${what} | ${maximum.toLocaleString('en')} | ${error} |`),
    '',
    `A list whose size neither an argument nor the schema gives is assumed to hold ${limits.defaultListSize} items.`,
    '',
  ].join('\n');
}

/** Every `@listSize` of the supergraph: how the cost estimate sizes that list. */
export function listSizesMarkdown(supergraphSdl: string): string {
  const rows: string[] = [];
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      const directive = field.directives?.find((d) => d.name.value === 'listSize');
      if (!directive) continue;
      const args = Object.fromEntries(
        (directive.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)]),
      ) as { assumedSize?: number; slicingArguments?: string[]; sizedFields?: string[] };
      const coordinate = `${definition.name.value}.${field.name.value}`;
      const window = WINDOWED_LISTS.get(coordinate);
      if (window) {
        rows.push(
          `| \`${coordinate}\` | the window from \`${window.from}\` to \`${window.to}\` in seconds, ${window.perSecond} a second, or one every \`${window.step}\` seconds | |`,
        );
        continue;
      }
      const sizedBy = args.slicingArguments?.map((name) => `\`${name}\``).join(', ') ?? '';
      const sized = args.sizedFields ? ` (sizes ${args.sizedFields.map((f) => `\`${f}\``).join(', ')})` : '';
      rows.push(
        `| \`${coordinate}\` | ${sizedBy ? `the argument ${sizedBy}${sized}` : ''} | ${args.assumedSize ?? ''} |`,
      );
    }
  }
  return [
    '{/* Generated from the @listSize directives of schema/supergraph.graphql by portal/scripts; do not edit. */}',
    '',
    '| list | sized by | assumed size |',
    '| --- | --- | --- |',
    ...rows.sort(),
    '',
  ].join('\n');
}

const CLASS_TITLES: Record<ChangeClass, string> = {
  breaking: 'Breaking',
  dangerous: 'Dangerous',
  safe: 'Safe',
};

/** Quoted names (`'Match.venue'`) become inline code. */
function changeLine(change: SchemaChange): string {
  const message = change.message.replace(/'([^'\s]+)'/g, '`$1`');
  return `- ${mdxText(message)}${change.reason ? ` _${mdxText(change.reason)}_` : ''}`;
}

function changesMarkdown(changes: readonly SchemaChange[]): string[] {
  if (changes.length === 0) return ['No changes to the public API.', ''];
  const lines = [`${countChanges(changes)}.`, ''];
  for (const kind of CHANGE_CLASSES) {
    const ofKind = changes.filter((change) => change.class === kind);
    if (ofKind.length === 0) continue;
    lines.push(`#### ${CLASS_TITLES[kind]}`, '', ...ofKind.map(changeLine), '');
  }
  return lines;
}

function summary(sdl: string): string {
  const definitions = parse(sdl).definitions;
  const types = definitions.filter(
    (d) => 'name' in d && !['Query', 'Mutation', 'Subscription'].includes(d.name!.value),
  );
  const rootFields = (name: string) =>
    definitions
      .filter(
        (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === name,
      )
      .reduce((sum, d) => sum + (d.fields?.length ?? 0), 0);
  return `${rootFields('Query')} queries, ${rootFields('Mutation')} mutations, ${rootFields('Subscription')} subscriptions and ${types.length} types.`;
}

export async function changelogMarkdown(releases: readonly Release[], current: string): Promise<string> {
  const lines = [
    '---',
    'title: Schema changelog',
    'description: Every change to the public API, version by version, classed breaking, dangerous or safe.',
    '---',
    '',
    '{/* Generated from schema/history/*.graphql and schema/supergraph.graphql by portal/scripts; do not edit. */}',
    '',
    'Every change to the public API, newest first. **Breaking** changes can make a working operation fail',
    '(a field or type removed, an argument made required); **dangerous** ones keep operations valid but may',
    'change what they return (a new enum value, a changed default); **safe** ones change nothing for',
    'existing clients. Released versions are kept in `schema/history/`; _Unreleased_ compares the API this',
    'portal was built with against the latest release.',
    '',
  ];
  const latest = releases.at(-1);
  lines.push('## Unreleased', '');
  lines.push(
    ...(latest ? changesMarkdown(await diffApiSchemas(latest.sdl, current)) : ['Nothing released yet.', '']),
  );
  for (let i = releases.length - 1; i >= 0; i--) {
    const release = releases[i]!;
    lines.push(
      `## ${release.version} {#v${release.version.replaceAll('.', '-')}}`,
      '',
      `Released ${release.released}.`,
      '',
    );
    const previous = releases[i - 1];
    if (previous) lines.push(...changesMarkdown(await diffApiSchemas(previous.sdl, release.sdl)));
    else lines.push(`The first release: ${summary(release.sdl)}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
