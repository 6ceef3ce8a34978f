/**
 * Extra validation rules. graphql-js validates a `mutation` against a schema without a Mutation type only
 * when it executes it, with an error that has no code; this rule rejects it up front as a validation error.
 */
import { GraphQLError, OperationTypeNode, type ValidationRule } from "graphql";

export const operationTypeExists: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root =
      node.operation === OperationTypeNode.QUERY
        ? schema.getQueryType()
        : node.operation === OperationTypeNode.MUTATION
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    if (!root) {
      context.reportError(new GraphQLError(`This API has no ${node.operation}s: it is read-only.`, { nodes: [node] }));
    }
  },
});
