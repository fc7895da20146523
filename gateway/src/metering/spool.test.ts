import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UsageEvent } from './event';
import { Spool } from './spool';

const event = (id: string): UsageEvent => ({
  id,
  occurredAt: '2026-11-26T12:00:00.000Z',
  partnerId: 'par_1',
  keyId: 'key_1',
  operation: 'Q',
  subgraphs: ['matches'],
  cost: 3,
  durationMs: 1.5,
  outcome: 'ok',
  bytes: 120,
  subscriptionMessages: 0,
  billable: true,
  requestId: `req-${id}`,
  status: 200,
  errorCode: null,
});

describe('usage spool', () => {
  it('hands over only cut segments, oldest first, and keeps the active one', () => {
    const spool = new Spool(fs.mkdtempSync(path.join(os.tmpdir(), 'spool-')));
    spool.append(event('a'));
    spool.append(event('b'));
    expect(spool.closedSegments()).toEqual([]);
    spool.cut();
    spool.append(event('c'));
    const [first] = spool.closedSegments();
    expect(spool.read(first!).map((e) => e.id)).toEqual(['a', 'b']);
    spool.remove(first!);
    spool.cut();
    expect(
      spool
        .closedSegments()
        .flatMap((file) => spool.read(file))
        .map((e) => e.id),
    ).toEqual(['c']);
  });

  it('hands over the segment cut last from memory, the same as it is on disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-'));
    const spool = new Spool(dir);
    spool.append(event('a'));
    spool.append(event('b'));
    spool.cut();
    const [file] = spool.closedSegments();
    const fromDisk = fs.readFileSync(file!, 'utf8').split('\n').filter(Boolean);
    expect(spool.lines(file!)).toEqual(fromDisk);
    expect(new Spool(dir).lines(file!)).toEqual(fromDisk);
    expect(spool.read(file!)).toEqual([event('a'), event('b')]);
  });

  it('replays what an earlier process left, skipping a line torn by a crash', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-'));
    const before = new Spool(dir);
    before.append(event('x'));
    before.append(event('y'));
    const [file] = fs.readdirSync(dir);
    fs.appendFileSync(path.join(dir, file!), '{"id":"torn","occ');

    const after = new Spool(dir);
    after.append(event('z'));
    after.cut();
    const ids = after.closedSegments().flatMap((segment) => after.read(segment).map((e) => e.id));
    expect(ids).toEqual(['x', 'y', 'z']);
  });
});
