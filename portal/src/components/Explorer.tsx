/**
 * GraphiQL against the gateway, authenticated with the signed-in developer's short-lived access token
 * (refreshed as it expires). No API key is ever typed into or stored by the explorer. Loaded only in the
 * browser: GraphiQL's editors need a DOM. GraphiQL's stylesheet is linked here, not bundled with the site's:
 * other pages do not load it, and React holds the explorer back until it has loaded.
 */
import { GraphiQL } from 'graphiql';
import graphiqlStylesheet from 'graphiql/style.css';
import {
  buildClientSchema,
  getIntrospectionQuery,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { useColorMode } from '@docusaurus/theme-common';
import { useEffect, useRef, useState } from 'react';
import ErrorNotice from './ErrorNotice';
import { exchange, useSession } from '../lib/session';

/** Type wrappers an introspection follows: `[[T!]!]!` needs five, the standard query asks for nine. */
const TYPE_REF_DEPTH = 6;

/**
 * The standard introspection query with a shallower type reference, so that it stays within the gateway's
 * depth limit (the standard one is 15 deep) like any other operation.
 */
function introspectionQuery(): string {
  let typeRef = 'kind name';
  for (let level = 0; level < TYPE_REF_DEPTH; level += 1) typeRef = `kind name ofType { ${typeRef} }`;
  const standard = getIntrospectionQuery({ descriptions: true });
  return `${standard.slice(0, standard.indexOf('fragment TypeRef'))}fragment TypeRef on __Type { ${typeRef} }`;
}

/** The API's schema, as the signed-in user may see it; GraphiQL's completion and docs read it. */
function useSchema(): { schema: GraphQLSchema | null; error: unknown } {
  const [schema, setSchema] = useState<GraphQLSchema | null>(null);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let current = true;
    exchange({ query: introspectionQuery(), operationName: 'IntrospectionQuery' })
      .then((answer) => {
        const { data, errors } = answer as { data?: IntrospectionQuery; errors?: { message: string }[] };
        if (!data) throw new Error(`the schema could not be read: ${errors?.[0]?.message ?? 'no data'}`);
        if (current) setSchema(buildClientSchema(data));
      })
      .catch((failure: unknown) => current && setError(failure));
    return () => {
      current = false;
    };
  }, []);
  return { schema, error };
}

const FIRST_QUERY = `# Runs as you, with your plan's scopes and limits; usage counts against your quota.
query FirstLook {
  teams {
    name
  }
  apiKeys {
    name
    prefix
    lastUsedAt
  }
}
`;

/** The business team acts across partners: their first query names none. */
const ADMIN_FIRST_QUERY = `# Runs as you, a Meridian admin: across every partner.
query FirstLook {
  partners {
    name
    plan {
      name
    }
    suspendedAt
  }
}
`;

/** What a screen reader calls the GraphiQL editor this textarea belongs to. */
function editorName(textarea: Element): string {
  if (textarea.closest('.graphiql-query-editor')) return 'Operation';
  if (textarea.closest('.result-window')) return 'Response';
  // The editor tools hold the variables editor, then the headers editor.
  const tool = textarea.closest('.graphiql-editor-tool');
  const editor = textarea.closest('.graphiql-editor');
  if (tool && editor)
    return Array.from(tool.querySelectorAll('.graphiql-editor')).indexOf(editor) === 0
      ? 'Variables'
      : 'Headers';
  return 'Editor';
}

/**
 * Names GraphiQL's editors: each is a CodeMirror with a bare textarea inside, which screen readers would
 * announce as an unnamed text field. Editors come and go (the variables and headers tabs), so new ones are
 * named as they appear. Two more repairs of GraphiQL's markup ride along (see below).
 */
function useLabelledEditors(container: React.RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const label = () => {
      for (const textarea of Array.from(root.querySelectorAll('textarea:not([aria-label])'))) {
        textarea.setAttribute('aria-label', editorName(textarea));
      }
      // An editor's scrolling area is reachable by keyboard, so a long answer can be scrolled without a mouse.
      for (const scroller of Array.from(root.querySelectorAll('.CodeMirror-scroll:not([tabindex="0"])'))) {
        scroller.setAttribute('tabindex', '0');
      }
      // A tab holding its own close button is two controls in one: the tab role goes to the button naming it.
      for (const tab of Array.from(root.querySelectorAll('.graphiql-tab'))) {
        const button = tab.querySelector('.graphiql-tab-button');
        if (!button) continue;
        if (tab.getAttribute('role') !== 'presentation') tab.setAttribute('role', 'presentation');
        if (button.getAttribute('role') !== 'tab') button.setAttribute('role', 'tab');
        const selected = tab.getAttribute('aria-selected');
        if (selected !== null) {
          button.setAttribute('aria-selected', selected);
          tab.removeAttribute('aria-selected');
        }
      }
    };
    label();
    const observer = new MutationObserver(label);
    // React sets `aria-selected` again on the tab it selects.
    observer.observe(root, { childList: true, subtree: true, attributeFilter: ['aria-selected'] });
    return () => observer.disconnect();
  }, [container]);
}

export default function Explorer() {
  const { schema, error } = useSchema();
  const admin = useSession()?.user.role === 'ADMIN';
  const { colorMode } = useColorMode();
  const container = useRef<HTMLDivElement>(null);
  useLabelledEditors(container);
  return (
    <>
      <link rel="stylesheet" href={graphiqlStylesheet} precedence="graphiql" />
      <ErrorNotice error={error} />
      <div
        ref={container}
        style={{
          height: 'calc(100vh - 16rem)',
          minHeight: '32rem',
          border: '1px solid var(--ifm-color-emphasis-300)',
          borderRadius: 'var(--ifm-card-border-radius)',
          overflow: 'hidden',
        }}
      >
        <GraphiQL
          fetcher={exchange}
          schema={schema}
          defaultQuery={admin ? ADMIN_FIRST_QUERY : FIRST_QUERY}
          defaultEditorToolsVisibility={false}
          forcedTheme={colorMode}
        />
      </div>
    </>
  );
}
