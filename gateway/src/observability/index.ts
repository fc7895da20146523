export { GatewayMetrics, MAX_OPERATION_LABELS } from './metrics';
export { metricsPlugin } from './plugin';
