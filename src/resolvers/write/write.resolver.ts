/**
 * The API's writes: small typed mutations on the one write path (src/write), role `editor` (checked by the
 * access plugin before anything runs). Each is one transaction with the same checks, citation rules and
 * history as an import file; a write with problems changes nothing and answers BAD_USER_INPUT with every
 * problem as data in `extensions.problems`. `dryRun` reports exactly what the write would do.
 *
 * `mode` (upsertRecords, importGraph): PATCH keeps the fields a record leaves out and clears those set to null
 * (the default for upsertRecords: an editor sends what changes); REPLACE takes a record as the whole record
 * (the default for importGraph: a file states everything, as `kg import` and the seed). Either way the report
 * names the fields a write removes, and REPLACE warns about each record it strips of data it left out.
 */
import { Args, ArgsType, Ctx, Field, ID, Mutation, Resolver } from "type-graphql";
import { Role, hasRole } from "../../auth/index.js";
import { BadUserInputError, ForbiddenError } from "../../errors/index.js";
import { type Citation, type ItemKind, textReader, recordsReader } from "../../graph-data/index.js";
import {
  RejectedWrite,
  type WriteOptions,
  type WriteReport as Report,
  deleteRecords,
  endRelationship,
  erasePersonalData,
  mergeEntities,
  revertWrite,
  writeGraph,
} from "../../write/index.js";
import { listArgument } from "../shared/arguments.js";
import { CitationInput, EntityInput, RelationshipInput, SourceInput, toRawRecord } from "./record-input.type.js";
import type { ResolverContext } from "../shared/resolver-context.js";
import { ErasureReport, InputFormatName, WriteModeName, WriteReport } from "./write.type.js";

const DRY_RUN = "Check and report what would change; change nothing.";
const MODE =
  "PATCH: fields a record leaves out keep their stored values, null clears a field, a list given is the whole list. REPLACE: the record as given is the whole record; fields left out are removed (listed in `removed`, warned about in `warnings`).";

@ArgsType()
class UpsertRecordsArgs {
  @Field(() => [SourceInput], { nullable: true, description: "Sources to create or update." })
  sources?: SourceInput[] | null;

  @Field(() => [EntityInput], { nullable: true, description: "Entities to create or update." })
  entities?: EntityInput[] | null;

  @Field(() => [RelationshipInput], { nullable: true, description: "Relationships to create or update." })
  relationships?: RelationshipInput[] | null;

  @Field(() => Boolean, { defaultValue: false, description: DRY_RUN })
  dryRun!: boolean;

  @Field(() => WriteModeName, {
    defaultValue: WriteModeName.PATCH,
    description: `${MODE} PATCH by default: an edit sends what it changes.`,
  })
  mode!: WriteModeName;
}

@ArgsType()
class EndRelationshipArgs {
  @Field(() => ID, { description: "The relationship (period) that stops holding." })
  id!: string;

  @Field(() => String, { description: "When it stops (exclusive): YYYY, YYYY-MM or YYYY-MM-DD." })
  date!: string;

  @Field(() => String, {
    defaultValue: "ended",
    description:
      "`ended`: it is over (validTo and status ended). `suspended`: it gets validTo and a new period with status suspended starts on `date`.",
  })
  status!: string;

  @Field(() => CitationInput, { description: "The source that says so." })
  citation!: CitationInput;

  @Field(() => [SourceInput], {
    nullable: true,
    description: "New sources to write in the same transaction, such as the one the citation names.",
  })
  sources?: SourceInput[] | null;

  @Field(() => Boolean, { defaultValue: false, description: DRY_RUN })
  dryRun!: boolean;
}

@ArgsType()
class MergeEntitiesArgs {
  @Field(() => ID, {
    description: "The entity that stays: it gains the other's names, ids, sources and relationships.",
  })
  keepId!: string;

  @Field(() => ID, { description: "The entity found to be the same: re-pointed into `keepId`, then deleted." })
  mergeId!: string;

