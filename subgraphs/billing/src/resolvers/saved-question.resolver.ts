import { codedError } from '@meridian/schema';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Authenticated, newId, RequiresScopes } from '@meridian/kit';
import { requireAdmin } from '../auth/principal';
import { parseQuestionInput, type QuestionInput } from '../bi/question-input';
import type { BillingContext } from '../context';
import type { SavedQuestionRecord } from '../store';
import { SaveQuestionInput, SavedQuestion } from '../schema/saved-question.type';

const MAX_QUESTION_NAME_LENGTH = 80;
/** Questions one admin may keep: a list anyone can still read through. */
const MAX_SAVED_QUESTIONS = 200;

/** The admin's user id: saved questions belong to a person, so a call without a portal session is refused. */
function adminUser(principal: BillingContext['principal']): string {
  const admin = requireAdmin(principal);
  if (admin.userId === null) throw codedError('FORBIDDEN', 'saved questions belong to a signed-in admin');
  return admin.userId;
}

function questionName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > MAX_QUESTION_NAME_LENGTH || /\p{Cc}/u.test(trimmed)) {
    throw codedError(
      'BAD_USER_INPUT',
      `name must be 1 to ${MAX_QUESTION_NAME_LENGTH} characters, without control characters`,
      { argument: 'input.name', limit: MAX_QUESTION_NAME_LENGTH },
    );
  }
  return trimmed;
}

function toSavedQuestion(record: SavedQuestionRecord, userId: string): SavedQuestion {
  const question = JSON.parse(record.question) as QuestionInput;
  return {
    id: record.id,
    name: record.name,
    shared: record.shared,
    mine: record.ownerId === userId,
    createdAt: record.createdAt,
    metric: question.metric,
    field: question.field ?? null,
    groupBy: (question.groupBy ?? []).map((group) => ({ field: group.field, bucket: group.bucket ?? null })),
    filter: (question.filter ?? []).map((condition) => ({ ...condition, values: [...condition.values] })),
  };
}

@Resolver()
export class SavedQuestionResolver {
  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => [SavedQuestion], {
    description: "The caller's saved questions and the ones other admins shared, newest first (admins).",
  })
  async savedQuestions(@Ctx() { store, principal }: BillingContext): Promise<SavedQuestion[]> {
    const userId = adminUser(principal);
    return (await store.savedQuestionsFor(userId)).map((record) => toSavedQuestion(record, userId));
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => SavedQuestion, {
    description: 'Saves a question of the question builder, checked as `summarize` checks it (admins).',
  })
  async saveQuestion(
    @Arg('input', () => SaveQuestionInput) input: SaveQuestionInput,
    @Ctx() { store, principal, services }: BillingContext,
  ): Promise<SavedQuestion> {
    const userId = adminUser(principal);
    const name = questionName(input.name);
    const question: QuestionInput = {
      metric: input.metric,
      field: input.field ?? null,
      groupBy: (input.groupBy ?? []).map((group) => ({ field: group.field, bucket: group.bucket ?? null })),
      filter: (input.filter ?? []).map((condition) => ({
        field: condition.field,
        op: condition.op,
        values: condition.values,
      })),
    };
    parseQuestionInput(question);
    if ((await store.countSavedQuestions(userId)) >= MAX_SAVED_QUESTIONS) {
      throw codedError('BAD_USER_INPUT', `at most ${MAX_SAVED_QUESTIONS} saved questions each`, {
        argument: 'input',
        limit: MAX_SAVED_QUESTIONS,
      });
    }
    const record: SavedQuestionRecord = {
      id: newId('qst'),
      ownerId: userId,
      name,
      shared: input.shared,
      question: JSON.stringify(question),
      createdAt: services.now(),
    };
    await store.saveQuestion(record);
    return toSavedQuestion(record, userId);
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Boolean, {
    description: 'Deletes one of the caller’s saved questions; false when it has none with this id (admins).',
  })
  async deleteSavedQuestion(
    @Arg('id', () => ID) id: string,
    @Ctx() { store, principal }: BillingContext,
  ): Promise<boolean> {
    return store.deleteSavedQuestion(id, adminUser(principal));
  }
}
