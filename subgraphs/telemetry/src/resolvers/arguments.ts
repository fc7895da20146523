/** Checks of list and range arguments shared by the resolvers: a BAD_USER_INPUT naming the argument and its limit. */
import { codedError } from '@meridian/schema';
import { MAX_LIST_SIZE } from '../config';

export function checkCount(argument: string, value: number, max = MAX_LIST_SIZE): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw codedError('BAD_USER_INPUT', `${argument} must be between 1 and ${max}, got ${value}`, {
      argument,
    });
  }
  return value;
}

export function badInput(argument: string, message: string): Error {
  return codedError('BAD_USER_INPUT', `${argument}: ${message}`, { argument });
}