  @Field(() => Boolean, { defaultValue: false, description: DRY_RUN })
  dryRun!: boolean;
}

@ArgsType()
class DeleteRecordsArgs {
  @Field(() => [ID], {
    description:
      "Ids of sources, entities or relationships. An entity's relationships are deleted with it; a source only when nothing cites it.",
  })
  ids!: string[];

  @Field(() => Boolean, { defaultValue: false, description: DRY_RUN })
  dryRun!: boolean;
}

@ArgsType()
class RevertChangeArgs {
  @Field(() => ID, { description: "A change's id (from `changes`) or a write's id (`WriteReport.writeId`)." })
  id!: string;

  @Field(() => Boolean, { defaultValue: false, description: DRY_RUN })
  dryRun!: boolean;
}

@ArgsType()
class ErasePersonalDataArgs {
  @Field(() => ID, { description: "The person (an entity id; a deleted one too)." })
  entityId!: string;

  @Field(() => String, {
    description:
      "Why: the request it answers (a case number, a date), recorded and citable. Never the data itself: a reason repeating a value it erases is refused.",
  })
  reason!: string;

  @Field(() => Boolean, { defaultValue: false, description: DRY_RUN })
  dryRun!: boolean;
}

@ArgsType()
class ImportGraphArgs {
  @Field(() => String, { description: "The file's text (YAML, JSON or CSV; see docs/import-export.md)." })
  content!: string;

  @Field(() => InputFormatName)
  format!: InputFormatName;

  @Field(() => Boolean, { defaultValue: false, description: DRY_RUN })
  dryRun!: boolean;

  @Field(() => String, { nullable: true, description: "Names the file in problems and in the history." })
  fileName?: string | null;

  @Field(() => WriteModeName, {
    defaultValue: WriteModeName.REPLACE,
    description: `${MODE} REPLACE by default: a file states whole records, as \`kg import\` reads it.`,
  })
  mode!: WriteModeName;
}

/** The argument of `upsertRecords` a problem's record came from. */
const ARGUMENT_OF: Record<ItemKind | "file", string> = {
  source: "sources",
  entity: "entities",
  relationship: "relationships",
  file: "content",
};

/** Runs a write; a refusal becomes BAD_USER_INPUT with the problems as data. */
async function answered(
  argument: (rejected: RejectedWrite) => string,
  work: () => Promise<Report>,
): Promise<WriteReport> {
  try {
    const report = await work();
    return {
      writeId: report.writeId,
      graphVersion: report.graphVersion,
      dryRun: report.dryRun,
      mode: report.mode === "patch" ? WriteModeName.PATCH : WriteModeName.REPLACE,
      sources: report.counts.source,
      entities: report.counts.entity,
      relationships: report.counts.relationship,
      items: report.items.map((item) => ({
        ...item,
        fields: [...item.fields],
        removed: [...(item.removed ?? [])],
        kept: [...(item.kept ?? [])],
        conflict: item.conflict ?? null,
      })),
      warnings: report.warnings.map((warning) => ({ ...warning, fields: [...warning.fields] })),
      truncated: report.truncated,
    };
  } catch (error) {
    if (error instanceof RejectedWrite) {
      throw new BadUserInputError(
        argument(error),
        `${error.message} See extensions.problems.`,
        error.problems,
        error.omitted,
      );
    }
    throw error;
  }
}

function writeOptions({ db, jwt, requestId, maxEditorDeletes }: ResolverContext, dryRun: boolean): WriteOptions {
  return {
    dryRun,
    actor: jwt?.sub ?? "unknown",
    origin: `graphql:${requestId ?? "unknown"}`,
    staff: hasRole(jwt, Role.Staff),
    ...(hasRole(jwt, Role.Admin) || maxEditorDeletes === undefined ? {} : { maxDeletes: maxEditorDeletes }),
    maxListed: 500,
    // Requests keep the API's per-transaction timeout (NEO4J_TX_TIMEOUT_MS); large files go through the CLI.
    ...(db.transactionTimeoutMs > 0 ? { timeoutMs: db.transactionTimeoutMs } : {}),
  };
}

