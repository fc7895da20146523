/** Pub/sub topics of live match data: one per match for frames and one for events. */
export const frameTopic = (matchId: string) => `MATCH_FRAMES:${matchId}`;
export const eventTopic = (matchId: string) => `MATCH_EVENTS:${matchId}`;
