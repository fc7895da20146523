import { ConfigError } from '@meridian/kit';
import { DEFAULT_STREAM_RATE_HZ, MAX_SENSORS_PER_MODEL, loadConfig } from './config';

describe('telemetry config', () => {
  it('defaults to the full demo catalog and a streaming demo fleet', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      demoSensors: MAX_SENSORS_PER_MODEL,
      streamRateHz: DEFAULT_STREAM_RATE_HZ,
    });
    expect(config.flightEveryMs).toBe(60_000);
    expect(config.rawPartitionMs).toBe(24 * 3_600_000);
    expect(config.rawRetentionMs).toBe(30 * 86_400_000);
  });

  it('keeps raw readings for good with a retention of 0 days', () => {
    const config = loadConfig({ TELEMETRY_RAW_RETENTION_DAYS: '0', TELEMETRY_RAW_PARTITION_HOURS: '6' });
    expect(config.rawRetentionMs).toBeUndefined();
    expect(config.rawPartitionMs).toBe(6 * 3_600_000);
  });

  it('names every bad telemetry variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        TELEMETRY_DEMO_SENSORS: '6000',
        TELEMETRY_STREAM_RATE_HZ: '-1',
        TELEMETRY_FLIGHT_EVERY_S: 'soon',
        TELEMETRY_RAW_RETENTION_DAYS: '-1',
        TELEMETRY_RAW_PARTITION_HOURS: '0',
      });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'TELEMETRY_DEMO_SENSORS',
      'TELEMETRY_STREAM_RATE_HZ',
      'TELEMETRY_FLIGHT_EVERY_S',
      'TELEMETRY_RAW_RETENTION_DAYS',
      'TELEMETRY_RAW_PARTITION_HOURS',
    ]) {
      expect(problems).toContain(name);
    }
  });

  it('refuses to stream more sensors than the demo catalog has', () => {
    expect(() => loadConfig({ TELEMETRY_DEMO_SENSORS: '50', TELEMETRY_STREAM_SENSORS: '100' })).toThrow(
      /TELEMETRY_STREAM_SENSORS=100 exceeds the demo catalog/,
    );
  });
});
