import { ConfigError, EnvReader, readServiceConfig, readSubgraphConfig } from './env';

describe('EnvReader', () => {
  it('gives the defaults when nothing is set', () => {
    const reader = new EnvReader('svc', {});
    const config = reader.done(readServiceConfig(reader, 4001));
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4001, mode: 'development', logLevel: 'info' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad variable at once', () => {
    const reader = new EnvReader('svc', { PORT: 'abc', NODE_ENV: 'staging', LOG_LEVEL: 'loud', SEED: '-1' });
    readSubgraphConfig(reader, 'svc', 4001);
    let error: unknown;
    try {
      reader.done({});
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'NODE_ENV', 'LOG_LEVEL', 'SEED']) expect(problems).toContain(name);
    expect((error as ConfigError).message).toMatch(/^svc: invalid configuration/);
  });

  it('accepts port 0 and production mode, and rejects ports out of range', () => {
    const good = new EnvReader('svc', {
      PORT: '0',
      NODE_ENV: 'production',
      PRINCIPAL_SECRET: 'x'.repeat(32),
      INTERNAL_TOKEN: 'y'.repeat(32),
    });
    expect(good.done(readServiceConfig(good, 4001))).toMatchObject({ port: 0, mode: 'production' });
    const bad = new EnvReader('svc', { PORT: '70000' });
    readServiceConfig(bad, 4001);
    expect(() => bad.done({})).toThrow(/PORT="70000" is not an integer from 0 to 65535/);
  });

  it('refuses to run in production without a principal secret, or with a short one', () => {
    const missing = new EnvReader('svc', { NODE_ENV: 'production' });
    readServiceConfig(missing, 4001);
    expect(() => missing.done({})).toThrow(/PRINCIPAL_SECRET must be set in production/);
    expect(() => missing.done({})).toThrow(/INTERNAL_TOKEN must be set in production/);
    expect(() => missing.done({})).toThrow(/INTERNAL_TOKEN must be set in production/);
    const short = new EnvReader('svc', { PRINCIPAL_SECRET: 'short' });
    readServiceConfig(short, 4001);
    expect(() => short.done({})).toThrow(/at least 32 characters/);
  });

  it('reads name=value pairs and reports malformed entries', () => {
    const reader = new EnvReader('svc', { PAIRS: 'a=http://x:1/graphql, b = http://y:2 ,broken' });
    const pairs = reader.pairs('PAIRS', () => undefined);
    expect(pairs).toEqual({ a: 'http://x:1/graphql', b: 'http://y:2' });
    expect(() => reader.done({})).toThrow(/PAIRS: "broken" is not of the form name=value/);
  });
});
