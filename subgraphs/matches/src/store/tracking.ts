/**
 * Reading tracking back from its chunks: whole trajectories of some players (one query for any number of
 * players and matches) and windows of frames with every object.
 */
import type { Kysely } from 'kysely';
import {
  decodeFrameChunk,
  decodeFrameTimes,
  decodeSlotChunk,
  FRAME_SLOT,
  type FrameChunk,
  type SlotChunk,
} from './chunks';
import type { FrameChunkTable, MatchesDatabase } from './tables';

interface TrajectoryPeriod {
  readonly period: number;
  readonly frames: Int32Array;
  readonly times: Float32Array;
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly detected: Uint8Array;
}

/** A player's (a slot's) positions in a match, period by period. */
export interface TrajectoryRecord {
  readonly matchId: string;
  readonly slot: number;
  readonly periods: TrajectoryPeriod[];
}

export interface TrajectoryKey {
  readonly matchId: string;
  readonly slot: number;
}

/** Every frame of one period between two frame numbers, with the ball and every slot. */
export interface FrameWindowRecord extends FrameChunk {
  readonly slots: ReadonlyMap<number, SlotChunk>;
}

type ChunkRow = Pick<FrameChunkTable, 'match_id' | 'slot' | 'period' | 'chunk' | 'frame_count' | 'data'>;

/** SQLite hands BLOBs back as Buffers that may share a pool; a Uint8Array view over the same bytes is enough. */
const bytesOf = (data: Uint8Array) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

type TypedArray = Int32Array | Float32Array | Uint8Array;

/** One field of consecutive chunks as one array, of the same type as the chunks' own. */
function joinField<C, K extends keyof C>(chunks: readonly C[], field: K): C[K] & TypedArray {
  const parts = chunks.map((chunk) => chunk[field] as C[K] & TypedArray);
  const Type = (parts[0]?.constructor ?? Float32Array) as new (length: number) => C[K] & TypedArray;
  const out = new Type(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part as never, at);
    at += part.length;
  }
  return out;
}

export async function readTrajectories(
  db: Kysely<MatchesDatabase>,
  keys: readonly TrajectoryKey[],
): Promise<TrajectoryRecord[]> {
  if (keys.length === 0) return [];
  const matchIds = [...new Set(keys.map((k) => k.matchId))];
  const slots = [...new Set(keys.map((k) => k.slot)), FRAME_SLOT];
  const rows: ChunkRow[] = await db
    .selectFrom('frame_chunk')
    .select(['match_id', 'slot', 'period', 'chunk', 'frame_count', 'data'])
    .where('match_id', 'in', matchIds)
    .where('slot', 'in', slots)
    .orderBy('match_id')
    .orderBy('slot')
    .orderBy('period')
    .orderBy('chunk')
    .execute();
  // match -> slot -> period -> chunks in order
  const grouped = new Map<string, Map<number, Map<number, ChunkRow[]>>>();
  for (const row of rows) {
    const bySlot = grouped.get(row.match_id) ?? new Map<number, Map<number, ChunkRow[]>>();
    grouped.set(row.match_id, bySlot);
    const byPeriod = bySlot.get(row.slot) ?? new Map<number, ChunkRow[]>();
    bySlot.set(row.slot, byPeriod);
    byPeriod.set(row.period, [...(byPeriod.get(row.period) ?? []), row]);
  }
  const timelines = new Map<string, Map<number, { frames: Int32Array; times: Float32Array }>>();
  const timelineOf = (matchId: string) => {
    let timeline = timelines.get(matchId);
    if (!timeline) {
      timeline = new Map();
      for (const [period, chunks] of grouped.get(matchId)?.get(FRAME_SLOT) ?? []) {
        const decoded = chunks.map((c) => decodeFrameTimes(bytesOf(c.data), c.frame_count));
        timeline.set(period, {
          frames: joinField(decoded, 'frames'),
          times: joinField(decoded, 'times'),
        });
      }
      timelines.set(matchId, timeline);
    }
    return timeline;
  };
  const records: TrajectoryRecord[] = [];
  for (const key of keys) {
    const byPeriod = grouped.get(key.matchId)?.get(key.slot);
    if (!byPeriod) continue;
    const timeline = timelineOf(key.matchId);
    const periods: TrajectoryPeriod[] = [];
    for (const [period, chunks] of byPeriod) {
      const decoded = chunks.map((c) => decodeSlotChunk(bytesOf(c.data), c.frame_count));
      const time = timeline.get(period);
      if (!time) continue;
      periods.push({
        period,
        frames: time.frames,
        times: time.times,
        x: joinField(decoded, 'x'),
        y: joinField(decoded, 'y'),
        detected: joinField(decoded, 'detected'),
      });
    }
    records.push({ matchId: key.matchId, slot: key.slot, periods });
  }
  return records;
}

export async function readFrameWindow(
  db: Kysely<MatchesDatabase>,
  matchId: string,
  period: number,
  fromFrame: number,
  toFrame: number,
): Promise<FrameWindowRecord | null> {
  const rows = await db
    .selectFrom('frame_chunk')
    .select(['slot', 'chunk', 'frame_count', 'data'])
    .where('match_id', '=', matchId)
    .where('period', '=', period)
    .where('start_frame', '<=', toFrame)
    .where('end_frame', '>=', fromFrame)
    .orderBy('slot')
    .orderBy('chunk')
    .execute();
  const frameRows = rows.filter((r) => r.slot === FRAME_SLOT);
  if (frameRows.length === 0) return null;
  const frameChunks = frameRows.map((r) => decodeFrameChunk(bytesOf(r.data), r.frame_count));
  const joined = {
    frames: joinField(frameChunks, 'frames'),
    times: joinField(frameChunks, 'times'),
    ballX: joinField(frameChunks, 'ballX'),
    ballY: joinField(frameChunks, 'ballY'),
    ballZ: joinField(frameChunks, 'ballZ'),
    ballDetected: joinField(frameChunks, 'ballDetected'),
    possession: joinField(frameChunks, 'possession'),
  };
  const slots = new Map<number, SlotChunk>();
  const slotNumbers = [...new Set(rows.filter((r) => r.slot !== FRAME_SLOT).map((r) => r.slot))];
  for (const slot of slotNumbers) {
    const decoded = rows
      .filter((r) => r.slot === slot)
      .map((r) => decodeSlotChunk(bytesOf(r.data), r.frame_count));
    slots.set(slot, {
      x: joinField(decoded, 'x'),
      y: joinField(decoded, 'y'),
      detected: joinField(decoded, 'detected'),
    });
  }
  return { ...joined, slots };
}
