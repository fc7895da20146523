/**
 * Work in flight, shared by everyone who asks for the same thing meanwhile. The first caller of a key runs the
 * work; callers that come before it settles wait for the same promise. When more than one caller shared an
 * answer, each receives its own deep copy, so what one request's executor does to its answer (the gateway
 * merges entities into the objects it got) never shows in another's.
 */
export class InFlight<T> {
  private readonly running = new Map<string, { readonly answer: Promise<T>; sharers: number }>();
  /** Calls answered by work another call had started. */
  shared = 0;
  /** Calls that ran the work themselves. */
  ran = 0;

  async run(key: string, work: () => Promise<T>): Promise<T> {
    const entry = this.running.get(key);
    if (entry) {
      entry.sharers += 1;
      this.shared += 1;
      return structuredClone(await entry.answer);
    }
    this.ran += 1;
    const started = { answer: work(), sharers: 0 };
    this.running.set(key, started);
    try {
      const answer = await started.answer;
      return started.sharers > 0 ? structuredClone(answer) : answer;
    } finally {
      if (this.running.get(key) === started) this.running.delete(key);
    }
  }

  /** Keys with work in flight. */
  get size(): number {
    return this.running.size;
  }
}
