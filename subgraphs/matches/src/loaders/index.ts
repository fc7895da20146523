/** The per-request DataLoaders of the matches subgraph: one batched store call per entity kind and tick. */
import { createGroupLoader, createRowLoader } from '@meridian/kit';
import DataLoader from 'dataloader';
import type {
  EventFilter,
  EventRecord,
  MatchRecord,
  MatchesStore,
  PlayerMatchStatsRecord,
  PlayerSeasonStatsRecord,
  TrajectoryRecord,
} from '../store';

/** Joins the parts of a composite key; the separator cannot occur in an id. */
const key = (...parts: (string | number)[]) => parts.join('\u0000');

export interface EventQuery {
  readonly matchId: string;
  readonly filter: EventFilter;
}

export function createLoaders(store: MatchesStore) {
  return {
    team: createRowLoader(
      (ids: readonly string[]) => store.teamsByIds(ids),
      (row) => row.id,
    ),
    player: createRowLoader(
      (ids: readonly string[]) => store.playersByIds(ids),
      (row) => row.id,
    ),
    playersByTeam: createGroupLoader(
      (ids: readonly string[]) => store.playersByTeamIds(ids),
      (row) => row.teamId,
    ),
    match: createRowLoader(
      (ids: readonly string[]) => store.matchesByIds(ids),
      (row) => row.id,
    ),
    // A match belongs to two teams, so it is grouped under each.
    matchesByTeam: new DataLoader<string, MatchRecord[]>(async (teamIds) => {
      const rows = await store.matchesByTeamIds(teamIds);
      return teamIds.map((id) => rows.filter((row) => row.homeTeamId === id || row.awayTeamId === id));
    }),
    matchesByBroadcaster: createGroupLoader(
      (ids: readonly string[]) => store.matchesByBroadcasterIds(ids),
      (row) => row.broadcasterId ?? '',
    ),
    competition: createRowLoader(
      (ids: readonly string[]) => store.competitionsByIds(ids),
      (row) => row.id,
    ),
    season: createRowLoader(
      (ids: readonly string[]) => store.seasonsByIds(ids),
      (row) => row.id,
    ),
    seasonsByCompetition: createGroupLoader(
      (ids: readonly string[]) => store.seasonsByCompetitionIds(ids),
      (row) => row.competitionId,
    ),
    periodsByMatch: createGroupLoader(
      (ids: readonly string[]) => store.periodsByMatchIds(ids),
      (row) => row.matchId,
    ),
    lineupByMatch: createGroupLoader(
      (ids: readonly string[]) => store.lineupsByMatchIds(ids),
      (row) => row.matchId,
    ),
    phasesByMatch: createGroupLoader(
      (ids: readonly string[]) => store.phasesByMatchIds(ids),
      (row) => row.matchId,
    ),
    possessionByMatch: createGroupLoader(
      (ids: readonly string[]) => store.possessionByMatchIds(ids),
      (row) => row.matchId,
    ),
    // Events with the same filter for several matches are one query; different filters are one query each.
    events: new DataLoader<EventQuery, EventRecord[], string>(
      async (queries) => {
        const byFilter = new Map<string, EventQuery[]>();
        for (const query of queries) {
          const filterKey = JSON.stringify(query.filter);
          byFilter.set(filterKey, [...(byFilter.get(filterKey) ?? []), query]);
        }
        const results = new Map<string, EventRecord[]>();
        for (const group of byFilter.values()) {
          const rows = await store.eventsByMatchIds(
            group.map((q) => q.matchId),
            group[0]!.filter,
          );
          for (const query of group) {
            results.set(
              key(query.matchId, JSON.stringify(query.filter)),
              rows.filter((row) => row.matchId === query.matchId),
            );
          }
        }
        return queries.map((q) => results.get(key(q.matchId, JSON.stringify(q.filter))) ?? []);
      },
      { cacheKeyFn: (q) => key(q.matchId, JSON.stringify(q.filter)) },
    ),
    playerMatchStats: new DataLoader<
      { matchId: string; playerId: string },
      PlayerMatchStatsRecord | null,
      string
    >(
      async (keys) => {
        const rows = await store.playerMatchStats(keys);
        const byKey = new Map(rows.map((row) => [key(row.matchId, row.playerId), row]));
        return keys.map((k) => byKey.get(key(k.matchId, k.playerId)) ?? null);
      },
      { cacheKeyFn: (k) => key(k.matchId, k.playerId) },
    ),
    playerSeasonStats: new DataLoader<
      { playerId: string; seasonId: string },
      PlayerSeasonStatsRecord | null,
      string
    >(
      async (keys) => {
        const rows = await store.playerSeasonStats(keys);
        const byKey = new Map(rows.map((row) => [key(row.playerId, row.seasonId), row]));
        return keys.map((k) => byKey.get(key(k.playerId, k.seasonId)) ?? null);
      },
      { cacheKeyFn: (k) => key(k.playerId, k.seasonId) },
    ),
    trajectory: new DataLoader<{ matchId: string; slot: number }, TrajectoryRecord | null, string>(
      async (keys) => {
        const rows = await store.trajectories(keys);
        const byKey = new Map(rows.map((row) => [key(row.matchId, row.slot), row]));
        return keys.map((k) => byKey.get(key(k.matchId, k.slot)) ?? null);
      },
      { cacheKeyFn: (k) => key(k.matchId, k.slot) },
    ),
  };
}

export type MatchesLoaders = ReturnType<typeof createLoaders>;
