/**
 * How an entity leaves Cypher: one map projection (`nodeProjection`), reading only the fields asked for
 * (`NodeSelection`), and the row it gives (`NodeRow`). Shared by the API's fields (resolvers/shared/graph-records.ts
 * makes GraphNodes of the rows), search and reconciliation.
 */
import type { StatementRunner } from "../database/index.js";
import { ENTITY_KINDS } from "../graph-data/index.js";

/** Parameters every query using the projections must pass. */
export const PROJECTION_PARAMS = { entityKinds: [...ENTITY_KINDS] };

/** The entity fields read besides `id`, `kind` and `name` (which every answer sorts by). */
export interface NodeSelection {
  readonly description: boolean;
  /** `names`: the Finnish, Swedish and English names. */
  readonly names: boolean;
  readonly aliases: boolean;
  /** `externalIds`: the stored ids and a country's ISO code. */
  readonly externalIds: boolean;
  readonly location: boolean;
}

export const ALL_NODE_FIELDS: NodeSelection = {
  description: true,
  names: true,
  aliases: true,
  externalIds: true,
  location: true,
};

/** Cypher map projection of entity variable `n` (the query must pass PROJECTION_PARAMS). */
export function nodeProjection(n: string, selection: NodeSelection = ALL_NODE_FIELDS): string {
  const parts = [`id: ${n}.id`, `kind: [l IN labels(${n}) WHERE l IN $entityKinds][0]`, `name: ${n}.name`];
  if (selection.description) parts.push(`description: ${n}.description`);
  if (selection.names) parts.push(`nameFi: ${n}.nameFi`, `nameSv: ${n}.nameSv`, `nameEn: ${n}.nameEn`);
  if (selection.aliases) parts.push(`aliases: coalesce(${n}.aliases, [])`);
  if (selection.externalIds) parts.push(`externalIds: coalesce(${n}.externalIds, [])`, `isoCode: ${n}.isoCode`);
  if (selection.location) parts.push(`lat: ${n}.location.y`, `lon: ${n}.location.x`);
  return `{ ${parts.join(", ")} }`;
}

/** A node as `nodeProjection` returns it; the optional fields are there when selected. */
export interface NodeRow {
  id: string;
  kind: string;
  name: string;
  description?: string | null;
  nameFi?: string | null;
  nameSv?: string | null;
  nameEn?: string | null;
  aliases?: string[];
  /** `scheme:value` strings. */
  externalIds?: string[];
  isoCode?: string | null;
  lat?: number | null;
  lon?: number | null;
}

/** Looks up one entity by id; undefined when there is none. */
export async function findEntity(tx: StatementRunner, id: string): Promise<NodeRow | undefined> {
  const result = await tx.run(`MATCH (n:Entity {id: $id}) RETURN ${nodeProjection("n")} AS node`, {
    id,
    ...PROJECTION_PARAMS,
  });
  return result.records[0]?.get("node") as NodeRow | undefined;
}
