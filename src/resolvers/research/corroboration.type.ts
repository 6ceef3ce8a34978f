import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { CorroborationClass } from "./corroboration-class.js";
import { GraphEdge } from "../shared/graph-edge.type.js";

export { CorroborationClass };

registerEnumType(CorroborationClass, {
  name: "CorroborationClass",
  description: "How the claims about a tie stand: each value lists the relationships that put the tie in it.",
  valuesConfig: {
    CONTRADICTED: {
      description:
        "A party to the tie, or an official source, denies a tie of the kind others claim (status `denied`).",
    },
    OUTDATED: {
      description:
        "The crowd states the tie, and an official source says it ended or was suspended after the crowd's snapshot, with nothing official in force since.",
    },
    BACKED: { description: "The crowd's claim is backed by an official source of the same kind (`twin-city`)." },
    BACKED_AS_OTHER_KIND: {
      description:
        "An official source backs a tie between the two, of another kind than the crowd says (a partnership, not a twinning).",
    },
    CROWD_ONLY: { description: "Only the crowd (Wikidata) states it: no official source has a word on it." },
    THIRD_PARTY_ONLY: { description: "Only third parties (news media, copies) state it; neither official nor crowd." },
    OFFICIAL_ONLY: { description: "Official sources state it; the crowd does not." },
    DENIED: { description: "The only word on it is a denial." },
  },
});

@ObjectType({ description: "One class a tie is in, and the relationships that put it there." })
export class CorroborationFinding {
  @Field(() => CorroborationClass)
  class!: CorroborationClass;

  @Field(() => [ID], {
    description: "Ids of the relationships (claims) behind this class; their sources are in `claims`.",
  })
  relationshipIds!: string[];
}

@ObjectType({
  description: "Every claim about the tie between two entities (`PARTNER_OF` in any direction), classified.",
})
export class TieCorroboration {
  @Field(() => ID, { description: "One end: the entity asked about, or in whole-graph answers the smaller id." })
  fromId!: string;

  @Field(() => String)
  fromName!: string;

  @Field(() => String, { description: "Its kind (City, Place, Organization)." })
  fromKind!: string;

  @Field(() => ID)
  toId!: string;

  @Field(() => String)
  toName!: string;

  @Field(() => String)
  toKind!: string;

  @Field(() => CorroborationClass, {
    description:
      "The first of `classes` in the order CONTRADICTED, OUTDATED, BACKED, BACKED_AS_OTHER_KIND, CROWD_ONLY, THIRD_PARTY_ONLY, OFFICIAL_ONLY, DENIED.",
  })
  verdict!: CorroborationClass;

  @Field(() => [CorroborationFinding], {
    description: "Every class the tie is in (a tie may be backed as a partnership and contradicted as a twinning).",
  })
  classes!: CorroborationFinding[];

  @Field(() => [GraphEdge], {
    description: "Every claim about the tie, with its sources (their publisher kind, and whether each is a party).",
  })
  claims!: GraphEdge[];
}

@ObjectType({ description: "How many ties are in a class." })
export class CorroborationCount {
  @Field(() => CorroborationClass)
  class!: CorroborationClass;

  @Field(() => Int)
  ties!: number;
}

@ObjectType({ description: "Ties classified by how their claims stand, with counts over every tie asked about." })
export class Corroboration {
  @Field(() => Int, { description: "Ties that match the filter, before paging." })
  total!: number;

  @Field(() => [CorroborationCount], { description: "Ties per class (a tie counts once in each class it is in)." })
  counts!: CorroborationCount[];

  @Field(() => [TieCorroboration], { description: "A page of the ties, by verdict, then by the other end's name." })
  ties!: TieCorroboration[];
}
