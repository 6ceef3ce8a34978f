/**
 * Centrality and communities with Neo4j Graph Data Science (GDS 2.13, https://neo4j.com/docs/graph-data-science/2.13/).
 * Each request projects the graph as of `asOf` into GDS's in-memory catalog with a Cypher projection —
 * entities only (Source and Change nodes are never part of it), relationships of the requested types valid
 * that day, read in both directions — runs one algorithm on it in the same read transaction, and drops the
 * projection afterwards, also when anything failed. Projection names are random per attempt, so retried
 * transactions never collide. The server-side transaction timeout (NEO4J_TX_TIMEOUT_MS) stops a run that
 * takes too long; the exact algorithms that cannot scale are refused above a size (see the constants).
 */
import { randomUUID } from "node:crypto";
import { type ManagedTransaction, Neo4jError } from "neo4j-driver";
import { type Database, cypherInt, toNumber } from "../../database/index.js";
import { BadUserInputError, GdsUnavailableError } from "../../errors/index.js";
import { type EntityKind, type PublisherKind, type UndatedPolicy, isTieCypher } from "../../graph-data/index.js";
import type { Community } from "./community.type.js";
import { type NodeRow, PROJECTION_PARAMS, nodeProjection, toGraphNode } from "../shared/graph-records.js";
import { CentralityAlgorithm, type NodeScore } from "./node-score.type.js";
import { traversableCypher } from "../shared/traversal.js";

/**
 * Betweenness costs one traversal of the whole graph per source entity: O(sources × (nodes + relationships)).
 * It is exact while all entities fit this work budget, and above it sampled from as many sources as fit (at
 * least 50, fixed seed): exact betweenness of a large graph runs past the transaction timeout.
 */
export const BETWEENNESS_WORK_BUDGET = 50_000_000;
const MIN_BETWEENNESS_SOURCES = 50;

/** How many source entities betweenness starts from; all of them (exact) when the graph is small. */
export function betweennessSources(graph: { nodes: number; relationships: number }): number {
  const perSource = Math.max(1, graph.nodes + graph.relationships);
  return Math.min(graph.nodes, Math.max(MIN_BETWEENNESS_SOURCES, Math.floor(BETWEENNESS_WORK_BUDGET / perSource)));
}
/** Closeness has no sampled variant in GDS (O(nodes × relationships)): refused above this many nodes. */
export const CLOSENESS_MAX_NODES = 20_000;
/** Answers list at most this many communities (the largest), each with at most this many members. */
export const MAX_COMMUNITIES = 50;
export const MAX_COMMUNITY_MEMBERS = 500;
/** Louvain runs single-threaded (so deterministic) up to this many nodes, on four threads above it. */
const DETERMINISTIC_NODES = 50_000;

/** The most entities a scope may start from, and the most steps it may reach out. */
export const MAX_SCOPE_ENTITIES = 8;
export const MAX_SCOPE_HOPS = 3;

export interface ProjectionFilter {
  readonly asOf: string | null;
  readonly relationshipTypes: readonly string[];
  readonly undated: UndatedPolicy;
  /** Only relationships a source of one of these publisher kinds cites; null for all. */
  readonly publisherKinds?: readonly PublisherKind[] | null;
  /**
   * Only the part of the graph within `hops` steps of these entities (over the same relationships the
   * projection keeps); the whole graph when absent. The ids must exist (the resolver checks).
   */
  readonly scope?: { readonly around: readonly string[]; readonly hops: number } | null;
}

interface ProjectedGraph {
  readonly name: string;
  readonly nodes: number;
  readonly relationships: number;
}

/** A relationship the projection keeps: a tie (not a denial) the filter lets through. */
const kept = (rel: string, undated: UndatedPolicy): string =>
  `${isTieCypher(rel)} AND ${traversableCypher(rel, undated)}`;

const project = (undated: UndatedPolicy, scoped: boolean): string => `
  ${scoped ? "UNWIND $scope AS id MATCH (a:Entity {id: id})-[r]->(b:Entity) WHERE b.id IN $scope AND" : "MATCH (a:Entity)-[r]->(b:Entity) WHERE"}
    ${kept("r", undated)}
  WITH gds.graph.project($graphName, a, b, {}, {undirectedRelationshipTypes: ['*']}) AS graph
  RETURN coalesce(graph.nodeCount, 0) AS nodes, coalesce(graph.relationshipCount, 0) AS relationships`;

