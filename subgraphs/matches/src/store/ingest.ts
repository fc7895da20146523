/**
 * Writing a whole match: metadata, lineup, tracking chunks, events, phases and the rollups, in one
 * transaction. Writing a match id that exists replaces it, so re-importing a file is safe. The rollups come
 * computed (`ingest/write.ts`); the tracking is encoded into chunks here, in the store's own form.
 */
import type { Kysely, Transaction } from 'kysely';
import type { MatchBundle } from '../ingest/bundle';
import type { PlayerRollup } from '../tracking/rollups';
import { encodePeriod } from './chunks';
import type { MatchesDatabase } from './tables';

/** Rows per INSERT statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_BATCH_ROWS = 500;

/** A match as a source made it, with what its tracking yields: each tracked player's stats, each side's possession. */
export interface MatchWrite extends MatchBundle {
  readonly playerStats: readonly PlayerRollup[];
  /** Seconds each side had the ball; null without tracking. */
  readonly possession: { readonly home: number; readonly away: number } | null;
}

/** What ingesting a match wrote. */
export interface IngestSummary {
  readonly matchId: string;
  readonly players: number;
  readonly events: number;
  readonly frames: number;
  readonly chunks: number;
  readonly chunkBytes: number;
}

async function insertInBatches<T extends keyof MatchesDatabase>(
  trx: Transaction<MatchesDatabase>,
  table: T,
  rows: readonly MatchesDatabase[T][],
): Promise<void> {
  for (let from = 0; from < rows.length; from += INSERT_BATCH_ROWS) {
    // Kysely cannot relate a generic table name to its row type; the rows are typed by the caller.
    await trx
      .insertInto(table)
      .values(rows.slice(from, from + INSERT_BATCH_ROWS) as never)
      .execute();
  }
}

const MATCH_CHILD_TABLES = [
  'frame_chunk',
  'match_event',
  'phase',
  'player_match_stats',
  'team_possession',
  'lineup',
  'match_period',
] as const;

