/**
 * The hostile corpus over HTTP: operations built to exhaust the gateway (fragment, alias, directive and
 * root-field bombs, deep nesting, oversized text, bodies and headers), malformed requests of every kind,
 * persisted-query and cost abuse, introspection and metrics without credentials. Each is refused quickly
 * with a 4xx and a coded JSON body, never a 5xx or a hang, and the gateway's memory stays bounded.
 */
import { randomBytes } from 'node:crypto';
import { generateKey } from '@meridian/kit';
import {
  aliasBomb,
  ALL_SCOPES,
  ANSWER_MS,
  braceBomb,
  costOf,
  deepOperation,
  directiveBomb,
  expectLimitNamed,
  expectRefusal,
  firstError,
  fragmentBomb,
  HostilePlatform,
  jsonRequest,
  MAX_BODY,
  MAX_HEADER_BYTES,
  MAX_QUERY_BYTES,
  nestedJson,
  paddedOperation,
  rootFieldBomb,
  summarize,
  tinyDirectiveBomb,
  expectAll,
  within,
  type Answer,
  type Headers,
  type HostileRequest,
  type Key,
  type Partner,
} from './corpus';

const randomHash = () => randomBytes(32).toString('hex');
const persisted = (sha256Hash: unknown) => ({ persistedQuery: { version: 1, sha256Hash } });

/** Growth of the gateway's memory, in MB, that still counts as garbage not yet collected. */
const LEAK_SLACK_MB = 150;

/** How quickly a limit refusal must come: it is decided before the operation is planned. */
const LIMIT_MS = 1_000;

