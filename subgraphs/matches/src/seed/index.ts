/**
 * Deterministic demo data for an empty matches store: a league of eight clubs with full squads, and a round
 * of fixtures between them, each shown by one of the demo broadcasters; the first fixtures are generated
 * whole (tracking, events, stats). Made from the domain's generators and written through the store.
 */
import { Faker, en } from '@faker-js/faker';
import { demoCustomerIds } from '@meridian/kit';
import { DEFAULT_FRAME_RATE, generateMatch } from '../generate/match';
import { PITCH } from '../generate/pitch';
import type { PlayerInput } from '../ingest/bundle';
import { ingestMatch } from '../ingest/write';
import type { MatchesStore } from '../store';
import type { PlayerTable, TeamTable } from '../store/tables';

const TEAM_COUNT = 8;
/** Squad shape: goalkeepers, defenders, midfielders, forwards. */
const SQUAD: ReadonlyArray<readonly [position: string, count: number]> = [
  ['GOALKEEPER', 2],
  ['DEFENDER', 6],
  ['MIDFIELDER', 6],
  ['FORWARD', 4],
];
const CLUB_SUFFIXES = ['United', 'City', 'Rovers', 'Athletic', 'Wanderers', 'Albion', 'Town', 'FC'];

export interface SeedOptions {
  readonly seed: number;
  /** How many of the demo matches get generated tracking, events and stats. */
  readonly trackedMatches: number;
}

const DEMO_COMPETITION = { id: 'comp_meridian', name: 'Meridian League', area: 'INT' };
const DEMO_SEASON = { id: 'season_2026', competitionId: DEMO_COMPETITION.id, name: '2026/2027' };

export async function seedIfEmpty(store: MatchesStore, options: SeedOptions): Promise<boolean> {
  const seed = options.seed;
  if ((await store.listTeams()).length > 0) return false;
  const faker = new Faker({ locale: en, seed });
  const broadcasters = demoCustomerIds('BROADCASTING');

  const cities = faker.helpers.uniqueArray(() => faker.location.city(), TEAM_COUNT);
  const teams: TeamTable[] = cities.map((city, index) => ({
    id: `team_${String(index + 1).padStart(3, '0')}`,
    name: `${city} ${CLUB_SUFFIXES[index % CLUB_SUFFIXES.length]}`,
    short_name: city
      .replace(/[^A-Za-z]/g, '')
      .slice(0, 3)
      .toUpperCase(),
    city,
  }));

  const players: PlayerTable[] = teams.flatMap((team) => {
    const shirts = faker.helpers.shuffle(Array.from({ length: 30 }, (_, i) => i + 1));
    return SQUAD.flatMap(([position, count]) => Array.from({ length: count }, () => position)).map(
      (position, index) => ({
        id: `${team.id.replace('team', 'player')}_${String(index + 1).padStart(2, '0')}`,
        team_id: team.id,
        name: faker.person.fullName({ sex: 'male' }),
        shirt_number: shirts[index] as number,
        position,
      }),
    );
  });

  // One round: every team plays once at home, kick-offs on Saturdays from the start of the 2026 season.
  const firstKickoff = Date.UTC(2026, 7, 15, 14, 0);
  const fixtures = teams.map((home, index) => {
    const away = teams[(index + 1 + (index % 3)) % teams.length] as TeamTable;
    return {
      home,
      away: away.id === home.id ? (teams[(index + 2) % teams.length] as TeamTable) : away,
      kickoff: new Date(firstKickoff + Math.floor(index / 4) * 7 * 86_400_000),
      score: [faker.number.int({ min: 0, max: 4 }), faker.number.int({ min: 0, max: 3 })],
      broadcasterId: faker.helpers.arrayElement(broadcasters),
    };
  });

  const squadOf = (teamId: string): PlayerInput[] =>
    players
      .filter((p) => p.team_id === teamId)
      .map((p) => ({ id: p.id, teamId, name: p.name, shirtNumber: p.shirt_number, position: p.position }));
  const base = {
    competition: DEMO_COMPETITION,
    season: DEMO_SEASON,
    teams: teams.map((t) => ({ id: t.id, name: t.name, shortName: t.short_name, city: t.city })),
    players: teams.flatMap((t) => squadOf(t.id)),
  };
  for (const [index, fixture] of fixtures.entries()) {
    const id = `match_${String(index + 1).padStart(4, '0')}`;
    // Only the first few matches get tracking, so a first start stays quick; the rest are fixtures.
    const generated =
      index < options.trackedMatches
        ? generateMatch({
            matchId: id,
            seed: seed * 1000 + index,
            home: { teamId: fixture.home.id, squad: squadOf(fixture.home.id) },
            away: { teamId: fixture.away.id, squad: squadOf(fixture.away.id) },
          })
        : null;
    await ingestMatch(store, {
      ...base,
      match: {
        id,
        seasonId: DEMO_SEASON.id,
        kickoff: fixture.kickoff,
        venue: `${fixture.home.city} Stadium`,
        homeTeamId: fixture.home.id,
        awayTeamId: fixture.away.id,
        homeScore: generated?.homeScore ?? (fixture.score[0] as number),
        awayScore: generated?.awayScore ?? (fixture.score[1] as number),
        broadcasterId: fixture.broadcasterId,
        pitchLength: PITCH.length,
        pitchWidth: PITCH.width,
        frameRate: DEFAULT_FRAME_RATE,
        source: 'generated',
      },
      periods: generated?.periods ?? [],
      lineup: generated?.lineup ?? [],
      tracking: generated?.tracking ?? null,
      events: generated?.events ?? [],
      phases: generated?.phases ?? [],
    });
  }
  return true;
}