/**
 * The ids of the entities within `hops` steps of the scope's entities, breadth first, one statement per
 * step (at most MAX_SCOPE_HOPS), each reading only the relationships of the step's frontier.
 */
async function scopeIds(tx: ManagedTransaction, filter: ProjectionFilter): Promise<string[]> {
  const scope = filter.scope;
  if (!scope) return [];
  const found = new Set(scope.around);
  let frontier = [...scope.around];
  for (let hop = 1; hop <= scope.hops && frontier.length > 0; hop += 1) {
    const result = await tx.run(
      `UNWIND $frontier AS id MATCH (a:Entity {id: id})-[r]-(b:Entity)
       WHERE ${kept("r", filter.undated)}
       RETURN DISTINCT b.id AS id`,
      { ...projectionParams(filter), frontier },
    );
    frontier = result.records.map((record) => record.get("id") as string).filter((id) => !found.has(id));
    for (const id of frontier) found.add(id);
  }
  return [...found];
}

function projectionParams(filter: ProjectionFilter): Record<string, unknown> {
  return {
    asOf: filter.asOf,
    relationshipTypes: filter.relationshipTypes,
    publisherKinds: filter.publisherKinds ?? null,
  };
}

/**
 * Projects the graph, runs `work` on it, drops it. A graph with no relationship valid that day projects
 * nothing: `work` then gets zero nodes and no catalog entry exists.
 */
/** How many projections this process has made (a test reads it to see that remembered answers made none). */
export const projectionCount = { made: 0 };

export async function withProjectedGraph<T>(
  db: Database,
  filter: ProjectionFilter,
  work: (tx: ManagedTransaction, graph: ProjectedGraph) => Promise<T>,
): Promise<T> {
  const names: string[] = [];
  try {
    return await db.read(async (tx) => {
      const name = `kg-insights-${randomUUID()}`;
      names.push(name);
      projectionCount.made += 1;
      const scoped = Boolean(filter.scope);
      const scope = scoped ? await scopeIds(tx, filter) : null;
      const result = await tx.run(project(filter.undated, scoped), {
        ...projectionParams(filter),
        scope,
        graphName: name,
      });
      const record = result.records[0];
      const nodes = record ? toNumber(record.get("nodes")) : 0;
      const relationships = record ? toNumber(record.get("relationships")) : 0;
      return work(tx, { name, nodes, relationships });
    });
  } catch (error) {
    throw isGdsMissing(error) ? new GdsUnavailableError() : error;
  } finally {
    for (const name of names) await dropProjection(db, name);
  }
}

/** Drops a projection if it exists; failures are ignored (a dead database has no catalog left to clean). */
async function dropProjection(db: Database, name: string): Promise<void> {
  await db
    .read(async (tx) => {
      await tx.run("CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName", { name });
    })
    .catch(() => undefined);
}

/** Neo4j's answer when `gds.*` is not installed: an unknown function or procedure named gds.… */
export function isGdsMissing(error: unknown): boolean {
  if (!(error instanceof Neo4jError)) return false;
  const unknown =
    error.code === "Neo.ClientError.Procedure.ProcedureNotFound" ||
    error.code === "Neo.ClientError.Statement.SyntaxError";
  return unknown && /\bgds\./.test(error.message) && /unknown function|no procedure|not found/i.test(error.message);
}

/** The algorithm's stream call (a constant per algorithm; sizes come as parameters). */
function centralityCall(algorithm: CentralityAlgorithm, graph: ProjectedGraph): string {
  switch (algorithm) {
    case CentralityAlgorithm.DEGREE:
      return "CALL gds.degree.stream($graphName) YIELD nodeId, score";
    case CentralityAlgorithm.PAGERANK:
      return "CALL gds.pageRank.stream($graphName, {maxIterations: 20, dampingFactor: 0.85}) YIELD nodeId, score";
    case CentralityAlgorithm.CLOSENESS:
      if (graph.nodes > CLOSENESS_MAX_NODES) {
        throw new BadUserInputError(
          "algorithm",
          `CLOSENESS is exact and would take too long on ${graph.nodes} entities (at most ${CLOSENESS_MAX_NODES}): ` +
            "narrow it with relationshipTypes or asOf, or use DEGREE, PAGERANK or BETWEENNESS.",
        );
      }
      return "CALL gds.closeness.stream($graphName, {useWassermanFaust: true}) YIELD nodeId, score";
    case CentralityAlgorithm.BETWEENNESS:
      return betweennessSources(graph) < graph.nodes
        ? "CALL gds.betweenness.stream($graphName, {samplingSize: $sources, samplingSeed: 42}) YIELD nodeId, score"
        : "CALL gds.betweenness.stream($graphName) YIELD nodeId, score";
  }
}

