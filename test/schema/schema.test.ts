/**
 * The API's shape, checked without a database: printed snapshots (so every API change shows in review),
 * descriptions on every type and field of the SDL, and the SDL agreeing with the model's vocabulary.
 */
import {
  type GraphQLSchema,
  Kind,
  type UnionTypeDefinitionNode,
  astFromValue,
  parse,
  print,
  printSchema,
  lexicographicSortSchema,
} from "graphql";
import { describe, expect, it } from "vitest";
import { buildResolversSchema } from "../../src/resolvers/index.js";
import { DEFAULT_LIST_SIZE, MAX_LIST_SIZE } from "../../src/config/index.js";
import {
  AUDIT_FIELDS,
  CITATION_FIELDS,
  ENTITY_FIELDS,
  ENTITY_KINDS,
  type EntityKind,
  KIND_FIELDS,
  RELATIONSHIP_FIELDS,
  RELATIONSHIP_TYPES,
  SOURCE_FIELDS,
  entityFields,
  isRelationshipType,
  relationshipRule,
} from "../../src/graph-data/index.js";
import { readTypeDefs } from "../../src/schema/index.js";
import { sharedApiSchema } from "../support/test-api.js";
import { RESTRICTED_FIELDS } from "../../src/server/index.js";

describe("printed schema snapshots", () => {
  it("the insights fields", async () => {
    const printed = printSchema(lexicographicSortSchema(await buildResolversSchema()));
    await expect(printed).toMatchFileSnapshot("./__snapshots__/insights.graphql");
  });

  it("the whole API the server runs (generated + insights)", async () => {
    const { schema } = await sharedApiSchema();
    await expect(printSchema(lexicographicSortSchema(schema))).toMatchFileSnapshot("./__snapshots__/api.graphql");
  });

  it("the insights root fields have exactly the agreed signatures", async () => {
    const query = (await buildResolversSchema()).getQueryType()!;
    const signatures = Object.values(query.getFields()).map((field) => {
      const args = field.args.map((arg) => {
        const value = arg.defaultValue === undefined ? undefined : astFromValue(arg.defaultValue, arg.type);
        return `${arg.name}: ${String(arg.type)}${value ? ` = ${print(value)}` : ""}`;
      });
      return `${field.name}${args.length > 0 ? `(${args.join(", ")})` : ""}: ${String(field.type)}`;
    });
    expect(signatures.sort()).toEqual(
      [
        "search(text: String!, limit: Int = 10): [SearchHit!]!",
        "node(id: ID!): GraphNode",
        "lookup(scheme: String!, value: String!): GraphNode",
        "neighbourhood(id: ID!, depth: Int = 1, limit: Int = 200, asOf: String, undated: UndatedClaims = INCLUDE, relationshipTypes: [String!], excludeRelationshipTypes: [String!], publisherKinds: [String!]): Subgraph!",
        "shortestPath(fromId: ID!, toId: ID!, maxLength: Int = 6, asOf: String, undated: UndatedClaims = INCLUDE, relationshipTypes: [String!], excludeRelationshipTypes: [String!], publisherKinds: [String!]): GraphPath",
        "funding(officeId: ID, asOf: String, undated: UndatedClaims = INCLUDE, limit: Int = 1000): [Funding!]!",
        "fundersPerOffice(asOf: String, undated: UndatedClaims = INCLUDE, limit: Int = 50, offset: Int = 0): [OfficeFunders!]!",
        "graphStats: GraphStats!",
        "changes(since: String, entityId: ID, limit: Int = 50): [Change!]!",
        "recordAsOf(id: ID!, date: String!): HistoricalRecord!",
        "deletedRecords(since: String, entityId: ID, limit: Int = 50, itemType: String): [Change!]!",
        "viewer: Viewer",
        "compare(from: String!, to: String!, entityId: ID, relationshipTypes: [String!], undated: UndatedClaims = INCLUDE): GraphDiff!",
        "timeline(entityId: ID!, relationshipTypes: [String!], limit: Int = 200): [TimelineEntry!]!",
        "centrality(asOf: String, undated: UndatedClaims = INCLUDE, relationshipTypes: [String!], excludeRelationshipTypes: [String!], publisherKinds: [String!], around: [ID!], hops: Int = 2, algorithm: CentralityAlgorithm!, kinds: [String!], limit: Int = 20): [NodeScore!]!",
        "communities(asOf: String, undated: UndatedClaims = INCLUDE, relationshipTypes: [String!], excludeRelationshipTypes: [String!], publisherKinds: [String!], around: [ID!], hops: Int = 2, containing: [ID!]): [Community!]!",
        "sharedConnections(aId: ID!, bId: ID!, asOf: String, undated: UndatedClaims = INCLUDE): [SharedConnection!]!",
        "activitySeries(fromYear: Int!, toYear: Int!, relationshipTypes: [String!], entityId: ID, undated: UndatedClaims = INCLUDE): [YearActivity!]!",
        "peers(entityIds: [ID!]!, asOf: String, undated: UndatedClaims = INCLUDE, relationshipTypes: [String!]): PeerComparison!",
        "corroboration(entityId: ID, classes: [CorroborationClass!], limit: Int = 200, offset: Int = 0): Corroboration!",
      ].sort(),
    );
  });

  it("the only mutations are the write path's, with exactly the agreed signatures", async () => {
    const { schema } = await sharedApiSchema();
    const signatures = Object.values(schema.getMutationType()!.getFields()).map((field) => {
      const args = field.args.map((arg) => {
        const value = arg.defaultValue === undefined ? undefined : astFromValue(arg.defaultValue, arg.type);
        return `${arg.name}: ${String(arg.type)}${value ? ` = ${print(value)}` : ""}`;
      });
      return `${field.name}(${args.join(", ")}): ${String(field.type)}`;
    });
    expect(signatures.sort()).toEqual(
      [
        "upsertRecords(sources: [SourceInput!], entities: [EntityInput!], relationships: [RelationshipInput!], dryRun: Boolean! = false, mode: WriteMode! = PATCH): WriteReport!",
        'endRelationship(id: ID!, date: String!, status: String! = "ended", citation: CitationInput!, sources: [SourceInput!], dryRun: Boolean! = false): WriteReport!',
        "deleteRecords(ids: [ID!]!, dryRun: Boolean! = false): WriteReport!",
        "mergeEntities(keepId: ID!, mergeId: ID!, dryRun: Boolean! = false): WriteReport!",
        "revertChange(id: ID!, dryRun: Boolean! = false): WriteReport!",
        "erasePersonalData(entityId: ID!, reason: String!, dryRun: Boolean! = false): ErasureReport!",
        "importGraph(content: String!, format: ImportFormat!, dryRun: Boolean! = false, fileName: String, mode: WriteMode! = REPLACE): WriteReport!",
      ].sort(),
    );
  });
});

