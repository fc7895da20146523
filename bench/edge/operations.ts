/**
 * What the edge benchmark sends. `MIX` is the realistic mix every gateway gets in the throughput comparison:
 * cross-subgraph joins (a match with its broadcaster from billing and its players' stats, an operator's
 * aircraft with engine health, customers with what they broadcast and fly) and a few single-subgraph lists.
 * `distinctOperations` makes the many different operation texts of the memory run.
 *
 * Every operation here answers the same data whoever calls: an anonymous call (the bare gateways) and the
 * benchmark partner's key see the same rows, so the answers of the three gateways can be compared whole.
 */

export interface Operation {
  readonly name: string;
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>>;
}

export const MIX: readonly Operation[] = [
  {
    name: 'MatchCentre',
    query: `query MatchCentre($id: ID!) {
  match(id: $id) {
    id venue kickoff homeScore awayScore
    homeTeam { name } awayTeam { name }
    broadcaster { name country industry }
    playerStats { distance topSpeed sprints player { name position team { shortName } } }
  }
}`,
    variables: { id: 'match_0001' },
  },
  {
    name: 'Fixtures',
    query: `query Fixtures {
  matches(first: 10) { id kickoff venue homeScore awayScore homeTeam { name } awayTeam { name } broadcaster { name } }
}`,
  },
  {
    name: 'OperatorFleet',
    query: `query OperatorFleet {
  fleet {
    registration type
    operator { name country }
    engines { serial model health { index trend } remainingLife { cycles lower upper } }
  }
}`,
  },
  {
    name: 'CustomerJoins',
    query: `query CustomerJoins {
  customers { name country industry partners { name } broadcasts { id venue } aircraft { registration type } }
}`,
  },
  {
    name: 'UrgentEngines',
    query: `query UrgentEngines {
  enginesNeedingAttention(first: 5) { reasons engine { serial aircraft { registration operator { name } } } }
}`,
  },
  { name: 'Teams', query: 'query Teams { teams { id name shortName city } }' },
  { name: 'Competitions', query: 'query Competitions { competitions { id name } }' },
  { name: 'Fleets', query: 'query Fleets { fleets { id name } }' },
];

/**
 * The identical-query load: the few queries every client of a live product polls at once (the match
 * centre of tonight's match, the operator's fleet health, the urgent engines), each client sending them in
 * turn.
 */
export const IDENTICAL: readonly Operation[] = MIX.filter((operation) =>
  ['MatchCentre', 'OperatorFleet', 'UrgentEngines'].includes(operation.name),
);

/**
 * The deep load: one query that crosses the subgraphs back and forth (customers in billing, the matches they
 * broadcast in matches, their aircraft and engine health in telemetry, each aircraft's operator back in
 * billing), so each request makes many subgraph calls and builds a large answer: the gateway's own work per
 * request is large, as in the public federation benchmarks' deep queries.
 */
export const DEEP: readonly Operation[] = [
  {
    name: 'DeepJoins',
    query: `query DeepJoins {
  customers {
    name country industry
    partners { name }
    broadcasts {
      id venue kickoff homeScore awayScore
      homeTeam { name shortName city } awayTeam { name shortName city }
      broadcaster { name aircraft { registration } }
    }
    aircraft {
      registration type
      operator { name country partners { name } broadcasts { id venue } }
      engines { serial model position health { index trend } remainingLife { cycles lower upper } }
    }
  }
}`,
  },
];

/** Scalar fields an operation of the memory run may select; which ones it takes makes its text unique. */
const FAMILIES: readonly { root: string; fields: readonly string[] }[] = [
  { root: 'teams', fields: ['id', 'name', 'shortName', 'city'] },
  { root: 'competitions', fields: ['id', 'name'] },
  { root: 'fleets', fields: ['id', 'name'] },
  { root: 'matches(first: 3)', fields: ['id', 'venue', 'kickoff', 'homeScore', 'awayScore'] },
];

/**
 * `count` distinct, valid, cheap operations: each a named query over one or two of the lists above, with a
 * different set of fields and a different name, so each has its own text and its own cache entries.
 */
export function distinctOperations(count: number): Operation[] {
  const operations: Operation[] = [];
  for (let i = 0; operations.length < count; i += 1) {
    const first = FAMILIES[i % FAMILIES.length]!;
    const second = FAMILIES[(Math.floor(i / FAMILIES.length) + 1) % FAMILIES.length]!;
    const pick = (fields: readonly string[], bits: number) =>
      fields.filter((_field, index) => (bits >> index) & 1).join(' ') || fields[0]!;
    const n = Math.floor(i / FAMILIES.length);
    const name = `Distinct${String(operations.length).padStart(5, '0')}`;
    const roots =
      first === second
        ? `${first.root} { ${pick(first.fields, n)} }`
        : `${first.root} { ${pick(first.fields, n)} } b: ${second.root} { ${pick(second.fields, n >> 3)} }`;
    operations.push({ name, query: `query ${name} { ${roots} }` });
  }
  return operations;
}

export function requestBody(operation: Operation): string {
  return JSON.stringify({
    operationName: operation.name,
    query: operation.query,
    ...(operation.variables ? { variables: operation.variables } : {}),
  });
}
