/** The services of the platform, in the order they start: subgraphs first, the gateway last. */
export type SubgraphName = 'matches' | 'telemetry' | 'billing';
export type ServiceName = SubgraphName | 'gateway';

export const subgraphNames: readonly SubgraphName[] = ['matches', 'telemetry', 'billing'];

export const serviceEntries: Readonly<Record<ServiceName, string>> = {
  matches: require.resolve('@meridian/matches/main'),
  telemetry: require.resolve('@meridian/telemetry/main'),
  billing: require.resolve('@meridian/billing/main'),
  gateway: require.resolve('@meridian/gateway/main'),
};
