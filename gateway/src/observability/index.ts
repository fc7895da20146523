export { GatewayMetrics } from './metrics';
export { metricsPlugin } from './plugin';
export { injectTraceContext, startTracing } from './tracing';
export { metricsRoute } from './metrics-route';
