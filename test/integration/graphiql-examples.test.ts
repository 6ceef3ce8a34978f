/**
 * The example queries GraphiQL opens with run against the curated graph without errors, and return data
 * (the write example with the role it names, as a dry run: it changes nothing).
 */
import { describe, expect, it } from "vitest";
import { EXAMPLE_TABS } from "../../src/web/graphiql/example-queries.js";
import { testToken } from "../support/test-api.js";
import { useTestGraph } from "../support/test-graph.js";

const { api } = useTestGraph();

describe("GraphiQL's example queries", () => {
  it.each(EXAMPLE_TABS.map((tab) => [tab.query.split("\n")[0], tab] as const))("%s", async (_title, tab) => {
    const variables = tab.variables ? (JSON.parse(tab.variables) as Record<string, unknown>) : undefined;
    const token = tab.role ? await testToken([tab.role], "test-graphiql") : undefined;
    const result = await api.query(tab.query, variables, token);
    expect(result.errors).toBeUndefined();
    expect(Object.keys(result.data ?? {}).length).toBeGreaterThan(0);
    // Every field answers (the history may be empty on a fresh graph; every other list has entries).
    for (const [field, value] of Object.entries(result.data ?? {})) {
      expect(value, field).not.toBeNull();
      if (Array.isArray(value) && field !== "changes") expect(value.length, field).toBeGreaterThan(0);
    }
  });
});
