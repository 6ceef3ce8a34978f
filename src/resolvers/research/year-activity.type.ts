import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({
  description:
    "Relationships in force in one year: held on 1 July, began, ended. Suspended periods and the steps before a membership (preparing, applied, decided) do not count.",
})
export class YearActivity {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, {
    description:
      "Relationships in force on 1 July of the year (undated ends count as open; undated starts as `undated` says).",
  })
  active!: number;

  @Field(() => Int, { description: "Relationships in force whose `validFrom` falls in the year." })
  started!: number;

  @Field(() => Int, { description: "Relationships in force whose `validTo` (exclusive) falls in the year." })
  ended!: number;

  @Field(() => Int, {
    description: "Of `active`, relationships without `validFrom` (counted as `undated` says; never in `started`).",
  })
  undatedIncluded!: number;

  @Field(() => Int, {
    description: "Relationships without `validFrom` that would be in force on 1 July but `undated` left out.",
  })
  undatedExcluded!: number;
}
