import { ConfigError } from '@meridian/kit';
import { DEFAULT_DEMO_SENSORS, DEFAULT_STREAM_RATE_HZ, loadConfig } from './config';

describe('telemetry config', () => {
  it('defaults to the full demo catalog and a streaming demo fleet', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ demoSensors: DEFAULT_DEMO_SENSORS, streamRateHz: DEFAULT_STREAM_RATE_HZ });
    expect(config.flightEveryMs).toBe(60_000);
  });

  it('names every bad telemetry variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        TELEMETRY_DEMO_SENSORS: '6000',
        TELEMETRY_STREAM_RATE_HZ: '-1',
        TELEMETRY_FLIGHT_EVERY_S: 'soon',
      });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['TELEMETRY_DEMO_SENSORS', 'TELEMETRY_STREAM_RATE_HZ', 'TELEMETRY_FLIGHT_EVERY_S']) {
      expect(problems).toContain(name);
    }
  });

  it('refuses to stream more sensors than the demo catalog has', () => {
    expect(() => loadConfig({ TELEMETRY_DEMO_SENSORS: '50', TELEMETRY_STREAM_SENSORS: '100' })).toThrow(
      /TELEMETRY_STREAM_SENSORS=100 exceeds the demo catalog/,
    );
  });
});
