import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { seedIfEmpty } from '../seed';
import { openMatchesStore, type EventRecord, type MatchesStore } from '../store';
import { importSkillCorner } from './skillcorner';
import { ingestMatch } from './write';
import { SHARED_DATA_DIR } from '@meridian/kit';

const data = path.join(SHARED_DATA_DIR, 'football');
const match2011166 = path.join(data, 'skillcorner_aleague_2024_25', '2011166');
const kloppy = path.join(data, 'kloppy_fixtures');
const maybe = fs.existsSync(data) ? describe : describe.skip;
if (!fs.existsSync(data)) console.warn(`skipping the SkillCorner importer tests: ${data} is absent`);

/** What the test reads of the match sheet, parsed on its own. */
interface MatchSheet {
  match_periods: { period: number; start_frame: number }[];
  players: {
    id: number;
    team_id: number;
    short_name: string;
    start_time: string | null;
    end_time: string | null;
    yellow_card: number;
    red_card: number;
    player_role: { name: string; acronym: string };
    playing_time: { by_period: { name: string; start_frame: number; end_frame: number }[] | null } | null;
  }[];
}

const SKILLCORNER_TYPES: Record<string, string> = {
  player_possession: 'PLAYER_POSSESSION',
  passing_option: 'PASSING_OPTION',
  on_ball_engagement: 'ON_BALL_ENGAGEMENT',
  off_ball_run: 'OFF_BALL_RUN',
};

/** The line each SkillCorner role acronym names; an unused substitute has none. */
const LINES: Record<string, string> = {
  GK: 'GOALKEEPER',
  LCB: 'DEFENDER',
  RCB: 'DEFENDER',
  CB: 'DEFENDER',
  LB: 'DEFENDER',
  RB: 'DEFENDER',
  LWB: 'DEFENDER',
  RWB: 'DEFENDER',
  DM: 'MIDFIELDER',
  LDM: 'MIDFIELDER',
  RDM: 'MIDFIELDER',
  LM: 'MIDFIELDER',
  RM: 'MIDFIELDER',
  AM: 'MIDFIELDER',
  CM: 'MIDFIELDER',
  LW: 'FORWARD',
  RW: 'FORWARD',
  LF: 'FORWARD',
  RF: 'FORWARD',
  CF: 'FORWARD',
  SUB: 'UNKNOWN',
};

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'matches-import-'));

