import { Field, Float, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "A name in one language." })
export class LocalizedName {
  @Field(() => String, { description: "Language code: `fi`, `sv` or `en`." })
  lang!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType({ description: "An identifier of an entity outside this graph, with where it leads." })
export class ExternalId {
  @Field(() => String, { description: "`wikidata`, `geonames`, `url`, or `iso3166` (a country's code)." })
  scheme!: string;

  @Field(() => String)
  value!: string;

  @Field(() => String, { nullable: true, description: "Where the identifier leads." })
  url!: string | null;
}

@ObjectType({ description: "Where a place is, in degrees (WGS 84)." })
export class GeoPoint {
  @Field(() => Float)
  lat!: number;

  @Field(() => Float)
  lon!: number;
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

  @Field(() => [ExternalId], {
    description: "How it is known elsewhere (Wikidata, GeoNames, its site, a country's ISO code).",
  })
  externalIds!: ExternalId[];

  @Field(() => GeoPoint, { nullable: true, description: "Where it is, for cities and offices that have a location." })
  location!: GeoPoint | null;
}
