export { GatewayMetrics, MAX_OPERATION_LABELS } from './metrics';
export { metricsPlugin } from './plugin';
export { injectTraceContext, startTracing } from './tracing';
export type { Tracing, TracingOptions } from './tracing';
export { metricsRoute } from './metrics-route';
