/** Reference resolvers: how the gateway turns `{ __typename, id }` from another subgraph into an entity. */
import type { MatchesContext } from '../context';

type Reference = Record<string, unknown>;

export const matchReference = {
  __resolveReference: (reference: Reference, { loaders }: MatchesContext) =>
    loaders.match.load(String(reference.id)),
};

export const teamReference = {
  __resolveReference: (reference: Reference, { loaders }: MatchesContext) =>
    loaders.team.load(String(reference.id)),
};

export const playerReference = {
  __resolveReference: (reference: Reference, { loaders }: MatchesContext) =>
    loaders.player.load(String(reference.id)),
};

/** Any customer id is accepted: billing decides whether the customer exists. */
export const customerReference = {
  __resolveReference: (reference: Reference) => ({ id: String(reference.id) }),
};
