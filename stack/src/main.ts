/**
 * `npm start`: runs the whole platform on this machine with its embedded defaults, prints where it is and
 * how to call it, and stops every service on Ctrl-C.
 */
import { loadConfig } from './config';
import { exampleCurl } from './example';
import { formatLine } from './format';
import { buildPortal, portalBuildReason, PORTAL_DIR } from './portal';
import { startStack, type Stack } from './stack';

async function main(): Promise<void> {
  const config = loadConfig();
  const running: { stack?: Stack; stopping: boolean } = { stopping: false };
  const stop = async (code: number) => {
    if (running.stopping) return;
    running.stopping = true;
    await running.stack?.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const started = Date.now();
  const reason = portalBuildReason();
  if (reason) {
    console.log(`Building the developer portal (${reason}); this takes a minute or two.`);
    await buildPortal(PORTAL_DIR, (line) => console.log(`portal    | ${line}`));
  }
  const stack = await startStack({
    env: config.serviceEnv,
    onLine: (name, line) => console.log(formatLine(name, line, config.color)),
    onUnexpectedExit: (name, code, signal) => {
      console.error(
        `\n${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the platform.`,
      );
      void stop(1);
    },
  });
  running.stack = stack;
  if (running.stopping) return void (await stop(0));
  const { urls, graphqlUrl } = stack;
  console.log(`
Meridian is up (${((Date.now() - started) / 1000).toFixed(1)} s).

  Developer portal   ${urls.gateway}/
  GraphQL endpoint   ${graphqlUrl}
  Readiness          ${urls.gateway}/readyz
  Subgraphs          matches ${urls.matches}  telemetry ${urls.telemetry}  billing ${urls.billing}

${config.demoKey ? `  Demo API key       ${config.demoKey}  (development only)\n` : ''}${config.developmentSignIn ? `  Console sign-in    ${config.developmentSignIn.email} / ${config.developmentSignIn.password}  (development only)\n` : ''}
Try a query that joins all three subgraphs (-i shows the RateLimit headers):

${exampleCurl(graphqlUrl, config.demoKey)}

Press Ctrl-C to stop.
`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