maybe('SkillCorner importer on the real open data', () => {
  let store: MatchesStore;
  beforeAll(async () => {
    ({ store } = await openMatchesStore({
      location: { dialect: 'sqlite', file: path.join(tempDir(), 'm.sqlite') },
      seedIfEmpty: (fresh) => seedIfEmpty(fresh, { seed: 1, trackedMatches: 0 }),
    }));
  });
  afterAll(() => store.close());

  it('imports match 2011166: 36 players, 3,966 dynamic events and 20 substitution events, joined by frame to its periods', async () => {
    const bundle = importSkillCorner({
      match: path.join(match2011166, '2011166_match.json'),
      events: path.join(match2011166, '2011166_dynamic_events.csv'),
      phases: path.join(match2011166, '2011166_phases_of_play.csv'),
    });
    const summary = await ingestMatch(store, bundle);
    expect(summary).toMatchObject({ players: 36, events: 3966 + 20 });
    const [lineup, events, periods, phases] = await Promise.all([
      store.lineupsByMatchIds(['sc_match_2011166']),
      store.eventsByMatchIds(['sc_match_2011166'], {}),
      store.periodsByMatchIds(['sc_match_2011166']),
      store.phasesByMatchIds(['sc_match_2011166']),
    ]);
    expect(lineup).toHaveLength(36);
    expect(lineup.filter((l) => l.starter)).toHaveLength(22);
    // The dynamic events, and a substitute coming on and a player going off for each of 10 substitutions.
    expect(events).toHaveLength(3966 + 20);
    expect(phases.length).toBeGreaterThan(0);
    for (const event of events) {
      const period = periods.find((p) => p.period === event.period)!;
      expect(event.frame).toBeGreaterThanOrEqual(period.startFrame);
      expect(event.frame).toBeLessThanOrEqual(period.endFrame);
    }
    const passes = await store.eventsByMatchIds(['sc_match_2011166'], { types: ['PLAYER_POSSESSION'] });
    expect(passes).toHaveLength(784);
    const [match] = await store.matchesByIds(['sc_match_2011166']);
    expect(match).toMatchObject({ homeScore: 2, awayScore: 3, pitchLength: 105, pitchWidth: 68 });
  });

  it('keeps every dynamic event as the CSV has it, field by field', async () => {
    const matchFile = path.join(match2011166, '2011166_match.json');
    const eventsFile = path.join(match2011166, '2011166_dynamic_events.csv');
    await ingestMatch(store, importSkillCorner({ match: matchFile, events: eventsFile }));
    const rows = parse(fs.readFileSync(eventsFile, 'utf8'), { columns: true }) as Record<string, string>[];
    const sheet = JSON.parse(fs.readFileSync(matchFile, 'utf8')) as MatchSheet;
    const teamOfPlayer = new Map(sheet.players.map((p) => [String(p.id), String(p.team_id)]));
    const periodStartFrame = new Map(sheet.match_periods.map((p) => [p.period, p.start_frame]));
    const stored = new Map(
      (await store.eventsByMatchIds(['sc_match_2011166'], {})).map((event) => [event.id, event]),
    );

    const mismatches: string[] = [];
    for (const row of rows) {
      const event = stored.get(`sc_match_2011166_${row.event_id}`);
      if (!event) {
        mismatches.push(`${row.event_id}: not imported`);
        continue;
      }
      const player = (id: string | undefined) => (id ? `sc_player_${id}` : null);
      const period = Number(row.period);
      const targeted = player(row.player_targeted_id);
      const pass = row.event_type === 'player_possession' && row.end_type === 'pass';
      // Event coordinates have the event's team attacking +x; the tracking's frame has left_to_right as +x.
      const turn = row.attacking_side === 'right_to_left' ? -1 : 1;
      const metres = (value: string | undefined) => (value ? turn * Number(value) : null);
      const expected: Partial<Record<keyof EventRecord, unknown>> = {
        type: SKILLCORNER_TYPES[row.event_type!],
        providerType: row.event_subtype ? `${row.event_type}:${row.event_subtype}` : row.event_type,
        period,
        frame: Number(row.frame_start),
        endFrame: Number(row.frame_end),
        teamId: `sc_team_${row.team_id}`,
        playerId: player(row.player_id),
        receiverId: pass && row.pass_outcome === 'successful' ? targeted : null,
        targetId: pass ? targeted : null,
        opponentId: row.event_type === 'on_ball_engagement' ? targeted : null,
        x: metres(row.x_start),
        y: metres(row.y_start),
        endX: metres(row.x_end),
        endY: metres(row.y_end),
        outcome: row.pass_outcome || row.end_type || null,
      };
      for (const [field, value] of Object.entries(expected)) {
        const actual = event[field as keyof EventRecord];
        const same =
          typeof value === 'number' && typeof actual === 'number'
            ? Math.abs(actual - value) < 1e-9
            : actual === value;
        if (!same) mismatches.push(`${row.event_id} ${field}: imported ${actual}, source ${value}`);
      }
      // time_start is a match clock (the second half starts at 45:00) and, for on-ball engagements, the
      // time of frame_physical_start: the imported time must agree with both readings of the source.
      const clock = row.time_start!.split(':').reduce((total, part) => total * 60 + Number(part), 0);
      const fromClock = clock - (period - 1) * 45 * 60;
      const startFrame = Number(row.frame_physical_start || row.frame_start);
      const fromFrames = (startFrame - periodStartFrame.get(period)!) / 10;
      if (Math.abs(event.time - fromClock) > 0.001 || Math.abs(event.time - fromFrames) > 0.001) {
        mismatches.push(
          `${row.event_id} time: imported ${event.time}, source ${row.time_start} (frame ${startFrame})`,
        );
      }
      // A receiver is a team-mate; an engagement's opponent is not.
      if (expected.receiverId && teamOfPlayer.get(row.player_targeted_id!) !== row.team_id) {
        mismatches.push(`${row.event_id}: receiver ${row.player_targeted_id} is not a team-mate`);
      }
      if (expected.opponentId && teamOfPlayer.get(row.player_targeted_id!) === row.team_id) {
        mismatches.push(`${row.event_id}: opponent ${row.player_targeted_id} is a team-mate`);
      }
    }
    expect(rows).toHaveLength(3966);
    expect(mismatches).toEqual([]);
    const dynamic = [...stored.values()].filter((e) => e.type !== 'SUBSTITUTION' && e.type !== 'CARD');
    expect(dynamic).toHaveLength(rows.length);
    // The figures: 513 completed passes name a receiver, 1,436 rows a targeted player.
    expect(dynamic.filter((e) => e.receiverId)).toHaveLength(513);
    expect(dynamic.filter((e) => e.targetId || e.opponentId)).toHaveLength(
      rows.filter((row) => row.player_targeted_id).length,
    );
  });

  it("takes each player's line from his role, and substitutions and cards from the match sheet", async () => {
    const matchFile = path.join(match2011166, '2011166_match.json');
    await ingestMatch(store, importSkillCorner({ match: matchFile }));
    const sheet = JSON.parse(fs.readFileSync(matchFile, 'utf8')) as MatchSheet;
    const [players, lineup, events] = await Promise.all([
      store.playersByIds(sheet.players.map((p) => `sc_player_${p.id}`)),
      store.lineupsByMatchIds(['sc_match_2011166']),
      store.eventsByMatchIds(['sc_match_2011166'], { types: ['SUBSTITUTION', 'CARD'] }),
    ]);
    const clockInPeriod = (clock: string, period: number) =>
      clock.split(':').reduce((total, part) => total * 60 + Number(part), 0) - (period - 1) * 45 * 60;
    const mismatches: string[] = [];
    for (const p of sheet.players) {
      const id = `sc_player_${p.id}`;
      const position = players.find((player) => player.id === id)?.position;
      if (position !== LINES[p.player_role.acronym]) {
        mismatches.push(`${p.short_name} (${p.player_role.name}): position ${position}`);
      }
      const entry = lineup.find((l) => l.playerId === id)!;
      const spells = p.playing_time?.by_period ?? [];
      const first = spells[0];
      const last = spells[spells.length - 1];
      const cameOn =
        p.start_time && p.start_time !== '00:00:00' && first
          ? {
              period: Number(first.name.replace('period_', '')),
              time: clockInPeriod(p.start_time, Number(first.name.replace('period_', ''))),
              frame: first.start_frame,
            }
          : null;
      const wentOff =
        p.end_time && last
          ? {
              period: Number(last.name.replace('period_', '')),
              time: clockInPeriod(p.end_time, Number(last.name.replace('period_', ''))),
              frame: last.end_frame,
            }
          : null;
      const expected = {
        starter: p.start_time === '00:00:00',
        role: p.player_role.acronym,
        cameOn,
        wentOff,
        yellowCards: p.yellow_card,
        redCards: p.red_card,
      };
      const actual = {
        starter: entry.starter,
        role: entry.role,
        cameOn: entry.cameOn,
        wentOff: entry.wentOff,
        yellowCards: entry.yellowCards,
        redCards: entry.redCards,
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches.push(
          `${p.short_name}: lineup ${JSON.stringify(actual)}, sheet ${JSON.stringify(expected)}`,
        );
      }
      const moments = events
        .filter((e) => e.playerId === id)
        .map((e) => ({ providerType: e.providerType, period: e.period, time: e.time, frame: e.frame }));
      const expectedMoments = [
        ...(cameOn ? [{ providerType: 'substitution:on', ...cameOn }] : []),
        ...(wentOff ? [{ providerType: 'substitution:off', ...wentOff }] : []),
      ];
      if (JSON.stringify(moments) !== JSON.stringify(expectedMoments)) {
        mismatches.push(
          `${p.short_name}: events ${JSON.stringify(moments)}, sheet ${JSON.stringify(expectedMoments)}`,
        );
      }
    }
    expect(mismatches).toEqual([]);
    expect(
      players
        .filter((p) => p.position === 'GOALKEEPER')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['J. Oluwayemi', 'M. Langerak']);
    // Each substitution swaps a player going off for one coming on, at the same moment, in the same team.
    const swaps = (type: string) =>
      events
        .filter((e) => e.providerType === type)
        .map((e) => `${e.teamId} ${e.period} ${e.time}`)
        .sort();
    expect(swaps('substitution:on')).toHaveLength(10);
    expect(swaps('substitution:on')).toEqual(swaps('substitution:off'));
    // Two yellow cards, both Melbourne Victory's: the sheet counts them but gives no time, so no card event.
    expect(
      lineup
        .filter((l) => l.yellowCards! > 0)
        .map((l) => l.playerId)
        .sort(),
    ).toEqual(
      [
        'sc_player_' + sheet.players.find((p) => p.short_name === 'B. Hamill')!.id,
        'sc_player_' + sheet.players.find((p) => p.short_name === 'L. Jackson')!.id,
      ].sort(),
    );
    expect(events.filter((e) => e.type === 'CARD')).toEqual([]);
  });

  it('makes a player who left the pitch with a red card a sending-off, not a substitution', async () => {
    const sheet = JSON.parse(
      fs.readFileSync(path.join(match2011166, '2011166_match.json'), 'utf8'),
    ) as MatchSheet;
    const sentOff = sheet.players.find((p) => p.short_name === 'I. Hughes')!;
    sentOff.red_card = 1;
    const file = path.join(tempDir(), '2011166_match.json');
    fs.writeFileSync(file, JSON.stringify(sheet));
    await ingestMatch(store, importSkillCorner({ match: file }));
    const events = await store.eventsByMatchIds(['sc_match_2011166'], {
      playerId: `sc_player_${sentOff.id}`,
    });
    const lastSpell = sentOff.playing_time!.by_period!.at(-1)!;
    expect(
      events.map((e) => ({
        type: e.type,
        outcome: e.outcome,
        period: e.period,
        frame: e.frame,
        time: e.time,
      })),
    ).toEqual([
      // end_time 01:26:46 is 41:46 into the second half, which starts at 45:00.
      { type: 'CARD', outcome: 'RED', period: 2, frame: lastSpell.end_frame, time: 41 * 60 + 46 },
    ]);
    const [entry] = (await store.lineupsByMatchIds(['sc_match_2011166'])).filter(
      (l) => l.playerId === `sc_player_${sentOff.id}`,
    );
    expect(entry).toMatchObject({ redCards: 1, wentOff: { period: 2, time: 41 * 60 + 46 } });
  });

  it('imports the tracking excerpt: every frame with a period, each player where the file puts him', async () => {
    const trackingFile = path.join(kloppy, 'skillcorner_v3_raw_data.jsonl');
    const bundle = importSkillCorner({
      match: path.join(kloppy, 'skillcorner_meta_data.json'),
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
