/**
 * The history fields: `changes`, `deletedRecords` (what is gone, and the write that undoes its deletion) and
 * `recordAsOf`, read from the `Change` records every write leaves.
 */
import { Args, ArgsType, Ctx, Field, ID, Int, Query, Resolver } from "type-graphql";
import { Role, type TokenClaims, hasRole } from "../../auth/index.js";
import { BadUserInputError } from "../../errors/index.js";
import { RESTRICTED_FIELD_NAMES, isFullDate, isPartialDate } from "../../graph-data/index.js";
import { type ChangeRecord, listChanges, listDeletedRecords, recordAsOf } from "../../history/index.js";
import { asOfArgument, idArgument, limitArgument, limitDescription } from "../shared/arguments.js";
import { Change, HistoricalRecord } from "./history.type.js";
import type { ResolverContext } from "../shared/resolver-context.js";

/** Personal contact details (the model's restricted fields) stay with staff, in the history as everywhere else. */
function redacted(record: Record<string, unknown> | null, jwt: TokenClaims | undefined): string | null {
  if (!record) return null;
  if (hasRole(jwt, Role.Staff)) return JSON.stringify(record);
  return JSON.stringify(Object.fromEntries(Object.entries(record).filter(([key]) => !RESTRICTED_FIELD_NAMES.has(key))));
}

function toChange(record: ChangeRecord, jwt: TokenClaims | undefined): Change {
  const staff = hasRole(jwt, Role.Staff);
  return {
    ...record,
    fields: record.fields.filter((field) => staff || !RESTRICTED_FIELD_NAMES.has(field)),
    before: redacted(record.before, jwt),
    after: redacted(record.after, jwt),
    reason: record.reason ?? null,
    erased: (record.erased ?? []).filter((field) => staff || !RESTRICTED_FIELD_NAMES.has(field)),
  };
}

/**
 * `since`: a day, month or year (ISO 8601), or a full date-time with a real day and time
 * (`2020-02-30` is refused: JavaScript's Date would read it as 1 March).
 */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)?$/;

function sinceArgument(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const dateTime = DATE_TIME.exec(value);
  if (dateTime ? !isFullDate(dateTime[1]!) : !isPartialDate(value)) {
    throw new BadUserInputError(
      "since",
      "`since` must be a real ISO 8601 date or date-time, e.g. 2026-01-01 or 2026-01-01T12:00:00Z.",
    );
  }
  return value;
}

// Arguments as classes: type-graphql lists them in declaration order (parameter decorators come reversed).
@ArgsType()
class ChangesArgs {
  @Field(() => String, { nullable: true, description: "ISO 8601 date or date-time: changes at or after it." })
  since?: string | null;

  @Field(() => ID, { nullable: true, description: "Only changes to this entity or its relationships." })
  entityId?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 50, description: limitDescription("changes") })
  limit?: number | null;
}

const ITEM_TYPES = ["source", "entity", "relationship"] as const;

@ArgsType()
class DeletedRecordsArgs extends ChangesArgs {
  @Field(() => String, { nullable: true, description: "Only deleted `source`, `entity` or `relationship` records." })
  itemType?: string | null;
}

function itemTypeArgument(value: string | null | undefined): (typeof ITEM_TYPES)[number] | null {
  if (value === null || value === undefined) return null;
  const known = ITEM_TYPES.find((type) => type === value);
  if (!known) throw new BadUserInputError("itemType", "`itemType` must be `source`, `entity` or `relationship`.");
  return known;
}

@ArgsType()
class RecordAsOfArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The day, YYYY-MM-DD." })
  date!: string;
}

@Resolver()
export class HistoryResolver {
  @Query(() => [Change], {
    description:
      "Recorded changes (imports and edits), newest first: since a date, and/or about one entity (its own record and its relationships).",
  })
  async changes(
    @Args(() => ChangesArgs) { since, entityId, limit }: ChangesArgs,
    @Ctx() { db, jwt }: ResolverContext,
  ): Promise<Change[]> {
    const records = await listChanges(db, {
      since: sinceArgument(since),
      entityId: entityId === null || entityId === undefined ? null : idArgument("entityId", entityId),
      limit: limitArgument(limit, 50),
    });
    return records.map((record) => toChange(record, jwt));
  }

  @Query(() => [Change], {
    description:
      "Records that are gone: for each source, entity or relationship whose last change deleted it, that change (newest first), with the whole record in `before`. `revertChange(id: writeId)` brings it back with everything its write deleted along with it.",
  })
  async deletedRecords(
    @Args(() => DeletedRecordsArgs) { since, entityId, itemType, limit }: DeletedRecordsArgs,
    @Ctx() { db, jwt }: ResolverContext,
  ): Promise<Change[]> {
    const records = await listDeletedRecords(db, {
      since: sinceArgument(since),
      entityId: entityId === null || entityId === undefined ? null : idArgument("entityId", entityId),
      itemType: itemTypeArgument(itemType),
      limit: limitArgument(limit, 50),
    });
    return records.map((record) => toChange(record, jwt));
  }

  @Query(() => HistoricalRecord, {
    description:
      "A source, entity or relationship (by id) as it stood at the end of a past day, from the recorded history.",
  })
  async recordAsOf(
    @Args(() => RecordAsOfArgs) { id, date }: RecordAsOfArgs,
    @Ctx() { db, jwt }: ResolverContext,
  ): Promise<HistoricalRecord> {
    const wanted = idArgument("id", id);
    const day = asOfArgument("date", date)!;
    const found = await recordAsOf(db, wanted, day);
    return {
      id: wanted,
      asOf: day,
      itemType: found.itemType,
      existed: found.record !== null,
      properties: redacted(found.record, jwt),
      fromHistory: found.recorded,
      change: found.change ? toChange(found.change, jwt) : null,
    };
  }
}
