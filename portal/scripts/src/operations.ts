/**
 * The operations the guides show, kept as files in `portal/operations/<domain>/<name>.graphql` (variables,
 * when the operation has any, in a sibling `<name>.json`). The docs embed them at build time and
 * `test/operations.test.ts` runs every one through a real gateway, so a guide cannot show an operation that
 * does not work. The same module renders the ready-to-run curl, JavaScript and Python snippets.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stripIgnoredCharacters } from 'graphql';

export const OPERATIONS_DIR = path.resolve(__dirname, '..', '..', 'operations');

/** Where the snippets read the endpoint and the key from, so they run unchanged in any shell. */
export const URL_VARIABLE = 'MERIDIAN_URL';
export const KEY_VARIABLE = 'MERIDIAN_KEY';

export interface Operation {
  /** Path below `portal/operations`, without the extension, e.g. `matches/match-summary`. */
  readonly name: string;
  readonly document: string;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
}

/** One operation by name; throws naming the file when it does not exist. */
export function readOperation(name: string, dir: string = OPERATIONS_DIR): Operation {
  const file = path.join(dir, `${name}.graphql`);
  if (!fs.existsSync(file)) throw new Error(`no operation ${name}: ${file} does not exist`);
  const variablesFile = path.join(dir, `${name}.json`);
  return {
    name,
    document: fs.readFileSync(file, 'utf8').trimEnd(),
    variables: fs.existsSync(variablesFile)
      ? (JSON.parse(fs.readFileSync(variablesFile, 'utf8')) as Record<string, unknown>)
      : undefined,
  };
}

/**
 * A whole example program kept beside the operations (e.g. `telemetry/send-binary.mjs`), shown as it is and
 * run as it is by the integration tests.
 */
export function readExample(file: string, dir: string = OPERATIONS_DIR): string {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) throw new Error(`no example ${file}: ${full} does not exist`);
  return fs.readFileSync(full, 'utf8').trimEnd();
}

/** Every operation in `dir`, by name. */
export function listOperations(dir: string = OPERATIONS_DIR): Operation[] {
  const names: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs
      .readdirSync(folder, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.graphql'))
        names.push(path.relative(dir, full).slice(0, -'.graphql'.length));
    }
  };
  walk(dir);
  return names.map((name) => readOperation(name, dir));
}

/** An operation as the console's explorer offers it: one click puts it and its variables in the editor. */
export interface ExplorerExample {
  readonly name: string;
  /** The operation's own name, e.g. `LiveEvents`. */
  readonly title: string;
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>>;
}

/** Every operation the guides show, for the explorer's examples (`static/explorer-examples.json`). */
export function explorerExamples(dir: string = OPERATIONS_DIR): ExplorerExample[] {
  return listOperations(dir).map((operation) => ({
    name: operation.name,
    title: /^\s*(?:query|mutation|subscription)\s+(\w+)/m.exec(operation.document)?.[1] ?? operation.name,
    query: `${operation.document}\n`,
    ...(operation.variables ? { variables: operation.variables } : {}),
  }));
}

/** The JSON body of a GraphQL request for the operation. */
export function requestBody(operation: Operation): { query: string; variables?: Record<string, unknown> } {
  return {
    query: operation.document,
    ...(operation.variables ? { variables: { ...operation.variables } } : {}),
  };
}

export type SnippetLanguage = 'bash' | 'js' | 'python';

/** Events a subscription snippet prints before it closes the connection. */
export const SNIPPET_EVENTS = 5;

function isSubscription(operation: Operation): boolean {
  return /^\s*subscription\b/m.test(operation.document.replace(/^#.*$/gm, ''));
}

/**
 * A program in `language` that sends the operation with the key and prints the JSON answer; for a
 * subscription (JavaScript only), one that prints its first events over graphql-ws.
 */
export function renderSnippet(operation: Operation, language: SnippetLanguage): string {
  if (isSubscription(operation)) {
    if (language !== 'js') throw new Error(`${operation.name}: subscriptions are shown in JavaScript only`);
    return subscriptionSnippet(operation);
  }
  switch (language) {
    case 'bash':
      return curlSnippet(operation);
    case 'js':
      return fetchSnippet(operation);
    case 'python':
      return pythonSnippet(operation);
  }
}

function curlSnippet(operation: Operation): string {
  const body = JSON.stringify({
    ...requestBody(operation),
    query: stripIgnoredCharacters(operation.document),
  });
  return [
    `curl -s "$${URL_VARIABLE}" \\`,
    `  -H 'content-type: application/json' \\`,
    `  -H "x-api-key: $${KEY_VARIABLE}" \\`,
    `  -d '${body.replaceAll("'", `'\\''`)}'`,
  ].join('\n');
}

/** The snippet programs, as files with `{{name}}` slots, so each reads as the program it prints. */
const TEMPLATES_DIR = path.resolve(__dirname, '..', 'templates');

/** A template with its slots filled; the environment variables the programs read fill two of them. */
const templates = new Map<string, string>();

function fill(template: string, slots: Record<string, string>): string {
  let text = templates.get(template);
  if (text === undefined) {
    text = fs.readFileSync(path.join(TEMPLATES_DIR, template), 'utf8').trimEnd();
    templates.set(template, text);
  }
  const values: Record<string, string> = { urlVariable: URL_VARIABLE, keyVariable: KEY_VARIABLE, ...slots };
  return text.replace(/\{\{(\w+)\}\}/g, (_slot, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${template}: no value for {{${name}}}`);
    return value;
  });
}

/** The document as the body of a JavaScript template literal. */
function templateLiteralText(document: string): string {
  return document.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${');
}

function fetchSnippet(operation: Operation): string {
  const body = operation.variables
    ? `{ query, variables: ${JSON.stringify(operation.variables)} }`
    : '{ query }';
  return fill('query.mjs.tmpl', { query: templateLiteralText(operation.document), body });
}

function subscriptionSnippet(operation: Operation): string {
  const variables = operation.variables ? `, variables: ${JSON.stringify(operation.variables)}` : '';
  return fill('live.mjs.tmpl', {
    query: templateLiteralText(operation.document),
    variables,
    events: String(SNIPPET_EVENTS),
  });
}

function pythonSnippet(operation: Operation): string {
  const document = operation.document.replaceAll('\\', '\\\\').replaceAll('"""', '\\"\\"\\"');
  const variables = operation.variables
    ? `\nvariables = json.loads('${JSON.stringify(operation.variables).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}')`
    : '';
  const body = operation.variables ? '{"query": query, "variables": variables}' : '{"query": query}';
  return fill('query.py.tmpl', { query: document, variables, body });
}
