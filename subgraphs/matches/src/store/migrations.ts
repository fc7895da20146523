/** Schema migrations of the matches store, applied in name order. */
import type { Kysely } from 'kysely';
import { columnTypes, type Migrations } from '@meridian/kit';

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
  '0002_competitions_tracking_events_stats': {
    async up(db: Kysely<unknown>) {
      const types = columnTypes(db);
      await db.schema
        .createTable('competition')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('season')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('competition_id', 'text', (c) => c.notNull().references('competition.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
      for (const [name, type, fallback] of [
        ['season_id', 'text', null],
        ['pitch_length', types.double, 105],
        ['pitch_width', types.double, 68],
        ['frame_rate', types.double, 10],
        ['source', 'text', 'generated'],
      ] as const) {
        await db.schema
          .alterTable('match')
          .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
          .execute();
      }
      await db.schema.createIndex('match_season').on('match').columns(['season_id', 'kickoff']).execute();
      await db.schema
        .createTable('match_period')
        .addColumn('match_id', 'text', (c) => c.notNull().references('match.id'))
        .addColumn('period', 'integer', (c) => c.notNull())
        .addColumn('start_frame', 'integer', (c) => c.notNull())
        .addColumn('end_frame', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('match_period_pk', ['match_id', 'period'])
        .execute();
      await db.schema
        .createTable('lineup')
        .addColumn('match_id', 'text', (c) => c.notNull().references('match.id'))
        .addColumn('player_id', 'text', (c) => c.notNull().references('player.id'))
        .addColumn('team_id', 'text', (c) => c.notNull().references('team.id'))
        .addColumn('shirt_number', 'integer', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('starter', 'integer', (c) => c.notNull())
        .addColumn('slot', 'integer')
        .addPrimaryKeyConstraint('lineup_pk', ['match_id', 'player_id'])
        .execute();
      await db.schema.createIndex('lineup_player').on('lineup').column('player_id').execute();
      // One row per object (slot; -1 for frame numbers, times and ball) per period and window.
      await db.schema
        .createTable('frame_chunk')
        .addColumn('match_id', 'text', (c) => c.notNull().references('match.id'))
        .addColumn('slot', 'integer', (c) => c.notNull())
        .addColumn('period', 'integer', (c) => c.notNull())
        .addColumn('chunk', 'integer', (c) => c.notNull())
        .addColumn('start_frame', 'integer', (c) => c.notNull())
        .addColumn('end_frame', 'integer', (c) => c.notNull())
        .addColumn('frame_count', 'integer', (c) => c.notNull())
        .addColumn('data', types.binary, (c) => c.notNull())
        .addPrimaryKeyConstraint('frame_chunk_pk', ['match_id', 'slot', 'period', 'chunk'])
        .execute();
      await db.schema
        .createTable('match_event')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('match_id', 'text', (c) => c.notNull().references('match.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('provider_type', 'text', (c) => c.notNull())
        .addColumn('period', 'integer', (c) => c.notNull())
        .addColumn('frame', 'integer')
        .addColumn('end_frame', 'integer')
        .addColumn('time', types.double, (c) => c.notNull())
        .addColumn('team_id', 'text')
        .addColumn('player_id', 'text')
        .addColumn('receiver_id', 'text')
        .addColumn('x', types.double)
        .addColumn('y', types.double)
        .addColumn('end_x', types.double)
        .addColumn('end_y', types.double)
        .addColumn('outcome', 'text')
        .execute();
      await db.schema
        .createIndex('match_event_time')
        .on('match_event')
        .columns(['match_id', 'period', 'time'])
        .execute();
      await db.schema.createIndex('match_event_player').on('match_event').columns(['player_id']).execute();
      await db.schema
        .createTable('phase')
        .addColumn('match_id', 'text', (c) => c.notNull().references('match.id'))
        .addColumn('index', 'integer', (c) => c.notNull())
        .addColumn('period', 'integer', (c) => c.notNull())
        .addColumn('start_frame', 'integer', (c) => c.notNull())
        .addColumn('end_frame', 'integer', (c) => c.notNull())
        .addColumn('team_id', 'text')
        .addColumn('type', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('phase_pk', ['match_id', 'index'])
        .execute();
      // Rollups written at ingest, so stats over a season read rows, not frames.
      await db.schema
        .createTable('player_match_stats')
        .addColumn('match_id', 'text', (c) => c.notNull().references('match.id'))
        .addColumn('player_id', 'text', (c) => c.notNull().references('player.id'))
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('distance', types.double, (c) => c.notNull())
        .addColumn('top_speed', types.double, (c) => c.notNull())
        .addColumn('sprints', 'integer', (c) => c.notNull())
        .addColumn('zone_distances', 'text', (c) => c.notNull())
        .addColumn('seconds_tracked', types.double, (c) => c.notNull())
        .addPrimaryKeyConstraint('player_match_stats_pk', ['match_id', 'player_id'])
        .execute();
      await db.schema
        .createIndex('player_match_stats_player')
        .on('player_match_stats')
        .column('player_id')
        .execute();
      await db.schema
        .createTable('team_possession')
        .addColumn('match_id', 'text', (c) => c.notNull().references('match.id'))
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('seconds', types.double, (c) => c.notNull())
        .addPrimaryKeyConstraint('team_possession_pk', ['match_id', 'team_id'])
        .execute();
    },
  },
  '0003_event_targets_lineup_changes': {
    async up(db: Kysely<unknown>) {
      const types = columnTypes(db);
      // A pass's intended receiver and an engagement's opponent, apart from the receiver of a completed pass.
      for (const name of ['target_id', 'opponent_id']) {
        await db.schema.alterTable('match_event').addColumn(name, 'text').execute();
      }
      // Who came on and went off when, and the cards on the match sheet; null where a provider does not say.
      for (const [name, type] of [
        ['came_on_period', 'integer'],
        ['came_on_time', types.double],
        ['came_on_frame', 'integer'],
        ['went_off_period', 'integer'],
        ['went_off_time', types.double],
        ['went_off_frame', 'integer'],
        ['yellow_cards', 'integer'],
        ['red_cards', 'integer'],
      ] as const) {
        await db.schema.alterTable('lineup').addColumn(name, type).execute();
      }
    },
  },
};
