/**
 * A bar chart of one measure over time buckets, one stacked colour per series (key, subgraph, operation).
 * Drawn by recharts; the numbers are also in the table each page shows beside its charts.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatNumber } from '../lib/format';
import styles from './console.module.css';

export const PALETTE = [
  '#1d5fa8',
  '#e07b39',
  '#2e9e6a',
  '#b8336a',
  '#7a5cc4',
  '#c9a227',
  '#4aa3c2',
  '#6b6b6b',
];

export interface ChartRow {
  readonly label: string;
  readonly [series: string]: number | string;
}

/** A limit drawn across a chart, e.g. the most requests the rate limit lets through in one bucket. */
export interface ChartLimit {
  readonly value: number;
  readonly label: string;
}

const LIMIT_COLOUR = '#c0392b';

/** Axis ticks stay short (36K, 1.2M) so a limit far above the bars still fits the axis. */
const compact = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 });

export default function SeriesChart({
  title,
  rows,
  series,
  limit,
}: {
  title: string;
  rows: ChartRow[];
  series: { key: string; name: string }[];
  limit?: ChartLimit;
}) {
  return (
    <figure className={`${styles.panel} ${styles.figure}`} aria-label={title}>
      <figcaption>
        <strong>{title}</strong>
        {limit ? <span data-testid="chart-limit"> (dashed line: {limit.label})</span> : null}
      </figcaption>
      <div className={styles.chart}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={12} />
            <YAxis
              tick={{ fontSize: 11 }}
              width={44}
              allowDecimals={false}
              tickFormatter={(value: number) => compact.format(value)}
            />
            <Tooltip formatter={(value) => formatNumber(Number(value))} />
            {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
            {series.map((entry, index) => (
              <Bar
                key={entry.key}
                dataKey={entry.key}
                name={entry.name}
                stackId="all"
                fill={PALETTE[index % PALETTE.length]}
                isAnimationActive={false}
              />
            ))}
            {limit ? (
              <ReferenceLine
                y={limit.value}
                ifOverflow="extendDomain"
                stroke={LIMIT_COLOUR}
                strokeDasharray="6 4"
                strokeWidth={2}
                label={{ value: limit.label, position: 'insideTopRight', fill: LIMIT_COLOUR, fontSize: 11 }}
              />
            ) : null}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
