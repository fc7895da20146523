/**
 * The usage spool: every event is appended to a journal file on disk before the response it describes is
 * sent, so an event outlives the gateway process whatever kills it. The journal is cut into numbered
 * segments; a segment is deleted only once billing has answered for all of it, and the events billing refused
 * as malformed are kept aside in a quarantine file. On start, every segment left by an earlier process is
 * replayed (billing drops the ids it has already counted).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { UsageEvent } from './event';

const SEGMENT = /^usage-(\d{12})\.ndjson$/;
/** Where refused events wait for an operator, under the spool folder. */
const QUARANTINE_DIR = 'rejected';

/** A spooled event billing refused as malformed, with the field at fault (null when none was named) and why. */
export interface RefusedUsage {
  readonly event: UsageEvent;
  readonly field: string | null;
  readonly reason: string;
}

export class Spool {
  private sequence: number;
  private active: number | undefined;
  /** The active segment, open for appending while it is active (one open and close per segment). */
  private activeFd: number | undefined;
  /** The active segment's events as written, one JSON text each, so shipping it reads no file. */
  private activeLines: string[] = [];
  /** The segment cut last and its lines, until it is removed or another is cut. */
  private lastCut: { readonly file: string; readonly lines: readonly string[] } | undefined;

  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    const numbers = this.segments().map((file) => Number(SEGMENT.exec(path.basename(file))![1]));
    this.sequence = numbers.length > 0 ? Math.max(...numbers) : 0;
  }

  /** Appends one event to the active segment; synchronous so it is in the file before the caller goes on. */
  append(event: UsageEvent): void {
    if (this.active === undefined) this.active = ++this.sequence;
    this.activeFd ??= fs.openSync(this.file(this.active), 'a');
    const json = JSON.stringify(event);
    const line = `${json}\n`;
    const written = fs.writeSync(this.activeFd, line);
    const bytes = Buffer.byteLength(line);
    if (written < bytes) {
      // A short write (a full disk, say): the rest, from the byte where the first write stopped.
      const rest = Buffer.from(line);
      for (let at = written; at < bytes;) at += fs.writeSync(this.activeFd, rest, at, bytes - at);
    }
    this.activeLines.push(json);
  }

  /** Events in the active segment, not yet handed over. */
  get pending(): number {
    return this.activeLines.length;
  }

  /** Closes the active segment so the shipper can send it; new events go to a new one. */
  cut(): void {
    this.closeActive();
    // Only the newest closed segment is kept in memory: older ones (billing was down) are read from disk.
    this.lastCut =
      this.active === undefined ? this.lastCut : { file: this.file(this.active), lines: this.activeLines };
    this.active = undefined;
    this.activeLines = [];
  }

  /** Closes the active segment's file; it stays active, and is reopened by the next append. */
  close(): void {
    this.closeActive();
  }

  private closeActive(): void {
    if (this.activeFd === undefined) return;
    fs.closeSync(this.activeFd);
    this.activeFd = undefined;
  }

  /** Closed segments, oldest first. */
  closedSegments(): string[] {
    return this.segments().filter(
      (file) => file !== (this.active === undefined ? '' : this.file(this.active)),
    );
  }

  /** The events of a segment; a line torn by a crash in the middle of a write is skipped. */
  read(file: string): UsageEvent[] {
    return this.lines(file).map((line) => JSON.parse(line) as UsageEvent);
  }

  /**
   * The events of a segment as their JSON texts, in order; a line torn by a crash in the middle of a write is
   * skipped. The segment cut last is read from memory.
   */
  lines(file: string): readonly string[] {
    if (this.lastCut?.file === file) return this.lastCut.lines;
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => {
        if (!line) return false;
        try {
          JSON.parse(line);
          return true;
        } catch {
          // Only the last line of a segment can be torn, by a process killed while appending it.
          return false;
        }
      });
  }

  remove(file: string): void {
    fs.rmSync(file, { force: true });
    if (this.lastCut?.file === file) this.lastCut = undefined;
  }

  /**
   * Keeps the events of a segment that billing refused aside for a person to look at: one JSON line each,
   * with billing's reason, in `rejected/` under the segment's name. Appends, so neither a segment replayed
   * after a crash nor a later segment that reuses the number (numbering starts over once the spool is empty)
   * replaces what an operator has not looked at yet. Resolves to the file.
   */
  quarantine(file: string, refused: readonly RefusedUsage[]): string {
    const target = path.join(this.dir, QUARANTINE_DIR, path.basename(file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.appendFileSync(target, refused.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    return target;
  }

  private file(sequence: number): string {
    return path.join(this.dir, `usage-${String(sequence).padStart(12, '0')}.ndjson`);
  }

  private segments(): string[] {
    return fs
      .readdirSync(this.dir)
      .filter((name) => SEGMENT.test(name))
      .sort()
      .map((name) => path.join(this.dir, name));
  }
}
