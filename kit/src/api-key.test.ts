import { generateKey, hashKey, KEY_RANDOM_LENGTH, parseKey, sameHash } from './api-key';

describe('API keys', () => {
  it('look like mer_live_<random>_<checksum> and parse back to their prefix and last four', () => {
    const key = generateKey('live');
    expect(key).toMatch(new RegExp(`^mer_live_[0-9A-Za-z]{${KEY_RANDOM_LENGTH}}_[0-9A-Za-z]{6}$`));
    const parsed = parseKey(key);
    expect(parsed).toEqual({ environment: 'live', prefix: key.slice(0, 13), lastFour: key.slice(-4) });
    expect(parseKey(generateKey('test'))?.environment).toBe('test');
  });

  it('are all different', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateKey('live')));
    expect(keys.size).toBe(1000);
  });

  it('reject a key with one character changed, thanks to the checksum', () => {
    const key = generateKey('live');
    const at = 12;
    const swapped = key.slice(0, at) + (key[at] === 'a' ? 'b' : 'a') + key.slice(at + 1);
    expect(parseKey(swapped)).toBeUndefined();
    expect(parseKey(key.replace('mer_live_', 'mer_test_'))).toBeUndefined();
    expect(parseKey('mer_live_short_abcdef')).toBeUndefined();
  });

  it('are stored as SHA-256 hex and compared whole', () => {
    const hash = hashKey('mer_live_x');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sameHash(hash, hashKey('mer_live_x'))).toBe(true);
    expect(sameHash(hash, hashKey('mer_live_y'))).toBe(false);
    expect(sameHash(hash, hash.slice(0, 62))).toBe(false);
  });
});
