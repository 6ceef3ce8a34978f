import { Args, ArgsType, Ctx, Field, ID, Query, Resolver } from "type-graphql";
import { BadUserInputError } from "../../errors/index.js";
import { asOfArgument, idArgument, relationshipTypesArgument, unknownIdError } from "../shared/arguments.js";
import { type NodeRow, findEntity } from "../shared/graph-records.js";
import { listOf } from "../shared/insight-costs.js";
import { MAX_PEER_CONNECTIONS, comparePeers } from "./peers.query.js";
import { PeerComparison } from "./peers.type.js";
import { UNDATED_DESCRIPTION, UndatedClaims, undatedArgument } from "../shared/undated-claims.type.js";
import type { ResolverContext } from "../shared/resolver-context.js";

/** What peers are compared on when no types are asked: networks, partners, roles, events, offices. */
export const PEER_TYPES = [
  "MEMBER_OF",
  "PARTICIPATES_IN",
  "HOLDS_ROLE_IN",
  "PARTNER_OF",
  "FUNDS",
  "PARTNER_IN",
  "FOUNDER_OF",
] as const;
/** The most entities compared at once. */
export const MAX_PEERS = 8;

@ArgsType()
class PeersArgs {
  @Field(() => [ID], { description: `The entities to compare: 2 to ${MAX_PEERS}, different ones.` })
  entityIds!: string[];

  @Field(() => String, { nullable: true, description: "A day (YYYY-MM-DD): only relationships valid on it." })
  asOf?: string | null;

  @Field(() => UndatedClaims, { nullable: true, defaultValue: UndatedClaims.INCLUDE, description: UNDATED_DESCRIPTION })
  undated?: UndatedClaims | null;

  @Field(() => [String], {
    nullable: true,
    description: `Compare on these relationship types; ${PEER_TYPES.join(", ")} when omitted.`,
  })
  relationshipTypes?: string[] | null;
}

@Resolver()
export class PeersResolver {
  @Query(() => PeerComparison, {
    description: `Two to ${MAX_PEERS} entities side by side (which networks, partners, events and offices do Helsinki and Stockholm share?): each connection with every peer's relationships, their dates and sources, and since when; shared by all, by some, or unique to one. At most ${MAX_PEER_CONNECTIONS} connections.`,
    complexity: listOf(MAX_PEER_CONNECTIONS),
  })
  async peers(@Args(() => PeersArgs) args: PeersArgs, @Ctx() { db }: ResolverContext): Promise<PeerComparison> {
    if (args.entityIds.length < 2 || args.entityIds.length > MAX_PEERS) {
      throw new BadUserInputError("entityIds", `\`entityIds\` must name 2 to ${MAX_PEERS} different entities.`);
    }
    const ids = args.entityIds.map((id, index) => idArgument(`entityIds[${index}]`, id));
    if (new Set(ids).size !== ids.length) {
      throw new BadUserInputError("entityIds", `\`entityIds\` must name 2 to ${MAX_PEERS} different entities.`);
    }
    const asOf = asOfArgument("asOf", args.asOf);
    const undated = undatedArgument(args.undated);
    const relationshipTypes =
      args.relationshipTypes && args.relationshipTypes.length > 0
        ? relationshipTypesArgument(args.relationshipTypes, null)
        : [...PEER_TYPES];
    return db.read(async (tx) => {
      const peers: NodeRow[] = [];
      for (const [index, id] of ids.entries()) {
        const found = await findEntity(tx, id);
        if (!found) throw unknownIdError(`entityIds[${index}]`, id);
        peers.push(found);
      }
      return comparePeers(tx, peers, asOf, relationshipTypes, undated);
    });
  }
}
