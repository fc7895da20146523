/**
 * Questions of the question builder that admins saved, to ask again later. Each belongs to the admin who
 * saved it; a shared one is listed to every admin, but only its owner deletes it. The question is kept as the
 * JSON of what was asked and checked again whenever it is asked, so a field later dropped from the
 * vocabulary refuses the question rather than reaching SQL.
 */
import type { Kysely } from 'kysely';
import type { BillingDatabase, SavedQuestionTable } from './tables';

export interface SavedQuestionRecord {
  id: string;
  ownerId: string;
  name: string;
  shared: boolean;
  /** The question's JSON, as saved. */
  question: string;
  createdAt: Date;
}

const toSavedQuestion = (row: SavedQuestionTable): SavedQuestionRecord => ({
  id: row.id,
  ownerId: row.owner_id,
  name: row.name,
  shared: Number(row.shared) === 1,
  question: row.question,
  createdAt: new Date(row.created_at),
});

export function createSavedQuestionsStore(db: Kysely<BillingDatabase>) {
  return {
    async saveQuestion(record: SavedQuestionRecord): Promise<void> {
      await db
        .insertInto('saved_question')
        .values({
          id: record.id,
          owner_id: record.ownerId,
          name: record.name,
          shared: record.shared ? 1 : 0,
          question: record.question,
          created_at: record.createdAt.toISOString(),
        })
        .execute();
    },
    /** The questions `ownerId` saved and the ones other admins shared, newest first. */
    async savedQuestionsFor(ownerId: string): Promise<SavedQuestionRecord[]> {
      const rows = await db
        .selectFrom('saved_question')
        .selectAll()
        .where((eb) => eb.or([eb('owner_id', '=', ownerId), eb('shared', '=', 1)]))
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toSavedQuestion);
    },
    async countSavedQuestions(ownerId: string): Promise<number> {
      const row = await db
        .selectFrom('saved_question')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('owner_id', '=', ownerId)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    /** Deletes a question of `ownerId`; resolves to whether there was one. */
    async deleteSavedQuestion(id: string, ownerId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('saved_question')
        .where('id', '=', id)
        .where('owner_id', '=', ownerId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
