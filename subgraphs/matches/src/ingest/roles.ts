/** Providers name roles in many ways; the API's Position is one of four lines. */
export function positionOf(role: string): string {
  const name = role.toLowerCase();
  if (/goal|^gk$/.test(name)) return 'GOALKEEPER';
  if (/back|defender|^(cb|lb|rb|lcb|rcb|lwb|rwb)$/.test(name)) return 'DEFENDER';
  if (/forward|attacker|striker|wing|^(cf|st|lw|rw|lf|rf)$/.test(name)) return 'FORWARD';
  return 'MIDFIELDER';
}
