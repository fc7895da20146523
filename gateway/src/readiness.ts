/** `/readyz`: the gateway is ready only when every subgraph's `/healthz` answers in time. */
import type { SubgraphEndpoint } from './supergraph';

export interface Readiness {
  readonly ready: boolean;
  readonly subgraphs: Record<string, 'ok' | string>;
}

export async function checkReadiness(
  subgraphs: readonly SubgraphEndpoint[],
  timeoutMs: number,
): Promise<Readiness> {
  const results = await Promise.all(
    subgraphs.map(async ({ name, url }) => {
      try {
        const response = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(timeoutMs) });
        return [name, response.ok ? 'ok' : `healthz answered ${response.status}`] as const;
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        return [name, cause ?? (error as Error).message] as const;
      }
    }),
  );
  return {
    ready: results.every(([, status]) => status === 'ok'),
    subgraphs: Object.fromEntries(results),
  };
}
