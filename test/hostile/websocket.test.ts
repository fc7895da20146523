/**
 * The hostile corpus over graphql-ws: safelists, limits and errors on subscribe, protocol abuse on raw
 * sockets, access checked again on open subscriptions (revoked keys, suspended partners), and budgets of
 * concurrent subscriptions kept per principal. Every refusal is a coded error message or a 44xx close with a
 * reason, never 4500, never a hang.
 */
import { performance } from 'node:perf_hooks';
import { CloseCode, type Client } from 'graphql-ws';
import {
  codesOf,
  closedWithin,
  expectAll,
  HostilePlatform,
  isCatalogCode,
  isProtocolRefusal,
  LIVE_FRAMES,
  paddedOperation,
  rawSocket,
  subscriptionFragmentBomb,
  until,
  watch,
  within,
  wsClient,
  type Ending,
  type Key,
  type RawSocket,
  type Watch,
} from './corpus';

/** How long a refusal of a subscribe message may take. */
const REFUSAL_MS = 2_000;
/** How long a live subscription may take to deliver its first frame. */
const FIRST_FRAME_MS = 15_000;
/** How soon after a key is revoked or its partner suspended its subscriptions must end (the contract's ~2 s). */
const RECHECK_MS = 2_500;

const LISTED = 'subscription Listed { matchFrames(matchId: "match_0001") { frame } }';