export async function writeMatch(db: Kysely<MatchesDatabase>, bundle: MatchWrite): Promise<IngestSummary> {
  const { match, tracking, possession } = bundle;
  const chunks = tracking ? tracking.periods.flatMap((p) => encodePeriod(p, tracking.slots.length)) : [];

  await db.transaction().execute(async (trx) => {
    if (bundle.competition) {
      await trx
        .insertInto('competition')
        .values(bundle.competition)
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: bundle.competition!.name }))
        .execute();
    }
    if (bundle.season) {
      const season = bundle.season;
      await trx
        .insertInto('season')
        .values({ id: season.id, competition_id: season.competitionId, name: season.name })
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: season.name }))
        .execute();
    }
    for (const team of bundle.teams) {
      await trx
        .insertInto('team')
        .values({ id: team.id, name: team.name, short_name: team.shortName, city: team.city })
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: team.name, short_name: team.shortName }))
        .execute();
    }
    for (let from = 0; from < bundle.players.length; from += INSERT_BATCH_ROWS) {
      await trx
        .insertInto('player')
        .values(
          bundle.players.slice(from, from + INSERT_BATCH_ROWS).map((p) => ({
            id: p.id,
            team_id: p.teamId,
            name: p.name,
            shirt_number: p.shirtNumber,
            position: p.position,
          })),
        )
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            shirt_number: eb.ref('excluded.shirt_number'),
            team_id: eb.ref('excluded.team_id'),
            // A line the provider names replaces the stored one; a squad list without one (an unused
            // substitute) keeps what an earlier match said.
            position: eb
              .case()
              .when(eb.ref('excluded.position'), '=', 'UNKNOWN')
              .then(eb.ref('player.position'))
              .else(eb.ref('excluded.position'))
              .end(),
          })),
        )
        .execute();
    }
    for (const table of MATCH_CHILD_TABLES)
      await trx.deleteFrom(table).where('match_id', '=', match.id).execute();
    await trx.deleteFrom('match').where('id', '=', match.id).execute();
    await trx
      .insertInto('match')
      .values({
        id: match.id,
        kickoff: match.kickoff.toISOString(),
        venue: match.venue,
        home_team_id: match.homeTeamId,
        away_team_id: match.awayTeamId,
        home_score: match.homeScore,
        away_score: match.awayScore,
        broadcaster_id: match.broadcasterId,
        season_id: match.seasonId,
        pitch_length: match.pitchLength,
        pitch_width: match.pitchWidth,
        frame_rate: match.frameRate,
        source: match.source,
      })
      .execute();
    await insertInBatches(
      trx,
      'match_period',
      bundle.periods.map((p) => ({
        match_id: match.id,
        period: p.period,
        start_frame: p.startFrame,
        end_frame: p.endFrame,
      })),
    );
    await insertInBatches(
      trx,
      'lineup',
      bundle.lineup.map((l) => ({
        match_id: match.id,
        player_id: l.playerId,
        team_id: l.teamId,
        shirt_number: l.shirtNumber,
        role: l.role,
        starter: l.starter ? 1 : 0,
        slot: l.slot,
        came_on_period: l.cameOn?.period ?? null,
        came_on_time: l.cameOn?.time ?? null,
        came_on_frame: l.cameOn?.frame ?? null,
        went_off_period: l.wentOff?.period ?? null,
        went_off_time: l.wentOff?.time ?? null,
        went_off_frame: l.wentOff?.frame ?? null,
        yellow_cards: l.yellowCards,
        red_cards: l.redCards,
      })),
    );
    await insertInBatches(
      trx,
      'frame_chunk',
      chunks.map((c) => ({
        match_id: match.id,
        slot: c.slot,
        period: c.period,
        chunk: c.chunk,
        start_frame: c.startFrame,
        end_frame: c.endFrame,
        frame_count: c.frameCount,
        data: c.data,
      })),
    );
    await insertInBatches(
      trx,
      'match_event',
      bundle.events.map((e) => ({
        id: e.id,
        match_id: match.id,
        type: e.type,
        provider_type: e.providerType,
        period: e.period,
        frame: e.frame,
        end_frame: e.endFrame,
        time: e.time,
        team_id: e.teamId,
        player_id: e.playerId,
        receiver_id: e.receiverId,
        target_id: e.targetId,
        opponent_id: e.opponentId,
        x: e.x,
        y: e.y,
        end_x: e.endX,
        end_y: e.endY,
        outcome: e.outcome,
      })),
    );
    await insertInBatches(
      trx,
      'phase',
      bundle.phases.map((p) => ({
        match_id: match.id,
        index: p.index,
        period: p.period,
        start_frame: p.startFrame,
        end_frame: p.endFrame,
        team_id: p.teamId,
        type: p.type,
      })),
    );
    await insertInBatches(
      trx,
      'player_match_stats',
      bundle.playerStats.map((r) => ({
        match_id: match.id,
        player_id: r.playerId,
        team_id: r.teamId,
        distance: r.distance,
        top_speed: r.topSpeed,
        sprints: r.sprints,
        zone_distances: JSON.stringify(r.zoneDistances.map((d) => Math.round(d * 10) / 10)),
        seconds_tracked: r.secondsTracked,
      })),
    );
    if (possession) {
      await insertInBatches(trx, 'team_possession', [
        { match_id: match.id, team_id: match.homeTeamId, seconds: possession.home },
        { match_id: match.id, team_id: match.awayTeamId, seconds: possession.away },
      ]);
    }
  });
  return {
    matchId: match.id,
    players: bundle.lineup.length,
    events: bundle.events.length,
    frames: tracking ? tracking.periods.reduce((sum, p) => sum + p.frames.length, 0) : 0,
    chunks: chunks.length,
    chunkBytes: chunks.reduce((sum, c) => sum + c.data.byteLength, 0),
  };
}
