/** The per-request DataLoaders of the matches subgraph: one batched store call per entity kind and tick. */
import { createGroupLoader, createRowLoader } from '@meridian/kit';
import DataLoader from 'dataloader';
import type { MatchRecord, MatchesStore } from '../store';

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
  };
}

export type MatchesLoaders = ReturnType<typeof createLoaders>;