describe('hostile graphql-ws traffic to a production gateway', () => {
  let platform: HostilePlatform;
  let planId: string;
  let alphaId: string;
  let alphaKey: Key;
  let lockedKey: Key;
  const clients: Client[] = [];
  const sockets: RawSocket[] = [];

  const client = (params: Record<string, unknown>) => {
    const created = wsClient(platform, params);
    clients.push(created);
    return created;
  };
  const socket = async (options: Parameters<typeof rawSocket>[1] = {}) => {
    const opened = await rawSocket(platform, options);
    sockets.push(opened);
    return opened;
  };

  beforeAll(async () => {
    platform = await HostilePlatform.start();
    planId = await platform.createPlan('Hostile WS');
    const alpha = await platform.createPartner('Alpha Hostile Streams', planId);
    alphaId = alpha.id;
    alphaKey = await platform.createKey(alpha.id, ['matches:read']);
    lockedKey = await platform.createKey(alpha.id, ['matches:read'], { safelistOnly: true });
    await platform.registerOperations(alpha.id, [LISTED]);
  });

  afterAll(async () => {
    for (const raw of sockets) raw.terminate();
    await within(
      Promise.all(clients.map((c) => c.dispose())),
      5_000,
      'disposing of the graphql-ws clients',
    ).catch(() => undefined);
  });

  /** Waits for how a subscription ended, or fails after `ms`. */
  const ended = (subscription: Watch, ms = REFUSAL_MS) =>
    within(subscription.ending, ms, 'the subscription did not end');

  /** A refusal of one subscribe message: an error message with the code, on a socket that stays usable. */
  const expectCoded = (ending: Ending, subscription: Watch, codes: readonly string[]) => {
    const got = codesOf(ending, subscription);
    if (ending.kind === 'closed') {
      throw new Error(
        `the socket was closed (${ending.code} ${ending.reason}) instead of an error coded ${codes}`,
      );
    }
    if (!got.some((code) => codes.includes(code))) {
      throw new Error(`ended with ${ending.kind}, codes ${JSON.stringify(got)}; expected one of ${codes}`);
    }
    for (const code of got) expect(isCatalogCode(code)).toBe(true);
  };

  const firstFrame = (subscription: Watch) =>
    until(
      () => subscription.values.length > 0 || subscription.ended() !== undefined,
      FIRST_FRAME_MS,
      'the first frame',
    ).then(() => {
      if (subscription.values.length === 0) {
        throw new Error(`ended before any frame: ${JSON.stringify(subscription.ended())}`);
      }
    });

  describe('safelists', () => {
    it("refuses a safelist-only key a subscription off its partner's safelist with FORBIDDEN, and serves a listed one", async () => {
      const locked = client({ 'x-api-key': lockedKey.secret });
      await expectAll(
        [
          'subscription Unlisted { matchFrames(matchId: "match_0001") { period } }',
          // The listed text with other whitespace is another operation: safelists hold exact texts.
          LISTED.replace('{ frame }', '{  frame }'),
        ].map((query) => [
          query,
          async () => {
            const unlisted = watch(locked, { query });
            expectCoded(await ended(unlisted), unlisted, ['FORBIDDEN']);
          },
        ]),
      );
      const listed = watch(locked, { query: LISTED });
      await firstFrame(listed);
      listed.stop();
    });
  });

  describe('bad operations', () => {
    it('refuses a parse error with GRAPHQL_PARSE_FAILED', async () => {
      const c = client({ 'x-api-key': alphaKey.secret });
      await expectAll(
        ['subscription {', 'subscription { matchFrames(matchId: "x") { frame }', '}}}', '\u0000'].map(
          (query) => [
            JSON.stringify(query),
            async () => {
              const bad = watch(c, { query });
              expectCoded(await ended(bad), bad, ['GRAPHQL_PARSE_FAILED']);
            },
          ],
        ),
      );
    });

    it('refuses a validation error with GRAPHQL_VALIDATION_FAILED', async () => {
      const c = client({ 'x-api-key': alphaKey.secret });
      await expectAll(
        [
          'subscription { noSuchField }',
          'subscription { matchFrames { frame } }',
          'subscription { matchFrames(matchId: "match_0001") { frame nope } }',
          'subscription ($id: ID!) { matchFrames(matchId: $id) { frame } }',
        ].map((query) => [
          query,
          async () => {
            const bad = watch(c, { query });
            expectCoded(await ended(bad), bad, ['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);
          },
        ]),
      );
    });

    it('refuses a subscribe payload over the byte limit quickly, without parsing it slowly', async () => {
      const sizes: [string, string][] = [
        ['30 kB', paddedOperation(30_000).replace('{ __typename }', LISTED)],
        ['1 MB', paddedOperation(1_000_000).replace('{ __typename }', LISTED)],
        [
          '1 MB of fields',
          `subscription { matchFrames(matchId: "match_0001") { ${'frame '.repeat(170_000)}} }`,
        ],
      ];
      await expectAll(
        sizes.map(([label, query]) => [
          label,
          async () => {
            const c = client({ 'x-api-key': alphaKey.secret });
            const started = performance.now();
            const big = watch(c, { query });
            const ending = await ended(big);
            expect(ending.at - started).toBeLessThan(REFUSAL_MS);
            if (ending.kind === 'closed') {
              if (ending.code !== 1009 && !isProtocolRefusal(ending.code!)) {
                throw new Error(`closed with ${ending.code} ${ending.reason}`);
              }
            } else expectCoded(ending, big, ['OPERATION_LIMIT_EXCEEDED']);
          },
        ]),
      );
    });

    it('refuses a negative slicing argument with BAD_USER_INPUT', async () => {
      const c = client({ 'x-api-key': alphaKey.secret });
      const cases: [string, { query: string; variables?: Record<string, unknown> }][] = [
        [
          'a literal',
          {
            query:
              'subscription { matchEvents(matchId: "match_0001") { match { events(first: -1000000) { id } } } }',
          },
        ],
        [
          'a variable',
          {
            query:
              'subscription ($n: Int!) { matchEvents(matchId: "match_0001") { match { events(first: $n) { id } } } }',
            variables: { n: -5 },
          },
        ],
        [
          'a variable default',
          {
            query:
              'subscription ($n: Int = -5) { matchEvents(matchId: "match_0001") { match { events(first: $n) { id } } } }',
          },
        ],
      ];
      await expectAll(
        cases.map(([label, payload]) => [
          label,
          async () => {
            const bad = watch(c, payload);
            expectCoded(await ended(bad), bad, ['BAD_USER_INPUT']);
          },
        ]),
      );
    });

    it('refuses queries and mutations over the socket with a coded error', async () => {
      const c = client({ 'x-api-key': alphaKey.secret });
      await expectAll(
        ['{ __typename }', 'query Teams { teams { id } }', 'mutation { logout }'].map((query) => [
          query,
          async () => {
            const wrong = watch(c, { query });
            const ending = await ended(wrong);
            if (ending.kind === 'closed') throw new Error(`closed with ${ending.code} ${ending.reason}`);
            const codes = codesOf(ending, wrong);
            if (codes.length === 0 || !codes.every(isCatalogCode)) {
              throw new Error(`ended with ${ending.kind}, codes ${JSON.stringify(codes)}`);
            }
          },
        ]),
      );
    });
  });

  describe('protocol abuse on a raw socket', () => {
    const init = { type: 'connection_init', payload: {} as Record<string, unknown> };
    /** A socket past connection_init, acknowledged. */
    const acknowledged = async () => {
      const raw = await socket();
      raw.send({ ...init, payload: { 'x-api-key': alphaKey.secret } });
      await raw.next('connection_ack', REFUSAL_MS);
      return raw;
    };
    const subscribe = (id: string, payload: unknown) => ({ id, type: 'subscribe', payload });

    const cases: [string, number | null, () => Promise<RawSocket>][] = [
      [
        'a frame that is not JSON',
        CloseCode.BadRequest,
        async () => {
          const raw = await acknowledged();
          raw.send('{ not json');
          return raw;
        },
      ],
      [
        'a binary frame of garbage',
        null,
        async () => {
          const raw = await acknowledged();
          raw.send(Buffer.from([0xff, 0x00, 0xfe, 0x01, 0x80]));
          return raw;
        },
      ],
      [
        'a message of unknown type',
        CloseCode.BadRequest,
        async () => {
          const raw = await acknowledged();
          raw.send({ type: 'hostile', payload: {} });
          return raw;
        },
      ],
      [
        'a message without a type',
        CloseCode.BadRequest,
        async () => {
          const raw = await acknowledged();
          raw.send({ id: '1', payload: { query: LISTED } });
          return raw;
        },
      ],
      [
        'subscribe before connection_init',
        CloseCode.Unauthorized,
        async () => {
          const raw = await socket();
          raw.send(subscribe('1', { query: LISTED }));
          return raw;
        },
      ],
      [
        'two connection_init',
        CloseCode.TooManyInitialisationRequests,
        async () => {
          const raw = await acknowledged();
          raw.send({ ...init, payload: { 'x-api-key': alphaKey.secret } });
          return raw;
        },
      ],
      [
        'connection_init with a payload that is not an object',
        CloseCode.BadRequest,
        async () => {
          const raw = await socket();
          raw.send({ type: 'connection_init', payload: 'x' });
          return raw;
        },
      ],
      [
        'subscribe without a payload',
        CloseCode.BadRequest,
        async () => {
          const raw = await acknowledged();
          raw.send({ id: '1', type: 'subscribe' });
          return raw;
        },
      ],
      [
        'subscribe with query a number',
        CloseCode.BadRequest,
        async () => {
          const raw = await acknowledged();
          raw.send(subscribe('1', { query: 42 }));
          return raw;
        },
      ],
      [
        'subscribe with variables a string',
        CloseCode.BadRequest,
        async () => {
          const raw = await acknowledged();
          raw.send(subscribe('1', { query: LISTED, variables: 'x' }));
          return raw;
        },
      ],
      [
        'subscribe without an id',
        CloseCode.BadRequest,
        async () => {
          const raw = await acknowledged();
          raw.send({ type: 'subscribe', payload: { query: LISTED } });
          return raw;
        },
      ],
      [
        'a duplicate subscription id',
        CloseCode.SubscriberAlreadyExists,
        async () => {
          const raw = await acknowledged();
          raw.send(subscribe('same', { query: LIVE_FRAMES }));
          await raw.next('next', FIRST_FRAME_MS);
          raw.send(subscribe('same', { query: LIVE_FRAMES }));
          return raw;
        },
      ],
      [
        'a 2 MB frame',
        null,
        async () => {
          const raw = await acknowledged();
          raw.send(subscribe('1', { query: LISTED, variables: { pad: 'x'.repeat(2_000_000) } }));
          return raw;
        },
      ],
    ];

    it.each(cases)('closes the socket on %s with a 44xx code and a reason', async (_, expected, abuse) => {
      const raw = await abuse();
      const { code, reason } = await closedWithin(raw, REFUSAL_MS, 'after the abuse');
      expect(code).not.toBe(CloseCode.InternalServerError);
      if (expected === null) expect(code === 1009 || isProtocolRefusal(code)).toBe(true);
      else expect(code).toBe(expected);
      // A 1009 comes from the websocket layer, which gives no reason; graphql-ws's own closes say why.
      if (code !== 1009) expect(reason.length).toBeGreaterThan(0);
    });

    it('closes a socket that asked for no subprotocol with a 44xx code', async () => {
      const raw = await socket({ protocol: null });
      raw.send({ ...init, payload: { 'x-api-key': alphaKey.secret } });
      const { code } = await closedWithin(raw, REFUSAL_MS, 'without a subprotocol');
      expect(isProtocolRefusal(code)).toBe(true);
    });
  });

  describe('access checked again on open subscriptions', () => {
    /** The subscription ended for the reason given: an error with one of the codes, or a close with one of the close codes. */
    const endedFor = (ending: Ending, subscription: Watch, codes: string[], closeCodes: number[]) => {
      if (ending.kind === 'closed') {
        if (!closeCodes.includes(ending.code!))
          throw new Error(`closed with ${ending.code} ${ending.reason}`);
        return;
      }
      const got = codesOf(ending, subscription);
      if (!got.some((code) => codes.includes(code))) {
        throw new Error(`ended with ${ending.kind}, codes ${JSON.stringify(got)}; expected one of ${codes}`);
      }
    };

    it("ends a key's subscription within 2 s of the key being revoked, with UNAUTHENTICATED", async () => {
      const key = await platform.createKey(alphaId, ['matches:read']);
      const live = watch(client({ 'x-api-key': key.secret }), { query: LIVE_FRAMES });
      await firstFrame(live);
      const revokedAt = performance.now();
      await platform.revokeKey(key.id);
      const ending = await within(live.ending, 10_000, 'the subscription of a revoked key');
      expect(ending.at - revokedAt).toBeLessThan(RECHECK_MS);
      endedFor(ending, live, ['UNAUTHENTICATED'], [CloseCode.Unauthorized, CloseCode.Forbidden]);

      // Nor can the revoked key open a new connection.
      const again = watch(client({ 'x-api-key': key.secret }), { query: LIVE_FRAMES });
      endedFor(
        await ended(again, 5_000),
        again,
        ['UNAUTHENTICATED'],
        [CloseCode.Unauthorized, CloseCode.Forbidden],
      );
    });

    it("ends a suspended partner's subscriptions within 2 s, with PARTNER_SUSPENDED", async () => {
      const charlie = await platform.createPartner('Charlie Hostile Streams', planId);
      const key = await platform.createKey(charlie.id, ['matches:read']);
      const streams = [
        watch(client({ 'x-api-key': key.secret }), { query: LIVE_FRAMES }),
        watch(client({ 'x-api-key': key.secret }), { query: LISTED }),
      ];
      for (const stream of streams) await firstFrame(stream);
      const suspendedAt = performance.now();
      await platform.suspendPartner(charlie.id);
      await expectAll(
        streams.map((stream, i) => [
          `subscription ${i + 1}`,
          async () => {
            const ending = await within(stream.ending, 10_000, 'the subscription of a suspended partner');
            expect(ending.at - suspendedAt).toBeLessThan(RECHECK_MS);
            endedFor(ending, stream, ['PARTNER_SUSPENDED'], [CloseCode.Forbidden]);
          },
        ]),
      );
    });
  });

  describe('budgets', () => {
    it("counts concurrent subscriptions per principal: one partner at its maximum leaves another's free", async () => {
      const twoAtOnce = await platform.createPlan('Hostile Two Streams', { concurrentSubscriptions: 2 });
      const delta = await platform.createPartner('Delta Hostile Streams', twoAtOnce);
      const echo = await platform.createPartner('Echo Hostile Streams', twoAtOnce);
      const deltaKey = await platform.createKey(delta.id, ['matches:read']);
      const echoKey = await platform.createKey(echo.id, ['matches:read']);

      const deltaSocket = client({ 'x-api-key': deltaKey.secret });
      const held = [watch(deltaSocket, { query: LIVE_FRAMES }), watch(deltaSocket, { query: LISTED })];
      for (const stream of held) await firstFrame(stream);

      // The budget is the partner's, whichever socket asks.
      const third = watch(client({ 'x-api-key': deltaKey.secret }), { query: LIVE_FRAMES });
      expectCoded(await ended(third, 5_000), third, ['RATE_LIMITED']);

      const echoStreams = [
        watch(client({ 'x-api-key': echoKey.secret }), { query: LIVE_FRAMES }),
        watch(client({ 'x-api-key': echoKey.secret }), { query: LISTED }),
      ];
      for (const stream of echoStreams) await firstFrame(stream);
      for (const stream of [...held, ...echoStreams]) stream.stop();
    });
  });

  describe('budgets of portal sessions', () => {
    it("counts a signed-in developer's subscriptions as theirs, not as every websocket's", async () => {
      // Sessions carry no key: their budget must be the user's, never one shared by every socket or address.
      const oneAtATime = await platform.createPlan('Hostile One Stream', { concurrentSubscriptions: 1 });
      const foxtrot = await platform.createPartner('Foxtrot Hostile Streams', oneAtATime);
      const golf = await platform.createPartner('Golf Hostile Streams', oneAtATime);
      const foxtrotDeveloper = await platform.createDeveloper(foxtrot.id, 'foxtrot');
      const golfDeveloper = await platform.createDeveloper(golf.id, 'golf');

      const foxtrotStream = watch(client(foxtrotDeveloper.headers), { query: LIVE_FRAMES });
      await firstFrame(foxtrotStream);
      const golfStream = watch(client(golfDeveloper.headers), { query: LIVE_FRAMES });
      await firstFrame(golfStream);
      const second = watch(client(foxtrotDeveloper.headers), { query: LIVE_FRAMES });
      expectCoded(await ended(second, 5_000), second, ['RATE_LIMITED']);
      for (const stream of [foxtrotStream, golfStream]) stream.stop();
    });
  });

  // Last: on a gateway that validates fragments by expanding them, it stalls every later test.
  describe('fragment bombs', () => {
    it('refuses a fragment bomb over the socket within a second', async () => {
      const c = client({ 'x-api-key': alphaKey.secret });
      const started = performance.now();
      const bomb = watch(c, { query: subscriptionFragmentBomb(30) });
      const ending = await ended(bomb, 5_000);
      expect(ending.at - started).toBeLessThan(1_000);
      expectCoded(ending, bomb, ['OPERATION_LIMIT_EXCEEDED']);
    });
  });
});
