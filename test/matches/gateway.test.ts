/** Match tracking through the gateway: one query joins a match's broadcaster (billing) to its players' stats. */
import { post, startTestStack, type TestStack } from '../support/platform';

interface MatchData {
  match: {
    id: string;
    broadcaster: { id: string; name: string } | null;
    playerStats: { player: { name: string }; distance: number; topSpeed: number; sprints: number }[];
  } | null;
}

describe('matches through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  }, 60_000);
  afterAll(() => stack?.close());

  it('returns a match’s broadcaster from billing with its players’ stats in one query', async () => {
    const { status, body } = await post<MatchData>(stack.graphqlUrl, {
      query: `{ match(id: "match_0001") { id broadcaster { id name }
                playerStats { player { name } distance topSpeed sprints } } }`,
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const match = body.data!.match!;
    expect(match.broadcaster?.name).toEqual(expect.any(String));
    expect(match.playerStats).toHaveLength(22);
    for (const stats of match.playerStats) {
      expect(stats.player.name).toEqual(expect.any(String));
      expect(stats.distance).toBeGreaterThan(0);
      expect(stats.topSpeed).toBeLessThanOrEqual(10);
    }
  });

  it('names each player of an event for what he did, and counts the cards in the lineup', async () => {
    interface Ref {
      id: string;
      team: { id: string };
    }
    interface Event {
      outcome: string | null;
      team: { id: string };
      receiver: Ref | null;
      target: Ref | null;
      opponent: Ref | null;
    }
    const { body } = await post<{
      match: {
        passes: Event[];
        engagements: Event[];
        cards: { player: { id: string } }[];
        lineup: {
          player: { id: string };
          starter: boolean;
          cameOn: unknown;
          wentOff: unknown;
          yellowCards: number | null;
          redCards: number | null;
        }[];
      } | null;
    }>(stack.graphqlUrl, {
      query: `fragment Involved on MatchEvent { outcome team { id } receiver { id team { id } }
                target { id team { id } } opponent { id team { id } } }
              { match(id: "match_0001") {
                passes: events(types: [PASS], first: 300) { ...Involved }
                engagements: events(types: [CHALLENGE, FOUL], first: 200) { ...Involved }
                cards: events(types: [CARD], first: 100) { player { id } }
                lineup { player { id } starter cameOn { period } wentOff { period } yellowCards redCards } } }`,
    });
    expect(body.errors).toBeUndefined();
    const { passes, engagements, cards, lineup } = body.data!.match!;
    expect(passes).toHaveLength(300);
    for (const pass of passes) {
      // Every pass is aimed at a team-mate; only a completed one has a receiver, and it is that team-mate.
      expect(pass.target?.team.id).toBe(pass.team.id);
      expect(pass.receiver?.id ?? null).toBe(pass.outcome === 'COMPLETE' ? pass.target!.id : null);
      expect(pass.opponent).toBeNull();
    }
    expect(passes.some((pass) => pass.receiver) && passes.some((pass) => !pass.receiver)).toBe(true);
    expect(engagements.length).toBeGreaterThan(0);
    for (const engagement of engagements) {
      expect(engagement.receiver).toBeNull();
      expect(engagement.opponent!.team.id).not.toBe(engagement.team.id);
    }
    // The generated match has no substitutions; its yellow cards are events and lineup counts alike.
    expect(cards.length).toBeLessThan(100);
    for (const entry of lineup) {
      const yellowCards = cards.filter((card) => card.player.id === entry.player.id).length;
      expect(entry).toMatchObject({ starter: true, cameOn: null, wentOff: null, yellowCards, redCards: 0 });
    }
  });

  it('passes BAD_USER_INPUT for a reversed frame window through, naming the argument', async () => {
    const { body } = await post(stack.graphqlUrl, {
      query: '{ match(id: "match_0001") { frames(from: 30, to: 10) { frame } } }',
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
  });
});