export interface CentralityRequest extends ProjectionFilter {
  readonly algorithm: CentralityAlgorithm;
  readonly kinds: readonly EntityKind[] | null;
  readonly limit: number;
}

/** The top `limit` entities (of `kinds`, when given) by score; ties share a rank. */
export async function findCentrality(db: Database, request: CentralityRequest): Promise<NodeScore[]> {
  return withProjectedGraph(db, request, async (tx, graph) => {
    if (graph.nodes === 0) return [];
    const result = await tx.run(
      `${centralityCall(request.algorithm, graph)}
       WITH gds.util.asNode(nodeId) AS n, score
       WHERE $kinds IS NULL OR any(label IN labels(n) WHERE label IN $kinds)
       WITH n, score ORDER BY score DESC, n.name, n.id LIMIT $limit
       RETURN ${nodeProjection("n")} AS node, score`,
      {
        graphName: graph.name,
        kinds: request.kinds,
        limit: cypherInt(request.limit),
        sources: cypherInt(betweennessSources(graph)),
        ...PROJECTION_PARAMS,
      },
    );
    const scores: NodeScore[] = [];
    for (const record of result.records) {
      const score = Number(record.get("score"));
      const previous = scores.at(-1);
      const rank = previous && previous.score === score ? previous.rank : scores.length + 1;
      scores.push({ node: toGraphNode(record.get("node") as NodeRow), score, rank });
    }
    return scores;
  });
}

/**
 * Louvain communities, largest first; ids 1, 2, … in that order (ties by their first member's id). With
 * `containing`, only the communities holding one of those entities (ids still count among all), and those
 * entities listed first among the members.
 */
export async function findCommunities(
  db: Database,
  filter: ProjectionFilter,
  containing: readonly string[] | null = null,
): Promise<Community[]> {
  return withProjectedGraph(db, filter, async (tx, graph) => {
    if (graph.nodes === 0) return [];
    const result = await tx.run(
      `CALL gds.louvain.stream($graphName, {concurrency: $concurrency, maxLevels: 5, maxIterations: 5}) YIELD nodeId, communityId
       WITH communityId, gds.util.asNode(nodeId) AS n
       WITH communityId, count(n) AS size, min(n.id) AS firstId, collect(n) AS all
       ORDER BY size DESC, firstId
       WITH collect({size: size, all: all}) AS ranked
       UNWIND range(0, size(ranked) - 1) AS index
       WITH index, ranked[index] AS community
       WHERE $containing IS NULL OR any(m IN community.all WHERE m.id IN $containing)
       WITH index, community
       ORDER BY index
       LIMIT $maxCommunities
       CALL (community) {
         UNWIND community.all AS m
         WITH m ORDER BY ($containing IS NOT NULL AND m.id IN $containing) DESC, m.name, m.id LIMIT $maxMembers
         RETURN collect(${nodeProjection("m")}) AS members
       }
       RETURN index + 1 AS id, community.size AS size, members`,
      {
        graphName: graph.name,
        containing,
        concurrency: cypherInt(graph.nodes <= DETERMINISTIC_NODES ? 1 : 4),
        maxCommunities: cypherInt(MAX_COMMUNITIES),
        maxMembers: cypherInt(MAX_COMMUNITY_MEMBERS),
        ...PROJECTION_PARAMS,
      },
    );
    return result.records.map((record) => ({
      id: toNumber(record.get("id")),
      size: toNumber(record.get("size")),
      members: (record.get("members") as NodeRow[]).map(toGraphNode),
    }));
  });
}
