/**
 * Checks for the insights fields' arguments. Each failure is a BAD_USER_INPUT error naming the argument;
 * nothing here reaches the database.
 */
import { BadUserInputError } from "../errors/index.js";
import { isFullDate } from "../model/index.js";

/** Longest id or search text accepted; real ids and names are far shorter. */
export const MAX_TEXT_LENGTH = 200;

/** `value` is an integer within [min, max]; `null`/`undefined` take `fallback`. */
export function integerArgument(
  name: string,
  value: number | null | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const actual = value ?? fallback;
  if (!Number.isInteger(actual) || actual < min || actual > max) {
    throw new BadUserInputError(name, `\`${name}\` must be an integer from ${min} to ${max}.`);
  }
  return actual;
}

/** `asOf` is absent or a real day written YYYY-MM-DD. */
export function asOfArgument(name: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!isFullDate(value))
    throw new BadUserInputError(name, `\`${name}\` must be a date written YYYY-MM-DD, e.g. 2019-06-30.`);
  return value;
}

/** An entity id: non-blank, of sane length, without control characters. Existence is checked by the caller. */
export function idArgument(name: string, value: string): string {
  if (value.trim() === "") throw new BadUserInputError(name, `\`${name}\` must not be blank.`);
  if (value.length > MAX_TEXT_LENGTH)
    throw new BadUserInputError(name, `\`${name}\` is longer than ${MAX_TEXT_LENGTH} characters.`);
  return value;
}

/** Search text: non-blank, of sane length. */
export function searchTextArgument(name: string, value: string): string {
  const text = value.normalize("NFC").trim();
  if (text === "") throw new BadUserInputError(name, `\`${name}\` must not be blank.`);
  if (text.length > MAX_TEXT_LENGTH)
    throw new BadUserInputError(name, `\`${name}\` is longer than ${MAX_TEXT_LENGTH} characters.`);
  return text;
}

export function unknownIdError(name: string, id: string): BadUserInputError {
  return new BadUserInputError(name, `\`${name}\`: no entity has the id ${JSON.stringify(id)}.`);
}
