/**
 * What a traversal (neighbourhood, shortest path, and any field that walks the graph) may walk:
 * relationships valid on `asOf` whose type is allowed. One arguments class for every such field, so they all
 * take, describe and check these arguments the same way; `traversableCypher` is the same rule in Cypher.
 */
import { ArgsType, Field } from "type-graphql";
import { BadUserInputError } from "../../errors/index.js";
import {
  PUBLISHER_KINDS,
  type PublisherKind,
  type UndatedPolicy,
  isRelationshipType,
  validOnCypher,
} from "../../graph-data/index.js";
import { asOfArgument, relationshipTypesArgument } from "./arguments.js";
import { UNDATED_DESCRIPTION, UndatedClaims, undatedArgument } from "./undated-claims.type.js";

/**
 * Cypher predicate on relationship variable `rel` (a name from our own query text); undated relationships
 * count as `undated` says (the policy becomes query text, so each policy is its own statement).
 */
export function traversableCypher(rel: string, undated: UndatedPolicy): string {
  return (
    `(${validOnCypher(rel, "$asOf", undated)} AND type(${rel}) IN $relationshipTypes` +
    ` AND ($publisherKinds IS NULL OR EXISTS { MATCH (cited:Source) WHERE cited.id IN ${rel}.sourceIds AND cited.publisherKind IN $publisherKinds }))`
  );
}

/**
 * `traversableCypher` for a path search's step, without what the filter leaves out: no validity test
 * without `asOf`, no publisher test without `publisherKinds`, and no type test (the pattern carries the
 * types: `relationshipTypesPattern`); the tests, none when nothing is left. Fewer expressions per relationship
 * expanded; the same relationships pass. The filter's shape becomes query text, so each shape is its own
 * statement.
 */
export function stepCypher(rel: string, filter: TraversalFilter): string[] {
  const parts: string[] = [];
  if (filter.asOf !== null) parts.push(validOnCypher(rel, "$asOf", filter.undated));
  if (filter.publisherKinds !== null) {
    parts.push(
      `EXISTS { MATCH (cited:Source) WHERE cited.id IN ${rel}.sourceIds AND cited.publisherKind IN $publisherKinds }`,
    );
  }
  return parts;
}

/** The allowed types as a relationship pattern's type list (`A|B|C`); only names of the vocabulary pass. */
export function relationshipTypesPattern(types: readonly string[]): string {
  if (types.length === 0 || !types.every(isRelationshipType))
    throw new Error(`not relationship types: ${types.join(", ")}`);
  return types.join("|");
}

/** Query parameters for `traversableCypher`. */
export interface TraversalFilter {
  readonly asOf: string | null;
  readonly relationshipTypes: readonly string[];
  readonly undated: UndatedPolicy;
  /** Only relationships a source of one of these publisher kinds cites; null for all. */
  readonly publisherKinds: readonly PublisherKind[] | null;
}

/** The arguments every traversal takes; fields extend this class with their own. */
@ArgsType()
export class TraversalArgs {
  @Field(() => String, { nullable: true, description: "A day (YYYY-MM-DD): use only relationships valid on it." })
  asOf?: string | null;

  @Field(() => UndatedClaims, { nullable: true, defaultValue: UndatedClaims.INCLUDE, description: UNDATED_DESCRIPTION })
  undated?: UndatedClaims | null;

  @Field(() => [String], {
    nullable: true,
    description: "Follow only relationships of these types (e.g. `FUNDS`, `PARTNER_OF`); all types when omitted.",
  })
  relationshipTypes?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Never follow relationships of these types (e.g. `IN_COUNTRY` to leave geography out).",
  })
  excludeRelationshipTypes?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Whose word: follow only relationships cited by a source of one of these publisher kinds (`city`, `organisation`, `government`, `media`, `crowd`); `["city", "government", "organisation"]` leaves claims only the crowd or the news make out. A source that names no kind matches none. All when omitted.',
  })
  publisherKinds?: string[] | null;
}

/** The checked filter (BAD_USER_INPUT naming the argument otherwise). */
export function traversalFilter(args: TraversalArgs): TraversalFilter {
  return {
    asOf: asOfArgument("asOf", args.asOf),
    relationshipTypes: relationshipTypesArgument(args.relationshipTypes, args.excludeRelationshipTypes),
    undated: undatedArgument(args.undated),
    publisherKinds: publisherKindsArgument(args.publisherKinds),
  };
}

function publisherKindsArgument(values: readonly string[] | null | undefined): PublisherKind[] | null {
  if (values === null || values === undefined) return null;
  const unknown = values.filter((value) => !(PUBLISHER_KINDS as readonly string[]).includes(value));
  if (unknown.length > 0 || values.length === 0) {
    throw new BadUserInputError(
      "publisherKinds",
      `\`publisherKinds\` must list some of ${PUBLISHER_KINDS.join(", ")}${unknown.length > 0 ? `; unknown: ${unknown.slice(0, 5).join(", ")}` : ""}.`,
    );
  }
  return [...new Set(values)] as PublisherKind[];
}
