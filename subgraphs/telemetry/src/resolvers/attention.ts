/**
 * The fleet overview: which engines need attention and why. An engine is listed when its remaining life is
 * short, its health falls fast, or it has a critical alert in the last day.
 */
import { readableOperators } from '../access';
import { RUL_WARNING_CYCLES } from '../fleet/flights';
import type { TelemetryContext } from '../context';
import type { EngineAttention } from '../schema/telemetry.types';

/** Health falling faster than this per flight is worth a look. */
const FAST_HEALTH_FALL = -0.01;
const RECENT_ALERTS_MS = 24 * 3_600_000;
const ALERTS_CONSIDERED = 5;

export async function needingAttention(
  { store, loaders, access }: TelemetryContext,
  fleetId: string | undefined,
  first: number,
): Promise<EngineAttention[]> {
  const assessments = await store.latestAssessments(fleetId, readableOperators(access));
  const alerts = await Promise.all(
    assessments.map((a) => loaders.latestAlerts(ALERTS_CONSIDERED).load(a.engineId)),
  );
  const listed: EngineAttention[] = [];
  assessments.forEach((assessment, index) => {
    const reasons: string[] = [];
    if (assessment.rul <= RUL_WARNING_CYCLES)
      reasons.push(`about ${Math.round(assessment.rul)} flights of remaining life`);
    if (assessment.healthTrend <= FAST_HEALTH_FALL)
      reasons.push(`health falling ${assessment.healthTrend.toFixed(3)} a flight`);
    const critical = alerts[index]!.filter(
      (a) => a.severity === 'CRITICAL' && a.raisedAt >= assessment.assessedAt - RECENT_ALERTS_MS,
    );
    if (critical.length > 0)
      reasons.push(`${critical.length} critical alert${critical.length > 1 ? 's' : ''}`);
    if (reasons.length > 0) listed.push({ engineId: assessment.engineId, reasons });
  });
  return listed.slice(0, first);
}
