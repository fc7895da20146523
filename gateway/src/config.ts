/** The gateway's configuration: the only place it reads the environment. */
import path from 'node:path';
import { EnvReader, readServiceConfig, type Env, type ServiceConfig } from '@meridian/kit';

export interface GatewayConfig extends ServiceConfig {
  /** The composed supergraph the gateway plans with; read once at start, never introspected. */
  readonly supergraphFile: string;
  /** Subgraph URLs that replace the ones written in the supergraph, by subgraph name. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /** How long one subgraph fetch may take before it fails with GATEWAY_TIMEOUT. */
  readonly subgraphTimeoutMs: number;
  /** How long `/readyz` waits for each subgraph's health check. */
  readonly readinessTimeoutMs: number;
}

export const DEFAULT_PORT = 4000;
export const DEFAULT_SUPERGRAPH_FILE = path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql');

export function loadConfig(env: Env = process.env): GatewayConfig {
  const reader = new EnvReader('gateway', env);
  return reader.done({
    ...readServiceConfig(reader, DEFAULT_PORT),
    supergraphFile: reader.path('SUPERGRAPH_FILE', DEFAULT_SUPERGRAPH_FILE),
    subgraphUrls: reader.pairs('SUBGRAPH_URLS', (_name, url) =>
      URL.canParse(url) ? undefined : 'not a URL',
    ),
    subgraphTimeoutMs: reader.integer('SUBGRAPH_TIMEOUT_MS', 30_000, { min: 1, max: 600_000 }),
    readinessTimeoutMs: reader.integer('READINESS_TIMEOUT_MS', 2_000, { min: 1, max: 60_000 }),
  });
}
