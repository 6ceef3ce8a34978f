/**
 * Writes checked graph data into Neo4j in ONE write transaction: all of it or none. Every write is a
 * `MERGE` by id followed by `SET … = row`, so loading the same data twice leaves the graph exactly as it
 * was. Labels and relationship types come from the model's allow-lists, never from the data itself.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { type Database, toNumber } from "../database/index.js";
import { GraphDataError } from "../errors/index.js";
import { ENTITY_KINDS, ENTITY_LABEL, RELATIONSHIP_TYPES, SOURCE_LABEL } from "../graph-data/index.js";
import type { EntityRecord, GraphData, RelationshipRecord, SourceRecord } from "./graph-file.js";

export interface LoadSummary {
  readonly sources: number;
  readonly entities: number;
  readonly relationships: number;
}

/** Node properties as stored: the record minus `kind`, with `sources` stored as `sourceIds`. */
export function entityProperties(entity: EntityRecord): Record<string, unknown> {
  const { kind: _kind, sources, ...rest } = entity;
  return dropUndefined({ ...rest, sourceIds: sources });
}

export function relationshipProperties(
  relationship: Omit<RelationshipRecord, "id"> & { id?: string },
): Record<string, unknown> {
  const { type: _type, from: _from, to: _to, citations, ...rest } = relationship;
  return dropUndefined({
    ...rest,
    sourceIds: citations.map((citation) => citation.source),
    excerpts: citations.map((citation) => citation.excerpt),
  });
}

export function sourceProperties(source: SourceRecord): Record<string, unknown> {
  return dropUndefined({ ...source });
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

export async function loadGraph(database: Database, data: GraphData): Promise<LoadSummary> {
  await database.write(async (tx) => {
    await tx.run(`UNWIND $rows AS row MERGE (n:${SOURCE_LABEL} {id: row.id}) SET n = row`, {
      rows: data.sources.map(sourceProperties),
    });
    for (const kind of ENTITY_KINDS) {
      const rows = data.entities.filter((entity) => entity.kind === kind).map(entityProperties);
      if (rows.length > 0) await mergeEntities(tx, kind, rows);
    }
    for (const type of RELATIONSHIP_TYPES) {
      const rows = data.relationships
        .filter((relationship) => relationship.type === type)
        .map((relationship) => ({
          from: relationship.from,
          to: relationship.to,
          properties: relationshipProperties(relationship),
        }));
      if (rows.length > 0) await mergeRelationships(tx, type, rows);
    }
  });
  return { sources: data.sources.length, entities: data.entities.length, relationships: data.relationships.length };
}

/** `kind` is one of ENTITY_KINDS (checked by the caller's loop), so it is safe in the query text. */
async function mergeEntities(tx: ManagedTransaction, kind: string, rows: Record<string, unknown>[]): Promise<void> {
  await tx.run(`UNWIND $rows AS row MERGE (n:${kind}:${ENTITY_LABEL} {id: row.id}) SET n = row`, { rows });
}

/** `type` is one of RELATIONSHIP_TYPES; both ends were checked to exist before the transaction began. */
async function mergeRelationships(
  tx: ManagedTransaction,
  type: string,
  rows: { from: string; to: string; properties: Record<string, unknown> }[],
): Promise<void> {
  const result = await tx.run(
    `UNWIND $rows AS row
     MATCH (a:${ENTITY_LABEL} {id: row.from})
     MATCH (b:${ENTITY_LABEL} {id: row.to})
     MERGE (a)-[r:${type} {id: row.properties.id}]->(b)
     SET r = row.properties
     RETURN count(r) AS written`,
    { rows },
  );
  const written = toNumber(result.records[0]?.get("written"));
  if (written !== rows.length) {
    // Ends exist in the file but not in the database (a partial file against an older graph): roll back.
    throw new GraphDataError([
      `${type}: ${rows.length - written} relationship(s) point at entities missing from the database`,
    ]);
  }
}
