/**
 * `GraphEdge.state(asOf)`: the one rule for "in force on a day" (graph-data/relationship-state.ts) on every
 * relationship the API returns, wherever it comes from (neighbourhood, path, timeline, compare, …). `status`
 * stays as stored; `state` is what status and dates together mean on the day asked, or today.
 */
import { Arg, FieldResolver, Resolver, Root, registerEnumType } from "type-graphql";
import { RELATIONSHIP_STATE_WORDS, relationshipState } from "../../graph-data/index.js";
import { asOfArgument } from "./arguments.js";
import { GraphEdge } from "./graph-edge.type.js";

export enum RelationshipState {
  CURRENT = "CURRENT",
  UNDATED = "UNDATED",
  FUTURE = "FUTURE",
  PAST = "PAST",
  SUSPENDED = "SUSPENDED",
  PENDING = "PENDING",
  DENIED = "DENIED",
}

registerEnumType(RelationshipState, {
  name: "RelationshipState",
  description:
    "What a relationship's status and dates together mean on a day: the one rule the explorer, the exports and the GeoJSON use.",
  valuesConfig: {
    CURRENT: { description: `${RELATIONSHIP_STATE_WORDS.CURRENT}: started on or before the day, not ended.` },
    UNDATED: { description: `${RELATIONSHIP_STATE_WORDS.UNDATED}: not ended, no \`validFrom\` recorded.` },
    FUTURE: { description: `${RELATIONSHIP_STATE_WORDS.FUTURE}: \`validFrom\` after the day.` },
    PAST: {
      description: `${RELATIONSHIP_STATE_WORDS.PAST}: \`validTo\` on or before the day (whatever the stored status), or status \`ended\` without dates.`,
    },
    SUSPENDED: { description: `${RELATIONSHIP_STATE_WORDS.SUSPENDED}: status \`suspended\`, within its dates.` },
    PENDING: { description: `${RELATIONSHIP_STATE_WORDS.PENDING}: \`preparing\`, \`applied\` or \`decided\`.` },
    DENIED: { description: `${RELATIONSHIP_STATE_WORDS.DENIED}: status \`denied\`, never in force.` },
  },
});

@Resolver(() => GraphEdge)
export class RelationshipStateResolver {
  @FieldResolver(() => RelationshipState, {
    description:
      "The relationship's state on `asOf` (YYYY-MM-DD; today, UTC, when omitted): status and validity together. An agreement stored `active` whose `validTo` has passed is PAST.",
  })
  state(
    @Root() edge: GraphEdge,
    @Arg("asOf", () => String, { nullable: true }) asOf?: string | null,
  ): RelationshipState {
    const day = asOfArgument("asOf", asOf) ?? undefined;
    return relationshipState(edge, day) as RelationshipState;
  }
}
