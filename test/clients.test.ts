/**
 * The client libraries partners use, as they come, against a real production-mode gateway: urql with its
 * defaults (queries as GET), graphql-request and Apollo Client over HTTP with an API key; graphql-ws and
 * Apollo Client's GraphQLWsLink with the key in each place clients put it in `connection_init`. And the
 * attacks these allowances invite: cross-site simple requests without the key header, a narrow key, the
 * introspection allowance stretched over data, two credentials in one `connection_init`, revoked keys and
 * suspended partners in every placement.
 */
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { Client as UrqlClient, fetchExchange } from '@urql/core';
import { getIntrospectionQuery } from 'graphql';
import type { GraphQLClient as GraphQLRequestClient } from 'graphql-request' with {
  'resolution-mode': 'import',
};
import type { Client } from 'graphql-ws';
import { HostilePlatform, within, type Key } from './hostile/corpus';
import { gatewayClient } from './support/platform';

// graphql-request's types describe its ES module; its CommonJS build, which these tests load, is the same API.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GraphQLClient } = require('graphql-request') as { GraphQLClient: typeof GraphQLRequestClient };

const TEAMS = '{ teams { name } }';
const FRAMES = 'subscription Frames { matchFrames(matchId: "match_0001") { frame } }';
/** How long a live subscription may take to deliver its first frame. */
const FIRST_FRAME_MS = 15_000;

/** `teams { players { team { players … { name } } } }`: data, `depth` fields deep. */
function deepTeams(depth: number): string {
  const path = ['teams'];
  while (path.length < depth - 1) path.push(path.length % 2 === 1 ? 'players' : 'team');
  return path.reduceRight((inner, field) => `${field} { ${inner} }`, 'name');
}

/** Every place a client may put the key in `connection_init`. */
const PLACEMENTS: [string, (secret: string) => Record<string, unknown>][] = [
  ['x-api-key at the top level', (secret) => ({ 'x-api-key': secret })],
  ['authorization: Bearer at the top level', (secret) => ({ authorization: `Bearer ${secret}` })],
  ['x-api-key in headers', (secret) => ({ headers: { 'x-api-key': secret } })],
  ['Authorization: Bearer in headers', (secret) => ({ headers: { Authorization: `Bearer ${secret}` } })],
];
const placements = (secret: string) => PLACEMENTS.map(([place, params]) => [place, params(secret)] as const);

interface Outcome {
  readonly frame?: number;
  readonly codes?: readonly unknown[];
  readonly closeCode?: number;
}