/** A file name safe for messages and the history: printable, at most 100 characters. */
function fileLabel(value: string): string {
  return value.replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 100);
}

@Resolver()
export class WriteResolver {
  @Mutation(() => WriteReport, {
    description:
      "Creates or updates sources, entities and relationships (role `editor`), in one transaction with the same checks, citation rules and history as an import. In mode PATCH (the default) a record's fields left out are kept and null clears one; in mode REPLACE the record as given is the whole record, and the fields it removes are reported and warned about. A record restated by the sources behind the stored one replaces it; a different claim from other sources is kept beside it.",
  })
  async upsertRecords(
    @Args(() => UpsertRecordsArgs) args: UpsertRecordsArgs,
    @Ctx() context: ResolverContext,
  ): Promise<WriteReport> {
    const reader = recordsReader({
      sources: listArgument("sources", args.sources).map(toRawRecord),
      entities: listArgument("entities", args.entities).map(toRawRecord),
      relationships: listArgument("relationships", args.relationships).map(toRawRecord),
    });
    return answered(
      (rejected) => ARGUMENT_OF[rejected.problems[0]?.item ?? "entity"],
      () => writeGraph(context.db, { reader }, { ...writeOptions(context, args.dryRun), mode: args.mode }),
    );
  }

  @Mutation(() => WriteReport, {
    description:
      "Ends or suspends a relationship as a new period (role `editor`): the period gets `validTo` and the citation; a suspension also starts a period with status `suspended`. The earlier claims stay with their sources.",
  })
  async endRelationship(
    @Args(() => EndRelationshipArgs) args: EndRelationshipArgs,
    @Ctx() context: ResolverContext,
  ): Promise<WriteReport> {
    return answered(
      (rejected) => {
        const field = rejected.problems[0]?.field ?? "id";
        if (rejected.problems[0]?.item === "source") return "sources";
        return field.startsWith("citations") ? "citation" : ["id", "date", "status"].includes(field) ? field : "id";
      },
      () =>
        endRelationship(
          context.db,
          {
            id: args.id,
            date: args.date,
            status: args.status as "ended",
            citation: toRawRecord(args.citation) as unknown as Citation,
            sources: listArgument("sources", args.sources).map(toRawRecord),
          },
          writeOptions(context, args.dryRun),
        ),
    );
  }

  @Mutation(() => WriteReport, {
    description:
      "Deletes sources, entities and relationships by id (role `editor`), recording each in the history: an entity's relationships go with it; a source still cited is refused (STILL_CITED). An editor deletes at most MAX_EDITOR_DELETES records in one write, cascades included (TOO_MANY_DELETES); `admin` more.",
  })
  async deleteRecords(
    @Args(() => DeleteRecordsArgs) args: DeleteRecordsArgs,
    @Ctx() context: ResolverContext,
  ): Promise<WriteReport> {
    const ids = listArgument("ids", args.ids);
    return answered(
      () => "ids",
      () => deleteRecords(context.db, ids, writeOptions(context, args.dryRun)),
    );
  }

  @Mutation(() => WriteReport, {
    description:
      "Merges two entities found to be the same (role `editor`), as one write with its history: `keepId` gains the other's names (as aliases), external ids, sources and missing fields; every relationship of `mergeId` is re-pointed to it (a new id), sources it published are re-attributed, a relationship between the two is dropped, and `mergeId` is deleted. Two ids of one scheme are refused (INVALID_VALUE); a `Place` may merge into any kind, others into their own kind only (NOT_ALLOWED). Undo it with `revertChange`.",
  })
  async mergeEntities(
    @Args(() => MergeEntitiesArgs) args: MergeEntitiesArgs,
    @Ctx() context: ResolverContext,
  ): Promise<WriteReport> {
    return answered(
      (rejected) => (rejected.problems[0]?.field === "keepId" ? "keepId" : "mergeId"),
      () => mergeEntities(context.db, args.keepId, args.mergeId, writeOptions(context, args.dryRun)),
    );
  }

