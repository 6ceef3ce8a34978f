/**
 * The operation's limits applied in Apollo: once the operation is known (parsed, validated, its variables
 * given), the cost and filter limits (query-limits.ts), their verdicts remembered (limit-verdicts.ts), refuse
 * it before any resolver runs.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestLimits } from "../config/index.js";
import { operationProblemOnce } from "./limit-verdicts.js";

/** The cost and filter limits as an Apollo plugin: checked once the operation is known, before anything runs. */
export function queryCostPlugin(limits: RequestLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, queryHash }) {
          const problem = operationProblemOnce(schema, document, queryHash, request, limits);
          if (problem) throw problem;
        },
      };
    },
  };
}
