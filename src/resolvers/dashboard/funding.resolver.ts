import type { GraphQLResolveInfo } from "graphql";
import { Args, ArgsType, Ctx, Field, ID, Info, Int, Query, Resolver } from "type-graphql";
import { BadUserInputError } from "../../errors/index.js";
import {
  asOfArgument,
  idArgument,
  integerArgument,
  unknownIdError,
  limitArgument,
  limitDescription,
} from "../shared/arguments.js";
import { findFunding, findFundersPerOffice } from "./funding.query.js";
import { Funding, OfficeFunders } from "./funding.type.js";
import { findEntity, nodeSelection } from "../shared/graph-records.js";
import { selectedFields } from "../shared/selection.js";
import type { ResolverContext } from "../shared/resolver-context.js";
import { UNDATED_DESCRIPTION, UndatedClaims, undatedArgument } from "../shared/undated-claims.type.js";

@ArgsType()
class FundingArgs {
  @Field(() => ID, { nullable: true, description: "One office; every office when omitted." })
  officeId?: string | null;

  @Field(() => String, { nullable: true, description: "A day (YYYY-MM-DD): keep only funding valid on it." })
  asOf?: string | null;

  @Field(() => UndatedClaims, { nullable: true, defaultValue: UndatedClaims.INCLUDE, description: UNDATED_DESCRIPTION })
  undated?: UndatedClaims | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 1000,
    description: `${limitDescription("entries")} By office, then funder name.`,
  })
  limit?: number | null;
}

@ArgsType()
class FundersPerOfficeArgs {
  @Field(() => String, { nullable: true, description: "A day (YYYY-MM-DD): count only relationships valid on it." })
  asOf?: string | null;

  @Field(() => UndatedClaims, { nullable: true, defaultValue: UndatedClaims.INCLUDE, description: UNDATED_DESCRIPTION })
  undated?: UndatedClaims | null;

  @Field(() => Int, { nullable: true, defaultValue: 50, description: `${limitDescription("offices")} By name.` })
  limit?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: "Skip this many offices first (paging)." })
  offset?: number | null;
}

/** The largest `offset` accepted: far more offices than any graph here has. */
const MAX_OFFSET = 10_000_000;

@Resolver()
export class FundingResolver {
  @Query(() => [OfficeFunders], {
    description:
      "For dashboards: offices by name, each with how many fund it and run it jointly; page with limit and offset.",
  })
  async fundersPerOffice(
    @Args(() => FundersPerOfficeArgs) args: FundersPerOfficeArgs,
    @Ctx() { db }: ResolverContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OfficeFunders[]> {
    const page = {
      asOf: asOfArgument("asOf", args.asOf),
      undated: undatedArgument(args.undated),
      limit: limitArgument(args.limit, 50),
      offset: integerArgument("offset", args.offset, 0, 0, MAX_OFFSET),
    };
    const selection = {
      office: nodeSelection(selectedFields(info, ["office"])),
      partners: selectedFields(info).has("partners"),
    };
    return db.readStatements((tx) => findFundersPerOffice(tx, page, selection));
  }

  @Query(() => [Funding], {
    description: "Who funds which office: one entry per funder and office; every office when officeId is omitted.",
  })
  async funding(
    @Args(() => FundingArgs) args: FundingArgs,
    @Ctx() { db }: ResolverContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Funding[]> {
    const office = args.officeId === null || args.officeId === undefined ? null : idArgument("officeId", args.officeId);
    const day = asOfArgument("asOf", args.asOf);
    const max = limitArgument(args.limit, 1000);
    const selection = {
      office: nodeSelection(selectedFields(info, ["office"])),
      funder: nodeSelection(selectedFields(info, ["funder"])),
      sources: selectedFields(info).has("sources"),
      undated: undatedArgument(args.undated),
    };
    return db.readStatements(async (tx) => {
      const funding = await findFunding(tx, office, day, max, selection);
      // An empty answer for one office may mean a bad id: only then is it worth a second query.
      if (office !== null && funding.length === 0) {
        const entity = await findEntity(tx, office);
        if (!entity) throw unknownIdError("officeId", office);
        if (entity.kind !== "Office") {
          throw new BadUserInputError("officeId", `\`officeId\`: ${office} is a ${entity.kind}, not an Office.`);
        }
      }
      return funding;
    });
  }
}
