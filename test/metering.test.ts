/**
 * Metering loses nothing: every call the gateway answered is counted by billing, even when the gateway is
 * killed with SIGKILL in the middle of a load and its usage had not been shipped yet; a restarted gateway
 * replays its spool, and billing counts each event once.
 */
import { demoApiKey, DEVELOPMENT_PRINCIPAL_SECRET } from '@meridian/kit';
import { post, signIn, startTestStack, type TestStack } from './support/platform';

const CALLS = 400;
const CONCURRENCY = 8;

describe('metering across a gateway crash', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // Ship rarely, so that most usage is still in the spool when the gateway dies.
    stack = await startTestStack({ env: { METERING_INTERVAL_MS: '60000', METERING_BATCH_SIZE: '10000' } });
  });

  it('counts every answered call once after SIGKILL and a restart', async () => {
    const key = { 'x-api-key': demoApiKey(DEVELOPMENT_PRINCIPAL_SECRET) };
    let answered = 0;
    let sent = 0;
    let killed = false;
    const worker = async () => {
      while (sent < CALLS && !killed) {
        sent += 1;
        try {
          const { status } = await post(stack.graphqlUrl, { query: 'query Load { teams { id } }' }, key);
          if (status === 200) answered += 1;
        } catch {
          // The connection died with the gateway: no answer, so no promise that it was counted.
        }
        if (sent === CALLS / 2 && !killed) {
          killed = true;
          await stack.killService('gateway', 'SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(killed).toBe(true);
    expect(answered).toBeGreaterThan(CALLS / 4);

    const gatewayUrl = await stack.restartService('gateway');
    const admin = await signIn(`${gatewayUrl}/graphql`);
    const counted = async () => {
      const { body } = await post<{ quota: { used: number } }>(
        `${gatewayUrl}/graphql`,
        { query: '{ quota(partnerId: "par_demo") { used } }' },
        admin,
      );
      return body.data!.quota.used;
    };
    // The restarted gateway replays the dead one's spool at once; its own calls above are not metered yet.
    const started = Date.now();
    let used = await counted();
    while (used < answered && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      used = await counted();
    }
    expect(used).toBeGreaterThanOrEqual(answered);
    expect(used).toBeLessThanOrEqual(sent);
  });
});
