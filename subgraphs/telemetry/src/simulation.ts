/**
 * The fleet the demo stream and the benchmarks fly: each engine's planned life and the readings it sends,
 * the C-MAPSS sensors they are named after, and the trained remaining-life models that judge them.
 */
export { auxiliaryName, planEngine, sampleChannels } from './generate/fleet';
export { CMAPSS_SENSORS } from './cmapss/sensors';
export { models } from './models/assess';
