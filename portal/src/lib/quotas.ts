/**
 * The admin partners table's quota query: one aliased `quota` field per partner shown, ten partners to an
 * operation. Its text depends on how many partners are shown, so it is the one operation of the portal
 * built at run time. Its fields are the generated `QuotaUse` fragment, checked against the schema like
 * every other document, and `portal/scripts/src/typed-documents.test.ts` validates the whole operation.
 */
import { graphql } from '../gql';
import { TypedDocumentString, type QuotaUseFragment } from '../gql/graphql';

/** The gateway allows 10 root fields an operation (`maxRootFields`): quotas are asked for ten at a time. */
export const QUOTAS_PER_CALL = 10;

const QUOTA_USE = graphql(`
  fragment QuotaUse on Quota {
    used
    limit
  }
`);

/** Each partner's quota, aliased `q0`, `q1`, … as the variables `p0`, `p1`, … name the partners. */
export type PartnerQuotas = Readonly<Record<string, QuotaUseFragment>>;

/** The operation for `count` partners (at most `QUOTAS_PER_CALL`), their ids given as `p0`, `p1`, …. */
export function partnerQuotasOperation(
  count: number,
): TypedDocumentString<PartnerQuotas, Readonly<Record<string, string>>> {
  const indexes = Array.from({ length: count }, (_, i) => i);
  return new TypedDocumentString(`query PartnerQuotas(${indexes.map((i) => `$p${i}: ID!`).join(', ')}) {
  ${indexes.map((i) => `q${i}: quota(partnerId: $p${i}) { ...QuotaUse }`).join('\n  ')}
}
${QUOTA_USE.toString()}`);
}
