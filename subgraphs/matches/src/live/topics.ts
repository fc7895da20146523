/**
 * Pub/sub topics of live match data: one per match for frames and one for events. A prefix (from config)
 * keeps separate deployments, or test runs, that share one Redis apart; replicas of one deployment share it.
 */
export interface LiveTopics {
  frames(matchId: string): string;
  events(matchId: string): string;
}

export function liveTopics(prefix = ''): LiveTopics {
  return {
    frames: (matchId) => `${prefix}MATCH_FRAMES:${matchId}`,
    events: (matchId) => `${prefix}MATCH_EVENTS:${matchId}`,
  };
}
