import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum ImportFormatName {
  YAML = "yaml",
  JSON = "json",
  CSV = "csv",
}
registerEnumType(ImportFormatName, { name: "ImportFormat", description: "The format of an import file." });

@ObjectType({ description: "One recorded change: who changed what, when, from which file or request." })
export class Change {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "When, as an ISO 8601 date-time (the transaction's time)." })
  at!: string;

  @Field(() => String, { description: "Who: the editor's token `sub`, or `cli:<user>` for the command line." })
  actor!: string;

  @Field(() => String, {
    description: "From where: `file:<name>` for an import file, `graphql:<request id>` for an API call.",
  })
  origin!: string;

  @Field(() => String, { description: "`create` or `update` (or `delete`)." })
  operation!: string;

  @Field(() => String, { description: "`source`, `entity` or `relationship`." })
  itemType!: string;

  @Field(() => ID, { description: "The changed record's id." })
  itemId!: string;

  @Field(() => String, { nullable: true, description: "The entity's kind or the relationship's type." })
  itemKind!: string | null;

  @Field(() => ID, { nullable: true, description: "For a relationship: the entity it starts at." })
  fromId!: string | null;

  @Field(() => ID, { nullable: true, description: "For a relationship: the entity it ends at." })
  toId!: string | null;

  @Field(() => [String], { description: "The fields that changed." })
  fields!: string[];

  @Field(() => String, {
    nullable: true,
    description: "The record before the change, as JSON text (null when created).",
  })
  before!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The record after the change, as JSON text (null when deleted).",
  })
  after!: string | null;
}

@ObjectType({ description: "A record as it stood on a past day." })
export class HistoricalRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The day asked about (YYYY-MM-DD)." })
  asOf!: string;

  @Field(() => String, { nullable: true, description: "`source`, `entity` or `relationship`; null when unknown." })
  itemType!: string | null;

  @Field(() => Boolean, { description: "False when the record did not exist on that day (or had been deleted)." })
  existed!: boolean;

  @Field(() => String, { nullable: true, description: "Its properties then, as JSON text." })
  properties!: string | null;

  @Field(() => Boolean, {
    description:
      "True when the state comes from recorded history; false when no change was ever recorded for it (it came with the curated graph), so its present state is shown.",
  })
  fromHistory!: boolean;

  @Field(() => Change, { nullable: true, description: "The change that gave it that state." })
  change!: Change | null;
}

@ObjectType({ description: "What an import did (or, in a dry run, would do) to one kind of record." })
export class ImportCountsType {
  @Field(() => Int)
  new!: number;

  @Field(() => Int)
  changed!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int, { description: "Records kept side by side with, or not overwriting, a conflicting stored claim." })
  conflicts!: number;
}

@ObjectType({ description: "One new or changed record of an import." })
export class ImportItem {
  @Field(() => String, { description: "`source`, `entity` or `relationship`." })
  item!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "`new` or `changed` (unchanged records are only counted)." })
  change!: string;

  @Field(() => [String], { description: "The fields that changed." })
  fields!: string[];

  @Field(() => String, { nullable: true, description: "How a conflicting claim was kept, when there was one." })
  conflict!: string | null;
}

@ObjectType({ description: "The result of an import: counts per kind of record and the new or changed ones." })
export class ImportReportType {
  @Field(() => Boolean, { description: "True when nothing was written (a dry run)." })
  dryRun!: boolean;

  @Field(() => ImportCountsType)
  sources!: ImportCountsType;

  @Field(() => ImportCountsType)
  entities!: ImportCountsType;

  @Field(() => ImportCountsType)
  relationships!: ImportCountsType;

  @Field(() => [ImportItem])
  items!: ImportItem[];

  @Field(() => Boolean, { description: "True when more records changed than `items` lists." })
  truncated!: boolean;
}
