/**
 * Warm start benchmark: the first request of a heavy operation over the three subgraphs after a gateway
 * starts, against the median of the 100 that follow it, for gateways started alike over the same subgraphs:
 *   - `off`: `WARM_START=off`, nothing planned at start, as before warm start;
 *   - `on, not listed`: warm start on, the operation on no safelist, so its first request plans it (the
 *     planner's code is warm from planning the examples, though);
 *   - `on, listed`: warm start on, the operation on a partner's safelist, so it was planned at start.
 * Each kind is started BENCH_ROUNDS times (5), in a turning order, after one unmeasured start that warms the
 * subgraphs; the figures are medians over the rounds. The gateway's own counter
 * (`meridian_gateway_query_plans_built_total`) says whether the first request built a plan; a gateway that
 * does not read `WARM_START` yet is reported as such, since its `off` runs were warm.
 *
 * `npm run bench:warm-start`
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEVELOPMENT_ADMIN_PASSWORD } from '@meridian/billing';
import { serviceEntries, startStack, subgraphNames, type Stack } from '@meridian/stack';

const HEAVY = `query WarmBenchHeavy {
  matches(first: 3) {
    id kickoff venue homeScore awayScore
    homeTeam { name shortName } awayTeam { name shortName }
    broadcaster {
      name country industry partners { name }
      aircraft { registration type engines { serial model health { index trend } } }
    }
    playerStats { distance topSpeed sprints player { name position team { shortName } } }
  }
  customers { name broadcasts { id venue homeTeam { name } } aircraft { registration operator { name } } }
  fleet { registration type operator { name country } engines { serial remainingLife { cycles lower upper } } }
}`;
/** The same operation under another name: another text, so no safelist has it. */
const UNLISTED = HEAVY.replace('WarmBenchHeavy', 'WarmBenchUnlisted');
const FOLLOWING = 100;
const ADMIN_EMAIL = 'admin@meridian.example';

interface Kind {
  readonly label: string;
  readonly env: Readonly<Record<string, string>>;
  readonly query: string;
}

const KINDS: readonly Kind[] = [
  { label: 'off', env: { WARM_START: 'off' }, query: HEAVY },
  { label: 'on, not listed', env: {}, query: UNLISTED },
  { label: 'on, listed', env: {}, query: HEAVY },
];

interface Round {
  readonly firstMs: number;
  readonly followingMs: number;
  /** Plans built at start, and by the first request. */
  readonly startPlans: number;
  readonly firstPlans: number;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

async function graphql(url: string, query: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  if (!response.ok || body.errors) throw new Error(`the gateway refused: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Registers the heavy operation on a partner's safelist, as the development platform's admin. */
async function listHeavy(stack: Stack): Promise<void> {
  const login = (await graphql(
    stack.urls.gateway,
    `mutation { login(email: "${ADMIN_EMAIL}", password: "${DEVELOPMENT_ADMIN_PASSWORD}") { accessToken } }`,
  )) as { login: { accessToken: string } };
  const admin = { authorization: `Bearer ${login.login.accessToken}` };
  const partner = (await graphql(
    stack.urls.gateway,
    'mutation { createPartner(name: "Warm Start Bench", planId: "plan_pro") { id } }',
    admin,
  )) as { createPartner: { id: string } };
  await graphql(
    stack.urls.gateway,
    `mutation { registerOperations(partnerId: "${partner.createPartner.id}", operations: [{ text: ${JSON.stringify(HEAVY)} }]) { id } }`,
    admin,
  );
}

async function plansBuilt(url: string): Promise<{ start: number; request: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (when: string) =>
    Number(
      new RegExp(`^meridian_gateway_query_plans_built_total\\{when="${when}"\\} (\\d+)$`, 'm').exec(
        text,
      )?.[1],
    );
  return { start: value('start'), request: value('request') };
}

/** Starts a gateway over the stack's subgraphs; resolves once it is ready, with its URL and a way to stop it. */
async function startGateway(
  stack: Stack,
  dataDir: string,
  env: Readonly<Record<string, string>>,
): Promise<{ url: string; stop(): Promise<void> }> {
  const child = fork(serviceEntries.gateway, [], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ANONYMOUS_SCOPES: 'matches:read,telemetry:read,telemetry:catalog,billing:read',
      // The first request and the hundred after it are measured, not the anonymous budgets or shared answers.
      ANONYMOUS_REQUESTS_PER_MINUTE: '1000000',
      ANONYMOUS_COST_PER_MINUTE: '1000000000',
      CACHE: 'off',
      SUBGRAPH_URLS: subgraphNames.map((name) => `${name}=${stack.urls[name]}/graphql`).join(','),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`the gateway exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function measure(stack: Stack, dataDir: string, kind: Kind): Promise<Round> {
  const gateway = await startGateway(stack, dataDir, kind.env);
  try {
    const before = await plansBuilt(gateway.url);
    const started = performance.now();
    await graphql(gateway.url, kind.query);
    const firstMs = performance.now() - started;
    const after = await plansBuilt(gateway.url);
    const following: number[] = [];
    for (let i = 0; i < FOLLOWING; i += 1) {
      const at = performance.now();
      await graphql(gateway.url, kind.query);
      following.push(performance.now() - at);
    }
    return {
      firstMs,
      followingMs: median(following),
      startPlans: before.start,
      firstPlans: after.request - before.request,
    };
  } finally {
    await gateway.stop();
  }
}

async function main(): Promise<void> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-bench-'));
  const stack = await startStack({
    ports: { matches: 0, telemetry: 0, billing: 0, gateway: 0 },
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      TELEMETRY_STREAM_RATE_HZ: '0',
    },
  });
  try {
    await listHeavy(stack);
    await stack.stopService('gateway');
    // Unmeasured: the subgraphs answer this operation for the first time here.
    await measure(stack, dataDir, KINDS[1]!);
    const results = new Map<Kind, Round[]>(KINDS.map((kind) => [kind, []]));
    for (let round = 0; round < rounds; round += 1) {
      // Each round in another order, so that no kind always follows the same one.
      const order = KINDS.map((_, i) => KINDS[(i + round) % KINDS.length]!);
      for (const kind of order) results.get(kind)!.push(await measure(stack, dataDir, kind));
    }
    console.log(
      `\nmachine: ${os.cpus().length} cores, ${os.cpus()[0]?.model}; ${rounds} starts of each; medians over them`,
    );
    console.log(
      'warm start          first ms   next 100: median ms   first/next   planned at start   plans by first',
    );
    for (const [kind, measured] of results) {
      const first = median(measured.map((r) => r.firstMs));
      const following = median(measured.map((r) => r.followingMs));
      console.log(
        [
          kind.label.padEnd(16),
          first.toFixed(1).padStart(11),
          following.toFixed(1).padStart(21),
          (first / following).toFixed(1).padStart(12),
          String(median(measured.map((r) => r.startPlans))).padStart(18),
          String(median(measured.map((r) => r.firstPlans))).padStart(16),
        ].join(' '),
      );
      if (kind.env.WARM_START === 'off' && measured.some((r) => r.startPlans > 0)) {
        console.log(
          '  (this gateway does not read WARM_START: its "off" starts planned at start all the same)',
        );
      }
    }
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
