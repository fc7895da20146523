import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { seedIfEmpty } from '../seed';
import { openMatchesStore, type EventRecord, type MatchesStore } from '../store';
import { ImportError } from './errors';
import { importMetrica } from './metrica';
import { importPff } from './pff';
import { ingestMatch } from './write';
import { SHARED_DATA_DIR } from '@meridian/kit';

const data = path.join(SHARED_DATA_DIR, 'football');
const kloppy = path.join(data, 'kloppy_fixtures');
const metrica = path.join(data, 'metrica_sample_game_1');
const maybe = fs.existsSync(data) ? describe : describe.skip;
if (!fs.existsSync(data)) console.warn(`skipping the PFF and Metrica importer tests: ${data} is absent`);

const METRICA_TYPES: Record<string, string> = {
  PASS: 'PASS',
  SHOT: 'SHOT',
  'SET PIECE': 'SET_PIECE',
  RECOVERY: 'RECOVERY',
  'BALL LOST': 'BALL_LOST',
  'BALL OUT': 'BALL_OUT',
  CHALLENGE: 'CHALLENGE',
  'FAULT RECEIVED': 'FOUL',
  CARD: 'CARD',
  CARRY: 'CARRY',
};

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'matches-import-'));

maybe('PFF and Metrica importers on the real samples', () => {
  let store: MatchesStore;
  beforeAll(async () => {
    ({ store } = await openMatchesStore({
      location: { dialect: 'sqlite', file: path.join(tempDir(), 'm.sqlite') },
      seedIfEmpty: (fresh) => seedIfEmpty(fresh, { seed: 1, trackedMatches: 0 }),
    }));
  });
  afterAll(() => store.close());

  it('imports the PFF excerpt: its 100 frames in two periods, each player at the position the file gives', async () => {
    const trackingFile = path.join(kloppy, 'pff_3812.jsonl');
    const bundle = importPff({
      metadata: path.join(kloppy, 'pff_metadata_3812.json'),
      rosters: path.join(kloppy, 'pff_rosters_3812.json'),
      tracking: trackingFile,
    });
    await ingestMatch(store, bundle);
    const raw = fs
      .readFileSync(trackingFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(
        (line) =>
          JSON.parse(line) as {
            frameNum: number;
            period: number;
            homePlayers: { jerseyNum: string; x: number; y: number }[];
          },
      );
    const periods = await store.periodsByMatchIds([bundle.match.id]);
    expect(periods.map((p) => p.period)).toEqual([...new Set(raw.map((r) => r.period))].sort());
    expect(bundle.tracking!.periods.reduce((n, p) => n + p.frames.length, 0)).toBe(raw.length);
    const [match] = await store.matchesByIds([bundle.match.id]);
    expect(match!.frameRate).toBeCloseTo(29.97, 2);

    const sample = raw[raw.length - 1]!;
    const window = await store.frameWindow(bundle.match.id, sample.period, sample.frameNum, sample.frameNum);
    const at = Array.from(window!.frames).indexOf(sample.frameNum);
    const lineup = await store.lineupsByMatchIds([bundle.match.id]);
    const home = bundle.match.homeTeamId;
    for (const p of sample.homePlayers) {
      const entry = lineup.find((l) => l.teamId === home && l.shirtNumber === Number(p.jerseyNum))!;
      // Stored to the centimetre: within half a centimetre of the file.
      expect(Math.abs(window!.slots.get(entry.slot!)!.x[at]! - p.x)).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(window!.slots.get(entry.slot!)!.y[at]! - p.y)).toBeLessThanOrEqual(0.0051);
    }
    const kickOffs = await store.eventsByMatchIds([bundle.match.id], { types: ['KICK_OFF'] });
    expect(kickOffs.map((e) => e.period)).toEqual([1, 2]);
  });

  it('imports Metrica game 1: 1,745 events and the real tracking rows, in metres from the centre spot', async () => {
    const trackingDir = path.join(metrica, 'tracking_first_frames_via_kloppy');
    const bundle = importMetrica({
      events: path.join(metrica, 'Sample_Game_1_RawEventsData.csv'),
      tracking: [path.join(trackingDir, 'metrica_home.csv'), path.join(trackingDir, 'metrica_away.csv')],
    });
    const summary = await ingestMatch(store, bundle);
    expect(summary.events).toBe(1745);
    expect(summary.frames).toBe(6);
    // Frame 1 of the home file: Player11 at (0.00082, 0.48238) of the pitch from the top-left corner.
    const window = await store.frameWindow(bundle.match.id, 1, 1, 1);
    const lineup = await store.lineupsByMatchIds([bundle.match.id]);
    const keeper = lineup.find((l) => l.playerId.endsWith('home_player11'))!;
    expect(window!.slots.get(keeper.slot!)!.x[0]).toBeCloseTo((0.00082 - 0.5) * 105, 1);
    expect(window!.slots.get(keeper.slot!)!.y[0]).toBeCloseTo((0.5 - 0.48238) * 68, 1);
    // A player off the pitch (NaN in the file) has no position, and is left out of the frame.
    const substitute = lineup.find((l) => l.playerId.endsWith('home_player12'))!;
    expect(window!.slots.get(substitute.slot!)!.x[0]).toBeNaN();
    // The first pass: Player19 to Player21 from (0.45, 0.39) to (0.55, 0.43) at frame 1.
    const [first] = await store.eventsByMatchIds([bundle.match.id], { types: ['PASS'] });
    expect(first).toMatchObject({ frame: 1, endFrame: 3, outcome: null });
    expect(first!.playerId).toMatch(/away_player19$/);
    expect(first!.receiverId).toMatch(/away_player21$/);
    expect(first!.x).toBeCloseTo((0.45 - 0.5) * 105, 2);
    expect(first!.y).toBeCloseTo((0.5 - 0.39) * 68, 2);
    expect(first!.endX).toBeCloseTo((0.55 - 0.5) * 105, 2);
    expect(first!.endY).toBeCloseTo((0.5 - 0.43) * 68, 2);
  });

  it('keeps every Metrica event as the CSV has it, field by field', async () => {
    const eventsFile = path.join(metrica, 'Sample_Game_1_RawEventsData.csv');
    const trackingDir = path.join(metrica, 'tracking_first_frames_via_kloppy');
    const bundle = importMetrica({
      events: eventsFile,
      tracking: [path.join(trackingDir, 'metrica_home.csv'), path.join(trackingDir, 'metrica_away.csv')],
    });
    await ingestMatch(store, bundle);
    const rows = parse(fs.readFileSync(eventsFile, 'utf8'), { columns: true }) as Record<string, string>[];
    const stored = new Map(
      (await store.eventsByMatchIds([bundle.match.id], {})).map((event) => [event.id, event]),
    );
    // Metrica's clock runs through both halves; a period starts with its kick-off, its first event.
    const periodStart = new Map<string, number>();
    for (const row of rows) {
      if (!periodStart.has(row.Period!)) periodStart.set(row.Period!, Number(row['Start Time [s]']));
    }
    const team = (row: Record<string, string>) => `metrica_sample_game_1_${row.Team!.toLowerCase()}`;
    const player = (row: Record<string, string>, name: string | undefined) =>
      name ? `${team(row)}_${name.toLowerCase()}` : null;
    const metres = (value: string | undefined, toMetres: (fraction: number) => number) =>
      value && value !== 'NaN' ? toMetres(Number(value)) : null;
    const alongPitch = (fraction: number) => (fraction - 0.5) * 105;
    const acrossPitch = (fraction: number) => (0.5 - fraction) * 68;

    const mismatches: string[] = [];
    rows.forEach((row, index) => {
      // The header is line 1: the row at index i is on line i + 2.
      const line = index + 2;
      const event = stored.get(`${bundle.match.id}_e${line}`);
      if (!event) {
        mismatches.push(`line ${line}: not imported`);
        return;
      }
      const pass = row.Type === 'PASS';
      const expected: Partial<Record<keyof EventRecord, unknown>> = {
        type: METRICA_TYPES[row.Type!] ?? 'OTHER',
        providerType: row.Subtype ? `${row.Type}:${row.Subtype}` : row.Type,
        period: Number(row.Period),
        frame: Number(row['Start Frame']),
        endFrame: Number(row['End Frame']),
        time: Number(row['Start Time [s]']) - periodStart.get(row.Period!)!,
        teamId: team(row),
        playerId: player(row, row.From),
        receiverId: pass ? player(row, row.To) : null,
        targetId: pass ? player(row, row.To) : null,
        opponentId: null,
        x: metres(row['Start X'], alongPitch),
        y: metres(row['Start Y'], acrossPitch),
        endX: metres(row['End X'], alongPitch),
        endY: metres(row['End Y'], acrossPitch),
        outcome: row.Subtype || null,
      };
      for (const [field, value] of Object.entries(expected)) {
        const actual = event[field as keyof EventRecord];
        // Positions are kept to the centimetre, times to the millisecond.
        const same =
          typeof value === 'number' && typeof actual === 'number'
            ? Math.abs(actual - value) <= 0.005
            : actual === value;
        if (!same) mismatches.push(`line ${line} ${field}: imported ${actual}, source ${value}`);
      }
    });
    expect(rows).toHaveLength(1745);
    expect(stored.size).toBe(rows.length);
    expect(mismatches).toEqual([]);
    // Only a PASS (a completed one: a failed pass is a BALL LOST) names a receiver, always a team-mate.
    expect(rows.filter((row) => row.To).every((row) => row.Type === 'PASS')).toBe(true);
    // The four yellow cards are in the lineup too; the sample names no roles, so no player has a line.
    const lineup = await store.lineupsByMatchIds([bundle.match.id]);
    const booked = rows.filter((row) => row.Type === 'CARD').map((row) => player(row, row.From));
    expect(
      lineup
        .filter((entry) => entry.yellowCards! > 0)
        .map((entry) => entry.playerId)
        .sort(),
    ).toEqual(booked.sort());
    const players = await store.playersByIds(lineup.map((entry) => entry.playerId));
    expect(new Set(players.map((p) => p.position))).toEqual(new Set(['UNKNOWN']));
  });

  it('rejects a Metrica row with a bad number, naming the file and the line', () => {
    const dir = tempDir();
    const file = path.join(dir, 'Sample_Game_1_RawEventsData.csv');
    const lines = fs.readFileSync(path.join(metrica, 'Sample_Game_1_RawEventsData.csv'), 'utf8').split('\n');
    lines[9] = lines[9]!.replace(/^(\w+),(\w[^,]*),([^,]*),1,/, '$1,$2,$3,one,');
    fs.writeFileSync(file, lines.join('\n'));
    let error: unknown;
    try {
      importMetrica({ events: file, tracking: [] });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(/^Sample_Game_1_RawEventsData\.csv:10: Period/);
  });
});
