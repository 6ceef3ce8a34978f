/**
 * The arguments of the graph algorithm fields (centrality, communities): the traversal filter every walk
 * takes (day, undated claims, types, whose word), and a scope — the part of the graph within a few steps of
 * some entities ("the brokers among the eight cities and their partners up to two steps out").
 */
import { ArgsType, Field, ID, Int } from "type-graphql";
import type { Database } from "../../database/index.js";
import { BadUserInputError } from "../../errors/index.js";
import { idArgument, integerArgument, unknownIdError } from "../shared/arguments.js";
import { MAX_SCOPE_ENTITIES, MAX_SCOPE_HOPS, type ProjectionFilter } from "./gds.query.js";
import { findEntity } from "../shared/graph-records.js";
import { TraversalArgs, traversalFilter } from "../shared/traversal.js";

@ArgsType()
export class GraphAlgorithmArgs extends TraversalArgs {
  @Field(() => [ID], {
    nullable: true,
    description: `Run on the part of the graph within \`hops\` steps of these entities (1 to ${MAX_SCOPE_ENTITIES}), over the relationships the other arguments keep; the whole graph when omitted.`,
  })
  around?: string[] | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 2,
    description: `With \`around\`: how many steps out (1 to ${MAX_SCOPE_HOPS}).`,
  })
  hops?: number | null;
}

/** The checked filter; the `around` entities must exist (BAD_USER_INPUT naming the argument otherwise). */
export async function graphAlgorithmFilter(db: Database, args: GraphAlgorithmArgs): Promise<ProjectionFilter> {
  const filter = traversalFilter(args);
  const hops = integerArgument("hops", args.hops, 2, 1, MAX_SCOPE_HOPS);
  if (args.around === null || args.around === undefined) return { ...filter, scope: null };
  const around = [
    ...new Set(args.around.slice(0, MAX_SCOPE_ENTITIES + 1).map((id, i) => idArgument(`around[${i}]`, id))),
  ];
  if (around.length === 0 || args.around.length > MAX_SCOPE_ENTITIES) {
    throw new BadUserInputError("around", `\`around\` must name 1 to ${MAX_SCOPE_ENTITIES} entities.`);
  }
  await db.read(async (tx) => {
    for (const [index, id] of around.entries()) {
      if (!(await findEntity(tx, id))) throw unknownIdError(`around[${index}]`, id);
    }
  });
  return { ...filter, scope: { around, hops } };
}
