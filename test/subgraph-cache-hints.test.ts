/**
 * Each subgraph says, in its answers' `Cache-Control`, how long they may be kept and by whom: reference data
 * for everyone (`public`), a match for an hour once it is over and for seconds before and while it is played,
 * an operator's fleet data and a partner's billing data only for the caller (`private`), and never credentials,
 * sessions, the signed-in user, or any mutation's answer (`no-store`). Asked of the subgraphs themselves, over
 * real HTTP, as the gateway asks them.
 */
import {
  generateMatch,
  ingestMatch,
  loadConfig as loadMatchesConfig,
  openMatchesStore,
  seedIfEmpty,
  startMatches,
} from '@meridian/matches';
import { PRINCIPAL_HEADER, signPrincipal, type Principal, type RunningService } from '@meridian/kit';
import { loadConfig as loadTelemetryConfig, startTelemetry } from '@meridian/telemetry';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startBillingForTest, type BillingUnderTest } from './billing/service';
import { freshDataDir, post } from './support/platform';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The matches the test writes, relative to when it runs: over, being played, and not yet kicked off. */
const OVER = 'match_cache_over';
const LIVE = 'match_cache_live';
const UPCOMING = 'match_cache_upcoming';
/** A demo airline (Blue Horizon Airways), one of its engines, and the demo engine model. */
const OPERATOR = 'cus_0004';
const ENGINE = 'eng_0001_1';
const ENGINE_MODEL = 'TF-90';

const ENTITIES = (fragment: string) =>
  `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${fragment} } }`;

/** The `Cache-Control` of a clean answer to `query` from the subgraph at `url`. */
async function cacheControlOf(
  url: string,
  query: string,
  { variables = {}, headers = {} }: { variables?: object; headers?: Record<string, string> } = {},
): Promise<string | null> {
  const answer = await post(`${url}/graphql`, { query, variables }, headers);
  expect(answer.body.errors).toBeUndefined();
  expect(answer.status).toBe(200);
  return answer.headers.get('cache-control');
}

type MatchesStore = Awaited<ReturnType<typeof openMatchesStore>>['store'];

/** Writes one match between two demo teams, kicking off at `kickoff`; played ones get generated data. */
async function writeMatch(
  store: MatchesStore,
  id: string,
  kickoff: Date,
  [home, away]: [string, string],
  played: boolean,
): Promise<void> {
  const squad = (teamId: string) => store.playersByTeamIds([teamId]);
  const generated = played
    ? generateMatch({
        matchId: id,
        seed: 7,
        home: { teamId: home, squad: await squad(home) },
        away: { teamId: away, squad: await squad(away) },
        periodSeconds: 120,
      })
    : null;
  await ingestMatch(store, {
    competition: null,
    season: null,
    teams: [],
    players: [],
    match: {
      id,
      seasonId: null,
      kickoff,
      venue: 'Cache Park',
      homeTeamId: home,
      awayTeamId: away,
      homeScore: generated?.homeScore ?? 0,
      awayScore: generated?.awayScore ?? 0,
      broadcasterId: null,
      pitchLength: 105,
      pitchWidth: 68,
      frameRate: 10,
      source: 'generated',
    },
    periods: generated?.periods ?? [],
    lineup: generated?.lineup ?? [],
    tracking: generated?.tracking ?? null,
    events: generated?.events ?? [],
    phases: generated?.phases ?? [],
  });
}

/** The matches subgraph on a fresh store holding the demo data and the three matches above. */
async function startMatchesForTest(): Promise<RunningService> {
  const config = loadMatchesConfig({
    PORT: '0',
    DATA_DIR: freshDataDir(),
    LOG_LEVEL: 'silent',
    MATCHES_REPLAY_MATCH: 'none',
    MATCHES_TRACKED_DEMO_MATCHES: '0',
  });
  const { store } = await openMatchesStore({
    location: config.database,
    seedIfEmpty: (fresh) => seedIfEmpty(fresh, { seed: config.seed, trackedMatches: 0 }),
  });
  try {
    const now = Date.now();
    await writeMatch(store, OVER, new Date(now - DAY_MS), ['team_001', 'team_002'], true);
    await writeMatch(store, LIVE, new Date(now - 10 * 60_000), ['team_003', 'team_004'], true);
    await writeMatch(store, UPCOMING, new Date(now + DAY_MS), ['team_005', 'team_006'], false);
  } finally {
    await store.close();
  }
  return startMatches(config);
}

