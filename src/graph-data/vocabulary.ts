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

/** Lifecycle statuses a relationship can have. */
export const STATUSES = ["active", "suspended", "ended"] as const;
export type Status = (typeof STATUSES)[number];

interface RelationshipRule {
  readonly from: readonly EntityKind[];
  readonly to: readonly EntityKind[];
  /** What the relationship means, for the README and the schema test. */
  readonly meaning: string;
  /** The values `kind` may take, when the type has a closed vocabulary. */
  readonly kinds?: readonly string[];
}

const ACTORS = ["City", "Organization"] as const;

/** Relationship types (Neo4j relationship types), direction `from → to`. */
export const RELATIONSHIP_RULES = {
  PARTNER_OF: {
    from: ["City"],
    to: ["City"],
    meaning: "a partnership between two cities; `kind` tells bilateral from special-historical",
    kinds: ["bilateral", "special-historical"],
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
  MEMBER_OF: { from: ACTORS, to: ["Network"], meaning: "membership of a network" },
  HELD_IN: { from: ["Event"], to: ["City"], meaning: "where an event was held" },
  ORGANISED_BY: { from: ["Event"], to: ACTORS, meaning: "who organised an event; `kind` says how (`joint project`)" },
  IN_COUNTRY: { from: ["City"], to: ["Country"], meaning: "a city lies in a country" },
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
