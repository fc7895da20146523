/**
 * The 21 channels of C-MAPSS (names as cited from Saxena et al. 2008), with what FD001's training engines
 * show: the mean over their first 20 cycles (healthy), the change of that mean by their last 5 cycles
 * (failure), and the spread between healthy engines. The demo generator degrades engines along these
 * figures, so the remaining-life model trained on FD001 reads generated engines as it reads real ones.
 */
export interface CmapssSensor {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  readonly healthy: number;
  readonly driftAtFailure: number;
  readonly spread: number;
}

const sensor = (
  name: string,
  description: string,
  unit: string,
  healthy: number,
  driftAtFailure: number,
  spread: number,
): CmapssSensor => ({ name, description, unit, healthy, driftAtFailure, spread });

export const CMAPSS_SENSORS: readonly CmapssSensor[] = [
  sensor('T2', 'Total temperature at fan inlet', '°R', 518.67, 0, 0),
  sensor('T24', 'Total temperature at LPC outlet', '°R', 642.3808, 1.2892, 0.3831),
  sensor('T30', 'Total temperature at HPC outlet', '°R', 1586.8398, 15.4492, 4.5828),
  sensor('T50', 'Total temperature at LPT outlet', '°R', 1402.7583, 26.1684, 5.9349),
  sensor('P2', 'Pressure at fan inlet', 'psia', 14.62, 0, 0),
  sensor('P15', 'Total pressure in bypass duct', 'psia', 21.6095, 0.0005, 0.0021),
  sensor('P30', 'Total pressure at HPC outlet', 'psia', 553.9506, -2.4558, 0.6234),
  sensor('Nf', 'Physical fan speed', 'rpm', 2388.0584, 0.1738, 0.0554),
  sensor('Nc', 'Physical core speed', 'rpm', 9056.0069, 41.9851, 8.3492),
  sensor('epr', 'Engine pressure ratio (P50/P2)', '', 1.3, 0, 0),
  sensor('Ps30', 'Static pressure at HPC outlet', 'psia', 47.3525, 0.7897, 0.1787),
  sensor('phi', 'Ratio of fuel flow to Ps30', 'pps/psi', 521.9099, -2.1007, 0.5072),
  sensor('NRf', 'Corrected fan speed', 'rpm', 2388.0557, 0.1778, 0.0548),
  sensor('NRc', 'Corrected core speed', 'rpm', 8137.3729, 29.4936, 7.8682),
  sensor('BPR', 'Bypass ratio', '', 8.4183, 0.1021, 0.0266),
  sensor('farB', 'Burner fuel-air ratio', '', 0.03, 0, 0),
  sensor('htBleed', 'Bleed enthalpy', '', 392.2605, 3.9795, 1.1466),
  sensor('Nf_dmd', 'Demanded fan speed', 'rpm', 2388, 0, 0),
  sensor('PCNfR_dmd', 'Demanded corrected fan speed', 'rpm', 100, 0, 0),
  sensor('W31', 'HPT coolant bleed', 'lbm/s', 38.9328, -0.4868, 0.1299),
  sensor('W32', 'LPT coolant bleed', 'lbm/s', 23.3601, -0.2901, 0.0798),
];

/** Normal range of a channel: the healthy mean, widened by a few healthy spreads (or a small margin). */
const NORMAL_RANGE_SPREADS = 4;
const CONSTANT_CHANNEL_MARGIN = 0.001;

export function normalRange(channel: CmapssSensor): { min: number; max: number } {
  const half = Math.max(
    channel.spread * NORMAL_RANGE_SPREADS,
    Math.abs(channel.healthy) * CONSTANT_CHANNEL_MARGIN,
  );
  return { min: channel.healthy - half, max: channel.healthy + half };
}
