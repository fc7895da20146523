/**
 * The hostile corpus against bulk ingest (`POST /ingest/telemetry`): callers without the right to write,
 * suspended partners, bodies over the size limit however they are sent, and garbage of every kind. Each is
 * refused with a 4xx and a coded JSON body, never a 5xx or a hang.
 */
import { randomBytes } from 'node:crypto';
import { ReadingClock } from '../support/readings';
import {
  expectAll,
  expectLimitNamed,
  expectRefusal,
  HostilePlatform,
  type Answer,
  type Developer,
  type Headers,
  type HostileRequest,
  type Key,
} from './corpus';

const INGEST_PATH = '/ingest/telemetry';
const NDJSON = 'application/x-ndjson';
/** The customer operating the engine that `ReadingClock` writes to. */
const AIRLINE = 'cus_0004';

describe('hostile bulk ingest to a production gateway', () => {
  let platform: HostilePlatform;
  let writer: Key;
  let reader: Key;
  let lockedWriter: Key;

  beforeAll(async () => {
    // No demo stream: the corpus's readings are the newest of their sensor.
    platform = await HostilePlatform.start({ TELEMETRY_STREAM_RATE_HZ: '0' });
    const plan = await platform.createPlan('Hostile Ingest');
    // The readings name an engine of this airline, the only operator whose engines its partners may write.
    const alpha = await platform.createPartner('Alpha Hostile Telemetry', plan, AIRLINE);
    writer = await platform.createKey(alpha.id, ['matches:read', 'telemetry:write']);
    reader = await platform.createKey(alpha.id, ['matches:read', 'telemetry:read']);
    lockedWriter = await platform.createKey(alpha.id, ['telemetry:write'], { safelistOnly: true });
    readings.start();
  });

  const readings = new ReadingClock();
  const ndjson = (count: number) => readings.ndjson(count);

  const ingest = (request: Omit<HostileRequest, 'path'>) =>
    platform.send({
      ...request,
      path: INGEST_PATH,
      headers: {
        'content-type': NDJSON,
        'idempotency-key': `hostile-${randomBytes(8).toString('hex')}`,
        ...request.headers,
      },
    });

  it('takes a batch from a key with telemetry:write, so the refusals below are about the caller', async () => {
    const answer = await ingest({ body: ndjson(5), headers: writer.headers });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ readings: 5 });
  });

  it('refuses callers that may not write', async () => {
    await expectAll([
      [
        'no credentials',
        async () =>
          expectRefusal(await ingest({ body: ndjson(5) }), { status: 401, code: 'UNAUTHENTICATED' }),
      ],
      [
        'a key without telemetry:write',
        async () =>
          expectRefusal(await ingest({ body: ndjson(5), headers: reader.headers }), {
            status: 403,
            code: 'FORBIDDEN',
          }),
      ],
      [
        // A safelist-only key runs registered operations and nothing else; a batch is not one.
        'a safelist-only key with telemetry:write',
        async () =>
          expectRefusal(await ingest({ body: ndjson(5), headers: lockedWriter.headers }), {
            status: 403,
            code: 'FORBIDDEN',
          }),
      ],
      [
        'a malformed key',
        async () =>
          expectRefusal(await ingest({ body: ndjson(5), headers: { 'x-api-key': 'mer_live_nope' } }), {
            status: 401,
            code: 'UNAUTHENTICATED',
          }),
      ],
      [
        'a forged session token',
        async () =>
          expectRefusal(
            await ingest({ body: ndjson(5), headers: { authorization: 'Bearer eyJub3QiOiJvdXJzIn0.x' } }),
            {
              status: 401,
              code: 'UNAUTHENTICATED',
            },
          ),
      ],
    ]);
  });

  it("refuses a suspended partner's key and session", async () => {
    const plan = await platform.createPlan('Hostile Suspended Ingest');
    const bravo = await platform.createPartner('Bravo Hostile Telemetry', plan, AIRLINE);
    const key = await platform.createKey(bravo.id, ['telemetry:write']);
    const developer: Developer = await platform.createDeveloper(bravo.id, 'bravo-ingest');
    expect((await ingest({ body: ndjson(5), headers: key.headers })).status).toBe(200);

    await platform.suspendPartner(bravo.id);
    // Billing's change feed reaches the gateway within a second; five are allowed.
    const started = Date.now();
    let answer: Answer = await ingest({ body: ndjson(5), headers: key.headers });
    while (answer.status === 200 && Date.now() - started < 5_000) {
      answer = await ingest({ body: ndjson(5), headers: key.headers });
    }
    await expectAll([
      [
        'the key',
        async () =>
          expectRefusal(answer, { status: [401, 403], code: ['PARTNER_SUSPENDED', 'UNAUTHENTICATED'] }),
      ],
      [
        // A session carries no telemetry:write, so FORBIDDEN would hide whether the suspension was seen:
        // the refusal must name the suspension (or the session no longer counting).
        'a developer session',
        async () =>
          expectRefusal(await ingest({ body: ndjson(5), headers: developer.headers }), {
            status: [401, 403],
            code: ['PARTNER_SUSPENDED', 'UNAUTHENTICATED'],
          }),
      ],
    ]);
  });

  it('refuses a body over the size limit, however it is sent', async () => {
    // Ingest may take 100 bytes a reading, 1,000 readings a cost point: 2 points a minute is 200,000 bytes.
    const plan = await platform.createPlan('Hostile Tiny Ingest', { costPointsPerMinute: 2 });
    const tiny = await platform.createPartner('Charlie Hostile Telemetry', plan, AIRLINE);
    const key = await platform.createKey(tiny.id, ['telemetry:write']);
    const big = ndjson(3_500);
    expect(Buffer.byteLength(big)).toBeGreaterThan(250_000);
    const tooLarge = (answer: Answer) => {
      const refusal = expectRefusal(answer, { status: [400, 413] });
      if (answer.status === 413) expect(refusal.code).toBe('PAYLOAD_TOO_LARGE');
      expectLimitNamed(refusal, false);
    };
    await expectAll([
      ['with its length', async () => tooLarge(await ingest({ body: big, headers: key.headers }))],
      [
        // Without a declared length the limit must hold all the same, or chunked encoding walks past it.
        'chunked, without a length',
        async () => tooLarge(await ingest({ body: big, headers: key.headers, chunked: true })),
      ],
      [
        // The answer must not wait for a body the gateway will not take.
        '300 MB declared, 64 kB sent',
        async () =>
          tooLarge(
            await ingest({
              body: big.slice(0, 65_536),
              headers: { ...writer.headers, 'content-length': String(300_000_000) },
              unfinished: true,
            }),
          ),
      ],
    ]);
  });

  describe('garbage', () => {
    const garbage: [string, () => Omit<HostileRequest, 'path'>][] = [
      ['lines that are not JSON', () => ({ body: 'not json\n{]\n' })],
      ['a JSON array', () => ({ body: '[1, 2, 3]' })],
      [
        'readings of the wrong types',
        () => ({ body: '{"engine": 1, "sensor": [], "time": "yesterday", "value": "hot"}' }),
      ],
      ['invalid UTF-8 bytes', () => ({ body: Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d, 0x0a]) })],
      ['NUL bytes', () => ({ body: Buffer.alloc(4_096) })],
      ['one 150 kB line without a newline', () => ({ body: `{"engine": "${'x'.repeat(150_000)}"` })],
      [
        'readings nested 10,000 levels deep',
        () => ({ body: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}` }),
      ],
      [
        'random bytes as binary frames',
        () => ({
          headers: { 'content-type': 'application/vnd.meridian.readings' },
          body: randomBytes(4_096),
        }),
      ],
      [
        'content-type application/json',
        () => ({ headers: { 'content-type': 'application/json' }, body: '{"readings": []}' }),
      ],
      ['content-type text/plain', () => ({ headers: { 'content-type': 'text/plain' }, body: ndjson(2) })],
      [
        'content-type multipart/form-data',
        () => ({ headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: '--b--' }),
      ],
      ['no content-type', () => ({ headers: { 'content-type': '' }, body: ndjson(2) })],
      ['no idempotency-key', () => ({ headers: { 'idempotency-key': '' }, body: ndjson(2) })],
      [
        'an idempotency-key of 10 kB',
        () => ({ headers: { 'idempotency-key': 'k'.repeat(10_000) }, body: ndjson(2) }),
      ],
      [
        // Taking the bytes as they are would read a real gzip body as garbage: an encoding is decoded or refused.
        'a gzip content-encoding on a plain body',
        () => ({ headers: { 'content-encoding': 'gzip' }, body: ndjson(2) }),
      ],
      ['GET', () => ({ method: 'GET' })],
      ['PUT', () => ({ method: 'PUT', body: ndjson(2) })],
    ];

    it.each(garbage)('refuses %s with a coded 4xx', async (_, make) => {
      const request = make();
      const headers: Headers = { ...request.headers };
      // An empty header value stands for leaving the header out.
      for (const [name, value] of Object.entries(headers)) if (value === '') delete headers[name];
      const answer = await platform.send({
        ...request,
        path: INGEST_PATH,
        headers: {
          ...('content-type' in (request.headers ?? {}) ? {} : { 'content-type': NDJSON }),
          ...('idempotency-key' in (request.headers ?? {})
            ? {}
            : { 'idempotency-key': `hostile-${randomBytes(8).toString('hex')}` }),
          ...writer.headers,
          ...headers,
        },
      });
      expectRefusal(answer);
    });
  });

  // Last: it stops the telemetry subgraph.
  it('says telemetry is unavailable, naming it, when telemetry is down, and answers at once', async () => {
    await platform.stack.stopService('telemetry');
    const started = performance.now();
    const answer = await ingest({ body: ndjson(5), headers: writer.headers });
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({
      errors: [{ extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'telemetry' } }],
    });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
