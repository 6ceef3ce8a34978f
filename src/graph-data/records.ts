/**
 * The record model: the one definition of what a source, an entity (of each kind) and a relationship with its
 * citations may hold. Import files (YAML, JSON, CSV), the seed, the API's write mutations, exports and the
 * history all speak this dialect; the zod schemas, the CSV columns and the property mapping are derived from
 * the field tables below, so a field is added in exactly one place (and the SDL in schema/, which a schema
 * test compares with these tables).
 *
 * Id rules: entity and source ids are lowercase slugs with single hyphens (`helsinki-eu-office`), unique
 * across entities AND sources (checked against the input and the graph); relationship ids always contain
 * `--` (the default is `<from>--<TYPE>--<to>`), so they can never be mistaken for an entity or source id.
 */
import { z } from "zod";
import {
  EXTERNAL_ID_SCHEMES,
  type ExternalId,
  type ExternalIdSchemeName,
  LISTED_SCHEMES,
  parseExternalId,
} from "./external-ids.js";
import { implausibleDateMessage, isDateValue } from "./partial-date.js";
import { hasCredentials, hasVisibleText, invisibleCharacterMessage } from "./plain-text.js";
import { ProblemCode } from "./problems.js";
import {
  ENTITY_KINDS,
  type EntityKind,
  ID_PATTERN,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  STATUSES,
  type Status,
  defaultRelationshipId,
} from "./vocabulary.js";

/** Size limits of every field: what a sane record needs, far below what would strain Neo4j or a page. */
export const LIMITS = {
  /** Entity and source ids. */
  idLength: 100,
  /** Relationship ids (`<from>--<TYPE>--<to>` plus a suffix). */
  relationshipIdLength: 250,
  /** Names, titles, kinds, categories, premises, phone numbers. */
  textLength: 300,
  /** Descriptions and notes. */
  longTextLength: 2_000,
  /** A citation's excerpt: a few words quoted from the source. */
  excerptLength: 300,
  urlLength: 2_000,
  /** Aliases of an entity, sources of an entity, citations of a relationship. */
  listItems: 100,
} as const;

/** Relationship ids: letters, digits and `._~:-`, containing `--`. */
export const RELATIONSHIP_ID_PATTERN = /^(?=.*--)[A-Za-z0-9._~:-]+$/;

/** The kinds of value a field holds; each has one validator and one CSV form. */
export type FieldType =
  | "slug"
  | "entityRef"
  | "relationshipId"
  | "text"
  | "longText"
  | "date"
  | "url"
  | "language"
  | "email"
  | "countryCode"
  | "count"
  | "texts"
  | "slugs"
  | "citations"
  | "status"
  | "sourceForm"
  | "publisherKind"
  | "externalIds"
  | "location";

export interface FieldSpec {
  readonly type: FieldType;
  /** Must be present (and not empty). */
  readonly required?: boolean;
  /** Only a token with this role may read or write it; everyone else never learns its value. */
  readonly restricted?: "staff";
  /** For documentation and the GraphQL input types. */
  readonly description: string;
}

export type FieldTable = Readonly<Record<string, FieldSpec>>;

/**
 * What a source is: a `document` (a page, report, decision, news item) is cited by a quoted excerpt; a
 * `dataset` (Wikidata's statements, GeoNames) by a locator naming the statement or row, since it has no
 * sentences to quote.
 */
export const SOURCE_FORMS = ["document", "dataset"] as const;
export type SourceForm = (typeof SOURCE_FORMS)[number];

/**
 * Who published a source, by kind: a city or municipal body, an organisation or network, a government, news
 * media (and other third-party copies), or the crowd (Wikidata's editors). With `publisherId` it tells a
 * party to a fact (the publisher is an end of the relationship) from a third party.
 */
export const PUBLISHER_KINDS = ["city", "organisation", "government", "media", "crowd"] as const;
export type PublisherKind = (typeof PUBLISHER_KINDS)[number];

