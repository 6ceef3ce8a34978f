/**
 * Records the history of edits made through the generated API (create / update / delete, connect /
 * disconnect). A mutation runs in a transaction opened here and handed to `@neo4j/graphql` as its
 * `executionContext`: before it runs, the records its `where` selects are snapshotted with their
 * relationships; after it, they are snapshotted again together with the records it created (stamped with
 * the editor's `createdBy` in this transaction, nested creates included); the difference becomes `Change`
 * records in the same transaction, which then commits — edit and history together or not at all.
 * Not recorded: changes to the own properties of a connected record made by a nested update (its
 * relationship changes are recorded, from the selected end).
 * `importGraph` records its own history and is left alone.
 */
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from "@apollo/server";
import {
  type GraphQLSchema,
  Kind,
  OperationTypeNode,
  type OperationDefinitionNode,
  execute,
  getArgumentValues,
  parse,
} from "graphql";
import neo4j, { type Session, type Transaction } from "neo4j-driver";
import { ServiceUnavailableError } from "../errors/index.js";
import { type Snapshot, diffSnapshots, snapshot, writeChanges } from "../history/index.js";
import type { Logger } from "../logging/index.js";
import { ENTITY_LABEL, SOURCE_LABEL } from "../graph-data/index.js";
import type { ApiContext } from "./context.js";

const GENERATED = /^(create|update|delete)([A-Z]\w*)$/;
const PAGE = 1_000;

interface Recording {
  readonly session: Session;
  readonly tx: Transaction;
  readonly started: unknown;
  readonly selected: string[];
  readonly before: Snapshot;
}

export function historyPlugin(log: Logger): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      let recording: Recording | undefined;
      return {
        async executionDidStart({ operation, contextValue, request, schema }) {
          if (operation.operation !== OperationTypeNode.MUTATION) return;
          const fields = rootFields(operation);
          if (!fields.some((field) => GENERATED.test(field.name.value))) return;
          const { db } = contextValue;
          const session = db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.WRITE });
          const tx = session.beginTransaction(contextValue.transaction);
          try {
            const started: unknown = (await tx.run("RETURN datetime.transaction() AS t")).records[0]?.get("t");
            (contextValue as { executionContext?: Transaction }).executionContext = tx;
            const selected = await selectedIds(schema, operation, request.variables ?? {}, contextValue);
            recording = { session, tx, started, selected, before: await snapshot(tx, selected) };
          } catch (error) {
            await tx.rollback().catch(() => undefined);
            await session.close();
            throw error;
          }
        },

        async willSendResponse(requestContext) {
          if (!recording) return;
          const { session, tx } = recording;
          try {
            if (!succeeded(requestContext)) {
              await tx.rollback();
              return;
            }
            const sub = requestContext.contextValue.jwt?.sub ?? "unknown";
            const created = await createdIds(tx, recording.started, sub);
            const after = await snapshot(tx, [...new Set([...recording.selected, ...created])]);
            const changes = diffSnapshots(recording.before, after, {
              actor: sub,
              origin: `graphql:${requestContext.contextValue.requestId}`,
            });
            await writeChanges(tx, changes);
            await tx.commit();
          } catch (error) {
            log.error({ err: error, requestId: requestContext.contextValue.requestId }, "edit not committed");
            await tx.rollback().catch(() => undefined);
            const failure = new ServiceUnavailableError(
              "The edit could not be saved; nothing was changed. Try again shortly.",
            );
            requestContext.response.body = {
              kind: "single",
              singleResult: {
                errors: [
                  {
                    message: failure.message,
                    extensions: { code: failure.extensions.code, requestId: requestContext.contextValue.requestId },
                  },
                ],
              },
            };
            requestContext.response.http.status = 503;
          } finally {
            recording = undefined;
            await session.close();
          }
        },
      };
    },
  };
}

function rootFields(operation: OperationDefinitionNode) {
  return operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection] : []));
}

function succeeded(context: GraphQLRequestContextWillSendResponse<ApiContext>): boolean {
  const body = context.response.body;
  return body.kind === "single" && !(body.singleResult.errors?.length ?? 0);
}

/**
 * The ids of the records that update and delete mutations select with their `where`, found through the
 * generated connection queries (same filter semantics as the mutation), page by page.
 */
async function selectedIds(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  context: ApiContext,
): Promise<string[]> {
  const ids: string[] = [];
  const mutationType = schema.getMutationType();
  for (const field of rootFields(operation)) {
    const match = GENERATED.exec(field.name.value);
    const definition = mutationType?.getFields()[field.name.value];
    if (!match || match[1] === "create" || !definition) continue;
    const where = getArgumentValues(definition, field, variables).where as Record<string, unknown> | undefined;
    const whereType = definition.args.find((arg) => arg.name === "where")?.type.toString();
    const connection = `${match[2]!.charAt(0).toLowerCase()}${match[2]!.slice(1)}Connection`;
    if (!whereType || !schema.getQueryType()?.getFields()[connection]) continue;
    const document = parse(
      `query ($where: ${whereType}, $after: String) { ${connection}(where: $where, first: ${PAGE}, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
    );
    let after: string | null = null;
    for (;;) {
      const result = await execute({ schema, document, variableValues: { where, after }, contextValue: context });
      const [error] = result.errors ?? [];
      if (error) throw error;
      const page = (
        result.data as Record<
          string,
          { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
        >
      )[connection]!;
      ids.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
      after = page.pageInfo.endCursor;
    }
  }
  return ids;
}

/** Records this editor created in this transaction (nested creates included). */
async function createdIds(tx: Transaction, started: unknown, sub: string): Promise<string[]> {
  // One branch per label and stamp, so each can seek its range index (see database/schema-indexes.ts).
  const branches = [ENTITY_LABEL, SOURCE_LABEL].map(
    (label) => `MATCH (n:${label}) WHERE n.createdAt >= $started AND n.createdBy = $sub RETURN n.id AS id`,
  );
  const result = await tx.run(branches.join(" UNION "), { sub, started });
  return result.records.map((record) => record.get("id") as string);
}
