import { diffApiSchemas } from './changes';

const BEFORE = `
  type Query { match(id: ID!): Match, teams: [Team!]! }
  type Match { id: ID!, venue: String!, status: Status }
  type Team { id: ID!, name: String! }
  enum Status { SCHEDULED, PLAYED }
`;

describe('diffApiSchemas', () => {
  it('finds nothing between a schema and itself', async () => {
    expect(await diffApiSchemas(BEFORE, BEFORE)).toEqual([]);
  });

  it('classes a removed field as breaking, a new enum value as dangerous and a new field as safe', async () => {
    const after = `
      type Query { match(id: ID!): Match, teams: [Team!]! }
      type Match { id: ID!, status: Status, attendance: Int }
      type Team { id: ID!, name: String! }
      enum Status { SCHEDULED, PLAYED, POSTPONED }
    `;
    const changes = await diffApiSchemas(BEFORE, after);
    expect(changes.map(({ class: kind, path }) => [kind, path])).toEqual([
      ['breaking', 'Match.venue'],
      ['dangerous', 'Status.POSTPONED'],
      ['safe', 'Match.attendance'],
    ]);
    expect(changes[0]!.message).toMatch(/venue.*removed/);
  });

  it('classes a new required argument as breaking and a new optional one as dangerous (it may change results)', async () => {
    const after = BEFORE.replace('teams: [Team!]!', 'teams(first: Int): [Team!]!').replace(
      'match(id: ID!)',
      'match(id: ID!, season: ID!)',
    );
    const changes = await diffApiSchemas(BEFORE, after);
    expect(changes.map(({ class: kind, path }) => [kind, path])).toEqual([
      ['breaking', 'Query.match.season'],
      ['dangerous', 'Query.teams.first'],
    ]);
  });
});
