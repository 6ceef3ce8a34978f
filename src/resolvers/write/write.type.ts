/** What a write answers: the same report for every write mutation (imports included). */
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum InputFormatName {
  YAML = "yaml",
  JSON = "json",
  CSV = "csv",
}
registerEnumType(InputFormatName, { name: "ImportFormat", description: "The format of an import file." });

export enum WriteModeName {
  PATCH = "patch",
  REPLACE = "replace",
}
registerEnumType(WriteModeName, {
  name: "WriteMode",
  description: "How a record written again meets the stored one.",
  valuesConfig: {
    PATCH: {
      description:
        "Fields left out keep their stored values; a field set to null is cleared; a list given (aliases, externalIds, sources, citations) is the whole list, a list left out is kept.",
    },
    REPLACE: {
      description:
        "The record as given is the whole record: fields left out are removed (reported in `removed`, and as FIELDS_REMOVED warnings when they held data).",
    },
  },
});

@ObjectType({ description: "What a write did (or, in a dry run, would do) to one kind of record." })
export class WriteCounts {
  @Field(() => Int)
  new!: number;

  @Field(() => Int)
  changed!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int, { description: "Stored claims that gained a citation from another source." })
  corroborated!: number;

  @Field(() => Int, { description: "Claims kept side by side with, or not overwriting, a conflicting stored one." })
  conflicts!: number;

  @Field(() => Int)
  deleted!: number;
}

@ObjectType({ description: "One record a write created, changed, corroborated, kept in conflict or deleted." })
export class WriteItem {
  @Field(() => String, { description: "`source`, `entity` or `relationship`." })
  item!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description: "`new`, `changed`, `corroborated`, `conflict` or `deleted` (unchanged records are only counted).",
  })
  change!: string;

  @Field(() => [String], { description: "The fields that changed." })
  fields!: string[];

  @Field(() => [String], {
    description:
      "The fields that held data and this write removes (mode REPLACE: left out; mode PATCH: set to null). Also among `fields`.",
  })
  removed!: string[];

  @Field(() => [String], {
    description:
      "Mode PATCH: the fields the record left out that hold data, kept as stored (mode REPLACE would have removed them).",
  })
  kept!: string[];

  @Field(() => String, { nullable: true, description: "How a conflicting claim was kept, when there was one." })
  conflict!: string | null;
}

@ObjectType({
  description:
    "Something a write did that its writer should know: it was done (or, in a dry run, would be), nothing was refused.",
})
export class WriteWarning {
  @Field(() => String, {
    description:
      "`FIELDS_REMOVED`: a record written in mode REPLACE left out fields that held data, and they are removed.",
  })
  code!: string;

  @Field(() => String, { description: "`source`, `entity` or `relationship`." })
  item!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => [String], { description: "The fields concerned." })
  fields!: string[];

  @Field(() => String)
  message!: string;
}

@ObjectType({
  description:
    "The result of a write: counts per kind of record and every record that is not unchanged. A write with problems changes nothing and answers BAD_USER_INPUT with every problem in `extensions.problems` ({ file, line, column, index, item, id, field, code, message }).",
})
export class WriteReport {
  @Field(() => ID, {
    nullable: true,
    description: "Groups this write's history (`Change.writeId`); null for a dry run.",
  })
  writeId!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The graph's version after this write (every write that changes something raises it); null for a dry run or a write that changed nothing.",
  })
  graphVersion!: number | null;

  @Field(() => Boolean, { description: "True when nothing was written (a dry run)." })
  dryRun!: boolean;

  @Field(() => WriteModeName, { description: "How records written again met the stored ones." })
  mode!: WriteModeName;

  @Field(() => WriteCounts)
  sources!: WriteCounts;

  @Field(() => WriteCounts)
  entities!: WriteCounts;

  @Field(() => WriteCounts)
  relationships!: WriteCounts;

  @Field(() => [WriteItem])
  items!: WriteItem[];

  @Field(() => [WriteWarning], {
    description:
      "What the writer should know: every record a mode REPLACE write strips of data it left out (FIELDS_REMOVED). An undo, which means to, is not warned about.",
  })
  warnings!: WriteWarning[];

  @Field(() => Boolean, {
    description: "True when more records changed (or were warned about) than `items` (or `warnings`) list.",
  })
  truncated!: boolean;
}

@ObjectType({
  description:
    "What an erasure of personal data did (or, in a dry run, would do): the entity's personal fields taken out of its present record and of every recorded change of it, and an `erase` change recorded (who, when, why — never the values).",
})
export class ErasureReport {
  @Field(() => ID, { nullable: true, description: "The erasure's write (its `erase` changes); null for a dry run." })
  writeId!: string | null;

  @Field(() => Int, { nullable: true, description: "The graph's version after the erasure; null for a dry run." })
  graphVersion!: number | null;

  @Field(() => Boolean, { description: "True when nothing was written (a dry run)." })
  dryRun!: boolean;

  @Field(() => ID)
  entityId!: string;

  @Field(() => String, { description: "The entity's kind." })
  kind!: string;

  @Field(() => [ID], {
    description: "Every id erased: the entity and the entities merged with it (the same person under other ids).",
  })
  entityIds!: string[];

  @Field(() => [String], {
    description: "The personal fields whose values were taken out (role `staff`; empty for others).",
  })
  fields!: string[];

  @Field(() => Int, { description: "Present records that held personal data (0 or 1 per id)." })
  records!: number;

  @Field(() => Int, { description: "Recorded changes whose records held personal data." })
  changes!: number;
}
