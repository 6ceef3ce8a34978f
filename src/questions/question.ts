/**
 * What a saved question is: a named, reviewed GraphQL operation with a title, a description, typed
 * parameters with defaults, and how its answer becomes a table (stable columns, one row per record). The
 * operations are persisted documents: the server runs them as any GraphQL request, through the same limits,
 * roles and result cache (src/server/questions-route.ts), and offers them by id over `GET /graphql`.
 *
 * Pure (no HTTP, no database): the parameters are checked here and the rows flattened here, so both are
 * unit-tested without a server.
 */
import { createHash } from "node:crypto";
import { BadUserInputError } from "../errors/index.js";
import {
  ID_PATTERN,
  RELATIONSHIP_TYPES,
  UNDATED_POLICIES,
  isFullDate,
  isRelationshipType,
  isUndatedPolicy,
} from "../graph-data/index.js";

/** A cell of a table: what JSON carries as is and CSV writes as text (null: an empty cell). */
export type Cell = string | number | boolean | null;

/** A source cited for a relationship, as the API's `Citation` answers it. */
export interface QuestionCitation {
  readonly sourceId: string;
  readonly title: string;
  readonly publisher?: string | null;
  readonly publisherKind?: string | null;
  readonly party?: boolean | null;
  readonly published?: string | null;
  readonly url?: string | null;
  readonly excerpt?: string | null;
  readonly locator?: string | null;
}

/** A relationship a row stands for, with the sources that state it (the second table, `table=sources`). */
export interface RowRelationship {
  readonly id: string;
  readonly sources: readonly QuestionCitation[];
}

/** One row: its cells by column name, and the relationships it stands for (none for a count). */
export interface QuestionRow {
  readonly cells: Readonly<Record<string, Cell>>;
  readonly relationships?: readonly RowRelationship[];
}

/** The kinds of parameter a question takes, each with its rule. */
export type ParameterType =
  | { readonly kind: "entity" }
  | { readonly kind: "entities"; readonly min: number; readonly max: number }
  | { readonly kind: "date" }
  | { readonly kind: "year" }
  | { readonly kind: "int"; readonly min: number; readonly max: number }
  | { readonly kind: "undated" }
  | { readonly kind: "types" }
  | { readonly kind: "choice"; readonly values: readonly string[] };

/** A parameter's value once checked. */
export type ParameterValue = string | number | readonly string[] | null;

export interface QuestionParameter {
  readonly name: string;
  readonly type: ParameterType;
  readonly description: string;
  /** Used when the query string leaves the parameter out (or empty); null: none (e.g. all dates). */
  readonly default: ParameterValue | (() => ParameterValue);
}

export interface SavedQuestion<TData = unknown> {
  /** The address part: `/questions/<name>.csv`; also the persisted document's id. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** One GraphQL query operation, named `operationName`. */
  readonly document: string;
  readonly operationName: string;
  readonly parameters: readonly QuestionParameter[];
  /** The operation's variables from the checked parameters. */
  readonly variables: (values: Readonly<Record<string, ParameterValue>>) => Record<string, unknown>;
  /** The table's columns, in order. */
  readonly columns: readonly string[];
  /** Whether rows stand for relationships (they then have sources, and `table=sources` is offered). */
  readonly relationships: boolean;
  /** The answer's `data` as rows. */
  readonly rows: (data: TData, values: Readonly<Record<string, ParameterValue>>) => QuestionRow[];
}

/** A question with its answer's type; stored without it in the catalogue. */
export function defineQuestion<TData>(question: SavedQuestion<TData>): SavedQuestion {
  return question as unknown as SavedQuestion;
}

/** The SHA-256 of a document's text, hex: its id as a persisted document. */
export function documentHash(document: string): string {
  return createHash("sha256").update(document).digest("hex");
}

/** Query-string names the route itself reads; no question may take them as a parameter. */
export const RESERVED_PARAMETERS = ["bom", "table"] as const;

/** What a parameter takes, in a few words (the index and error messages). */
export function describeType(type: ParameterType): string {
  switch (type.kind) {
    case "entity":
      return "an entity id";
    case "entities":
      return `${type.min}–${type.max} entity ids, comma-separated`;
    case "date":
      return "a day, YYYY-MM-DD";
    case "year":
      return "a year";
    case "int":
      return `a whole number ${type.min}–${type.max}`;
    case "undated":
      return UNDATED_POLICIES.join(" | ");
    case "types":
      return "relationship types, comma-separated";
    case "choice":
      return type.values.join(" | ");
  }
}

