/** Downsampling: which frames of a series to return so that consecutive ones are `every` seconds apart. */

/**
 * Indices of the frames with `from <= time <= to`, keeping the first frame of each `every`-second step
 * counted from `from`. Without `every`, every frame in the window.
 */
export function sampleIndices(times: Float32Array, from: number, to: number, every?: number): number[] {
  const indices: number[] = [];
  let lastStep = -1;
  // Float32 times are off by a few microseconds; this keeps 0.1 s frames in their own step.
  const epsilon = 1e-4;
  for (let i = 0; i < times.length; i++) {
    const time = times[i] as number;
    if (time < from - epsilon || time > to + epsilon) continue;
    if (every === undefined) {
      indices.push(i);
      continue;
    }
    const step = Math.floor((time - from + epsilon) / every);
    if (step > lastStep) {
      indices.push(i);
      lastStep = step;
    }
  }
  return indices;
}
