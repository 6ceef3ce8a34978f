/**
 * What a reconciliation client may ask (W3C Entity Reconciliation API 0.2, the protocol OpenRefine speaks:
 * https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/), checked before any
 * Cypher runs, every limit one constant here. The endpoint is anonymous, so each request's cost is bounded:
 * at most RECONCILE_LIMITS.batchSize queries (413 beyond, as the spec allows), names of at most 300
 * characters, at most 25 candidates each, at most 10 properties of 10 values. Pure: unit-tested.
 */
import { z } from "zod";
import { BadRequestError, BadUserInputError } from "../errors/index.js";
import { ENTITY_KINDS, type EntityKind, LIMITS } from "../graph-data/index.js";

export const RECONCILE_LIMITS = {
  /** Queries in one batch (OpenRefine sends 10 at a time). */
  batchSize: 50,
  /** Characters of a query's name, a property value, a suggest prefix. */
  textLength: LIMITS.textLength,
  /** Characters of a query's key in the batch. */
  keyLength: 100,
  /** Candidates per query. */
  maxLimit: 25,
  defaultLimit: 5,
  /** Properties per query, and values per property. */
  properties: 10,
  values: 10,
  /** Suggestions per suggest request. */
  suggestions: 10,
  /** How far a suggest `cursor` may page. */
  maxCursor: 200,
} as const;

/** Properties a query may give (the manifest's suggest service lists them). */
export const RECONCILE_PROPERTIES = [
  {
    id: "country",
    name: "Country",
    description:
      "The country a city lies in (IN_COUNTRY): its ISO 3166-1 code (FI), its name in any language, or its id",
  },
  { id: "wikidata", name: "Wikidata id", description: "The entity's Wikidata item (Q1757)" },
  { id: "geonames", name: "GeoNames id", description: "The place's GeoNames id (658225)" },
  { id: "iso3166", name: "ISO 3166-1 code", description: "A country's two-letter code (FI)" },
  { id: "url", name: "Official web address", description: "The entity's official site" },
] as const;
export type ReconcilePropertyId = (typeof RECONCILE_PROPERTIES)[number]["id"];
const PROPERTY_IDS = RECONCILE_PROPERTIES.map((property) => property.id) as [
  ReconcilePropertyId,
  ...ReconcilePropertyId[],
];

export interface ReconcileQuery {
  /** The name to match (may be absent when properties are given). */
  readonly query: string | undefined;
  /** Entity kinds the candidates must have (none: any). */
  readonly types: readonly EntityKind[];
  readonly limit: number;
  readonly properties: readonly { readonly pid: ReconcilePropertyId; readonly values: readonly string[] }[];
  /**
   * Why this query can match nothing, when its cell cannot: empty or blank with no properties, or a name over
   * RECONCILE_LIMITS.textLength characters. Such a query answers no candidates; the rest of its batch is
   * answered as usual (a tool reconciling a column loses only that cell, not its nine neighbours).
   */
  readonly unmatchable?: string;
}

const text = z
  .string()
  .trim()
  .max(RECONCILE_LIMITS.textLength, `must be at most ${RECONCILE_LIMITS.textLength} characters`);
/** A property value: a string, a number, a boolean, or an entity reconciled before ({ id, name }). */
const propertyValue = z.union([
  text,
  z.number().transform(String),
  z.boolean().transform(String),
  z.looseObject({ id: text, name: text.optional() }).transform((value) => value.id),
]);
const QuerySchema = z.looseObject({
  // Its length is checked apart (a cell too long to match answers no candidates, not a refusal).
  query: z.string().trim().optional(),
  type: z
    .union([z.string(), z.array(z.string()).max(ENTITY_KINDS.length)])
    .optional()
    .transform((value) => (value === undefined ? [] : [value].flat())),
  limit: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(RECONCILE_LIMITS.maxLimit, `must be at most ${RECONCILE_LIMITS.maxLimit}`)
    .optional(),
  properties: z
    .array(
      z.looseObject({
        pid: z.enum(PROPERTY_IDS, `must be one of ${PROPERTY_IDS.join(", ")}`),
        v: z.union([propertyValue, z.array(propertyValue).max(RECONCILE_LIMITS.values)]),
      }),
    )
    .max(RECONCILE_LIMITS.properties, `must have at most ${RECONCILE_LIMITS.properties} properties`)
    .optional(),
  type_strict: z.enum(["should", "all", "any"]).optional(),
});

