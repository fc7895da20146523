/**
 * OpenTelemetry traces from the gateway, received by a real OTLP/HTTP endpoint (a small HTTP server here): one
 * server span per request naming the operation and the caller, with `@apollo/gateway`'s planning and subgraph
 * fetch spans under it in the same trace.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoApiKey, DEVELOPMENT_PRINCIPAL_SECRET } from '@meridian/kit';
import { post, startTestStack, type TestStack } from './support/platform';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
}

function startReceiver() {
  const spans: OtlpSpan[] = [];
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      paths.push(req.url ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      for (const resource of body.resourceSpans)
        for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise<{ url: string; spans: OtlpSpan[]; paths: string[]; close(): void }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        spans,
        paths,
        close: () => server.close(),
      }),
    ),
  );
}

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
};

describe('OpenTelemetry traces', () => {
  let stack: TestStack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    stack = await startTestStack({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '50' },
    });
  });
  afterAll(() => receiver?.close());

  it('sends a trace per request with the subgraph fetches inside it', async () => {
    const answer = await post(
      stack.graphqlUrl,
      { query: 'query TracedTeams { teams { name } }' },
      { 'x-api-key': demoApiKey(DEVELOPMENT_PRINCIPAL_SECRET) },
    );
    expect(answer.body.errors).toBeUndefined();
    const started = Date.now();
    const root = () =>
      receiver.spans.find(
        (span) =>
          span.name === 'POST /graphql' && attribute(span, 'graphql.operation.name') === 'TracedTeams',
      );
    const fetches = () =>
      receiver.spans.filter((span) => span.name === 'gateway.fetch' && span.traceId === root()?.traceId);
    while ((!root() || fetches().length === 0) && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const request = root();
    expect(request).toBeDefined();
    expect(receiver.paths).toContain('/v1/traces');
    expect(request!.parentSpanId ?? '').toBe('');
    expect(attribute(request!, 'meridian.partner.id')).toBe('par_demo');
    expect(attribute(request!, 'meridian.outcome')).toBe('ok');
    expect(attribute(request!, 'http.response.status_code')).toBe(200);
    expect(fetches().length).toBeGreaterThan(0);
    // Every span of the trace leads up to the request's span.
    const byId = new Map(receiver.spans.map((span) => [span.spanId, span]));
    for (const fetch of fetches()) {
      let span: OtlpSpan | undefined = fetch;
      while (span && span.parentSpanId) span = byId.get(span.parentSpanId);
      expect(span?.spanId).toBe(request!.spanId);
    }
  });
});
