/**
 * Deterministic demo data for an empty matches store: a league of eight clubs with full squads, and a round
 * of fixtures between them, each shown by one of the demo broadcasters.
 */
import { Faker, en } from '@faker-js/faker';
import { demoCustomerIds } from '@meridian/kit';
import type { Kysely } from 'kysely';
import type { MatchTable, MatchesDatabase, PlayerTable, TeamTable } from './tables';

const TEAM_COUNT = 8;
/** Squad shape: goalkeepers, defenders, midfielders, forwards. */
const SQUAD: ReadonlyArray<readonly [position: string, count: number]> = [
  ['GOALKEEPER', 2],
  ['DEFENDER', 6],
  ['MIDFIELDER', 6],
  ['FORWARD', 4],
];
const CLUB_SUFFIXES = ['United', 'City', 'Rovers', 'Athletic', 'Wanderers', 'Albion', 'Town', 'FC'];

export async function seedIfEmpty(db: Kysely<MatchesDatabase>, seed: number): Promise<boolean> {
  const existing = await db.selectFrom('team').select('id').limit(1).execute();
  if (existing.length > 0) return false;
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
  const matches: MatchTable[] = teams.map((home, index) => {
    const away = teams[(index + 1 + (index % 3)) % teams.length] as TeamTable;
    return {
      id: `match_${String(index + 1).padStart(4, '0')}`,
      kickoff: new Date(firstKickoff + Math.floor(index / 4) * 7 * 86_400_000).toISOString(),
      venue: `${home.city} Stadium`,
      home_team_id: home.id,
      away_team_id: away.id === home.id ? (teams[(index + 2) % teams.length] as TeamTable).id : away.id,
      home_score: faker.number.int({ min: 0, max: 4 }),
      away_score: faker.number.int({ min: 0, max: 3 }),
      broadcaster_id: faker.helpers.arrayElement(broadcasters),
    };
  });

  await db.transaction().execute(async (trx) => {
    await trx.insertInto('team').values(teams).execute();
    await trx.insertInto('player').values(players).execute();
    await trx.insertInto('match').values(matches).execute();
  });
  return true;
}
