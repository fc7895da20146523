/**
 * A remark plugin that fills code blocks from the shared operation files at build time:
 *
 *     ```graphql operation=matches/match-summary      → the operation's document
 *     ```json operation=matches/match-summary         → its variables
 *     ```bash operation=getting-started/first-query   → a curl call that sends it (also js, python)
 *     ```js file=telemetry/send-binary.mjs             → an example program, as it is
 *
 * A block naming an operation that does not exist fails the build, so the docs cannot drift from the files
 * the integration tests run.
 */
import { readExample, readOperation, renderSnippet, type SnippetLanguage } from './operations';

interface MdastNode {
  type: string;
  lang?: string | null;
  meta?: string | null;
  value?: string;
  children?: MdastNode[];
}

const OPERATION_META = /(?:^|\s)operation=(\S+)/;
const FILE_META = /(?:^|\s)file=(\S+)/;
const SNIPPETS: readonly string[] = ['bash', 'js', 'python'] satisfies SnippetLanguage[];

function fill(node: MdastNode, file: string): void {
  const example = FILE_META.exec(node.meta ?? '')?.[1];
  if (example) {
    node.value = readExample(example);
    node.meta = (node.meta ?? '').replace(FILE_META, '').trim() || `title="${example}"`;
    return;
  }
  const name = OPERATION_META.exec(node.meta ?? '')?.[1];
  if (!name) return;
  const operation = readOperation(name);
  const rest = (node.meta ?? '').replace(OPERATION_META, '').trim();
  if (node.lang === 'graphql') {
    node.value = operation.document;
    node.meta = rest || `title="${name}.graphql"`;
  } else if (node.lang === 'json') {
    if (!operation.variables) throw new Error(`${file}: operation ${name} has no variables (${name}.json)`);
    node.value = JSON.stringify(operation.variables, null, 2);
    node.meta = rest || `title="${name}.json"`;
  } else if (node.lang && SNIPPETS.includes(node.lang)) {
    node.value = renderSnippet(operation, node.lang as SnippetLanguage);
    node.meta = rest || null;
  } else {
    throw new Error(`${file}: a code block with operation=${name} must be graphql, json, bash, js or python`);
  }
}

export default function remarkOperations() {
  return (tree: MdastNode, vfile: { path?: string }): void => {
    const visit = (node: MdastNode) => {
      if (node.type === 'code') fill(node, vfile.path ?? 'a document');
      node.children?.forEach(visit);
    };
    visit(tree);
  };
}
