/**
 * The explorer: GraphiQL against the gateway, running as the credentials the developer picks (their portal
 * session, or one of their API keys, with that key's scopes and limits), with the guides' operations one
 * click away, subscriptions streamed over graphql-ws, and share links of the form
 * `/console/explorer?query=<text>&variables=<JSON>`. Loaded only in the browser: GraphiQL's editors need a
 * DOM. GraphiQL's stylesheet is linked here, not bundled with the site's: other pages do not load it, and
 * React holds the explorer back until it has loaded.
 */
import { GraphiQL } from 'graphiql';
import graphiqlStylesheet from 'graphiql/style.css';
import explorerStylesheet from './explorer.linked.css';
import {
  buildClientSchema,
  getIntrospectionQuery,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { useColorMode } from '@docusaurus/theme-common';
import { useEffect, useMemo, useRef, useState } from 'react';
import CopyButton from './CopyButton';
import ErrorNotice from './ErrorNotice';
import { graphql } from '../gql';
import type { ExplorerKeysQuery } from '../gql/graphql';
import { explorerFetcher, runOnce, type Credentials } from '../lib/explorer-fetcher';
import { callApi, useSession } from '../lib/session';
import styles from './explorer.module.css';

/** The operations the guides show, written by the portal's build (`scripts/src/operations.ts`). */
const EXAMPLES_URL = '/explorer-examples.json';
const EXPLORER_PATH = '/console/explorer';

interface Example {
  readonly name: string;
  readonly title: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

type KeyChoice = ExplorerKeysQuery['apiKeys'][number];

const MY_KEYS = graphql(`
  query ExplorerKeys {
    apiKeys {
      id
      name
      prefix
      lastFour
      scopes
      revokedAt
      expiresAt
    }
  }
`);

/** A picker choice: the session, one of the developer's keys, or any other key pasted in. */
const SESSION = 'session';
const OTHER_KEY = 'other-key';

const FIRST_QUERY = `# Runs as the credentials chosen above, with their scopes and limits.
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

/** What a share link carries, read once from the address the page was opened with. */
function sharedOperation(): { query?: string; variables?: string } {
  const parameters = new URLSearchParams(window.location.search);
  const query = parameters.get('query') ?? undefined;
  const variables = parameters.get('variables') ?? undefined;
  return { query, variables };
}

function shareLink(query: string, variables: string): string {
  const parameters = new URLSearchParams({ query });
  if (variables.trim() && variables.trim() !== '{}') parameters.set('variables', variables.trim());
  return `${window.location.origin}${EXPLORER_PATH}?${parameters.toString()}`;
}

/** The developer's usable keys, for the picker; none for a user who may not list keys. */
function useMyKeys(): readonly KeyChoice[] {
  const [keys, setKeys] = useState<readonly KeyChoice[]>([]);
  useEffect(() => {
    let current = true;
    callApi(MY_KEYS, {})
      .then(({ apiKeys }) => {
        const now = Date.now();
        const usable = apiKeys.filter(
          (key) => !key.revokedAt && (!key.expiresAt || Date.parse(key.expiresAt) > now),
        );
        if (current) setKeys(usable);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return keys;
}

function useExamples(): readonly Example[] {
  const [examples, setExamples] = useState<readonly Example[]>([]);
  useEffect(() => {
    let current = true;
    fetch(EXAMPLES_URL)
      .then((response) => (response.ok ? (response.json() as Promise<Example[]>) : []))
      .then((list) => current && setExamples(list))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return examples;
}

/**
 * The API's schema, read once with the session through the gateway's introspection allowance (the standard
 * introspection query, which every caller with credentials may send); GraphiQL's completion and docs read it.
 */
function useSchema(): { schema: GraphQLSchema | null; error: unknown } {
  const [schema, setSchema] = useState<GraphQLSchema | null>(null);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let current = true;
    const request = {
      query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }),
      operationName: 'IntrospectionQuery',
    };
    runOnce(request, { kind: 'session' })
      .then(({ data, errors }) => {
        if (!data) throw new Error(`the schema could not be read: ${errors?.[0]?.message ?? 'no data'}`);
        if (current) setSchema(buildClientSchema(data as unknown as IntrospectionQuery));
      })
      .catch((failure: unknown) => current && setError(failure));
    return () => {
      current = false;
    };
  }, []);
  return { schema, error };
}

function CredentialsPicker({
  keys,
  choice,
  onChoice,
  secret,
  onSecret,
}: {
  keys: readonly KeyChoice[];
  choice: string;
  onChoice: (choice: string) => void;
  secret: string;
  onSecret: (secret: string) => void;
}) {
  const chosenKey = keys.find((key) => key.id === choice);
  const wrongSecret =
    chosenKey &&
    secret !== '' &&
    !(secret.startsWith(chosenKey.prefix) && secret.endsWith(chosenKey.lastFour));
  return (
    <div className={styles.credentials}>
      <label className={styles.field}>
        <span>Run as</span>
        <select value={choice} onChange={(event) => onChoice(event.target.value)}>
          <option value={SESSION}>My session</option>
          {keys.map((key) => (
            <option key={key.id} value={key.id}>
              Key {key.name} ({key.prefix}…{key.lastFour})
            </option>
          ))}
          <option value={OTHER_KEY}>Another API key…</option>
        </select>
      </label>
      {choice !== SESSION ? (
        <label className={styles.field}>
          <span>Key secret</span>
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="mer_live_…"
            value={secret}
            onChange={(event) => onSecret(event.target.value.trim())}
          />
        </label>
      ) : null}
      <p className={styles.hint} role="status">
        {choice === SESSION
          ? 'Runs with your short-lived session token.'
          : wrongSecret
            ? `That is not the secret of ${chosenKey.name}: it starts ${chosenKey.prefix} and ends ${chosenKey.lastFour}.`
            : chosenKey
              ? `Runs exactly as curl with this key would: scopes ${chosenKey.scopes.join(', ')}. The secret stays in this page only.`
              : 'Runs exactly as curl with this key would. The secret stays in this page only.'}
      </p>
    </div>
  );
}

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
  const admin = useSession()?.user.role === 'ADMIN';
  const { schema, error } = useSchema();
  const { colorMode } = useColorMode();
  const container = useRef<HTMLDivElement>(null);
  useLabelledEditors(container);
  const keys = useMyKeys();
  const examples = useExamples();
  const shared = useMemo(sharedOperation, []);
  const [choice, setChoice] = useState(SESSION);
  const [secret, setSecret] = useState('');
  // Set from outside the editors (an example, a share link); GraphiQL replaces its editors' text when they change.
  const [query, setQuery] = useState(shared.query);
  const [variables, setVariables] = useState(shared.variables);
  const [example, setExample] = useState('');
  const [sharing, setSharing] = useState(false);
  // What the editors hold now, for the share link.
  const editing = useRef({ query: shared.query ?? '', variables: shared.variables ?? '' });
  const [link, setLink] = useState('');

  const credentials = useRef<Credentials>({ kind: 'session' });
  const chosenKey = keys.find((key) => key.id === choice);
  credentials.current =
    choice === SESSION
      ? { kind: 'session' }
      : { kind: 'key', label: chosenKey ? `key ${chosenKey.name}` : 'the key', secret };
  const fetcher = useMemo(() => explorerFetcher(() => credentials.current), []);

  const chooseExample = (name: string) => {
    setExample(name);
    const chosen = examples.find((candidate) => candidate.name === name);
    if (!chosen) return;
    const text = chosen.variables ? JSON.stringify(chosen.variables, null, 2) : '';
    editing.current = { query: chosen.query, variables: text };
    setQuery(chosen.query);
    setVariables(text);
    setSharing(false);
  };
  const share = () => {
    setLink(shareLink(editing.current.query, editing.current.variables));
    setSharing(true);
  };
  const domains = [...new Set(examples.map((candidate) => candidate.name.split('/')[0]))];

  return (
    <>
      <link rel="stylesheet" href={graphiqlStylesheet} precedence="graphiql" />
      <link rel="stylesheet" href={explorerStylesheet} precedence="graphiql" />
      <div className={styles.toolbar}>
        <CredentialsPicker
          keys={keys}
          choice={choice}
          onChoice={(next) => {
            setChoice(next);
            setSecret('');
          }}
          secret={secret}
          onSecret={setSecret}
        />
        <div className={styles.actions}>
          <label className={styles.field}>
            <span>Example</span>
            <select value={example} onChange={(event) => chooseExample(event.target.value)}>
              <option value="">Choose an operation from the guides…</option>
              {domains.map((domain) => (
                <optgroup key={domain} label={domain}>
                  {examples
                    .filter((candidate) => candidate.name.startsWith(`${domain}/`))
                    .map((candidate) => (
                      <option key={candidate.name} value={candidate.name}>
                        {candidate.title}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          <button type="button" className="button button--secondary button--sm" onClick={share}>
            Share link
          </button>
        </div>
      </div>
      {sharing ? (
        <div className={styles.share}>
          <label className={styles.field}>
            <span>Link to this operation</span>
            <input readOnly value={link} onFocus={(event) => event.target.select()} />
          </label>
          <CopyButton text={link} label="Copy the share link" />
        </div>
      ) : null}
      <ErrorNotice error={error} />
      <div className={`${styles.explorer} meridian-explorer`} ref={container}>
        <GraphiQL
          fetcher={fetcher}
          schema={schema}
          defaultQuery={admin ? ADMIN_FIRST_QUERY : FIRST_QUERY}
          query={query}
          variables={variables}
          onTabChange={({ tabs, activeTabIndex }) => {
            const tab = tabs[activeTabIndex];
            editing.current = { query: tab?.query ?? '', variables: tab?.variables ?? '' };
          }}
          defaultEditorToolsVisibility={variables ? 'variables' : false}
          forcedTheme={colorMode}
        />
      </div>
    </>
  );
}