describe('cache hints of the subgraphs, over HTTP', () => {
  describe('matches: public, long for reference data and finished matches, short until the final whistle', () => {
    let matches: RunningService;
    const ask = (query: string, variables?: object) => cacheControlOf(matches.url, query, { variables });

    beforeAll(async () => {
      matches = await startMatchesForTest();
    });
    afterAll(async () => {
      await matches?.close();
    });

    it('keeps teams, players and competitions an hour, for everyone', async () => {
      expect(await ask('{ teams { id name players { name } } }')).toBe('max-age=3600, public');
      expect(await ask('{ competitions { name seasons { name } } }')).toBe('max-age=3600, public');
    });

    it('keeps a finished match, its events and its stats an hour', async () => {
      const query = `{ match(id: "${OVER}") { homeScore events(first: 5) { type player { name } } playerStats { distance } } }`;
      expect(await ask(query)).toBe('max-age=3600, public');
    });

    it('keeps a match being played, or not yet kicked off, for seconds only, wherever it is reached from', async () => {
      expect(await ask(`{ match(id: "${LIVE}") { homeScore events(first: 5) { type } } }`)).toBe(
        'max-age=5, public',
      );
      expect(await ask(`{ match(id: "${UPCOMING}") { kickoff } }`)).toBe('max-age=5, public');
      expect(await ask('{ team(id: "team_003") { name matches { homeScore } } }')).toBe('max-age=5, public');
      expect(await ask(`{ matches(first: 100) { id } }`)).toBe('max-age=5, public');
    });

    it('gives entities fetched by reference the same hints', async () => {
      const team = [{ __typename: 'Team', id: 'team_001' }];
      expect(await ask(ENTITIES('... on Team { name }'), { representations: team })).toBe(
        'max-age=3600, public',
      );
      const over = [{ __typename: 'Match', id: OVER }];
      const query = ENTITIES('... on Match { homeScore events(first: 3) { type } }');
      expect(await ask(query, { representations: over })).toBe('max-age=3600, public');
      const both = [...over, { __typename: 'Match', id: LIVE }];
      expect(await ask(query, { representations: both })).toBe('max-age=5, public');
    });
  });

  describe("telemetry: an operator's fleet data private and short, the sensor catalog public", () => {
    let telemetry: RunningService;
    let operatorKey: Record<string, string>;
    const ask = (query: string, variables?: object) =>
      cacheControlOf(telemetry.url, query, { variables, headers: operatorKey });

    beforeAll(async () => {
      const config = loadTelemetryConfig({
        PORT: '0',
        DATA_DIR: freshDataDir(),
        LOG_LEVEL: 'silent',
        TELEMETRY_STREAM_RATE_HZ: '0',
        TELEMETRY_DEMO_SENSORS: '100',
      });
      const principal: Principal = {
        partnerId: 'par_cache',
        keyId: 'key_cache',
        customerId: OPERATOR,
        scopes: ['telemetry:read', 'telemetry:write'],
      };
      operatorKey = { [PRINCIPAL_HEADER]: signPrincipal(principal, config.principalSecret) };
      telemetry = await startTelemetry(config);
    });
    afterAll(async () => {
      await telemetry?.close();
    });

    it("keeps the operator's fleets, aircraft and engines half a minute, for that caller only", async () => {
      expect(await ask('{ fleets { name aircraft { registration engines { serial } } } }')).toBe(
        'max-age=30, private',
      );
      const engine = [{ __typename: 'Engine', id: ENGINE }];
      expect(await ask(ENTITIES('... on Engine { serial }'), { representations: engine })).toBe(
        'max-age=30, private',
      );
    });

    it('keeps health, alerts and series seconds, for that caller only', async () => {
      expect(await ask(`{ engine(id: "${ENGINE}") { health { index } alerts { message } } }`)).toBe(
        'max-age=5, private',
      );
    });

    it('keeps the sensor catalog an hour for everyone, unless the answer also holds fleet data', async () => {
      expect(await ask(`{ sensors(engineModel: "${ENGINE_MODEL}") { id unit } }`)).toBe(
        'max-age=3600, public',
      );
      const sensor = [{ __typename: 'Sensor', id: `${ENGINE_MODEL}.T30` }];
      expect(await ask(ENTITIES('... on Sensor { unit }'), { representations: sensor })).toBe(
        'max-age=3600, public',
      );
      expect(await ask(`{ sensors(engineModel: "${ENGINE_MODEL}") { id } fleets { id } }`)).toBe(
        'max-age=30, private',
      );
    });

    it('never caches a mutation', async () => {
      const batch = {
        idempotencyKey: `cache-${Date.now()}`,
        engine: ENGINE,
        readings: [{ sensor: 'T30', time: new Date().toISOString(), value: 1590 }],
      };
      const mutation = 'mutation ($batch: ReadingBatchInput!) { ingestReadings(batch: $batch) { readings } }';
      expect(await ask(mutation, { batch })).toBe('no-store');
    });
  });

  describe("billing: a partner's accounts, usage and invoices private, credentials never", () => {
    let billing: BillingUnderTest;
    let admin: Record<string, string>;
    /** A demo partner, whose data the admin reads. */
    let partnerId: string;
    const ask = (query: string, variables?: object) =>
      cacheControlOf(billing.url, query, { variables, headers: admin });

    beforeAll(async () => {
      billing = await startBillingForTest();
      admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
      const { data } = await billing.gql<{ partners: { id: string }[] }>('{ partners { id } }', {}, admin);
      partnerId = data!.partners[0]!.id;
    });
    afterAll(async () => {
      await billing?.close();
    });

    it('keeps the plans on offer a minute, for everyone', async () => {
      expect(await ask('{ plans { id name keyScopes } }')).toBe('max-age=60, public');
    });

    it('keeps partners, customers, invoices and usage briefly, for the caller only', async () => {
      expect(await ask('{ partners { name plan { name } customer { name } } }')).toBe('max-age=30, private');
      const customer = [{ __typename: 'Customer', id: OPERATOR }];
      expect(await ask(ENTITIES('... on Customer { name }'), { representations: customer })).toBe(
        'max-age=30, private',
      );
      const to = new Date();
      const from = new Date(to.getTime() - DAY_MS);
      expect(
        await ask(
          'query ($p: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { usage(partnerId: $p, from: $from, to: $to) { group } quota(partnerId: $p) { used } }',
          { p: partnerId, from: from.toISOString(), to: to.toISOString() },
        ),
      ).toBe('max-age=10, private');
      expect(await ask('query ($p: ID!) { invoices(partnerId: $p) { period } }', { p: partnerId })).toBe(
        'max-age=30, private',
      );
    });

    it('never caches keys, sessions or the signed-in user, even beside cacheable data', async () => {
      expect(await ask('{ me { email } }')).toBe('no-store');
      expect(await ask('query ($p: ID!) { apiKeys(partnerId: $p) { prefix } }', { p: partnerId })).toBe(
        'no-store',
      );
      expect(await ask('{ plans { id } me { email } }')).toBe('no-store');
    });

    it('never caches a mutation, even one answering with cacheable types', async () => {
      expect(
        await cacheControlOf(
          billing.url,
          'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { expiresAt } }',
          { variables: { e: ADMIN_EMAIL, p: ADMIN_PASSWORD } },
        ),
      ).toBe('no-store');
      expect(
        await ask('mutation { createPartner(name: "Cache Partner", planId: "plan_pro") { name } }'),
      ).toBe('no-store');
    });
  });
});
