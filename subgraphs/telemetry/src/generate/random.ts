/** A small seeded random source (mulberry32), so generated fleets are the same for the same seed. */
export interface Random {
  next(): number;
  between(min: number, max: number): number;
  /** Standard normal, by Box–Muller. */
  normal(): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  };
}

/** A seed for a sub-stream (engine, flight), so any flight can be regenerated without the ones before it. */
export function mixSeed(...parts: number[]): number {
  let hash = 2166136261;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 16777619);
    hash = Math.imul(hash ^ (hash >>> 13), 0x5bd1e995);
  }
  return hash >>> 0;
}
