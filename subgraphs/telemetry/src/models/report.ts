/** The validation table `npm run train` prints: the model against the one it replaced, on the same cuts. */
import type { TrainedModels } from './train';
import type { ValidationFigures } from './validation';

const COLUMNS: readonly [string, (f: ValidationFigures) => string][] = [
  ['RMSE', (f) => f.rmse.toFixed(2)],
  ['MAE', (f) => f.mae.toFixed(2)],
  ['PHM08 /100', (f) => f.phm08Score.toFixed(0)],
  ['bias', (f) => (f.bias >= 0 ? '+' : '') + f.bias.toFixed(2)],
  ['80 % covers', (f) => `${(100 * f.coverage).toFixed(1)} %`],
  ['RMSE uncapped', (f) => f.rmseUncapped.toFixed(2)],
];

export function formatValidationTable(models: TrainedModels): string {
  const { validation, baseline } = models;
  const rows: [string, ValidationFigures][] = [
    ['gradient-boosted trees', validation],
    ['ridge (before)', baseline],
  ];
  const header = ['model', ...COLUMNS.map(([name]) => name)];
  const body = rows.map(([name, figures]) => [name, ...COLUMNS.map(([, cell]) => cell(figures))]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => row[i]!.length)));
  const line = (row: readonly string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [
    `${validation.folds}-fold by engine on ${validation.engines} engines of ${models.source}, ` +
      `${validation.cuts} random cuts, against the remaining life capped at ${models.rul.cap}:`,
    line(header),
    ...body.map(line),
  ].join('\n');
}