describe('client libraries against a production gateway', () => {
  let platform: HostilePlatform;
  let url: string;
  let full: Key;
  let narrow: Key;
  const sockets: Client[] = [];

  /** The first event of a frames subscription with `params`, or how it was refused. */
  const firstFrame = (params: Record<string, unknown>): Promise<Outcome> => {
    let closeCode: number | undefined;
    const client = gatewayClient(platform.gatewayUrl, params, (code) => (closeCode = code));
    sockets.push(client);
    const outcome = new Promise<Outcome>((resolve) => {
      const stop = client.subscribe<{ matchFrames: { frame: number } }>(
        { query: FRAMES },
        {
          next: (result) => {
            stop();
            resolve(
              result.data
                ? { frame: result.data.matchFrames.frame }
                : { codes: (result.errors ?? []).map((error) => error.extensions?.code) },
            );
          },
          error: (error) =>
            resolve(
              Array.isArray(error)
                ? { codes: error.map((each: { extensions?: { code?: unknown } }) => each.extensions?.code) }
                : { closeCode: (error as { code?: number }).code ?? closeCode },
            ),
          complete: () => resolve({ closeCode }),
        },
      );
    });
    return within(outcome, FIRST_FRAME_MS, 'the subscription neither delivered nor ended');
  };

  beforeAll(async () => {
    platform = await HostilePlatform.start();
    url = `${platform.gatewayUrl}/graphql`;
    const plan = await platform.createPlan('clients');
    const partner = await platform.createPartner('Clients', plan);
    full = await platform.createKey(partner.id, ['matches:read', 'telemetry:read', 'billing:read']);
    narrow = await platform.createKey(partner.id, ['telemetry:read']);
  });

  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
  });

  describe('over HTTP', () => {
    it('urql with its defaults sends queries as GET, and the key is enough to get past CSRF prevention', async () => {
      const methods: string[] = [];
      const client = new UrqlClient({
        url,
        exchanges: [fetchExchange],
        fetchOptions: { headers: { 'x-api-key': full.secret } },
        fetch: (input, init) => {
          methods.push(init?.method ?? 'GET');
          return fetch(input, init);
        },
      });
      const result = await client.query<{ teams: { name: string }[] }>(TEAMS, {}).toPromise();
      expect(methods).toEqual(['GET']);
      expect(result.error).toBeUndefined();
      expect(result.data?.teams.length).toBeGreaterThan(0);
    });

    it('urql with a narrow key is refused where curl with that key is', async () => {
      const client = new UrqlClient({
        url,
        exchanges: [fetchExchange],
        fetchOptions: { headers: { 'x-api-key': narrow.secret } },
      });
      const result = await client.query(TEAMS, {}).toPromise();
      expect(result.data ?? null).toBeNull();
      expect(result.error?.graphQLErrors.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
      const curl = await platform.get({ query: TEAMS }, narrow.headers);
      expect((curl.json as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
        'FORBIDDEN',
      );
    });

    it('graphql-request with the key', async () => {
      const client = new GraphQLClient(url, { headers: { 'x-api-key': full.secret } });
      const data = await client.request<{ teams: { name: string }[] }>(TEAMS);
      expect(data.teams.length).toBeGreaterThan(0);
    });

    it('Apollo Client over HttpLink with the key', async () => {
      const apollo = new ApolloClient({
        link: new HttpLink({ uri: url, headers: { 'x-api-key': full.secret } }),
        cache: new InMemoryCache(),
      });
      const { data } = await apollo.query<{ teams: { name: string }[] }>({ query: gql(TEAMS) });
      expect(data?.teams.length).toBeGreaterThan(0);
      apollo.stop();
    });
  });

  describe('CSRF prevention', () => {
    it('still refuses a cross-site simple GET or POST that carries no key header', async () => {
      const simpleGet = await platform.send({
        method: 'GET',
        path: `/graphql?${new URLSearchParams({ query: TEAMS })}`,
        headers: { accept: 'application/json' },
      });
      expect(simpleGet.status).toBe(400);
      expect(simpleGet.text).not.toContain('"teams"');
      const simplePost = await platform.send({
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: TEAMS }),
      });
      expect(simplePost.status).toBe(400);
      expect(simplePost.text).not.toContain('"teams"');
    });

    it('lets the same GET through once it carries the key, which a cross-site form cannot send', async () => {
      const answer = await platform.send({
        method: 'GET',
        path: `/graphql?${new URLSearchParams({ query: TEAMS })}`,
        headers: { accept: 'application/json', ...full.headers },
      });
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('"teams"');
    });
  });

  describe('introspection', () => {
    const codeOf = (json: unknown) =>
      (json as { errors?: { extensions?: { code?: string; violations?: { limit: string }[] } }[] })
        .errors?.[0]?.extensions;

    it('answers the standard introspection query (15 deep) to a key, narrow or not', async () => {
      for (const key of [full, narrow]) {
        const answer = await platform.post(
          { query: getIntrospectionQuery({ descriptions: true }) },
          key.headers,
        );
        expect(answer.status).toBe(200);
        const types = (answer.json as { data: { __schema: { types: { name: string }[] } } }).data.__schema
          .types;
        expect(types.map((type) => type.name)).toContain('Match');
      }
    });

    it('refuses it without credentials in production', async () => {
      const answer = await platform.post({ query: getIntrospectionQuery() });
      expect(codeOf(answer.json)?.code).toBe('UNAUTHENTICATED');
    });

    it('lends no depth to data: mixed in, aliased, or spread through fragments', async () => {
      const deep = deepTeams(14);
      expect(deep.split('{').length - 1).toBe(13);
      for (const query of [
        `{ __schema { queryType { name } } ${deep} }`,
        `{ a: __type(name: "Team") { name } b: ${deep} }`,
        `{ ...Mixed } fragment Mixed on Query { __schema { queryType { name } } ${deep} }`,
        `{ __typename ${deep} }`,
      ]) {
        const answer = await platform.post({ query }, full.headers);
        expect(answer.status).toBe(400);
        expect(codeOf(answer.json)).toMatchObject({
          code: 'OPERATION_LIMIT_EXCEEDED',
          violations: [expect.objectContaining({ limit: 'depth' })],
        });
      }
    });

    it('refuses introspection that nests lists of types three deep', async () => {
      const answer = await platform.post(
        { query: '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }' },
        full.headers,
      );
      expect(answer.status).toBe(400);
      expect(codeOf(answer.json)?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });

  describe('over graphql-ws', () => {
    it.each(PLACEMENTS)('takes the key as %s', async (_place, params) => {
      const outcome = await firstFrame(params(full.secret));
      expect(outcome.frame).toEqual(expect.any(Number));
    });

    it('Apollo Client over GraphQLWsLink, the key in headers as Apollo users write it', async () => {
      const client = gatewayClient(platform.gatewayUrl, {
        headers: { authorization: `Bearer ${full.secret}` },
      });
      sockets.push(client);
      const apollo = new ApolloClient({ link: new GraphQLWsLink(client), cache: new InMemoryCache() });
      const frames: number[] = [];
      const subscription = apollo
        .subscribe<{ matchFrames: { frame: number } }>({ query: gql(FRAMES) })
        .subscribe({
          next: (result) => {
            if (result.data) frames.push(result.data.matchFrames.frame);
          },
        });
      const started = Date.now();
      while (frames.length < 2 && Date.now() - started < FIRST_FRAME_MS) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      subscription.unsubscribe();
      apollo.stop();
      expect(frames.length).toBeGreaterThanOrEqual(2);
      expect(frames[1]).toBeGreaterThan(frames[0]!);
    });

    it('refuses a narrow key where its scopes do not reach, wherever it is placed', async () => {
      for (const [, params] of placements(narrow.secret)) {
        expect(await firstFrame(params)).toEqual({ codes: ['FORBIDDEN'] });
      }
    });

    it('refuses two different credentials in one connection_init instead of choosing one', async () => {
      const partner = await platform.createPartner('Two credentials', await platform.createPlan('two'));
      const developer = await platform.createDeveloper(partner.id, 'two');
      for (const params of [
        { 'x-api-key': full.secret, headers: { 'x-api-key': narrow.secret } },
        { 'x-api-key': narrow.secret, authorization: `Bearer ${full.secret}` },
        { authorization: `Bearer ${full.secret}`, headers: developer.headers },
      ]) {
        expect(await firstFrame(params)).toEqual({ closeCode: 4401 });
      }
    });

    it("refuses a revoked key and a suspended partner's key in every placement", async () => {
      const plan = await platform.createPlan('refused');
      const live = await platform.createPartner('Revoked keys', plan);
      const revoked = await platform.createKey(live.id, ['matches:read']);
      await platform.revokeKey(revoked.id);
      const suspendedPartner = await platform.createPartner('Suspended', plan);
      const suspended = await platform.createKey(suspendedPartner.id, ['matches:read']);
      await platform.suspendPartner(suspendedPartner.id);
      for (const [, params] of placements(revoked.secret)) {
        expect(await firstFrame(params)).toEqual({ closeCode: 4401 });
      }
      for (const [, params] of placements(suspended.secret)) {
        expect(await firstFrame(params)).toEqual({ closeCode: 4403 });
      }
      const overHttp = await platform.get({ query: TEAMS }, revoked.headers);
      expect(overHttp.status).toBe(401);
    });
  });
});
