import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTelemetryStore } from '../store';
import { importCmapss } from './import';
import { CmapssFormatError, groupByUnit, parseCmapss } from './parse';
import { SHARED_DATA_DIR } from '@meridian/kit';

const DATA_DIR = path.join(SHARED_DATA_DIR, 'turbofan', 'cmapss_FD001');
const TRAIN = path.join(DATA_DIR, 'train_FD001.txt');
const withData = fs.existsSync(TRAIN) ? describe : describe.skip;
if (!fs.existsSync(TRAIN)) console.warn(`skipping C-MAPSS file tests: ${TRAIN} is absent`);

const line = (unit: number, cycle: number) =>
  `${unit} ${cycle} -0.0007 -0.0004 100.0 518.67 641.82 1589.70 1400.60 14.62 21.61 554.36 2388.06 9046.19 1.30 47.47 521.66 2388.02 8138.62 8.4195 0.03 392 2388 100.00 39.06 23.4190  `;

describe('parseCmapss', () => {
  it('reads lines with trailing spaces into unit, cycle, settings and 21 sensors', () => {
    const rows = parseCmapss([line(1, 1), line(1, 2), line(2, 1)].join('\n') + '\n', 'x.txt');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatchObject({ unit: 1, cycle: 2, settings: [-0.0007, -0.0004, 100] });
    expect(rows[1]!.sensors).toHaveLength(21);
    expect(rows[1]!.sensors[20]).toBe(23.419);
    expect([...groupByUnit(rows).keys()]).toEqual([1, 2]);
  });

  it('names the file and every malformed line', () => {
    const text = [line(1, 1), '1 2 3', line(1, 2).replace('518.67', 'abc'), line(1, 4), '', line(1, 5)].join(
      '\n',
    );
    let error: unknown;
    try {
      parseCmapss(text, 'bad.txt');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(CmapssFormatError);
    const { file, problems } = error as CmapssFormatError;
    expect(file).toBe('bad.txt');
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6]);
    expect(problems[0]!.message).toMatch(/expected 26 numbers, found 3/);
    expect(problems[1]!.message).toMatch(/column 6 is not a number/);
  });
});

withData('the FD001 training file', () => {
  it('has 100 units run to failure, 20,631 cycles', () => {
    const units = groupByUnit(parseCmapss(fs.readFileSync(TRAIN, 'utf8'), TRAIN));
    expect(units.size).toBe(100);
    const lives = [...units.values()].map((cycles) => cycles.length);
    expect(lives.reduce((a, b) => a + b, 0)).toBe(20631);
    expect(Math.min(...lives)).toBe(128);
    expect(Math.max(...lives)).toBe(362);
  });

  it('imports units as engines and cycles as flights, and refuses a second import', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telemetry-import-'));
    const { store } = await openTelemetryStore({
      location: { dialect: 'sqlite', file: path.join(dir, 't.sqlite') },
      seedIfEmpty: async () => false,
    });
    try {
      const rows = parseCmapss(fs.readFileSync(TRAIN, 'utf8'), TRAIN).filter((row) => row.unit <= 3);
      const summary = await importCmapss(store, rows, { name: 'train_FD001', operatorId: 'cus_0004' });
      expect(summary).toMatchObject({ engines: 3, flights: rows.length, readings: rows.length * 21 });
      const flights = await store.flightsByEngineIds(['eng_train_fd001_u001']);
      expect(flights).toHaveLength(192);
      expect(flights[191]!.channels[2]).toBe(rows[191]!.sensors[2]);
      // A unit at its last cycle is near failure: the model sees little life left and a low health index.
      const [last] = await store.latestAssessmentsByEngineIds(['eng_train_fd001_u001']);
      expect(last!.rul).toBeLessThan(40);
      expect(last!.healthIndex).toBeLessThan(0.4);
      await expect(
        importCmapss(store, rows, { name: 'train_FD001', operatorId: 'cus_0004' }),
      ).rejects.toThrow(/imported already/);
    } finally {
      await store.close();
    }
  });
});
