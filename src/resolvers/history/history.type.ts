/** The history as GraphQL types: recorded changes and a record as it stood on a past day. */
import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "One recorded change: who changed what, when, from which file or request." })
export class Change {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, {
    nullable: true,
    description: "Shared by every change of one write (one transaction): what a `WriteReport.writeId` names.",
  })
  writeId!: string | null;

  @Field(() => ID, { nullable: true, description: "When this change was part of an undo: the write it undid." })
  reverts!: string | null;

  @Field(() => String, { description: "When, as an ISO 8601 date-time (the transaction's time)." })
  at!: string;

  @Field(() => String, {
    description:
      "Who: the editor's token `sub`, `cli:<user>` for the command line, `seed` for the curated graph. An actor " +
      "recorded as something other than text (before tokens' `sub` was checked) is shown as its JSON text.",
  })
  actor!: string;

  @Field(() => String, {
    description: "From where: `file:<name>` for an import file, `graphql:<request id>` for an API call.",
  })
  origin!: string;

  @Field(() => String, {
    description: "`create`, `update`, `delete`, or `erase`: personal data erased on request (see `reason`).",
  })
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
    description: "The record before the change, as JSON text in the import format (null when created).",
  })
  before!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The record after the change, as JSON text in the import format (null when deleted).",
  })
  after!: string | null;

  @Field(() => String, { nullable: true, description: "For an erasure: why (the request it answers)." })
  reason!: string | null;

  @Field(() => [String], {
    description:
      "Personal fields whose values an erasure took out of `before` and `after` (role `staff`; empty for others).",
  })
  erased!: string[];
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
