/**
 * The lineup of a generated match: both starting elevens in their formation roles and slots (no
 * substitutions are generated), with the yellow cards each player was shown once the match is played.
 */
import { EventType, type EventInput, type LineupInput, type PlayerInput } from '../ingest/bundle';
import { FORMATION } from './formation';

/** The elevens' lineup entries, home first; `teamIds` holds the home and away team ids. */
export function startingLineup(
  elevens: readonly (readonly PlayerInput[])[],
  teamIds: readonly string[],
): LineupInput[] {
  return elevens.flatMap((eleven, side) =>
    eleven.map((p, index) => ({
      playerId: p.id,
      teamId: teamIds[side]!,
      shirtNumber: p.shirtNumber,
      role: FORMATION[index]!.role,
      starter: true,
      slot: side * FORMATION.length + index,
      cameOn: null,
      wentOff: null,
      // Counted from the card events once the match is played.
      yellowCards: 0,
      redCards: 0,
    })),
  );
}

/** The lineup with each player's yellow cards counted from the match's card events. */
export function withCards(lineup: readonly LineupInput[], events: readonly EventInput[]): LineupInput[] {
  const cards = (playerId: string) =>
    events.filter((e) => e.type === EventType.CARD && e.playerId === playerId).length;
  return lineup.map((entry) => ({ ...entry, yellowCards: cards(entry.playerId) }));
}
