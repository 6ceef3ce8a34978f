/**
 * Who may do what, decided before anything runs: mutations need a verified token with role `editor` (and a
 * server with a JWT key at all); personal contact details need role `staff`; mutation input must pass
 * `checkMutationInput` and cite sources that exist. The SDL's `@authentication` rules enforce the same
 * roles again inside `@neo4j/graphql`. Each accepted write is logged with the editor's `sub`.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { type DocumentNode, type GraphQLSchema, TypeInfo, visit, visitWithTypeInfo, OperationTypeNode } from "graphql";
import { Role, type TokenVerifier, hasRole } from "../auth/index.js";
import type { Database } from "../database/index.js";
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from "../errors/index.js";
import type { Logger } from "../logging/index.js";
import type { ApiContext } from "./context.js";
import { checkMutationInput } from "./mutation-input.js";

/** Fields only some roles may read: `Type.field` → role. */
export const RESTRICTED_FIELDS: Record<string, Role> = {
  "Person.email": Role.Staff,
  "Person.phone": Role.Staff,
};

const restrictedFieldsCache = new WeakMap<DocumentNode, Set<string>>();

/** The restricted fields a document selects, wherever they are nested (fragments included). */
export function restrictedFieldsIn(schema: GraphQLSchema, document: DocumentNode): Set<string> {
  const cached = restrictedFieldsCache.get(document);
  if (cached) return cached;
  const found = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const key = `${typeInfo.getParentType()?.name}.${node.name.value}`;
        if (RESTRICTED_FIELDS[key]) found.add(key);
      },
    }),
  );
  restrictedFieldsCache.set(document, found);
  return found;
}

export function accessPlugin(options: { verifier: TokenVerifier; log: Logger }): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request, contextValue }) {
          if (!operation) return;
          const claims = contextValue.jwt;
          for (const field of restrictedFieldsIn(schema, document)) {
            const role = RESTRICTED_FIELDS[field]!;
            if (!claims) throw new UnauthenticatedError(`Reading ${field} needs a token with the \`${role}\` role.`);
            if (!hasRole(claims, role)) throw new ForbiddenError(`Reading ${field} needs the \`${role}\` role.`);
          }
          if (operation.operation !== OperationTypeNode.MUTATION) return;
          if (!options.verifier.configured) {
            throw new ForbiddenError(
              "This server is read-only: no JWT key is configured (JWT_SECRET or JWT_JWKS_URL).",
            );
          }
          if (!claims) throw new UnauthenticatedError("Editing needs a token with the `editor` role.");
          if (!hasRole(claims, Role.Editor)) throw new ForbiddenError("Editing needs the `editor` role.");

          const rootFields = operation.selectionSet.selections.map((s) => ("name" in s ? s.name.value : s.kind));
          if (rootFields.includes("importGraph") && rootFields.length > 1) {
            // An import runs in its own transaction; mixed with other edits, half could commit.
            throw new BadUserInputError("importGraph", "Send importGraph in a mutation of its own.");
          }
          const report = checkMutationInput(schema, operation, request.variables ?? {});
          const missing = await missingSources(contextValue.db, report.citedSourceIds, report.createdSourceIds);
          for (const id of missing) report.problems.push(`cites source ${JSON.stringify(id)}, which does not exist`);
          if (report.problems.length > 0) {
            const [first] = report.problems;
            throw new BadUserInputError(
              first!.split(/[.:[]/)[0] ?? "input",
              `The mutation input has ${report.problems.length} problem(s): ${report.problems.join("; ")}`,
              report.problems,
            );
          }
          const fields = operation.selectionSet.selections.map((s) => ("name" in s ? s.name.value : s.kind));
          options.log.info(
            { requestId: contextValue.requestId, sub: claims.sub, fields, operationName: request.operationName },
            "write",
          );
        },
      };
    },
  };
}

async function missingSources(db: Database, cited: Set<string>, created: Set<string>): Promise<string[]> {
  const wanted = [...cited].filter((id) => !created.has(id));
  if (wanted.length === 0) return [];
  const found = await db.read(async (tx) => {
    const result = await tx.run("MATCH (s:Source) WHERE s.id IN $ids RETURN collect(s.id) AS ids", { ids: wanted });
    return new Set(result.records[0]?.get("ids") as string[]);
  });
  return wanted.filter((id) => !found.has(id));
}
