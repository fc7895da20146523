/**
 * The frames of one `sensorReadings` subscription: window summaries from the engine's topic are folded by a
 * `Downsampler` and a frame leaves every `every` ms (none when nothing arrived). A subscriber reading slower
 * than frames come loses the oldest beyond `MAX_QUEUED_FRAMES`, never the newest.
 */
import { MAX_QUEUED_FRAMES } from '../config';
import { Downsampler, type EngineWindows, type ReadingFrame } from './downsample';

export function downsampledFrames(
  source: AsyncIterable<EngineWindows>,
  sensors: readonly string[],
  every: number,
  clock: () => number = Date.now,
): AsyncIterableIterator<ReadingFrame> {
  const sampler = new Downsampler(sensors);
  const upstream = source[Symbol.asyncIterator]();
  const queue: ReadingFrame[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  let from = clock();
  const timer = setInterval(() => {
    const to = clock();
    const frame = sampler.flush(from, to);
    from = to;
    if (!frame) return;
    queue.push(frame);
    if (queue.length > MAX_QUEUED_FRAMES) queue.shift();
    notify();
  }, every);

  const finish = async () => {
    if (finished) return;
    finished = true;
    clearInterval(timer);
    notify();
    await upstream.return?.();
  };

  void (async () => {
    for (;;) {
      const next = await upstream.next();
      if (next.done || finished) break;
      sampler.add(next.value);
    }
    await finish();
  })();

  return {
    async next(): Promise<IteratorResult<ReadingFrame>> {
      while (queue.length === 0 && !finished) await new Promise<void>((resolve) => (wake = resolve));
      const frame = queue.shift();
      return frame ? { value: frame, done: false } : { value: undefined, done: true };
    },
    async return(): Promise<IteratorResult<ReadingFrame>> {
      await finish();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
