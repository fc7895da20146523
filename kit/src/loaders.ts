/**
 * DataLoader batch functions from one rule: a batch of keys is one store call, and the answers come back in
 * key order (`null` for a key with no row; an empty list for a key with no children).
 */
import DataLoader from 'dataloader';

/** One row per key: `fetch` returns the rows for some keys in any order; missing keys resolve to null. */
export function createRowLoader<K, Row>(
  fetch: (keys: readonly K[]) => Promise<readonly Row[]>,
  keyOf: (row: Row) => K,
): DataLoader<K, Row | null> {
  return new DataLoader<K, Row | null>(async (keys) => {
    const byKey = new Map<K, Row>();
    for (const row of await fetch(keys)) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Many rows per key (a team's players, a customer's aircraft), each list in the order `fetch` gave. */
export function createGroupLoader<K, Row>(
  fetch: (keys: readonly K[]) => Promise<readonly Row[]>,
  keyOf: (row: Row) => K,
): DataLoader<K, Row[]> {
  return new DataLoader<K, Row[]>(async (keys) => {
    const groups = new Map<K, Row[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}
