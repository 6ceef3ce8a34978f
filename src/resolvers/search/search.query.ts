/** `search`'s hits: the ranked rows of src/graph-reads/search.ts as GraphNodes. */
import type { StatementRunner } from "../../database/index.js";
import { type NodeSelection, searchEntityRows } from "../../graph-reads/index.js";
import { toGraphNode } from "../shared/graph-records.js";
import type { SearchHit } from "./search-hit.type.js";

/** `selection`: the hit fields the request selects (the ranking reads names and aliases in Cypher either way). */
export async function searchEntities(
  tx: StatementRunner,
  text: string,
  limit: number,
  selection?: NodeSelection,
): Promise<SearchHit[]> {
  const rows = await searchEntityRows(tx, text, limit, selection);
  return rows.map(({ node, score }) => ({ node: toGraphNode(node), score }));
}
