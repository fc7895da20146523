import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openMatchesStore, type MatchesStore } from '../store';
import { ImportError } from './errors';
import { importMetrica } from './metrica';
import { importPff } from './pff';
import { SHARED_DATA_DIR } from '@meridian/kit';

const data = path.join(SHARED_DATA_DIR, 'football');
const kloppy = path.join(data, 'kloppy_fixtures');
const metrica = path.join(data, 'metrica_sample_game_1');
const maybe = fs.existsSync(data) ? describe : describe.skip;
if (!fs.existsSync(data)) console.warn(`skipping the PFF and Metrica importer tests: ${data} is absent`);

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'matches-import-'));

maybe('PFF and Metrica importers on the real samples', () => {
  let store: MatchesStore;
  beforeAll(async () => {
    ({ store } = await openMatchesStore({
      location: { dialect: 'sqlite', file: path.join(tempDir(), 'm.sqlite') },
      seed: 1,
      trackedMatches: 0,
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
    await store.ingestMatch(bundle);
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
    const summary = await store.ingestMatch(bundle);
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