describe("one record model", () => {
  let built: Promise<GraphQLSchema> | undefined;
  const fieldsOf = async (type: string) => {
    const schema = await (built ??= sharedApiSchema().then((api) => api.schema));
    const named = schema.getType(type) as { getFields(): Record<string, unknown> } | undefined;
    return Object.keys(named?.getFields() ?? {}).sort();
  };
  const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

  it("the write mutations' input types list exactly the record model's fields", async () => {
    expect(await fieldsOf("SourceInput")).toEqual(sorted(Object.keys(SOURCE_FIELDS)));
    expect(await fieldsOf("EntityInput")).toEqual(
      sorted([
        "kind",
        ...Object.keys(ENTITY_FIELDS),
        ...ENTITY_KINDS.flatMap((kind) => Object.keys(KIND_FIELDS[kind])),
      ]),
    );
    expect(await fieldsOf("RelationshipInput")).toEqual(sorted(["type", ...Object.keys(RELATIONSHIP_FIELDS)]));
    expect(await fieldsOf("CitationInput")).toEqual(sorted(Object.keys(CITATION_FIELDS)));
  });

  it("the SDL's node and relationship types hold exactly the record model's fields as Neo4j stores them", async () => {
    const document = await sdl();
    const stored = (type: string) => {
      const definition = document.definitions.find(
        (d) =>
          (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) &&
          d.name.value === type,
      );
      if (!definition || !("fields" in definition)) return [];
      return sorted(
        (definition.fields ?? [])
          .filter(
            (field) =>
              !field.directives?.some((d) => d.name.value === "relationship") && !AUDIT_FIELDS.has(field.name.value),
          )
          .map((field) => field.name.value),
      );
    };
    const asStored = (names: string[]) =>
      sorted(
        names.flatMap((name) =>
          name === "sources" ? ["sourceIds"] : name === "citations" ? ["sourceIds", "excerpts", "locators"] : [name],
        ),
      );
    expect(stored("Source")).toEqual(asStored(Object.keys(SOURCE_FIELDS)));
    for (const kind of ENTITY_KINDS) expect(stored(kind), kind).toEqual(asStored(Object.keys(entityFields(kind))));
    expect(stored("Entity")).toEqual(asStored(Object.keys(ENTITY_FIELDS)));
    expect(stored("Fact")).toEqual(
      asStored(Object.keys(RELATIONSHIP_FIELDS).filter((name) => name !== "from" && name !== "to")),
    );
  });

  it("every @limit in the SDL is the one list-size policy", async () => {
    const limits = new Set<string>();
    for (const definition of (await sdl()).definitions) {
      if (!("directives" in definition)) continue;
      for (const directive of definition.directives ?? [])
        if (directive.name.value === "limit") limits.add(print(directive));
    }
    expect([...limits]).toEqual([`@limit(default: ${DEFAULT_LIST_SIZE}, max: ${MAX_LIST_SIZE})`]);
  });
});

