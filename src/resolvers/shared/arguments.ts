/**
 * Checks for the insights fields' arguments. Each failure is a BAD_USER_INPUT error naming the argument;
 * nothing here reaches the database.
 */
import { MAX_LIST_SIZE } from "../../config/index.js";
import { BadUserInputError } from "../../errors/index.js";
import {
  ENTITY_KINDS,
  type EntityKind,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  isEntityKind,
  isFullDate,
  isRelationshipType,
} from "../../graph-data/index.js";

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

/** A required day written YYYY-MM-DD. */
export function dateArgument(name: string, value: string): string {
  if (!isFullDate(value))
    throw new BadUserInputError(name, `\`${name}\` must be a date written YYYY-MM-DD, e.g. 2019-06-30.`);
  return value;
}

/** The longest span of years `activitySeries` covers, and that `compare` may span. */
export const MAX_YEAR_SPAN = 200;

/** Two days in order (`to` on or after `from`), at most MAX_YEAR_SPAN years apart. */
export function dateRangeArguments(from: string, to: string): { from: string; to: string } {
  dateArgument("from", from);
  dateArgument("to", to);
  if (to < from) throw new BadUserInputError("to", "`to` must not be before `from`.");
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > MAX_YEAR_SPAN)
    throw new BadUserInputError("to", `\`from\` and \`to\` may be at most ${MAX_YEAR_SPAN} years apart.`);
  return { from, to };
}

/** Two years in order, within the years ISO dates can hold, at most MAX_YEAR_SPAN apart. */
export function yearRangeArguments(fromYear: number, toYear: number): { fromYear: number; toYear: number } {
  integerArgument("fromYear", fromYear, fromYear, 1, 9999);
  integerArgument("toYear", toYear, toYear, 1, 9999);
  if (toYear < fromYear) throw new BadUserInputError("toYear", "`toYear` must not be before `fromYear`.");
  if (toYear - fromYear > MAX_YEAR_SPAN)
    throw new BadUserInputError("toYear", `\`fromYear\` and \`toYear\` may be at most ${MAX_YEAR_SPAN} years apart.`);
  return { fromYear, toYear };
}

/** Entity kinds to keep; every name must be a kind of the model. Null: every kind. */
export function kindsArgument(name: string, value: readonly string[] | null | undefined): EntityKind[] | null {
  if (value === null || value === undefined) return null;
  const unknown = value.filter((kind) => !isEntityKind(kind));
  if (unknown.length > 0) {
    throw new BadUserInputError(
      name,
      `\`${name}\`: unknown kind(s) ${unknown.map(quoteTypeName).join(", ")}; known: ${ENTITY_KINDS.join(", ")}.`,
    );
  }
  if (value.length === 0) throw new BadUserInputError(name, `\`${name}\` must name at least one kind.`);
  return [...new Set(value)].filter(isEntityKind);
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