  @Mutation(() => WriteReport, {
    description:
      "Undoes a write (role `editor`): every record it touched goes back to what it was before — a deleted entity with its relationships and citations, an edited record's old fields, a created record removed — as a new write, recorded in the history. A change's id undoes the whole write it belongs to. Refused (CHANGED_SINCE, each problem naming the later writes in `writeIds`) when a later write changed one of those records, built on one the undo would remove or change (a relationship at an entity it would delete, a record citing a source it would delete or re-form, a source naming it as publisher), or deleted what a record it would put back refers to: undo those first, newest first. Personal contact details come back too, named to `staff` only.",
  })
  async revertChange(
    @Args(() => RevertChangeArgs) args: RevertChangeArgs,
    @Ctx() context: ResolverContext,
  ): Promise<WriteReport> {
    return answered(
      () => "id",
      () => revertWrite(context.db, args.id, writeOptions(context, args.dryRun)),
    );
  }

  @Mutation(() => ErasureReport, {
    description:
      "Erases a person's personal data on request (GDPR art. 17; role `admin`): the personal fields (`email`, `phone`) are taken out of the present record and of every recorded change of it — and of the entities merged with it — in one transaction, leaving an `erase` change (who, when, `reason`, which entity; never the values) and the rest of the history as it was. Cannot be undone (`revertChange` refuses it, NOT_ALLOWED); undoing an older write cannot bring the data back. Backups made before still hold it: README → Personal data.",
  })
  async erasePersonalData(
    @Args(() => ErasePersonalDataArgs) args: ErasePersonalDataArgs,
    @Ctx() context: ResolverContext,
  ): Promise<ErasureReport> {
    const { db, jwt, requestId } = context;
    // Editors reach this far (the access plugin lets any write through to its resolver): erasure is admin's.
    if (!hasRole(jwt, Role.Admin)) throw new ForbiddenError("Erasing personal data needs the `admin` role.");
    try {
      const report = await erasePersonalData(db, args.entityId, args.reason, {
        dryRun: args.dryRun,
        actor: jwt?.sub ?? "unknown",
        origin: `graphql:${requestId ?? "unknown"}`,
        ...(db.transactionTimeoutMs > 0 ? { timeoutMs: db.transactionTimeoutMs } : {}),
      });
      const staff = hasRole(jwt, Role.Staff);
      return { ...report, entityIds: [...report.entityIds], fields: staff ? [...report.fields] : [] };
    } catch (error) {
      if (error instanceof RejectedWrite) {
        throw new BadUserInputError(
          error.problems[0]?.field === "reason" ? "reason" : "entityId",
          `${error.message} See extensions.problems.`,
          error.problems,
          error.omitted,
        );
      }
      throw error;
    }
  }

  @Mutation(() => WriteReport, {
    description:
      "Imports a graph file (role `editor`), exactly as `npm run kg -- import` does: checks all of it, then writes it in one transaction with its history. Mode REPLACE by default (each record as given is the whole record; fields it removes are reported and warned about); PATCH keeps fields a record leaves out. Files up to MAX_BODY_BYTES; larger ones through the command line.",
  })
  async importGraph(
    @Args(() => ImportGraphArgs) args: ImportGraphArgs,
    @Ctx() context: ResolverContext,
  ): Promise<WriteReport> {
    const name = args.fileName?.trim() ? fileLabel(args.fileName.trim()) : `request-${context.requestId ?? "unknown"}`;
    const options = writeOptions(context, args.dryRun);
    return answered(
      () => "content",
      () =>
        writeGraph(
          context.db,
          { reader: textReader(args.content, name, args.format) },
          { ...options, mode: args.mode, origin: `${options.origin}:${name}` },
        ),
    );
  }
}
