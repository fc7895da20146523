/** Opaque page cursors for matches: base64url of the kick-off and id the next page starts after. */
import type { MatchCursor } from '../store';
import { badInput } from './limits';

export function encodeCursor(match: { kickoff: Date; id: string }): string {
  return Buffer.from(JSON.stringify([match.kickoff.toISOString(), match.id])).toString('base64url');
}

export function decodeCursor(cursor: string): MatchCursor {
  try {
    const [kickoff, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof kickoff === 'string' && typeof id === 'string') return { kickoff, id };
  } catch {
    // Falls through to the error below: any undecodable cursor is the caller's mistake.
  }
  throw badInput('after', 'is not a cursor this API gave out');
}
