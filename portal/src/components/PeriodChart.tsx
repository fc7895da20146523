/**
 * Bars over consecutive periods (weeks, months) where the last may be unfinished. A period in progress is
 * drawn hatched and labelled "so far", so a week two days old reads as two days of a week, not as a
 * collapse. Drawn by recharts, like every chart of the console.
 */
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import styles from './console.module.css';
import { PALETTE } from './SeriesChart';

export interface PeriodBar {
  /** The period's short label on the axis, e.g. the Monday of a week. */
  readonly label: string;
  readonly value: number;
  readonly partial: boolean;
}

const compact = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 });

export default function PeriodChart({
  title,
  bars,
  format,
  partialNote,
}: {
  title: string;
  bars: PeriodBar[];
  format: (value: number) => string;
  /** Says what the hatched bar is, e.g. "the week of 30 Nov 2026, so far". */
  partialNote?: string;
}) {
  const hatch = `hatch-${useId().replace(/[^a-zA-Z0-9-]/g, '')}`;
  const colour = PALETTE[0]!;
  const rows = bars.map((bar) => ({ ...bar, label: bar.partial ? `${bar.label} (so far)` : bar.label }));
  return (
    <figure className={`${styles.panel} ${styles.figure}`} aria-label={title}>
      <figcaption>
        <strong>{title}</strong>
        {partialNote ? <span data-testid="partial-note"> (hatched bar: {partialNote})</span> : null}
      </figcaption>
      <div className={styles.chart}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <defs>
              <pattern
                id={hatch}
                width="6"
                height="6"
                patternUnits="userSpaceOnUse"
                patternTransform="rotate(45)"
              >
                <rect width="6" height="6" fill={colour} fillOpacity={0.18} />
                <line x1="0" y1="0" x2="0" y2="6" stroke={colour} strokeWidth="3" />
              </pattern>
            </defs>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={12} />
            <YAxis
              tick={{ fontSize: 11 }}
              width={48}
              tickFormatter={(value: number) => compact.format(value)}
            />
            <Tooltip formatter={(value) => format(Number(value))} />
            <Bar dataKey="value" name={title} isAnimationActive={false}>
              {rows.map((row) => (
                <Cell
                  key={row.label}
                  data-partial={row.partial ? 'true' : undefined}
                  fill={row.partial ? `url(#${hatch})` : colour}
                  stroke={row.partial ? colour : undefined}
                  strokeDasharray={row.partial ? '4 3' : undefined}
                />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
