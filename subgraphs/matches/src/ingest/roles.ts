/**
 * Providers name roles in many ways; the API's Position is one of four lines, or UNKNOWN when the role names
 * none (a substitute on the bench, anonymised data). Nothing falls back to a line the provider did not give.
 */
export function positionOf(role: string): string {
  const name = role.trim().toLowerCase();
  if (/goal|^gk$/.test(name)) return 'GOALKEEPER';
  if (/back|defender|^(cb|lb|rb|lcb|rcb|mcb|lwb|rwb)$/.test(name)) return 'DEFENDER';
  if (/forward|attacker|striker|wing|^(cf|st|lw|rw|lf|rf)$/.test(name)) return 'FORWARD';
  if (/midfield|^(cm|dm|am|lm|rm|lcm|rcm|ldm|rdm|cdm|cam)$/.test(name)) return 'MIDFIELDER';
  return 'UNKNOWN';
}
