/** Schema migrations of the matches store, applied in name order. */
import type { Kysely } from 'kysely';
import type { Migrations } from '@meridian/kit';

export const migrations: Migrations = {
  '0001_teams_players_matches': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('team')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('short_name', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('player')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull().references('team.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('shirt_number', 'integer', (c) => c.notNull())
        .addColumn('position', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('player_team').on('player').column('team_id').execute();
      await db.schema
        .createTable('match')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kickoff', 'text', (c) => c.notNull())
        .addColumn('venue', 'text', (c) => c.notNull())
        .addColumn('home_team_id', 'text', (c) => c.notNull().references('team.id'))
        .addColumn('away_team_id', 'text', (c) => c.notNull().references('team.id'))
        .addColumn('home_score', 'integer', (c) => c.notNull())
        .addColumn('away_score', 'integer', (c) => c.notNull())
        .addColumn('broadcaster_id', 'text')
        .execute();
      await db.schema.createIndex('match_kickoff').on('match').column('kickoff').execute();
      await db.schema.createIndex('match_home').on('match').column('home_team_id').execute();
      await db.schema.createIndex('match_away').on('match').column('away_team_id').execute();
      await db.schema.createIndex('match_broadcaster').on('match').column('broadcaster_id').execute();
    },
  },
};
