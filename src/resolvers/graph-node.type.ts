import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "A name in one language." })
export class LocalizedName {
  @Field(() => String, { description: "Language code: `fi`, `sv` or `en`." })
  lang!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType({ description: "An entity of any kind, as the insights fields return it." })
export class GraphNode {
  @Field(() => ID, { description: "The entity's stable id (a slug)." })
  id!: string;

  @Field(() => String, {
    description:
      "Its GraphQL type name: `City`, `Country`, `Organization`, `Office`, `Theme`, `Network`, `Person` or `Event`.",
  })
  kind!: string;

  @Field(() => String, { description: "English display name." })
  name!: string;

  @Field(() => String, { nullable: true, description: "A one-line description, where there is one." })
  description!: string | null;

  @Field(() => [LocalizedName], { description: "Its names in Finnish, Swedish and English, where they exist." })
  names!: LocalizedName[];

  @Field(() => [String], { description: "Abbreviations and other names." })
  aliases!: string[];
}
