import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "A source cited for a relationship, with the excerpt that supports it." })
export class Citation {
  @Field(() => ID)
  sourceId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  publisher!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "What kind of publisher: `city`, `organisation`, `government`, `media` or `crowd` (Wikidata's editors); null where the source does not say.",
  })
  publisherKind!: string | null;

  @Field(() => ID, { nullable: true, description: "The publisher's entity id, when the publisher is in the graph." })
  publisherId!: string | null;

  @Field(() => Boolean, {
    description:
      "True when the publisher is an end of this relationship (a party to it: a city's own page on its partnership); false for a third party.",
  })
  party!: boolean;

  @Field(() => String, { nullable: true, description: "Web address, where known." })
  url!: string | null;

  @Field(() => String, { nullable: true, description: "Publication date, ISO 8601 (possibly partial)." })
  published!: string | null;

  @Field(() => String, { nullable: true, description: "A short excerpt from the source, in its language." })
  excerpt!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Where in a dataset the fact is (`Q1757 P190 Q1085`): a dataset is cited by a locator, not an excerpt.",
  })
  locator!: string | null;
}

@ObjectType({ description: "A relationship between two entities, with its dates, status and sources." })
export class GraphEdge {
  @Field(() => ID, {
    description: "The relationship's stable id (the `id` it was written with, else Neo4j's element id).",
  })
  id!: string;

  @Field(() => String, { description: "The Neo4j relationship type, e.g. `FUNDS`, `PARTNER_OF`." })
  type!: string;

  @Field(() => String, {
    nullable: true,
    description: "Its role or kind where it has one, e.g. `bilateral` or `special-historical`.",
  })
  kind!: string | null;

  @Field(() => ID, { description: "Id of the entity the relationship starts at." })
  fromId!: string;

  @Field(() => ID, { description: "Id of the entity the relationship ends at." })
  toId!: string;

  @Field(() => String, { nullable: true, description: "ISO 8601 date, possibly partial." })
  validFrom!: string | null;

  @Field(() => String, { nullable: true, description: "ISO 8601 date, possibly partial (exclusive)." })
  validTo!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "`active`, `suspended`, `ended`, `closing`, or a step before a membership (`preparing`, `applied`, `decided`), where it applies.",
  })
  status!: string | null;

  @Field(() => [Citation])
  sources!: Citation[];
}
