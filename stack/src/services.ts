/** The services of the platform, in the order they start: subgraphs first, the gateway last. */
export type SubgraphName = 'matches' | 'telemetry' | 'billing';
export type ServiceName = SubgraphName | 'gateway';

export const subgraphNames: readonly SubgraphName[] = ['matches', 'telemetry', 'billing'];

export const serviceEntries: Readonly<Record<ServiceName, string>> = {
  matches: require.resolve('@meridian/matches/dist/main.js'),
  telemetry: require.resolve('@meridian/telemetry/dist/main.js'),
  billing: require.resolve('@meridian/billing/dist/main.js'),
  gateway: require.resolve('@meridian/gateway/dist/main.js'),
};