export const SOURCE_FIELDS = {
  id: { type: "slug", required: true, description: "A lowercase slug, unique among entities and sources." },
  title: { type: "text", required: true, description: "Title as published, in the document's language." },
  titleEn: { type: "text", description: "Title in English, where the original is in another language." },
  publisher: { type: "text", description: "Who published it." },
  publisherKind: {
    type: "publisherKind",
    description: "What kind of publisher: city, organisation, government, media or crowd.",
  },
  publisherId: {
    type: "slug",
    description: "The publisher's entity id, when the publisher is in the graph (`helsinki`, `eurocities`).",
  },
  form: {
    type: "sourceForm",
    description: "document (cited by excerpts; the default) or dataset (cited by locators).",
  },
  published: {
    type: "date",
    description: "Publication date, ISO 8601, possibly partial (2020, 2020-02) or a bound or range (../2019-05).",
  },
  url: { type: "url", description: "Web address (http or https)." },
  language: { type: "language", description: "Language of the document, ISO 639-1 (fi, sv, en)." },
  note: { type: "longText", description: "How the source was obtained, where a copy is kept." },
} as const satisfies FieldTable;

/** Fields every entity has. */
export const ENTITY_FIELDS = {
  id: { type: "slug", required: true, description: "A lowercase slug, unique among entities and sources." },
  name: { type: "text", required: true, description: "English display name." },
  nameFi: { type: "text", description: "Name in Finnish, where one exists." },
  nameSv: { type: "text", description: "Name in Swedish, where one exists." },
  nameEn: { type: "text", description: "Name in English, where one exists." },
  aliases: { type: "texts", description: "Other names: abbreviations, former names, common spellings." },
  description: { type: "longText", description: "A one-line description in our own words." },
  externalIds: {
    type: "externalIds",
    description:
      "How the entity is known elsewhere: at most one id per scheme (wikidata, geonames, url; a country's ISO 3166 code is its isoCode).",
  },
  sources: { type: "slugs", required: true, description: "Ids of the sources that support the entity." },
} as const satisfies FieldTable;

const LOCATION = {
  type: "location",
  description: "Where the place is: latitude and longitude in degrees (WGS 84).",
} as const satisfies FieldSpec;

/** Fields only some kinds of entity have. */
export const KIND_FIELDS = {
  City: { location: LOCATION },
  Country: { isoCode: { type: "countryCode", description: "ISO 3166-1 alpha-2 code (FI)." } },
  Organization: {
    category: { type: "text", description: "What kind of organisation (EU agency, municipal unit …)." },
    founded: { type: "date", description: "When it was founded, ISO 8601, possibly partial, a bound or a range." },
    staffCount: { type: "count", description: "Number of staff, where a source gives it." },
  },
  Office: { location: LOCATION },
  Theme: {},
  Network: {},
  Person: {
    email: { type: "email", restricted: "staff", description: "Email address (role `staff` only)." },
    phone: { type: "text", restricted: "staff", description: "Telephone number (role `staff` only)." },
  },
  Event: {
    category: { type: "text", description: "What kind of event (event series, conference …)." },
    startDate: { type: "date", description: "When it started, ISO 8601, possibly partial, a bound or a range." },
    endDate: { type: "date", description: "When it ended, ISO 8601, possibly partial, a bound or a range." },
  },
  Place: { location: LOCATION },
} as const satisfies Record<EntityKind, FieldTable>;

export const CITATION_FIELDS = {
  source: { type: "slug", required: true, description: "The id of the source cited." },
  excerpt: {
    type: "text",
    description: "A few words quoted from the source (at most 300 characters); required when it is a document.",
  },
  locator: {
    type: "text",
    description:
      "Where in a dataset the fact is (the statement or row, e.g. `Q1757 P190 Q1085`); required when the source is a dataset.",
  },
} as const satisfies FieldTable;

export const RELATIONSHIP_FIELDS = {
  id: {
    type: "relationshipId",
    description: "Stable id; `<from>--<TYPE>--<to>` when omitted. Give one per period when a relationship changes.",
  },
  from: {
    type: "entityRef",
    required: true,
    description: "The entity it starts at: its id, or an external id such as `wikidata:Q1757` in an import.",
  },
  to: {
    type: "entityRef",
    required: true,
    description: "The entity it ends at: its id, or an external id such as `wikidata:Q1757` in an import.",
  },
  kind: { type: "text", description: "The role or kind (bilateral, key-theme, the title of a head …)." },
  status: {
    type: "status",
    description: "active, suspended, ended, closing, denied, or a step before membership: preparing, applied, decided.",
  },
  validFrom: {
    type: "date",
    description: "When it began, ISO 8601, possibly partial, a bound (`../2019-05-29`: by then) or a range (`A/B`).",
  },
  validTo: {
    type: "date",
    description: "When it stopped (exclusive), ISO 8601, possibly partial, a bound or a range.",
  },
  premises: { type: "text", description: "For LOCATED_IN: the building." },
  citations: { type: "citations", required: true, description: "At least one source, each with an excerpt." },
} as const satisfies FieldTable;

