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

  it('passes BAD_USER_INPUT for a reversed frame window through, naming the argument', async () => {
    const { body } = await post(stack.graphqlUrl, {
      query: '{ match(id: "match_0001") { frames(from: 30, to: 10) { frame } } }',
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
  });
});
