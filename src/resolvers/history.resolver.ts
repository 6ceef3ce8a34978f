/**
 * The history and import fields: `changes`, `recordAsOf` (reads) and `importGraph` (an editor's import,
 * the same as `npm run kg -- import`, with the file's text in the request).
 */
import { Args, ArgsType, Ctx, Field, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { Role, type TokenClaims, hasRole } from "../auth/index.js";
import { PERSONAL_FIELDS } from "../export/index.js";
import { BadUserInputError, GraphDataError } from "../errors/index.js";
import { isFullDate, isPartialDate } from "../graph-data/index.js";
import { type ChangeRecord, listChanges, recordAsOf } from "../history/index.js";
import { importGraph, textReader } from "../import/index.js";
import { asOfArgument, idArgument, integerArgument } from "./arguments.js";
import { Change, HistoricalRecord, ImportFormatName, ImportReportType } from "./history.type.js";
import type { ResolverContext } from "./resolver-context.js";

/** Personal contact details stay with staff, in the history as everywhere else. */
function redacted(record: Record<string, unknown> | null, jwt: TokenClaims | undefined): string | null {
  if (!record) return null;
  if (jwt && hasRole(jwt, Role.Staff)) return JSON.stringify(record);
  return JSON.stringify(Object.fromEntries(Object.entries(record).filter(([key]) => !PERSONAL_FIELDS.includes(key))));
}

function toChange(record: ChangeRecord, jwt: TokenClaims | undefined): Change {
  return {
    ...record,
    fields: [...record.fields],
    before: redacted(record.before, jwt),
    after: redacted(record.after, jwt),
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

  @Field(() => Int, { nullable: true, defaultValue: 50, description: "At most this many (1–1000)." })
  limit?: number | null;
}

@ArgsType()
class RecordAsOfArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The day, YYYY-MM-DD." })
  date!: string;
}

@ArgsType()
class ImportGraphArgs {
  @Field(() => String, { description: "The file's text (YAML, JSON or CSV; see README → Adding facts: import)." })
  content!: string;

  @Field(() => ImportFormatName)
  format!: ImportFormatName;

  @Field(() => Boolean, { defaultValue: false, description: "Report what would change; change nothing." })
  dryRun!: boolean;

  @Field(() => String, { nullable: true, description: "Names the file in messages and in the history." })
  fileName?: string | null;
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
      limit: integerArgument("limit", limit, 50, 1, 1000),
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

  @Mutation(() => ImportReportType, {
    description:
      "Imports a graph file (role `editor`): checks all of it, then applies it in one transaction and records the history; with `dryRun`, reports what would change and changes nothing. A file with problems changes nothing and gets BAD_USER_INPUT listing every problem in `extensions.problems`.",
  })
  async importGraph(
    @Args(() => ImportGraphArgs) { content, format, dryRun, fileName }: ImportGraphArgs,
    @Ctx() { db, jwt, requestId }: ResolverContext,
  ): Promise<ImportReportType> {
    const name = fileName?.trim() ? idLike(fileName.trim()) : `request-${requestId ?? "unknown"}`;
    try {
      const report = await importGraph(db, textReader(content, name, format), {
        dryRun,
        actor: jwt?.sub ?? "unknown",
        origin: `graphql:${requestId ?? "unknown"}:${name}`,
        maxListed: 500,
        // Requests keep the API's per-transaction timeout (NEO4J_TX_TIMEOUT_MS); large files go through the CLI.
        ...(db.transactionTimeoutMs > 0 ? { timeoutMs: db.transactionTimeoutMs } : {}),
      });
      return {
        dryRun: report.dryRun,
        sources: report.counts.source,
        entities: report.counts.entity,
        relationships: report.counts.relationship,
        items: report.items.map((item) => ({
          item: item.item,
          id: item.id,
          change: item.change,
          fields: [...(item.fields ?? [])],
          conflict: item.conflict ?? null,
        })),
        truncated: report.truncated,
      };
    } catch (error) {
      if (error instanceof GraphDataError) {
        throw new BadUserInputError(
          "content",
          `The file has ${error.problems.length} problem(s); nothing was changed. See extensions.problems.`,
          error.problems,
        );
      }
      throw error;
    }
  }
}

/** A file name safe for messages: printable, at most 100 characters. */
function idLike(value: string): string {
  return value.replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 100);
}