/** Every field of an entity of this kind: the common ones, then its own. */
export function entityFields(kind: EntityKind): FieldTable {
  return { ...ENTITY_FIELDS, ...KIND_FIELDS[kind] };
}

/** Fields only `role` may read or write, per entity kind (`Person.email` …): declared once, in the tables above. */
export function restrictedFields(): { kind: EntityKind; field: string; role: "staff" }[] {
  return ENTITY_KINDS.flatMap((kind) =>
    Object.entries(KIND_FIELDS[kind] as FieldTable).flatMap(([field, spec]) =>
      spec.restricted ? [{ kind, field, role: spec.restricted }] : [],
    ),
  );
}

/** Names of the restricted fields of any kind (`email`, `phone`). */
export const RESTRICTED_FIELD_NAMES: ReadonlySet<string> = new Set(restrictedFields().map((entry) => entry.field));

/**
 * The personal data an entity of this kind may hold: its restricted fields (a Person's email and phone), what
 * erasure removes on request and what no other kind may carry.
 */
export function personalFields(kind: EntityKind): string[] {
  return restrictedFields()
    .filter((entry) => entry.kind === kind)
    .map((entry) => entry.field);
}

// ── Validators, one per field type.

/** Broken UTF-16 has no place in a fact's text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A zod issue that becomes a problem with this code rather than INVALID_VALUE (check.ts reads it back).
 * For rules that are not about a value's form: characters nobody sees, text with nothing visible in it.
 */
export interface ProblemParams {
  readonly problem: ProblemCode;
}

/**
 * Text a reader can trust (plain-text.ts): trimmed, then no control characters, no line breaks or tabs unless
 * `multiline` (descriptions and notes), no invisible or direction-control characters, something visible.
 */
