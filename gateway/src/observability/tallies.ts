/**
 * Metrics observed on every request, kept as plain numbers and handed to prom-client only when `/metrics` is
 * scraped. prom-client validates the labels, builds a label hash and allocates a closure or two on each
 * observation; the gateway observes a few times per request, and that was most of what its metrics cost. The
 * exposition is the same: the counters go through prom-client's own `Counter`, and the histograms report the
 * values prom-client's `Histogram` would for the same observations.
 */
import { Counter, type LabelValues, type Metric, type MetricValueWithName, type Registry } from 'prom-client';

interface MetricNames<T extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly T[];
  readonly registry: Registry;
}

/** One series of a tallied counter, made once for its label values and kept by its user. */
export class CounterSeries<T extends string> {
  value = 0;

  constructor(readonly labels: Readonly<Record<T, string>>) {}

  inc(): void {
    this.value += 1;
  }
}

/** A counter whose series are incremented as plain numbers and reported through prom-client's `Counter`. */
export class TalliedCounter<T extends string> {
  private readonly all: CounterSeries<T>[] = [];

  constructor(names: MetricNames<T>) {
    const all = this.all;
    new Counter<T>({
      name: names.name,
      help: names.help,
      labelNames: names.labelNames,
      registers: [names.registry],
      collect() {
        this.reset();
        for (const series of all) this.inc(series.labels as LabelValues<T>, series.value);
      },
    });
  }

  /** A new series; the caller keeps it for its label values. */
  series(labels: Readonly<Record<T, string>>): CounterSeries<T> {
    const series = new CounterSeries(labels);
    this.all.push(series);
    return series;
  }
}

/** One series of a tallied histogram: observations per bucket (not cumulative), their sum and count. */
export class HistogramSeries<T extends string> {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;

  constructor(
    readonly labels: Readonly<Record<T, string>>,
    private readonly bounds: readonly number[],
  ) {
    this.counts = bounds.map(() => 0);
  }

  reset(): void {
    this.counts.fill(0);
    this.sum = 0;
    this.count = 0;
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const { bounds } = this;
    for (let i = 0; i < bounds.length; i += 1) {
      if (value <= bounds[i]!) {
        this.counts[i]! += 1;
        break;
      }
    }
    this.sum += value;
    this.count += 1;
  }

  /** The values prom-client's histogram reports for the same observations, in its order. */
  values(name: string): (MetricValueWithName<string> & { sharedLabels: LabelValues<T> })[] {
    const values = [];
    let cumulative = 0;
    for (const [i, bound] of this.bounds.entries()) {
      cumulative += this.counts[i]!;
      values.push(this.value({ le: bound }, cumulative, `${name}_bucket`, null));
    }
    values.push(
      this.value({ le: '+Inf' }, this.count, `${name}_bucket`, null),
      this.value({}, this.sum, `${name}_sum`, undefined),
      this.value({}, this.count, `${name}_count`, undefined),
    );
    return values;
  }

  private value(labels: LabelValues<string>, value: number, metricName: string, exemplar: null | undefined) {
    return { labels, sharedLabels: this.labels as LabelValues<T>, value, metricName, exemplar };
  }
}

/**
 * A histogram whose series are observed as plain numbers. The registry takes it as it takes prom-client's own
 * metrics (an object with a name, help, type and the values to print); it prints what prom-client's
 * `Histogram` would print for the same observations.
 */
export class TalliedHistogram<T extends string> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  private readonly all: HistogramSeries<T>[] = [];

  constructor(
    names: MetricNames<T>,
    private readonly bounds: readonly number[],
  ) {
    this.name = names.name;
    this.help = names.help;
    names.registry.registerMetric(this as unknown as Metric);
  }

  /** A new series; the caller keeps it for its label values. */
  series(labels: Readonly<Record<T, string>>): HistogramSeries<T> {
    const series = new HistogramSeries(labels, this.bounds);
    this.all.push(series);
    return series;
  }

  /** What the registry prints: each line with its own labels (`le`) and its series' labels, shared. */
  async getForPromString() {
    const { name, help, type, aggregator } = this;
    return { name, help, type, aggregator, values: this.all.flatMap((series) => series.values(name)) };
  }

  /** The same with each line's labels whole, as prom-client's histogram gives it for JSON. */
  async get() {
    const metric = await this.getForPromString();
    const values = metric.values.map(({ sharedLabels, labels, ...value }) => ({
      ...value,
      labels: { ...labels, ...sharedLabels },
    }));
    return { ...metric, values };
  }

  /** Zeroes every series (their users keep them). */
  reset(): void {
    for (const series of this.all) series.reset();
  }
}
