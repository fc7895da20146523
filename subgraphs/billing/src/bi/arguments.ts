/** Checks of the dashboards' numeric arguments, so every bad number is refused the same way, with its limits. */
import { codedError } from '@meridian/schema';

/** `value` as an integer in `[min, max]`, else BAD_USER_INPUT naming the argument and its limit. */
export function boundedInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw codedError('BAD_USER_INPUT', `${name} must be ${min} to ${max}`, { argument: name, limit: max });
  }
  return value;
}
