/**
 * The supergraph as `@apollo/gateway` should load it. The gateway refuses links marked `for: SECURITY` that it
 * does not enforce itself; Meridian enforces `@authenticated` and `@requiresScopes` in its own pipeline before
 * planning (`step.ts`, with the rules `readAccessPolicies` in `@meridian/kit` reads), so the mark is dropped
 * for the planner only.
 */
export function supergraphForPlanner(supergraphSdl: string): string {
  return supergraphSdl.replace(
    /(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes)\/v[\d.]+"), for: SECURITY\)/g,
    '$1)',
  );
}
