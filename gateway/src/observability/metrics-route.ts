/**
 * `GET /metrics` for Prometheus. The metrics name partners' operations and plans, so outside development they
 * are served only to a scraper that presents `METRICS_TOKEN` as a bearer token; a production gateway without
 * one does not serve them at all.
 */
import { timingSafeEqual } from 'node:crypto';
import { errorBody } from '@meridian/schema';
import type { RequestHandler } from 'express';
import type { GatewayConfig } from '../config';
import type { GatewayMetrics } from './metrics';

const BEARER = /^Bearer\s+(\S+)$/i;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function metricsRoute(
  metrics: GatewayMetrics,
  config: Pick<GatewayConfig, 'metricsToken' | 'mode'>,
): RequestHandler {
  return async (req, res) => {
    const { metricsToken } = config;
    if (metricsToken !== undefined || config.mode === 'production') {
      const given = BEARER.exec(req.headers.authorization ?? '')?.[1];
      if (metricsToken === undefined || given === undefined || !sameToken(given, metricsToken)) {
        res
          .status(401)
          .json(
            errorBody(
              'UNAUTHENTICATED',
              metricsToken === undefined
                ? 'metrics are served only with METRICS_TOKEN set on the gateway'
                : 'metrics need the bearer token the gateway was given as METRICS_TOKEN',
            ),
          );
        return;
      }
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
