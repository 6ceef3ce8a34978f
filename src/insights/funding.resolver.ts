import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { BadUserInputError } from "../errors/index.js";
import { asOfArgument, idArgument, integerArgument, unknownIdError } from "./arguments.js";
import { findFunding } from "./funding.query.js";
import { Funding } from "./funding.type.js";
import { findEntity } from "./graph-records.js";
import type { InsightsContext } from "./insights-context.js";

@Resolver()
export class FundingResolver {
  @Query(() => [Funding], {
    description:
      "Who funds which office: one entry per funder and office; every office when officeId is omitted. " +
      "`asOf` (YYYY-MM-DD) keeps funding valid that day; at most `limit` (1–1000) entries, by office then funder name.",
  })
  async funding(
    @Arg("officeId", () => ID, { nullable: true }) officeId: string | null,
    @Arg("asOf", () => String, { nullable: true }) asOf: string | null,
    @Arg("limit", () => Int, { nullable: true, defaultValue: 1000 }) limit: number | null,
    @Ctx() { db }: InsightsContext,
  ): Promise<Funding[]> {
    const office = officeId === null || officeId === undefined ? null : idArgument("officeId", officeId);
    const day = asOfArgument("asOf", asOf);
    const max = integerArgument("limit", limit, 1000, 1, 1000);
    return db.read(async (tx) => {
      if (office !== null) {
        const entity = await findEntity(tx, office);
        if (!entity) throw unknownIdError("officeId", office);
        if (entity.kind !== "Office") {
          throw new BadUserInputError("officeId", `\`officeId\`: ${office} is a ${entity.kind}, not an Office.`);
        }
      }
      return findFunding(tx, office, day, max);
    });
  }
}
