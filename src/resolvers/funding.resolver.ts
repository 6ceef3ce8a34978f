import { Args, ArgsType, Ctx, Field, ID, Int, Query, Resolver } from "type-graphql";
import { BadUserInputError } from "../errors/index.js";
import { asOfArgument, idArgument, unknownIdError, limitArgument, limitDescription } from "./arguments.js";
import { findFunding } from "./funding.query.js";
import { Funding } from "./funding.type.js";
import { findEntity } from "./graph-records.js";
import type { ResolverContext } from "./resolver-context.js";

@ArgsType()
class FundingArgs {
  @Field(() => ID, { nullable: true, description: "One office; every office when omitted." })
  officeId?: string | null;

  @Field(() => String, { nullable: true, description: "A day (YYYY-MM-DD): keep only funding valid on it." })
  asOf?: string | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 1000,
    description: `${limitDescription("entries")} By office, then funder name.`,
  })
  limit?: number | null;
}

@Resolver()
export class FundingResolver {
  @Query(() => [Funding], {
    description: "Who funds which office: one entry per funder and office; every office when officeId is omitted.",
  })
  async funding(@Args(() => FundingArgs) args: FundingArgs, @Ctx() { db }: ResolverContext): Promise<Funding[]> {
    const office = args.officeId === null || args.officeId === undefined ? null : idArgument("officeId", args.officeId);
    const day = asOfArgument("asOf", args.asOf);
    const max = limitArgument(args.limit, 1000);
    return db.read(async (tx) => {
      const funding = await findFunding(tx, office, day, max);
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