describe('hostile HTTP requests to a production gateway', () => {
  let platform: HostilePlatform;
  let alpha: Partner;
  let bravo: Partner;
  let alphaKey: Key;
  let bravoKey: Key;
  /** A key of Alpha that runs only Alpha's safelisted operations. */
  let lockedKey: Key;

  beforeAll(async () => {
    platform = await HostilePlatform.start();
    const plan = await platform.createPlan('Hostile HTTP');
    alpha = await platform.createPartner('Alpha Hostile Media', plan);
    bravo = await platform.createPartner('Bravo Hostile Media', plan);
    alphaKey = await platform.createKey(alpha.id, ALL_SCOPES);
    bravoKey = await platform.createKey(bravo.id, ['matches:read']);
    lockedKey = await platform.createKey(alpha.id, ['matches:read'], { safelistOnly: true });
    await platform.registerOperations(alpha.id, ['query Listed { teams { id } }']);
  });

  const post = (body: unknown, headers: Record<string, string> = {}, options: Partial<HostileRequest> = {}) =>
    platform.post(body, headers, options);

  const expectLimitRefusal = (answer: Answer) => {
    const refusal = expectRefusal(answer, { status: 400, code: 'OPERATION_LIMIT_EXCEEDED' });
    expectLimitNamed(refusal, true);
    expect(answer.ms).toBeLessThan(LIMIT_MS);
    return refusal;
  };

  /**
   * The same oversized operation with and without credentials, each refused for its size. Shape limits come
   * before authorization, as the contract has it for fragment bombs sent without credentials: the refusal
   * does not depend on who asks, and no later step walks an operation that is too large.
   */
  const limitCases = (label: string, text: string, options: { get?: boolean } = {}) =>
    [
      [`${label}, without credentials`, async () => expectLimitRefusal(await post({ query: text }))],
      [`${label}, with a key`, async () => expectLimitRefusal(await post({ query: text }, alphaKey.headers))],
      ...(options.get
        ? [
            [
              `${label}, by GET`,
              async () => expectLimitRefusal(await platform.get({ query: text }, alphaKey.headers)),
            ],
          ]
        : []),
    ] as [string, () => Promise<unknown>][];

  describe('operation limits', () => {
    it('refuses thousands of aliases of one field', async () => {
      const text = aliasBomb(2_500);
      expect(Buffer.byteLength(text)).toBeLessThan(MAX_QUERY_BYTES);
      await expectAll(limitCases('2,500 aliases', text));
    });

    it('refuses deep nesting: 200 fields deep, and 6,000 nested braces', async () => {
      const braces = braceBomb(6_000);
      expect(Buffer.byteLength(braces)).toBeLessThan(MAX_QUERY_BYTES);
      await expectAll([
        ...limitCases('200 fields deep', deepOperation(200)),
        ...limitCases('100 fields deep', deepOperation(100), { get: true }),
        ...limitCases('6,000 nested braces', braces),
      ]);
    });

    it('refuses thousands of directives, known or not', async () => {
      const known = directiveBomb(1_000);
      const unknown = tinyDirectiveBomb(5_000);
      for (const text of [known, unknown]) expect(Buffer.byteLength(text)).toBeLessThan(MAX_QUERY_BYTES);
      await expectAll([
        ...limitCases('1,000 @include directives', known),
        ...limitCases('5,000 unknown directives', unknown),
      ]);
    });

    it('refuses thousands of root fields', async () => {
      const text = rootFieldBomb(1_800);
      expect(Buffer.byteLength(text)).toBeLessThan(MAX_QUERY_BYTES);
      await expectAll(limitCases('1,800 root fields', text));
    });
  });

  describe('sizes', () => {
    it('refuses operation text over the byte limit before parsing it, naming the limit and the size', async () => {
      const texts: [string, string][] = [
        ['30 kB padded with a comment', paddedOperation(30_000, 'comment')],
        ['30 kB padded with whitespace', paddedOperation(30_000, 'whitespace')],
        ['900 kB padded with a comment', paddedOperation(900_000, 'comment')],
      ];
      await expectAll(
        texts.map(([label, text]) => [
          label,
          async () => {
            const refusal = expectLimitRefusal(await post({ query: text }, alphaKey.headers));
            expect(expectLimitNamed(refusal, true)).toContainEqual(
              expect.objectContaining({ maximum: MAX_QUERY_BYTES, actual: Buffer.byteLength(text) }),
            );
          },
        ]),
      );
    });

    it('refuses a body over 1 MB with 413 PAYLOAD_TOO_LARGE, however it is sent', async () => {
      const big = JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(MAX_BODY + 100_000) });
      // A limit refusal names the limit and its value: here the 1 MB maximum.
      const tooLarge = (answer: Answer) => {
        const refusal = expectRefusal(answer, { status: 413, code: 'PAYLOAD_TOO_LARGE' });
        expect(expectLimitNamed(refusal, false)).toContainEqual(
          expect.objectContaining({ maximum: MAX_BODY }),
        );
      };
      await expectAll([
        ['1.1 MB with its length, with a key', async () => tooLarge(await post(big, alphaKey.headers))],
        ['1.1 MB with its length, without credentials', async () => tooLarge(await post(big))],
        [
          '1.1 MB chunked, without a length',
          async () => tooLarge(await post(big, alphaKey.headers, { chunked: true })),
        ],
        [
          // The answer must not wait for a body the gateway will not take.
          '50 MB declared, 64 kB sent',
          async () =>
            tooLarge(
              await platform.send({
                headers: {
                  'content-type': 'application/json',
                  'content-length': String(50_000_000),
                  ...alphaKey.headers,
                },
                body: big.slice(0, 65_536),
                unfinished: true,
              }),
            ),
        ],
      ]);
    });

    it('refuses a request line or headers over 16 kB with 431 and a JSON body', async () => {
      const long = 'x'.repeat(MAX_HEADER_BYTES + 1_000);
      // Node refuses these before any route runs; the refusal still has the JSON body and names the limit.
      const tooLarge = (answer: Answer) => {
        const refusal = expectRefusal(answer, { status: 431, code: 'REQUEST_HEADER_FIELDS_TOO_LARGE' });
        expectLimitNamed(refusal, false);
      };
      await expectAll([
        [
          'a 17 kB query string',
          async () => tooLarge(await platform.send({ method: 'GET', path: `/graphql?query=${long}` })),
        ],
        [
          'a 17 kB parameter beside a valid query, with a key',
          async () =>
            tooLarge(
              await platform.send({
                method: 'GET',
                path: `/graphql?query=%7B__typename%7D&pad=${long}`,
                headers: { ...alphaKey.headers, 'apollo-require-preflight': 'true' },
              }),
            ),
        ],
        [
          'one 17 kB header',
          async () =>
            tooLarge(await post({ query: '{ __typename }' }, { ...alphaKey.headers, 'x-padding': long })),
        ],
        [
          '300 headers of 80 bytes',
          async () =>
            tooLarge(
              await post(
                { query: '{ __typename }' },
                Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x-pad-${i}`, 'y'.repeat(80)])),
              ),
            ),
        ],
      ]);
    });
  });

  describe('operation resolution', () => {
    const unresolved = (answer: Answer) =>
      expectRefusal(answer, { status: 400, code: 'OPERATION_RESOLUTION_FAILURE' });

    it('refuses an operationName that names no operation in the document', async () => {
      const body = { query: 'query Present { __typename }', operationName: 'Absent' };
      await expectAll([
        ['POST with a key', async () => unresolved(await post(body, alphaKey.headers))],
        ['POST without credentials', async () => unresolved(await post(body))],
        ['GET with a key', async () => unresolved(await platform.get(body, alphaKey.headers))],
      ]);
    });

    it('refuses several operations without an operationName', async () => {
      const query = 'query A { __typename } query B { teams { id } }';
      await expectAll([
        ['POST with a key', async () => unresolved(await post({ query }, alphaKey.headers))],
        ['POST without credentials', async () => unresolved(await post({ query }))],
        ['GET with a key', async () => unresolved(await platform.get({ query }, alphaKey.headers))],
      ]);
    });

    it('refuses an operationName that is not a string, and a document of fragments only', async () => {
      await expectAll([
        [
          'operationName a number',
          async () =>
            expectRefusal(
              await post({ query: 'query A { __typename }', operationName: 7 }, alphaKey.headers),
              {
                status: 400,
              },
            ),
        ],
        [
          'fragments only',
          async () =>
            expectRefusal(await post({ query: 'fragment F on Query { __typename }' }, alphaKey.headers), {
              status: 400,
            }),
        ],
      ]);
    });
  });

  it('refuses a subscription sent by POST or GET, pointing to websockets', async () => {
    const query = 'subscription { matchFrames(matchId: "match_0001") { frame } }';
    const overPost = (answer: Answer) => {
      const refusal = expectRefusal(answer, { status: 400, code: 'BAD_REQUEST' });
      // The contract asks the message to name the transport to use.
      expect(refusal.message).toMatch(/websocket/i);
    };
    await expectAll([
      ['POST with a key', async () => overPost(await post({ query }, alphaKey.headers))],
      ['POST without credentials', async () => overPost(await post({ query }))],
      ['GET with a key', async () => expectRefusal(await platform.get({ query }, alphaKey.headers))],
    ]);
  });

  describe('malformed requests', () => {
    const json = (body: string, headers: Record<string, string> = {}): HostileRequest =>
      jsonRequest(body, headers);
    const typename = (suffix: string) =>
      Buffer.concat([
        Buffer.from('{"query": "{ __typename '),
        Buffer.from(suffix, 'latin1'),
        Buffer.from(' }"}'),
      ]);
    const usedVariable = (value: string) =>
      `{"query": "query ($id: ID!) { match(id: $id) { id } }", "variables": {"id": ${value}}}`;
    const cases: [string, () => HostileRequest][] = [
      ['a body that is not JSON', () => json('{"query": ')],
      ['a JSON array', () => json('[{"query": "{ __typename }"}]')],
      ['an empty JSON array', () => json('[]')],
      ['a JSON string', () => json('"{ __typename }"')],
      ['JSON null', () => json('null')],
      ['an empty object', () => json('{}')],
      ['query a number', () => json('{"query": 42}')],
      ['query an array', () => json('{"query": ["{ __typename }"]}')],
      ['query an empty string', () => json('{"query": ""}')],
      ['variables a string', () => json('{"query": "{ __typename }", "variables": "{}"}')],
      ['variables an array', () => json('{"query": "{ __typename }", "variables": [1]}')],
      ['extensions an array', () => json('{"query": "{ __typename }", "extensions": []}')],
      ['extensions a string', () => json('{"query": "{ __typename }", "extensions": "x"}')],
      ['an empty body', () => json('')],
      ['no body and no content-type', () => ({})],
      [
        'content-type text/plain',
        () => ({ headers: { 'content-type': 'text/plain' }, body: '{"query": "{ __typename }"}' }),
      ],
      [
        'content-type application/x-www-form-urlencoded',
        () => ({
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'query=%7B__typename%7D',
        }),
      ],
      [
        'content-type multipart/form-data',
        () => ({
          headers: { 'content-type': 'multipart/form-data; boundary=b' },
          body: '--b\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--b--\r\n',
        }),
      ],
      [
        'content-type application/graphql',
        () => ({ headers: { 'content-type': 'application/graphql' }, body: '{ __typename }' }),
      ],
      [
        'content-type application/xml',
        () => ({ headers: { 'content-type': 'application/xml' }, body: '<query/>' }),
      ],
      [
        'a charset the gateway does not read',
        () => json('{"query": "{ __typename }"}', { 'content-type': 'application/json; charset=utf-16' }),
      ],
      [
        'content-encoding gzip on a plain body',
        () => json('{"query": "{ __typename }"}', { 'content-encoding': 'gzip' }),
      ],
      [
        'an unknown content-encoding',
        () => json('{"query": "{ __typename }"}', { 'content-encoding': 'br, zstd, x-hostile' }),
      ],
      [
        'invalid UTF-8 bytes inside the query',
        () => ({ headers: { 'content-type': 'application/json' }, body: typename('\xff\xfe\xc3') }),
      ],
      [
        'an overlong UTF-8 encoding of a brace',
        () => ({ headers: { 'content-type': 'application/json' }, body: typename('\xc1\xbd') }),
      ],
      ['a lone surrogate in the query', () => json('{"query": "{ __typename \\ud800 }"}')],
      ['a NUL byte inside the query', () => json('{"query": "{ __typename \\u0000 }"}')],
      ['a raw NUL byte inside the JSON', () => json('{"query": "{ __typename \u0000 }"}')],
      ['variables nested 10,000 levels deep (arrays)', () => json(usedVariable(nestedJson(10_000)))],
      [
        'variables nested 10,000 levels deep (objects)',
        () => json(usedVariable(nestedJson(10_000, 'object'))),
      ],
      // Within the 1 MB body: whatever walks the variables recursively must not overflow its stack.
      ['variables nested 100,000 levels deep', () => json(usedVariable(nestedJson(100_000)))],
      [
        'a mutation sent by GET',
        () => ({
          method: 'GET',
          path: '/graphql?query=mutation%7Blogout%7D',
          headers: { 'apollo-require-preflight': 'true' },
        }),
      ],
      [
        'a GET without a query',
        () => ({ method: 'GET', path: '/graphql', headers: { 'apollo-require-preflight': 'true' } }),
      ],
      [
        'a GET with malformed variables',
        () => ({
          method: 'GET',
          path: '/graphql?query=%7B__typename%7D&variables=%7B',
          headers: { 'apollo-require-preflight': 'true' },
        }),
      ],
      ['PUT /graphql', () => ({ method: 'PUT', ...json('{"query": "{ __typename }"}') })],
      ['DELETE /graphql', () => ({ method: 'DELETE' })],
    ];

    it.each(cases)('refuses %s with a coded 4xx', async (_, make) => {
      const request = make();
      await expectAll(
        [
          ['with a key', alphaKey.headers],
          ['without credentials', {}],
        ].map(([label, headers]) => [
          label as string,
          async () =>
            expectRefusal(
              await platform.send({ ...request, headers: { ...request.headers, ...(headers as Headers) } }),
            ),
        ]),
      );
    });
  });

  describe('persisted queries', () => {
    const notFound = (answer: Answer) =>
      expectRefusal(answer, { status: [200, 400, 404], code: 'PERSISTED_QUERY_NOT_FOUND' });

    it('answers a hash-only request with an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
      await expectAll([
        [
          'a safelist-only key',
          async () => notFound(await post({ extensions: persisted(randomHash()) }, lockedKey.headers)),
        ],
        [
          'a key',
          async () => notFound(await post({ extensions: persisted(randomHash()) }, alphaKey.headers)),
        ],
        [
          'a safelist-only key, by GET',
          async () =>
            notFound(
              await platform.get({ extensions: JSON.stringify(persisted(randomHash())) }, lockedKey.headers),
            ),
        ],
      ]);
    });

    it('refuses malformed hashes with 400', async () => {
      const malformed: [string, unknown][] = [
        ['a 3-character hash', persisted('abc')],
        ['64 characters that are not hex', persisted('g'.repeat(64))],
        ['65 hex characters', persisted('a'.repeat(65))],
        ['a number', persisted(12345)],
        ['null', persisted(null)],
        ['an object', persisted({ sha256: 'a'.repeat(64) })],
        ['persistedQuery a string', { persistedQuery: 'x' }],
        ['no hash', { persistedQuery: { version: 1 } }],
        ['a version that is not a number', { persistedQuery: { version: 'one', sha256Hash: randomHash() } }],
      ];
      await expectAll(
        malformed.flatMap(([label, extensions]) =>
          [
            ['safelist-only key', lockedKey.headers],
            ['key', alphaKey.headers],
          ].map(([who, headers]) => [
            `${label} (${who as string})`,
            async () => expectRefusal(await post({ extensions }, headers as Headers), { status: 400 }),
          ]),
        ),
      );
    });
  });

  describe('cost', () => {
    const NEGATIVE_OR_HUGE: [string, unknown][] = [
      ['a negative first', { query: '{ match(id: "none") { events(first: -1000000) { id } } }' }],
      ['first at the largest Int', { query: '{ match(id: "none") { events(first: 2147483647) { id } } }' }],
      ['a negative first on a root list', { query: '{ matches(first: -1) { id } }' }],
      [
        'a negative first in a variable',
        {
          query: 'query ($n: Int!) { match(id: "none") { events(first: $n) { id } } }',
          variables: { n: -1000000 },
        },
      ],
      [
        'the largest Int in a variable',
        {
          query: 'query ($n: Int!) { match(id: "none") { events(first: $n) { id } } }',
          variables: { n: 2147483647 },
        },
      ],
      [
        'a variable past the largest Int',
        { query: 'query ($n: Int!) { matches(first: $n) { id } }', variables: { n: 2147483648 } },
      ],
      [
        'a negative variable default',
        { query: 'query ($n: Int = -5) { match(id: "none") { events(first: $n) { id } } }' },
      ],
      [
        'a negative variable default on a root list',
        { query: 'query ($n: Int = -5) { matches(first: $n) { id } }' },
      ],
      [
        'one negative alias among good ones',
        { query: '{ a: matches(first: 2) { id } b: matches(first: -3) { id } }' },
      ],
    ];

    it('refuses negative and huge slicing arguments before any subgraph is called', async () => {
      const before = await platform.subgraphFetches();
      await expectAll(
        NEGATIVE_OR_HUGE.map(([label, body]) => [
          label,
          async () => {
            const answer = await post(body, alphaKey.headers);
            expectRefusal(answer, { status: 400, code: 'BAD_USER_INPUT' });
            expect(costOf(answer)?.estimated ?? 0).toBeGreaterThanOrEqual(0);
          },
        ]),
      );
      expect(await platform.subgraphFetches()).toBe(before);
    });

    /** The estimate of an operation, or `refused` when it was refused for its cost. */
    const estimate = async (body: unknown) => {
      const answer = await post(body, alphaKey.headers);
      expect(answer.status).toBeLessThan(500);
      const cost = costOf(answer);
      if (cost?.estimated !== undefined) expect(cost.estimated).toBeGreaterThanOrEqual(0);
      if (firstError(answer)?.extensions?.code === 'COST_LIMIT_EXCEEDED') {
        expectRefusal(answer, { status: 400, code: 'COST_LIMIT_EXCEEDED' });
        return 'refused' as const;
      }
      if (cost?.estimated === undefined) throw new Error(`no extensions.cost: ${summarize(answer)}`);
      return cost.estimated;
    };

    it("estimates with the operation's own variable defaults, not the schema's", async () => {
      const pairs: [string, string, string][] = [
        [
          'matches(first: $n = 5000)',
          '{ matches { id } }',
          'query Q($n: Int = 5000) { matches(first: $n) { id } }',
        ],
        [
          'events(first: $n = 3000)',
          '{ match(id: "match_0001") { events { id } } }',
          'query Q($n: Int = 3000) { match(id: "match_0001") { events(first: $n) { id } } }',
        ],
      ];
      await expectAll([
        ...pairs.map(
          ([label, schemaDefault, ownDefault]) =>
            [
              label,
              async () => {
                const base = await estimate({ query: schemaDefault });
                expect(base).not.toBe('refused');
                const own = await estimate({ query: ownDefault });
                if (own !== 'refused') expect(own).toBeGreaterThan(base as number);
              },
            ] as const,
        ),
        [
          // Far over the limit with its own default, though cheap with the schema's.
          'matches(first: $n = 100000) with events',
          async () =>
            expect(
              await estimate({
                query: 'query Q($n: Int = 100000) { matches(first: $n) { id events(first: 5) { id } } }',
              }),
            ).toBe('refused'),
        ],
      ]);
    });

    it('estimates a window of frames near what it returns', async () => {
      const { matches } = await platform.gql<{ matches: { id: string }[] }>(
        '{ matches(first: 1) { id } }',
        {},
        alphaKey.headers,
      );
      const id = matches[0]!.id;
      await expectAll(
        ['from: 0, to: 300', 'from: 0, to: 600', 'from: 0, to: 600, every: 0.001'].map((args) => [
          `frames(${args})`,
          async () => {
            const answer = await post(
              {
                query: `query ($id: ID!) { match(id: $id) { frames(${args}) { frame } } }`,
                variables: { id },
              },
              alphaKey.headers,
            );
            if (firstError(answer)?.extensions?.code === 'COST_LIMIT_EXCEEDED') {
              expectRefusal(answer, { status: 400, code: 'COST_LIMIT_EXCEEDED' });
              return;
            }
            const cost = costOf(answer);
            if (answer.status !== 200 || !cost?.actual) throw new Error(`not served: ${summarize(answer)}`);
            if (cost.estimated === undefined || cost.estimated < cost.actual / 2) {
              throw new Error(`estimated ${cost.estimated}, actual ${cost.actual}`);
            }
          },
        ]),
      );
    });
  });

  describe('introspection without credentials', () => {
    const hidden: [string, Record<string, unknown>][] = [
      ['plainly', { query: '{ __schema { types { name } } }' }],
      ['as __type', { query: '{ __type(name: "Partner") { fields { name } } }' }],
      [
        'in a named fragment on Query',
        { query: 'query { ...F } fragment F on Query { __schema { types { name } } }' },
      ],
      [
        'in a fragment spread by a fragment',
        {
          query:
            'query { ...F } fragment F on Query { ...G } fragment G on Query { __type(name: "ApiKey") { name } }',
        },
      ],
      ['in an inline fragment', { query: '{ ... on Query { __schema { types { name } } } }' }],
      [
        'in an inline fragment without a type',
        { query: '{ ... @include(if: true) { __schema { queryType { name } } } }' },
      ],
      ['under an alias', { query: '{ s: __schema { types { name } } }' }],
      [
        'as __type under an alias in a fragment',
        { query: 'query { ...F } fragment F on Query { t: __type(name: "Query") { name } }' },
      ],
      [
        'beside __typename',
        { query: '{ __typename ...F } fragment F on Query { __schema { directives { name } } }' },
      ],
      [
        'in the operation chosen by name',
        { query: 'query A { __typename } query B { __schema { types { name } } }', operationName: 'B' },
      ],
    ];

    it.each(hidden)('refuses introspection %s with 401 UNAUTHENTICATED', async (_, body) => {
      const params = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
      const unauthenticated = (answer: Answer) =>
        expectRefusal(answer, { status: 401, code: 'UNAUTHENTICATED' });
      await expectAll([
        ['POST', async () => unauthenticated(await post(body))],
        ['GET', async () => unauthenticated(await platform.get(params))],
      ]);
    });

    it('serves introspection to a key', async () => {
      const answer = await post({ query: '{ __schema { queryType { name } } }' }, bravoKey.headers);
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ data: { __schema: { queryType: { name: 'Query' } } } });
    });
  });

  describe('/metrics', () => {
    it('refuses /metrics without the token, and names no partner or operation when it does', async () => {
      const operation = `HostileSecretOperation${randomBytes(3).toString('hex')}`;
      expect((await post({ query: `query ${operation} { teams { id } }` }, alphaKey.headers)).status).toBe(
        200,
      );
      const refusals = [
        await platform.send({ method: 'GET', path: '/metrics' }),
        await platform.send({
          method: 'GET',
          path: '/metrics',
          headers: { authorization: 'Bearer wrong-token' },
        }),
        await platform.send({
          method: 'GET',
          path: '/metrics',
          headers: { authorization: `Bearer ${platform.metricsToken}x` },
        }),
        await platform.send({
          method: 'GET',
          path: '/metrics',
          headers: { authorization: platform.metricsToken },
        }),
      ];
      for (const answer of refusals) {
        expectRefusal(answer, { status: 401, code: 'UNAUTHENTICATED' });
        for (const secret of [alpha.name, bravo.name, operation]) expect(answer.text).not.toContain(secret);
      }
      // A partner's key is no metrics token.
      const withKey = await platform.send({ method: 'GET', path: '/metrics', headers: alphaKey.headers });
      expectRefusal(withKey, { status: [401, 403] });
      expect(withKey.text).not.toContain(operation);

      const scraped = await platform.send({
        method: 'GET',
        path: '/metrics',
        headers: { authorization: `Bearer ${platform.metricsToken}` },
      });
      expect(scraped.status).toBe(200);
      expect(scraped.headers['content-type']).toMatch(/^text\/plain/);
      expect(scraped.text).toMatch(/^# TYPE meridian_gateway_/m);
    });
  });

  describe('fragment bombs', () => {
    const BOMB = fragmentBomb(30);

    it('refuses a fragment bomb without credentials within a second, serving another client meanwhile', async () => {
      // The other client's key is known to the gateway before the bombs arrive.
      const probe = () => post({ query: '{ __typename }' }, bravoKey.headers, { from: '127.0.0.12' });
      expect((await probe()).status).toBe(200);
      // One sample on a shared two-core machine can catch a GC pause; the median of three shows whether
      // the event loop was free while the bombs were in flight.
      const probes: number[] = [];
      for (let round = 0; round < 3; round++) {
        const sent: Promise<void>[] = [];
        const bombs = Array.from({ length: 4 }, () => {
          let onSent: () => void = () => undefined;
          sent.push(new Promise<void>((resolve) => (onSent = resolve)));
          return post({ query: BOMB }, {}, { from: '127.0.0.11', onSent });
        });
        await within(Promise.all(sent), ANSWER_MS, 'sending the bombs');
        const answer = await probe();
        expect(answer.status).toBe(200);
        probes.push(answer.ms);
        for (const bomb of await Promise.all(bombs)) {
          expectRefusal(bomb, { status: 400, code: 'OPERATION_LIMIT_EXCEEDED' });
          expect(bomb.ms).toBeLessThan(LIMIT_MS);
        }
      }
      probes.sort((a, b) => a - b);
      expect(probes[1]).toBeLessThan(100);
      expect(probes[2]).toBeLessThan(LIMIT_MS);
    });

    it('refuses it with a key, and by GET', async () => {
      expectLimitRefusal(await post({ query: BOMB }, alphaKey.headers));
      expectLimitRefusal(await platform.get({ query: BOMB }, alphaKey.headers));
      expectLimitRefusal(await platform.get({ query: BOMB }));
    });

    it('refuses the variant with inline fragments', async () => {
      expectLimitRefusal(await post({ query: fragmentBomb(30, 'inline') }));
      expectLimitRefusal(await post({ query: fragmentBomb(30, 'inline') }, alphaKey.headers));
    });

    it('refuses the variant with fragments nested inside fields', async () => {
      expectLimitRefusal(await post({ query: fragmentBomb(30, 'in-fields') }));
      expectLimitRefusal(await post({ query: fragmentBomb(30, 'in-fields') }, alphaKey.headers));
    });
  });

  describe('memory', () => {
    /** One request of each class, to be sent over and over. */
    const mix = (): (() => Promise<Answer>)[] => {
      const bomb = fragmentBomb(30);
      const alias = aliasBomb(2_500);
      const deep = deepOperation(200);
      const directives = directiveBomb(1_000);
      const padded = paddedOperation(30_000);
      const nested = `{"query": "query ($id: ID!) { match(id: $id) { id } }", "variables": {"id": ${nestedJson(10_000)}}}`;
      const longHeader = 'x'.repeat(MAX_HEADER_BYTES + 1_000);
      const from = () => `127.0.0.${60 + Math.floor(Math.random() * 20)}`;
      return [
        () => post({ query: bomb }, {}, { from: from() }),
        () => post({ query: alias }, alphaKey.headers),
        () => post({ query: deep }, {}, { from: from() }),
        () => post({ query: directives }, alphaKey.headers),
        () => post({ query: padded }, {}, { from: from() }),
        () => post('{"query": ', {}, { from: from() }),
        () => post('[{"query": "{ __typename }"}]', alphaKey.headers),
        () =>
          platform.send({
            headers: { 'content-type': 'application/json', ...alphaKey.headers },
            body: Buffer.concat([
              Buffer.from('{"query": "{ __typename '),
              Buffer.from([0xff, 0xfe]),
              Buffer.from(' }"}'),
            ]),
          }),
        () => post({ query: '{ __schema { types { name } } }' }, {}, { from: from() }),
        () => post({ query: '{ match(id: "none") { events(first: -1000000) { id } } }' }, alphaKey.headers),
        () => post({ query: 'query A { __typename }', operationName: 'B' }, alphaKey.headers),
        () =>
          platform.send({
            headers: { 'content-type': 'text/plain' },
            body: '{"query": "{ __typename }"}',
            from: from(),
          }),
        () => post({ extensions: persisted(randomHash()) }, lockedKey.headers),
        () => post({ query: '{ __typename }' }, { 'x-padding': longHeader }, { from: from() }),
        () => post(nested, alphaKey.headers),
        () => post({ query: '{ teams { id } }' }, { 'x-api-key': generateKey('live') }, { from: from() }),
        () =>
          post({ query: 'subscription { matchFrames(matchId: "match_0001") { frame } }' }, alphaKey.headers),
      ];
    };

    const memory = async () => ({
      rss: await platform.metric(/^meridian_gateway_process_resident_memory_bytes ([\d.e+]+)$/),
      heap: await platform.metric(/^meridian_gateway_nodejs_heap_size_used_bytes ([\d.e+]+)$/),
    });

    /** Sends `count` requests of the mix, four at a time; every one must be a coded refusal. */
    const flood = async (count: number, deadline: number) => {
      const requests = mix();
      const oversized = JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(MAX_BODY + 1_000) });
      let next = 0;
      const worker = async () => {
        while (next < count) {
          if (Date.now() > deadline)
            throw new Error(`the flood did not finish in time (${next} of ${count} sent)`);
          const i = next++;
          const answer = i % 100 === 99 ? await post(oversized) : await requests[i % requests.length]!();
          expectRefusal(answer, { status: answer.status === 200 ? 200 : undefined });
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
    };

    it('keeps the gateway’s memory bounded over thousands of hostile requests', async () => {
      // V8 collects the old generation on its own schedule (after some 3,000 to 4,000 of these requests),
      // so one measure after a flood shows garbage not yet collected. A leak shows as memory that never
      // comes back down: after a warm-up, 6,000 requests in rounds of 500, and the lowest sample of the
      // second half is what must stay within the slack.
      const deadline = Date.now() + 100_000;
      await flood(300, deadline);
      const before = await memory();
      const samples: { rss: number; heap: number }[] = [];
      for (let round = 0; round < 12; round++) {
        await flood(500, deadline);
        samples.push(await memory());
      }
      const later = samples.slice(6);
      const megabytes = (bytes: number) => Math.round(bytes / 2 ** 20);
      const grown = {
        rss: megabytes(Math.min(...later.map((s) => s.rss)) - before.rss),
        heap: megabytes(Math.min(...later.map((s) => s.heap)) - before.heap),
      };
      expect(before.rss).toBeGreaterThan(0);
      expect(before.heap).toBeGreaterThan(0);
      expect(grown.heap).toBeLessThan(LEAK_SLACK_MB);
      expect(grown.rss).toBeLessThan(LEAK_SLACK_MB);
    });
  });
});