async function sdl() {
  return parse((await readTypeDefs()).join("\n"));
}

describe("the SDL in schema/", () => {
  it("describes every type and every field", async () => {
    const missing: string[] = [];
    for (const definition of (await sdl()).definitions) {
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
        definition.kind !== Kind.UNION_TYPE_DEFINITION
      )
        continue;
      if (!definition.description) missing.push(definition.name.value);
      if (definition.kind === Kind.UNION_TYPE_DEFINITION) continue;
      for (const field of definition.fields ?? [])
        if (!field.description) missing.push(`${definition.name.value}.${field.name.value}`);
    }
    expect(missing).toEqual([]);
  });

  it("guards personal contact details: staff-only reads, no filtering, sorting or aggregating", async () => {
    const guarded: string[] = [];
    for (const definition of (await sdl()).definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      for (const field of definition.fields ?? []) {
        const directives = Object.fromEntries((field.directives ?? []).map((d) => [d.name.value, print(d)]));
        if (!directives.authentication) continue;
        guarded.push(`${definition.name.value}.${field.name.value}`);
        expect(directives.authentication).toContain('roles: {includes: "staff"}');
        expect(directives.filterable).toBe("@filterable(byValue: false, byAggregate: false)");
        expect(directives.sortable).toBe("@sortable(byValue: false)");
        expect(directives.selectable).toBe("@selectable(onRead: true, onAggregate: false)");
      }
    }
    // The access plugin checks the same fields before execution, so the two lists must agree.
    expect(guarded.sort()).toEqual(Object.keys(RESTRICTED_FIELDS).sort());
    expect(guarded).toEqual(["Person.email", "Person.phone"]);
  });

  it("uses only relationship types of the vocabulary, between the kinds it allows, and all of them", async () => {
    const document = await sdl();
    // A relationship may point at a union or an interface: check each member type.
    const members = new Map<string, string[]>(
      document.definitions
        .filter((d): d is UnionTypeDefinitionNode => d.kind === Kind.UNION_TYPE_DEFINITION)
        .map((u) => [u.name.value, (u.types ?? []).map((t) => t.name.value)]),
    );
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      for (const implemented of definition.interfaces ?? []) {
        members.set(implemented.name.value, [...(members.get(implemented.name.value) ?? []), definition.name.value]);
      }
    }
    const problems: string[] = [];
    const used = new Set<string>();
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION)
        continue;
      const owner = definition.name.value;
      for (const field of definition.fields ?? []) {
        const directive = field.directives?.find((d) => d.name.value === "relationship");
        if (!directive) continue;
        const argument = (name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;
        const typeValue = argument("type");
        const direction = argument("direction");
        const type = typeValue?.kind === Kind.STRING ? typeValue.value : "";
        used.add(type);
        if (!isRelationshipType(type)) {
          problems.push(`${owner}.${field.name.value}: unknown relationship type ${type}`);
          continue;
        }
        let named = field.type;
        while (named.kind !== Kind.NAMED_TYPE) named = named.type;
        const targets = members.get(named.name.value) ?? [named.name.value];
        const rule = relationshipRule(type);
        const [here, there] =
          direction?.kind === Kind.ENUM && direction.value === "IN" ? [rule.to, rule.from] : [rule.from, rule.to];
        if (!(here as readonly string[]).includes(owner))
          problems.push(`${owner}.${field.name.value}: ${type} does not touch ${owner}`);
        for (const target of targets as EntityKind[]) {
          if (!(there as readonly string[]).includes(target))
            problems.push(`${owner}.${field.name.value}: ${type} cannot reach ${target}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect([...used].sort()).toEqual([...RELATIONSHIP_TYPES].sort());
  });
});
