/**
 * The graph's vocabulary: the kinds of entity (GraphQL type names = Neo4j labels) and the relationship types,
 * with the kinds each may join. This is the allow-list for every label or type that ends up in Cypher text,
 * and what the seed and import validators check records against. The SDL in `schema/` is the API's view of
 * the same model; a schema test checks the two agree.
 */

/** Entity kinds. Each node carries its kind as a label plus the shared label `Entity`. */
export const ENTITY_KINDS = [
  "City",
  "Country",
  "Organization",
  "Office",
  "Theme",
  "Network",
  "Person",
  "Event",
  "Place",
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** The label every entity carries (uniqueness of `id` and the full-text index hang on it). */
export const ENTITY_LABEL = "Entity";
/** The label of source records; sources are not entities and traversals skip them. */
export const SOURCE_LABEL = "Source";
/** The label of change records (the history of imports and edits); not entities, never traversed. */
export const CHANGE_LABEL = "Change";

export function isEntityKind(value: string): value is EntityKind {
  return (ENTITY_KINDS as readonly string[]).includes(value);
}

/**
 * Lifecycle statuses a relationship can have, each with what it means. Steps before a membership
 * (`preparing`, `applied`, `decided`) are not membership: the sources that say "applied for" or "decided to
 * join" do not say "member from". `closing` is a relationship still in force while its end is prepared.
 * `denied` records a source's word that a tie does NOT exist, as a cited claim of its own beside the claims
 * that it does (corroboration reads them together).
 */
export const STATUSES = [
  "active",
  "suspended",
  "ended",
  "preparing",
  "applied",
  "decided",
  "closing",
  "denied",
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_RULES: Readonly<Record<Status, { readonly meaning: string; readonly inForce: boolean }>> = {
  active: { meaning: "in force", inForce: true },
  suspended: { meaning: "suspended for the period (a new record from the day of suspension)", inForce: false },
  ended: { meaning: "over; `validFrom`–`validTo` is when it held", inForce: true },
  preparing: { meaning: "joining is being prepared (e.g. a council sent the question back)", inForce: false },
  applied: { meaning: "membership applied for, not (yet) granted", inForce: false },
  decided: { meaning: "a decision to join was taken; the source does not say membership began", inForce: false },
  closing: { meaning: "in force while its closing is prepared", inForce: true },
  denied: {
    meaning: "its source says this tie does not exist (a city that designates no twin towns); a claim, never in force",
    inForce: false,
  },
};

/**
 * Statuses under which a relationship valid on a day counts as in force that day (activity series):
 * no status, `active`, `closing`, and `ended` within its dates. `suspended` and the steps before a
 * membership do not count.
 */
export const IN_FORCE_STATUSES = STATUSES.filter((status) => STATUS_RULES[status].inForce);

interface RelationshipRule {
  readonly from: readonly EntityKind[];
  readonly to: readonly EntityKind[];
  /** What the relationship means, for the docs and the schema test. */
  readonly meaning: string;
  /** The values `kind` may take, when the type has a closed vocabulary. */
  readonly kinds?: readonly string[];
}

const ACTORS = ["City", "Organization"] as const;
/** What may be a party to a partnership or agreement: cities, organisations, and places known from datasets. */
const PARTIES = ["City", "Organization", "Place"] as const;

/** Relationship types (Neo4j relationship types), direction `from → to`. */
export const RELATIONSHIP_RULES = {
  PARTNER_OF: {
    from: PARTIES,
    to: PARTIES,
    meaning:
      "a partnership or agreement between two cities, organisations or places; `kind` says what the source calls it: bilateral, special-historical, twin-city, a cooperation-agreement or partnership-agreement (its dates are the agreement's), a resolution on cooperation, or a focus-city of a year",
    kinds: [
      "bilateral",
      "special-historical",
      "twin-city",
      "cooperation-agreement",
      "partnership-agreement",
      "resolution",
      "focus-city",
    ],
  },
  FUNDS: { from: ACTORS, to: ["Office"], meaning: "a city or organisation funds an office" },
  PARTNER_IN: { from: ACTORS, to: ["Office"], meaning: "a partner in a jointly run office" },
  LOCATED_IN: {
    from: ["Office", "Organization"],
    to: ["City"],
    meaning: "where an office sits; `premises` names the building",
  },
  REPRESENTS: { from: ["Office"], to: ["City"], meaning: "an office represents a city abroad" },
  HOSTED_IN: { from: ["Organization"], to: ["City"], meaning: "an organisation hosted by a city, from `validFrom`" },
  PART_OF: {
    from: ["Organization"],
    to: ACTORS,
    meaning: "an organisational unit is part of a larger one or of the city",
  },
  HEADS: { from: ["Person"], to: ["Organization"], meaning: "a person heads a unit; `kind` is the title" },
  PRIORITISES: {
    from: ["City", "Organization", "Network"],
    to: ["Theme"],
    meaning: "a priority theme (`key-theme`) or goal (`goal`)",
    kinds: ["key-theme", "goal"],
  },
  MEMBER_OF: {
    from: ACTORS,
    to: ["Network"],
    meaning:
      "membership of a network; `status` tells membership from the steps before it (preparing, applied, decided)",
  },
  PARTICIPATES_IN: {
    from: ["City", "Organization", "Network", "Person"],
    to: ["Network", "Event"],
    meaning:
      "takes part in a network, campaign or programme without being a member, or in a meeting or a joint declaration (an Event); `kind` says how (signatory, selected, observer, expert co-operation, host, participant)",
  },
  HOLDS_ROLE_IN: {
    from: ACTORS,
    to: ["Network"],
    meaning: "holds a role with a term in a network's bodies; `kind` names the role, the dates are the term",
  },
  HELD_IN: { from: ["Event"], to: ["City"], meaning: "where an event was held" },
  ORGANISED_BY: { from: ["Event"], to: ACTORS, meaning: "who organised an event; `kind` says how (`joint project`)" },
  IN_COUNTRY: { from: ["City", "Place"], to: ["Country"], meaning: "a city or place lies in a country" },
  FOUNDED_IN: {
    from: ["Network", "Organization"],
    to: ["City"],
    meaning: "where a network or organisation was founded; `validFrom` is the founding date",
  },
  FOUNDER_OF: {
    from: ["City", "Organization", "Network", "Person"],
    to: ["Network", "Organization"],
    meaning: "a founder of a network or organisation; `validFrom` is the founding date",
  },
} as const satisfies Record<string, RelationshipRule>;

export type RelationshipType = keyof typeof RELATIONSHIP_RULES;
export const RELATIONSHIP_TYPES = Object.keys(RELATIONSHIP_RULES) as RelationshipType[];

export function isRelationshipType(value: string): value is RelationshipType {
  return Object.hasOwn(RELATIONSHIP_RULES, value);
}

export function relationshipRule(type: RelationshipType): RelationshipRule {
  return RELATIONSHIP_RULES[type];
}

/** The default id of a relationship: stable, readable, unique per endpoints and type. */
export function defaultRelationshipId(fromId: string, type: RelationshipType, toId: string): string {
  return `${fromId}--${type}--${toId}`;
}

/** Entity ids are lowercase slugs: letters, digits and single hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
