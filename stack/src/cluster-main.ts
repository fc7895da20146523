/**
 * `npm run start:cluster`: the platform as several replicas behind HAProxy, on PostgreSQL and Redis (see
 * cluster.ts), printed like `npm start` prints one process of each. Needs PostgreSQL, Redis and HAProxy;
 * says how to start whichever is missing.
 */
import { checkPrerequisites, ClusterPrerequisiteError, startCluster, type Cluster } from './cluster';
import { loadClusterConfig, loadConfig } from './config';
import { exampleCurl } from './example';
import { formatLine } from './format';
import { buildPortal, portalBuildReason, PORTAL_DIR } from './portal';

async function main(): Promise<void> {
  const config = loadConfig();
  const settings = loadClusterConfig();
  const running: { cluster?: Cluster; stopping: boolean } = { stopping: false };
  const stop = async (code: number) => {
    if (running.stopping) return;
    running.stopping = true;
    if (running.cluster) console.log('\nStopping: each replica drains, then stops.');
    await running.cluster?.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const started = Date.now();
  // Before anything is built or started, so that what is missing is said at once.
  await checkPrerequisites(settings);
  const reason = portalBuildReason();
  if (reason) {
    console.log(`Building the developer portal (${reason}); this takes a minute or two.`);
    await buildPortal(PORTAL_DIR, (line) => console.log(`portal    | ${line}`));
  }
  const cluster = await startCluster({
    ...settings,
    subgraphPorts: {
      matches: settings.port + 101,
      telemetry: settings.port + 102,
      billing: settings.port + 103,
    },
    env: config.serviceEnv,
    onLine: (replica, service, line) =>
      console.log(
        service === 'haproxy' ? `haproxy     | ${line}` : formatLine(service, line, config.color, replica),
      ),
    onUnexpectedExit: (replica, code, signal) =>
      running.stopping ||
      console.error(
        `${replica} stopped unexpectedly (${signal ?? `exit code ${code}`}); the others carry on.`,
      ),
  });
  running.cluster = cluster;
  if (running.stopping) return void (await stop(0));
  const replicas = (service: string) =>
    cluster.replicas
      .filter((r) => r.service === service)
      .map((r) => r.url)
      .join('  ');
  console.log(`
Meridian is up as a cluster (${((Date.now() - started) / 1000).toFixed(1)} s): HAProxy in front, two replicas of each service.

  Developer portal   ${cluster.url}/
  GraphQL endpoint   ${cluster.graphqlUrl}
  Readiness          ${cluster.url}/readyz
  Load balancer      ${cluster.statsUrl}  (which replicas are in)
  Subgraphs          matches ${cluster.subgraphUrls.matches}  telemetry ${cluster.subgraphUrls.telemetry}  billing ${cluster.subgraphUrls.billing}
  Replicas           gateways ${replicas('gateway')}
                     matches ${replicas('matches')}  telemetry ${replicas('telemetry')}  billing ${replicas('billing')}
  Stores             PostgreSQL ${settings.databaseUrl.replace(/:[^:@/]*@/, ':***@')}  Redis ${settings.redisUrl}

${config.demoKey ? `  Demo API key       ${config.demoKey}  (development only)\n` : ''}
Try a query that joins all three subgraphs (-i shows the RateLimit headers):

${exampleCurl(cluster.graphqlUrl, config.demoKey)}

Press Ctrl-C to stop.
`);
}

main().catch((error: unknown) => {
  if (error instanceof ClusterPrerequisiteError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
