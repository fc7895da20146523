/**
 * OpenTelemetry traces, off unless `OTEL_EXPORTER_OTLP_ENDPOINT` is set. Each HTTP request to the gateway
 * gets a server span (named after the route, with the operation, partner, outcome and status as attributes);
 * `@apollo/gateway` adds its own spans under it (validate, plan, execute, one `gateway.fetch` per subgraph
 * call), and every subgraph fetch carries the W3C `traceparent` of its span, so traces continue in services
 * that read it. Spans are batched and sent to `<endpoint>/v1/traces` as OTLP over HTTP (JSON).
 */
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { GatewayContext } from '../request';
import { outcomeOf } from '../metering';

export interface TracingOptions {
  /** The OTLP/HTTP base URL, e.g. `http://127.0.0.1:4318`; no tracing when undefined. */
  readonly endpoint: string | undefined;
  readonly serviceName: string;
  /** How long finished spans wait to be sent in one batch. */
  readonly exportDelayMs: number;
}

export interface Tracing {
  /** Starts a server span for every request it handles and keeps it active while the request is served. */
  readonly middleware: RequestHandler;
  /** Names the operation, the caller and the outcome on the request's span. */
  readonly plugin: ApolloServerPlugin<GatewayContext>;
  close(): Promise<void>;
}

const INSTRUMENTATION_NAME = '@meridian/gateway';

/** Set once tracing has started: without it there is no trace context to pass on. */
let tracingStarted = false;

export function startTracing(options: TracingOptions): Tracing | undefined {
  if (!options.endpoint) return undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [
      new BatchSpanProcessor(
        new OTLPTraceExporter({ url: new URL('/v1/traces', options.endpoint).toString() }),
        {
          scheduledDelayMillis: options.exportDelayMs,
        },
      ),
    ],
  });
  // The global provider, context manager (AsyncLocalStorage) and W3C propagator, which `@apollo/gateway`'s
  // own spans use too.
  provider.register();
  tracingStarted = true;
  const tracer = provider.getTracer(INSTRUMENTATION_NAME);
  return {
    middleware: requestSpans(tracer),
    plugin: operationAttributes(),
    close: () => provider.shutdown(),
  };
}

function requestSpans(tracer: Tracer): RequestHandler {
  return (req, res, next) => {
    const span = tracer.startSpan(`${req.method} ${req.baseUrl || req.path}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method, 'url.path': req.originalUrl.split('?')[0] },
    });
    res.on('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(context.active(), span), next);
  };
}

function operationAttributes(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const span: Span | undefined = trace.getActiveSpan();
      if (!span) return undefined;
      const { principal } = contextValue;
      if (principal.partnerId) span.setAttribute('meridian.partner.id', principal.partnerId);
      if (principal.keyId) span.setAttribute('meridian.key.id', principal.keyId);
      return {
        async didResolveOperation({ operationName, operation }) {
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
          if (operation) span.setAttribute('graphql.operation.type', operation.operation);
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { errors } = response.body.singleResult;
          span.setAttribute('meridian.outcome', outcomeOf(response.http.status ?? 200, errors));
          const code = errors?.[0]?.extensions?.code;
          if (code) span.setAttribute('graphql.error.code', String(code));
        },
      };
    },
  };
}

/** Adds the active span's `traceparent` to a subgraph request's headers, when tracing is on. */
export function injectTraceContext(headers: { set(name: string, value: string): void } | undefined): void {
  if (!tracingStarted || !headers) return;
  propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
}