/** A parameter's default as the index shows it and the variables take it. */
export function defaultOf(parameter: QuestionParameter): ParameterValue {
  return typeof parameter.default === "function" ? parameter.default() : parameter.default;
}

/** The value as a query string writes it (lists comma-separated; null: empty). */
export function formatValue(value: ParameterValue): string {
  if (value === null) return "";
  return Array.isArray(value) ? value.join(",") : String(value);
}

/** One parameter's text checked and converted; a BadUserInputError naming it when it is not right. */
export function parseParameter(parameter: QuestionParameter, text: string): ParameterValue {
  const { name, type } = parameter;
  const refuse = (what: string) =>
    new BadUserInputError(name, `${name} must be ${what}; got ${JSON.stringify(text.slice(0, 100))}.`);
  switch (type.kind) {
    case "entity":
      if (!ID_PATTERN.test(text) || text.length > 200) throw refuse("an entity id (lower-case letters, digits, -)");
      return text;
    case "entities": {
      const ids = text.split(",").map((part) => part.trim());
      if (ids.length < type.min || ids.length > type.max || ids.some((id) => !ID_PATTERN.test(id) || id.length > 200)) {
        throw refuse(describeType(type));
      }
      return ids;
    }
    case "date":
      if (!isFullDate(text)) throw refuse("a date written YYYY-MM-DD");
      return text;
    case "year":
    case "int": {
      const [min, max] = type.kind === "year" ? [1000, 3000] : [type.min, type.max];
      if (!/^-?\d{1,9}$/.test(text)) throw refuse(type.kind === "year" ? "a year" : describeType(type));
      const value = Number(text);
      if (value < min || value > max) throw refuse(`between ${min} and ${max}`);
      return value;
    }
    case "undated":
      if (!isUndatedPolicy(text)) throw refuse(`one of ${UNDATED_POLICIES.join(", ")}`);
      return text;
    case "types": {
      const types = text.split(",").map((part) => part.trim());
      const unknown = types.find((part) => !isRelationshipType(part));
      if (unknown !== undefined) {
        throw new BadUserInputError(
          name,
          `${name}: ${JSON.stringify(unknown.slice(0, 100))} is not a relationship type; the types are ${RELATIONSHIP_TYPES.join(", ")}.`,
        );
      }
      return types;
    }
    case "choice":
      if (!type.values.includes(text)) throw refuse(`one of ${type.values.join(", ")}`);
      return text;
  }
}

/**
 * The query string's parameters checked against the question's: every value converted, defaults filled in,
 * an unknown name or a repeated one refused (a misspelt `entitiy` would otherwise silently answer for the
 * default). `reserved` names (bom, table) are the route's and pass through unread.
 */
export function questionValues(question: SavedQuestion, query: URLSearchParams): Record<string, ParameterValue> {
  const known = new Map(question.parameters.map((parameter) => [parameter.name, parameter]));
  for (const key of new Set(query.keys())) {
    if ((RESERVED_PARAMETERS as readonly string[]).includes(key)) continue;
    if (!known.has(key)) {
      const names = [...known.keys(), ...RESERVED_PARAMETERS];
      throw new BadUserInputError(
        key.slice(0, 100),
        `${question.name} takes no parameter ${JSON.stringify(key.slice(0, 100))}; it takes ${names.join(", ")}.`,
      );
    }
    if (query.getAll(key).length > 1) throw new BadUserInputError(key, `${key} is given more than once.`);
  }
  const values: Record<string, ParameterValue> = {};
  for (const parameter of question.parameters) {
    const text = query.get(parameter.name)?.trim();
    values[parameter.name] = text === undefined || text === "" ? defaultOf(parameter) : parseParameter(parameter, text);
  }
  return values;
}

/** `bom` and `table`: how the answer is written. */
export interface OutputOptions {
  readonly bom: boolean;
  readonly table: "rows" | "sources";
}

export function outputOptions(question: SavedQuestion, query: URLSearchParams): OutputOptions {
  for (const key of RESERVED_PARAMETERS) {
    if (query.getAll(key).length > 1) throw new BadUserInputError(key, `${key} is given more than once.`);
  }
  const bom = query.get("bom") ?? "0";
  if (!["0", "1", "true", "false", ""].includes(bom)) throw new BadUserInputError("bom", "bom must be 1 or 0.");
  const table = query.get("table") || "rows";
  if (table !== "rows" && table !== "sources") {
    throw new BadUserInputError("table", "table must be rows or sources.");
  }
  if (table === "sources" && !question.relationships) {
    throw new BadUserInputError(
      "table",
      `${question.name} answers counts, not relationships: it has no sources table.`,
    );
  }
  return { bom: bom === "1" || bom === "true", table };
}
