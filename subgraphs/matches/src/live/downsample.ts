/** Thins a live stream of frames to one every `every` seconds of match time, and filters events by type. */

/** Frames whose period-clock step of `every` seconds differs from the previous frame's; all without `every`. */
export async function* everyInterval<T extends { period: number; time: number }>(
  source: AsyncIterable<T>,
  every: number | undefined,
): AsyncGenerator<T> {
  let lastKey = '';
  for await (const frame of source) {
    if (every === undefined) {
      yield frame;
      continue;
    }
    // Float32 clocks are off by microseconds; the margin keeps a frame on the step it was meant for.
    const key = `${frame.period}:${Math.floor((frame.time + 1e-4) / every)}`;
    if (key === lastKey) continue;
    lastKey = key;
    yield frame;
  }
}

export async function* ofTypes<T extends { type: string }>(
  source: AsyncIterable<T>,
  types: readonly string[] | undefined,
): AsyncGenerator<T> {
  for await (const event of source)
    if (!types || types.length === 0 || types.includes(event.type)) yield event;
}
