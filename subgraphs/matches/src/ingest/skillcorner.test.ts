import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openMatchesStore, type MatchesStore } from '../store';
import { importSkillCorner } from './skillcorner';
import { SHARED_DATA_DIR } from '@meridian/kit';

const data = path.join(SHARED_DATA_DIR, 'football');
const match2011166 = path.join(data, 'skillcorner_aleague_2024_25', '2011166');
const kloppy = path.join(data, 'kloppy_fixtures');
const maybe = fs.existsSync(data) ? describe : describe.skip;
if (!fs.existsSync(data)) console.warn(`skipping the SkillCorner importer tests: ${data} is absent`);

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'matches-import-'));

maybe('SkillCorner importer on the real open data', () => {
  let store: MatchesStore;
  beforeAll(async () => {
    ({ store } = await openMatchesStore({
      location: { dialect: 'sqlite', file: path.join(tempDir(), 'm.sqlite') },
      seed: 1,
      trackedMatches: 0,
    }));
  });
  afterAll(() => store.close());

  it('imports match 2011166: 36 players and 3,966 dynamic events joined by frame to its periods', async () => {
    const bundle = importSkillCorner({
      match: path.join(match2011166, '2011166_match.json'),
      events: path.join(match2011166, '2011166_dynamic_events.csv'),
      phases: path.join(match2011166, '2011166_phases_of_play.csv'),
    });
    const summary = await store.ingestMatch(bundle);
    expect(summary).toMatchObject({ players: 36, events: 3966 });
    const [lineup, events, periods, phases] = await Promise.all([
      store.lineupsByMatchIds(['sc_match_2011166']),
      store.eventsByMatchIds(['sc_match_2011166'], {}),
      store.periodsByMatchIds(['sc_match_2011166']),
      store.phasesByMatchIds(['sc_match_2011166']),
    ]);
    expect(lineup).toHaveLength(36);
    expect(lineup.filter((l) => l.starter)).toHaveLength(22);
    expect(events).toHaveLength(3966);
    expect(phases.length).toBeGreaterThan(0);
    for (const event of events) {
      const period = periods.find((p) => p.period === event.period)!;
      expect(event.frame).toBeGreaterThanOrEqual(period.startFrame);
      expect(event.frame).toBeLessThanOrEqual(period.endFrame);
      expect(event.time).toBeCloseTo((event.frame! - period.startFrame) / 10, 5);
    }
    const passes = await store.eventsByMatchIds(['sc_match_2011166'], { types: ['PLAYER_POSSESSION'] });
    expect(passes).toHaveLength(784);
    const [match] = await store.matchesByIds(['sc_match_2011166']);
    expect(match).toMatchObject({ homeScore: 2, awayScore: 3, pitchLength: 105, pitchWidth: 68 });
  });

  it('imports the tracking excerpt: every frame with a period, each player where the file puts him', async () => {
    const trackingFile = path.join(kloppy, 'skillcorner_v3_raw_data.jsonl');
    const bundle = importSkillCorner({
      match: path.join(kloppy, 'skillcorner_meta_data.json'),
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
            frame: number;
            period: number | null;
            player_data: { player_id: number; x: number; y: number; is_detected: boolean }[];
          },
      );
    const withPeriod = raw.filter((f) => f.period !== null);
    const tracked = bundle.tracking!.periods.reduce((n, p) => n + p.frames.length, 0);
    expect(tracked).toBe(withPeriod.length);
    const sample = withPeriod.find((f) => f.player_data.length > 0)!;
    const window = await store.frameWindow(bundle.match.id, sample.period!, sample.frame, sample.frame);
    const lineup = await store.lineupsByMatchIds([bundle.match.id]);
    const at = Array.from(window!.frames).indexOf(sample.frame);
    for (const p of sample.player_data) {
      const slot = lineup.find((l) => l.playerId === `sc_player_${p.player_id}`)!.slot!;
      expect(window!.slots.get(slot)!.x[at]).toBeCloseTo(p.x, 2);
      expect(window!.slots.get(slot)!.y[at]).toBeCloseTo(p.y, 2);
      expect(window!.slots.get(slot)!.detected[at]).toBe(p.is_detected ? 1 : 0);
    }
  });

  it('rejects a malformed row naming the file and line, and writes nothing', () => {
    const dir = tempDir();
    const events = path.join(dir, '2011166_dynamic_events.csv');
    const lines = fs.readFileSync(path.join(match2011166, '2011166_dynamic_events.csv'), 'utf8').split('\n');
    const broken = lines[41]!.split(',');
    broken[3] = 'not-a-frame';
    lines[41] = broken.join(',');
    fs.writeFileSync(events, lines.join('\n'));
    const cli = path.resolve(__dirname, '..', '..', 'dist', 'ingest', 'cli.js');
    const result = spawnSync(
      process.execPath,
      [cli, 'skillcorner', path.join(match2011166, '2011166_match.json'), events],
      {
        env: { PATH: process.env.PATH, DATA_DIR: dir },
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(65);
    expect(result.stderr).toContain('2011166_dynamic_events.csv:42');
    expect(result.stderr).toContain('frame_start');
    // The store the CLI would have written to holds no imported match.
    expect(fs.existsSync(path.join(dir, 'matches.sqlite'))).toBe(false);
  });
});
