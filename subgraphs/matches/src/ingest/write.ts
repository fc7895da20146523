/**
 * Writing a match a source made (`MatchBundle`) into the store: what its tracking yields (each tracked
 * player's stats, each side's possession) is computed here, and the store writes the match and it in one
 * transaction.
 */
import type { IngestSummary, MatchesStore } from '../store';
import { computePlayerRollups, computePossession } from '../tracking/rollups';
import type { MatchBundle } from './bundle';

export function ingestMatch(store: MatchesStore, bundle: MatchBundle): Promise<IngestSummary> {
  const { tracking } = bundle;
  return store.writeMatch({
    ...bundle,
    playerStats: tracking ? computePlayerRollups(tracking, bundle.lineup) : [],
    possession: tracking ? computePossession(tracking) : null,
  });
}
