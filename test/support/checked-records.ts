/** Records as the checker returns them, from a few fields over a minimal valid one: for the write plan's tests. */
import { type EntityRecord, type RelationshipRecord, checkRecord } from "../../src/graph-data/index.js";

/** A City `c` citing source `a`, with `value`'s fields over it; throws on a record the checker refuses. */
export function checkedEntity(value: Record<string, unknown>): EntityRecord {
  const result = checkRecord("entities", { kind: "City", id: "c", name: "C", sources: ["a"], ...value });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.record;
}

/** `h` PARTNER_OF `t`, citing source `a`, with `value`'s fields over it; throws on a record the checker refuses. */
export function checkedRelationship(value: Record<string, unknown>): RelationshipRecord {
  const result = checkRecord("relationships", {
    type: "PARTNER_OF",
    from: "h",
    to: "t",
    citations: [{ source: "a", excerpt: "partners" }],
    ...value,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.record;
}
