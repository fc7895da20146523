/**
 * Every operation the portal's guides show (`portal/operations/**`) runs through a real gateway with the
 * demo key and answers data without errors, and the getting-started snippets (curl, JavaScript, Python)
 * work as printed. A guide whose operation stops working fails here, not in a partner's terminal.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getOperationAST, parse } from 'graphql';
import type { Client } from 'graphql-ws';
import {
  KEY_VARIABLE,
  listOperations,
  OPERATIONS_DIR,
  readOperation,
  renderSnippet,
  requestBody,
  SNIPPET_EVENTS,
  URL_VARIABLE,
  type Operation,
  type SnippetLanguage,
} from '../portal/scripts/src/operations';
import { DEMO_KEY, gatewayClient, post, startTestStack, type TestStack } from './support/platform';

const operations = listOperations();
const kindOf = (operation: Operation) => getOperationAST(parse(operation.document))!.operation;

/** Every root field answered, and every root list with at least one item. */
function expectData(data: Record<string, unknown> | null | undefined): void {
  expect(Object.keys(data ?? {}).length).toBeGreaterThan(0);
  const empty = Object.entries(data!)
    .filter(([, value]) => value === null || (Array.isArray(value) && value.length === 0))
    .map(([field]) => field);
  expect(empty).toEqual([]);
}

function firstEvent(client: Client, operation: Operation): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const stop = client.subscribe<Record<string, unknown>>(requestBody(operation), {
      next: (result) => {
        stop();
        if (result.errors) reject(new Error(JSON.stringify(result.errors)));
        else resolve(result.data as Record<string, unknown>);
      },
      error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
      complete: () => reject(new Error(`${operation.name} completed without an event`)),
    });
  });
}

describe('the operations of the portal guides', () => {
  let stack: TestStack;
  let client: Client;
  beforeAll(async () => {
    // No anonymous access: everything runs with the key, as a partner's code would. The match is replayed
    // fast, so that its live events come often.
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '', MATCHES_REPLAY_SPEED: '20' } });
    client = gatewayClient(stack.urls.gateway, { 'x-api-key': DEMO_KEY });
  });
  afterAll(async () => {
    await client?.dispose();
  });

  it('has operations for every guide', () => {
    const folders = new Set(operations.map((operation) => operation.name.split('/')[0]));
    expect([...folders].sort()).toEqual(['billing', 'getting-started', 'matches', 'telemetry']);
  });

  it.each(operations.filter((operation) => kindOf(operation) !== 'subscription').map((o) => [o.name, o]))(
    '%s answers data without errors',
    async (_name, operation) => {
      const result = await post(stack.graphqlUrl, requestBody(operation), { 'x-api-key': DEMO_KEY });
      expect(result.body.errors).toBeUndefined();
      expect(result.status).toBe(200);
      expectData(result.body.data);
    },
  );

  it.each(operations.filter((operation) => kindOf(operation) === 'subscription').map((o) => [o.name, o]))(
    '%s streams events without errors',
    async (_name, operation) => {
      expectData(await firstEvent(client, operation));
    },
  );

  it('the subscription snippet prints live events, run as printed', async () => {
    // Inside the repository, so that the snippet's imports of graphql-ws and ws resolve.
    const folder = fs.mkdtempSync(path.join(__dirname, '.snippets-'));
    try {
      const script = path.join(folder, 'live.mjs');
      fs.writeFileSync(script, renderSnippet(readOperation('matches/live-events'), 'js'));
      const { stdout } = await promisify(execFile)(process.execPath, [script], {
        env: { PATH: process.env.PATH, [URL_VARIABLE]: stack.graphqlUrl, [KEY_VARIABLE]: DEMO_KEY },
        timeout: 60_000,
      });
      const events = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { data?: { matchEvents: { type: string } }; errors?: unknown });
      expect(events).toHaveLength(SNIPPET_EVENTS);
      for (const event of events) {
        expect(event.errors).toBeUndefined();
        expect(event.data?.matchEvents.type).toEqual(expect.any(String));
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('the binary ingest example sends its readings, run as printed', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(OPERATIONS_DIR, 'telemetry', 'send-binary.mjs')],
      { env: { PATH: process.env.PATH, [URL_VARIABLE]: stack.graphqlUrl, [KEY_VARIABLE]: DEMO_KEY } },
    );
    expect(stdout.trim()).toBe('200 {"readings":300,"series":3,"duplicate":false}');
  });

  describe('the getting-started snippets, run as printed', () => {
    const first = readOperation('getting-started/first-query');
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-snippets-'));
    const programs: Record<SnippetLanguage, { file: string; command: string }> = {
      bash: { file: 'query.sh', command: 'bash' },
      js: { file: 'query.mjs', command: process.execPath },
      python: { file: 'query.py', command: 'python3' },
    };
    afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

    it.each(Object.keys(programs) as SnippetLanguage[])('%s prints the first matches', async (language) => {
      const { file, command } = programs[language];
      if (language === 'python' && !commandExists('python3')) {
        console.log('python3 is not installed: the Python snippet is not run');
        return;
      }
      const script = path.join(folder, file);
      fs.writeFileSync(script, renderSnippet(first, language));
      const { stdout } = await promisify(execFile)(command, [script], {
        env: { PATH: process.env.PATH, [URL_VARIABLE]: stack.graphqlUrl, [KEY_VARIABLE]: DEMO_KEY },
      });
      const answer = JSON.parse(stdout) as {
        data?: { matches: { homeTeam: { name: string } }[] };
        errors?: unknown;
      };
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.matches).toHaveLength(3);
      expect(answer.data!.matches[0]!.homeTeam.name).toEqual(expect.any(String));
    });
  });
});

function commandExists(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, command)));
}
