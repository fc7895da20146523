/** The subgraphs of the Meridian supergraph, with the URLs a default `npm start` serves them on. */
import { buildBillingSchema } from '@meridian/billing';
import { buildMatchesSchema } from '@meridian/matches';
import { buildTelemetrySchema } from '@meridian/telemetry';
import type { GraphQLSchema } from 'graphql';

export interface SubgraphSource {
  readonly name: string;
  readonly url: string;
  readonly build: () => Promise<GraphQLSchema>;
}

export const subgraphs: readonly SubgraphSource[] = [
  { name: 'matches', url: 'http://127.0.0.1:4001/graphql', build: buildMatchesSchema },
  { name: 'telemetry', url: 'http://127.0.0.1:4002/graphql', build: buildTelemetrySchema },
  { name: 'billing', url: 'http://127.0.0.1:4003/graphql', build: buildBillingSchema },
];