const text = (max: number, multiline = false) =>
  z
    .string()
    .refine((value) => !LONE_SURROGATE.test(value), { message: "must be plain text: no broken Unicode", abort: true })
    .trim()
    .superRefine((value, context) => {
      if (value.length === 0) return; // `min` says it is empty
      const invisible = invisibleCharacterMessage(value, multiline);
      if (invisible) {
        context.addIssue({
          code: "custom",
          message: invisible,
          params: { problem: ProblemCode.InvisibleCharacters } satisfies ProblemParams,
        });
      } else if (!hasVisibleText(value)) {
        context.addIssue({
          code: "custom",
          message: "must not be empty: it holds nothing visible",
          params: { problem: ProblemCode.Required } satisfies ProblemParams,
        });
      }
    })
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`);
const slug = z
  .string()
  .max(LIMITS.idLength, `must be at most ${LIMITS.idLength} characters`)
  .regex(ID_PATTERN, "must be a lowercase slug such as `helsinki-eu-office`");
/** Years written bare in YAML (`validFrom: 2018`) arrive as numbers: accept them as dates. */
const date = z.preprocess(
  (value) => (typeof value === "number" && Number.isInteger(value) ? String(value) : value),
  z
    .string()
    .refine(
      isDateValue,
      "must be an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD), about one (2014~), a bound (../2019-05-29, 2019/..) or a range (1993-09-25/1995-12-08)",
    )
    .superRefine((value, context) => {
      const implausible = implausibleDateMessage(value);
      if (implausible) context.addIssue({ code: "custom", message: implausible });
    }),
);
/**
 * A web address's faults beyond its form: a user name or password in it (it would be published with every
 * fact that cites it) and characters nobody sees (the URL parser drops a zero-width space from a host name,
 * so `exa\u200Bmple.org` would pass for `example.org`).
 */
function urlIssues(value: string, path: (string | number)[] = []): z.core.$ZodRawIssue[] {
  const issues: z.core.$ZodRawIssue[] = [];
  if (hasCredentials(value)) {
    issues.push({
      code: "custom",
      input: value,
      path,
      message: "must not hold a user name or password (user:password@): addresses in the graph are public",
    });
  }
  const invisible = invisibleCharacterMessage(value);
  if (invisible) {
    issues.push({
      code: "custom",
      input: value,
      path,
      message: invisible,
      params: { problem: ProblemCode.InvisibleCharacters } satisfies ProblemParams,
    });
  }
  return issues;
}

const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).max(LIMITS.listItems, `must have at most ${LIMITS.listItems} ${what}`);

/** A citation quotes a document or locates a fact in a dataset: which one its source needs is checked with it. */
const citation = z
  .strictObject({
    source: slug,
    excerpt: text(LIMITS.excerptLength).optional(),
    locator: text(LIMITS.excerptLength).optional(),
  })
  .superRefine((value, context) => {
    if (value.excerpt === undefined && value.locator === undefined) {
      context.addIssue({
        code: "invalid_type",
        expected: "string",
        path: ["excerpt"],
        message: "a citation needs an excerpt (or, for a dataset, a locator)",
      });
    }
  });

/** External ids: a known scheme, a value of its form, at most one per scheme (every problem reported at once). */
const externalIds = z
  .array(z.strictObject({ scheme: z.string(), value: z.string().max(LIMITS.urlLength) }))
  .max(LISTED_SCHEMES.length, `must have at most ${LISTED_SCHEMES.length} ids, one per scheme`)
  .superRefine((ids, context) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (!(LISTED_SCHEMES as readonly string[]).includes(id.scheme)) {
        context.addIssue({
          code: "custom",
          path: [index, "scheme"],
          message: `must be one of ${LISTED_SCHEMES.join(", ")}`,
        });
        return;
      }
      const scheme = EXTERNAL_ID_SCHEMES[id.scheme as ExternalIdSchemeName];
      const faults = id.scheme === "url" ? urlIssues(id.value, [index, "value"]) : [];
      for (const fault of faults) context.addIssue(fault);
      if (faults.length === 0 && !scheme.pattern.test(id.value)) {
        context.addIssue({ code: "custom", path: [index, "value"], message: `must look like ${scheme.example}` });
      }
      if (seen.has(id.scheme)) {
        context.addIssue({ code: "custom", path: [index, "scheme"], message: `names a second ${id.scheme} id` });
      }
      seen.add(id.scheme);
    });
  });

const degrees = (max: number) =>
  z.number("must be a number").min(-max, `must be from -${max} to ${max}`).max(max, `must be from -${max} to ${max}`);

const VALIDATORS: Record<FieldType, z.ZodType> = {
  slug,
  // An entity by our id, or by an external id the write path resolves to ours before anything is stored.
  entityRef: z
    .string()
    .max(LIMITS.urlLength)
    .refine(
      (value) => (ID_PATTERN.test(value) && value.length <= LIMITS.idLength) || parseExternalId(value) !== undefined,
      "must be an entity's id (a lowercase slug) or an external id such as `wikidata:Q1757`",
    ),
  relationshipId: z
    .string()
    .max(LIMITS.relationshipIdLength, `must be at most ${LIMITS.relationshipIdLength} characters`)
    .regex(RELATIONSHIP_ID_PATTERN, "must contain `--` and only letters, digits and . _ ~ : -"),
  text: text(LIMITS.textLength),
  longText: text(LIMITS.longTextLength, true),
  date,
  // Checked as given (trimmed): the URL parser would quietly drop a line break or tab inside it.
  url: z
    .string()
    .trim()
    .superRefine((value, context) => {
      for (const issue of urlIssues(value)) context.addIssue(issue);
    })
    .pipe(
      z
        .url({ protocol: /^https?$/, error: "must be a web address starting with http:// or https://" })
        .max(LIMITS.urlLength, `must be at most ${LIMITS.urlLength} characters`),
    ),
  language: z.string().regex(/^[a-z]{2}$/, "must be an ISO 639-1 code such as `fi`"),
  email: z.email("must be an email address").max(LIMITS.textLength),
  countryCode: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as `FI`"),
  count: z.number("must be a number").int("must be a whole number").min(0, "must not be negative"),
  texts: list(text(LIMITS.textLength), "items"),
  slugs: list(slug, "sources").min(1, "must cite at least one source"),
  citations: list(citation, "citations").min(1, "every relationship must cite at least one source"),
  status: z.enum(STATUSES, `must be one of ${STATUSES.join(", ")}`),
  sourceForm: z.enum(SOURCE_FORMS, `must be one of ${SOURCE_FORMS.join(", ")}`),
  publisherKind: z.enum(PUBLISHER_KINDS, `must be one of ${PUBLISHER_KINDS.join(", ")}`),
  externalIds,
  location: z.strictObject({ lat: degrees(90), lon: degrees(180) }),
};

function shapeOf(fields: FieldTable): Record<string, z.ZodType> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, spec]) => {
      const validator = VALIDATORS[spec.type];
      if (spec.type === "texts" || spec.type === "externalIds") return [name, validator.default([])];
      return [name, spec.required ? validator : validator.optional()];
    }),
  );
}

export const SourceRecordSchema = z.strictObject(shapeOf(SOURCE_FIELDS));

export const EntityRecordSchema = z.discriminatedUnion(
  "kind",
  ENTITY_KINDS.map((kind) => z.strictObject({ kind: z.literal(kind), ...shapeOf(entityFields(kind)) })) as unknown as [
    z.ZodObject,
    ...z.ZodObject[],
  ],
);

export const RelationshipRecordSchema = z.strictObject({
  type: z.enum(RELATIONSHIP_TYPES as [RelationshipType, ...RelationshipType[]], {
    error: `must be one of ${RELATIONSHIP_TYPES.join(", ")}`,
  }),
  ...shapeOf(RELATIONSHIP_FIELDS),
});

// ── The record types (what a checked record holds).

export interface SourceRecord {
  readonly id: string;
  readonly title: string;
  readonly titleEn?: string;
  readonly publisher?: string;
  readonly publisherKind?: PublisherKind;
  readonly publisherId?: string;
  readonly form?: SourceForm;
  readonly published?: string;
  readonly url?: string;
  readonly language?: string;
  readonly note?: string;
}

/** Where a place is, in degrees (WGS 84). */
export interface Location {
  readonly lat: number;
  readonly lon: number;
}

export interface Citation {
  readonly source: string;
  /** Words quoted from a document. */
  readonly excerpt?: string;
  /** Where in a dataset (a statement, a row). */
  readonly locator?: string;
}

export interface EntityRecord {
  readonly kind: EntityKind;
  readonly id: string;
  readonly name: string;
  readonly nameFi?: string;
  readonly nameSv?: string;
  readonly nameEn?: string;
  readonly aliases: readonly string[];
  readonly description?: string;
  readonly externalIds?: readonly ExternalId[];
  readonly sources: readonly string[];
  /** Kind-specific fields (isoCode, location, category, founded, staffCount, email, phone, startDate, endDate). */
  readonly [field: string]: unknown;
}

export interface RelationshipRecord {
  readonly type: RelationshipType;
  /** Always set once checked: the record's own id or `<from>--<TYPE>--<to>`. */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind?: string;
  readonly status?: Status;
  readonly validFrom?: string;
  readonly validTo?: string;
  readonly premises?: string;
  readonly citations: readonly Citation[];
}

/** Any checked record. */
export type GraphRecord = SourceRecord | EntityRecord | RelationshipRecord;

/** The three lists of a graph file, and the record kinds they hold. */
export type Section = "sources" | "entities" | "relationships";
export const SECTIONS: readonly Section[] = ["sources", "entities", "relationships"];
export const SECTION_ITEM = { sources: "source", entities: "entity", relationships: "relationship" } as const;

export interface SectionRecord {
  sources: SourceRecord;
  entities: EntityRecord;
  relationships: RelationshipRecord;
}

export const RECORD_SCHEMAS = {
  sources: SourceRecordSchema,
  entities: EntityRecordSchema,
  relationships: RelationshipRecordSchema,
} as const;

/** The id a relationship record has: its own `id`, else `from--TYPE--to` (also for raw, unchecked values). */
export function relationshipIdOf(value: { id?: unknown; from?: unknown; type?: unknown; to?: unknown }): string {
  if (typeof value.id === "string" && value.id.length > 0) return value.id;
  return defaultRelationshipId(String(value.from), String(value.type) as RelationshipType, String(value.to));
}

/** A record's id, or null when it has none (raw values too). */
export function recordIdOf(section: Section, value: Record<string, unknown>): string | null {
  if (section === "relationships") {
    return typeof value.from === "string" && typeof value.to === "string" ? relationshipIdOf(value) : null;
  }
  return typeof value.id === "string" ? value.id : null;
}

/** A whole graph in memory (the seed, tests); files are streamed instead. */
export interface GraphData {
  readonly sources: readonly SourceRecord[];
  readonly entities: readonly EntityRecord[];
  readonly relationships: readonly RelationshipRecord[];
}
