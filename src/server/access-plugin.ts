/**
 * Who may do what, decided before anything runs: mutations need a verified token with role `editor` (and a
 * server with a JWT key at all), one write per operation (each is its own transaction, so two in one
 * request could half-succeed); personal contact details (the model's restricted fields) need role `staff`,
 * which the SDL's `@authentication` rules enforce again inside `@neo4j/graphql`. What a write may contain is
 * the write path's business (src/write), not this plugin's. Each accepted write is logged with the editor's `sub`.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { type DocumentNode, type GraphQLSchema, TypeInfo, visit, visitWithTypeInfo, OperationTypeNode } from "graphql";
import { Role, type TokenVerifier, hasRole } from "../auth/index.js";
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from "../errors/index.js";
import { restrictedFields } from "../graph-data/index.js";
import type { Logger } from "../logging/index.js";
import type { ApiContext } from "./context.js";

/** Fields only some roles may read, `Type.field` → role: the model's restricted fields (graph-data/records.ts). */
export const RESTRICTED_FIELDS: Record<string, Role> = Object.fromEntries(
  restrictedFields().map(({ kind, field, role }) => [`${kind}.${field}`, role]),
);

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
          if (!hasRole(claims, Role.Editor) && !hasRole(claims, Role.Admin)) {
            throw new ForbiddenError("Editing needs the `editor` role.");
          }

          const fields = operation.selectionSet.selections.map((s) => ("name" in s ? s.name.value : s.kind));
          if (fields.length !== 1) {
            // Each write is its own transaction: two in one request could leave one done and one not.
            throw new BadUserInputError(fields[0] ?? "mutation", "Send one write per mutation operation.");
          }
          options.log.info(
            { requestId: contextValue.requestId, sub: claims.sub, fields, operationName: request.operationName },
            "write",
          );
        },
      };
    },
  };
}