/** The batch as sent: JSON text (form field or query parameter `queries`) or an object (a JSON body). */
export function parseQueryBatch(input: unknown): Map<string, ReconcileQuery> {
  let batch = input;
  if (typeof input === "string") {
    try {
      batch = JSON.parse(input) as unknown;
    } catch {
      throw new BadUserInputError("queries", "`queries` is not valid JSON.");
    }
  }
  if (!batch || typeof batch !== "object" || Array.isArray(batch)) {
    throw new BadUserInputError("queries", "`queries` must be a JSON object of queries by key.");
  }
  const entries = Object.entries(batch);
  if (entries.length === 0) throw new BadUserInputError("queries", "`queries` holds no query.");
  if (entries.length > RECONCILE_LIMITS.batchSize) {
    throw new BadRequestError(
      `A batch may hold at most ${RECONCILE_LIMITS.batchSize} queries (the manifest's batchSize); this one has ${entries.length}.`,
      413,
    );
  }
  const queries = new Map<string, ReconcileQuery>();
  for (const [key, value] of entries) {
    if (key.length > RECONCILE_LIMITS.keyLength) {
      throw new BadUserInputError("queries", `A query key is longer than ${RECONCILE_LIMITS.keyLength} characters.`);
    }
    const parsed = QuerySchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join(".") ?? "";
      throw new BadUserInputError(
        `queries.${key}${field ? `.${field}` : ""}`,
        `Query ${JSON.stringify(key)}${field ? `, ${field}` : ""}: ${issue?.message ?? "not a reconciliation query"}.`,
      );
    }
    const { query, type, limit, properties } = parsed.data;
    const unknownType = type.find((kind) => !(ENTITY_KINDS as readonly string[]).includes(kind));
    if (unknownType !== undefined) {
      throw new BadUserInputError(
        `queries.${key}.type`,
        `Query ${JSON.stringify(key)}: unknown type ${JSON.stringify(unknownType.slice(0, 100))}; the types are ${ENTITY_KINDS.join(", ")}.`,
      );
    }
    const values = (properties ?? []).map((property) => ({
      pid: property.pid,
      values: [property.v].flat().filter((v) => v.length > 0),
    }));
    const unmatchable =
      query !== undefined && query.length > RECONCILE_LIMITS.textLength
        ? `a name over ${RECONCILE_LIMITS.textLength} characters`
        : !query && values.every((property) => property.values.length === 0)
          ? "neither a name nor properties"
          : undefined;
    queries.set(key, {
      query: unmatchable ? undefined : query || undefined,
      types: type as EntityKind[],
      limit: limit ?? RECONCILE_LIMITS.defaultLimit,
      properties: unmatchable ? [] : values,
      ...(unmatchable ? { unmatchable } : {}),
    });
  }
  return queries;
}

/** A suggest request's `prefix` and `cursor`. */
export function parseSuggest(prefix: unknown, cursor: unknown): { prefix: string; cursor: number } {
  if (typeof prefix !== "string" || prefix.trim().length === 0) {
    throw new BadUserInputError("prefix", "`prefix` is required: the text typed so far.");
  }
  if (prefix.length > RECONCILE_LIMITS.textLength) {
    throw new BadUserInputError("prefix", `\`prefix\` must be at most ${RECONCILE_LIMITS.textLength} characters.`);
  }
  const offset = cursor === undefined || cursor === "" ? 0 : Number(cursor);
  if (!Number.isInteger(offset) || offset < 0 || offset > RECONCILE_LIMITS.maxCursor) {
    throw new BadUserInputError("cursor", `\`cursor\` must be a whole number from 0 to ${RECONCILE_LIMITS.maxCursor}.`);
  }
  return { prefix: prefix.trim(), cursor: offset };
}
