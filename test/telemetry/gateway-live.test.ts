/**
 * Telemetry's subscriptions through the gateway: an alert raised by a batch sent with a partner's key reaches a
 * subscriber of its fleet, completed with the operator's name from billing; live readings arrive downsampled.
 */
import type { Client } from 'graphql-ws';
import { DEMO_KEY, gatewayClient, post, startTestStack, type TestStack } from '../support/platform';

interface AlertEvent {
  engineAlerts: {
    kind: string;
    severity: string;
    engine: { id: string; aircraft: { operator: { name: string } } };
  };
}

describe('telemetry subscriptions through the gateway', () => {
  let stack: TestStack;
  let client: Client;
  beforeAll(async () => {
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '', TELEMETRY_STREAM_RATE_HZ: '10' } });
    client = gatewayClient(stack.urls.gateway, { 'x-api-key': DEMO_KEY });
  });
  afterAll(async () => {
    await client?.dispose();
    await stack?.close();
  });

  it('delivers a new alert of the fleet with the operator’s name from billing', async () => {
    const received = new Promise<AlertEvent>((resolve, reject) => {
      client.subscribe<AlertEvent>(
        {
          query: `subscription { engineAlerts(fleet: "flt_0001") {
            kind severity engine { id aircraft { operator { name } } }
          } }`,
        },
        {
          next: (event) => {
            if (event.errors) reject(event.errors);
            const alert = event.data as AlertEvent;
            if (alert.engineAlerts.engine.id === 'eng_0002_1' && alert.engineAlerts.kind === 'THRESHOLD')
              resolve(alert);
          },
          error: reject,
          complete: () => reject(new Error('completed before the alert')),
        },
      );
    });
    // Let the gateway open its upstream subscription before the alert is raised.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { body } = await post(
      stack.graphqlUrl,
      {
        query: `mutation { ingestReadings(batch: { idempotencyKey: "gw-hot", engine: "eng_0002_1", readings: [{ sensor: "AUX4000", time: "${new Date(Date.now() + 2000).toISOString()}", value: 1000 }] }) { readings } }`,
      },
      { 'x-api-key': DEMO_KEY },
    );
    expect(body.errors).toBeUndefined();
    const alert = await received;
    expect(alert.engineAlerts).toEqual({
      kind: 'THRESHOLD',
      severity: 'CRITICAL',
      engine: { id: 'eng_0002_1', aircraft: { operator: { name: 'Blue Horizon Airways' } } },
    });
  });

  it('delivers live readings downsampled to the requested interval', async () => {
    const frames: { sensorReadings: { sensors: { sensor: string; count: number }[] } }[] = [];
    await new Promise<void>((resolve, reject) => {
      const stop = client.subscribe<(typeof frames)[number]>(
        {
          query:
            'subscription { sensorReadings(engine: "eng_0001_1", sensors: ["T30"], every: 1000) { sensors { sensor count } } }',
        },
        {
          next: (event) => {
            if (event.errors) return reject(event.errors);
            frames.push(event.data as (typeof frames)[number]);
            if (frames.length === 2) {
              stop();
              resolve();
            }
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    for (const frame of frames) {
      expect(frame.sensorReadings.sensors).toEqual([{ sensor: 'T30', count: expect.any(Number) }]);
      expect(frame.sensorReadings.sensors[0]!.count).toBeGreaterThanOrEqual(5);
    }
  });
});
