/**
 * Checks for the insights fields' arguments. Each failure is a BAD_USER_INPUT error naming the argument;
 * nothing here reaches the database.
 */
import { MAX_LIST_SIZE } from "../config/index.js";
import { BadUserInputError } from "../errors/index.js";
import { RELATIONSHIP_TYPES, type RelationshipType, isFullDate, isRelationshipType } from "../graph-data/index.js";

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

/** A `limit` argument: 1 to MAX_LIST_SIZE (the one list-size policy, src/config/list-size.ts). */
export function limitArgument(value: number | null | undefined, fallback: number, name = "limit"): number {
  return integerArgument(name, value, fallback, 1, MAX_LIST_SIZE);
}

/** Describes a `limit` argument the same way everywhere. */
export function limitDescription(what: string): string {
  return `At most this many ${what} (1–${MAX_LIST_SIZE}).`;
}

/** A list argument of a write: at most MAX_LIST_SIZE items. */
export function listArgument<T>(name: string, value: readonly T[] | null | undefined): readonly T[] {
  const list = value ?? [];
  if (list.length > MAX_LIST_SIZE) {
    throw new BadUserInputError(name, `\`${name}\` takes at most ${MAX_LIST_SIZE} items; split the write.`);
  }
  return list;
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

/**
 * The relationship types a traversal may use: `include` (all types when omitted) minus `exclude`. Every
 * name must be a type of the model's vocabulary; an empty result is refused, since nothing could be walked.
 */
export function relationshipTypesArgument(
  include: readonly string[] | null | undefined,
  exclude: readonly string[] | null | undefined,
): RelationshipType[] {
  for (const [name, list] of [
    ["relationshipTypes", include],
    ["excludeRelationshipTypes", exclude],
  ] as const) {
    const unknown = (list ?? []).filter((type) => !isRelationshipType(type));
    if (unknown.length > 0) {
      throw new BadUserInputError(
        name,
        `\`${name}\`: unknown relationship type(s) ${unknown.map(quoteTypeName).join(", ")}; known: ${RELATIONSHIP_TYPES.join(", ")}.`,
      );
    }
  }
  const allowed = (include ?? RELATIONSHIP_TYPES).filter(
    (type): type is RelationshipType => isRelationshipType(type) && !(exclude ?? []).includes(type),
  );
  if (allowed.length === 0) {
    throw new BadUserInputError(
      include ? "relationshipTypes" : "excludeRelationshipTypes",
      "`relationshipTypes` minus `excludeRelationshipTypes` leaves no relationship type to follow.",
    );
  }
  return [...new Set(allowed)];
}

/** Echoes a type name back only when it looks like one; anything else is not repeated to the client. */
function quoteTypeName(value: string): string {
  return /^[A-Za-z_]{1,40}$/.test(value) ? JSON.stringify(value) : "(a value that is not a type name)";
}
