/**
 * The API's shape, checked without a database: printed snapshots (so every API change shows in review),
 * descriptions on every type and field of the SDL, and the SDL agreeing with the model's vocabulary.
 */
import {
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
import {
  type EntityKind,
  RELATIONSHIP_TYPES,
  isRelationshipType,
  relationshipRule,
} from "../../src/graph-data/index.js";
import { buildApiSchema, readTypeDefs } from "../../src/schema/index.js";
import { RESTRICTED_FIELDS } from "../../src/server/index.js";

describe("printed schema snapshots", () => {
  it("the insights fields", async () => {
    const printed = printSchema(lexicographicSortSchema(await buildResolversSchema()));
    await expect(printed).toMatchFileSnapshot("./__snapshots__/insights.graphql");
  });

  it("the whole API the server runs (generated + insights)", async () => {
    const { schema } = await buildApiSchema();
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
        "neighbourhood(id: ID!, depth: Int = 1, asOf: String, limit: Int = 200, relationshipTypes: [String!], excludeRelationshipTypes: [String!]): Subgraph!",
        "shortestPath(fromId: ID!, toId: ID!, maxLength: Int = 6, asOf: String, relationshipTypes: [String!], excludeRelationshipTypes: [String!]): GraphPath",
        "funding(officeId: ID, asOf: String, limit: Int = 1000): [Funding!]!",
        "graphStats: GraphStats!",
        "changes(since: String, entityId: ID, limit: Int = 50): [Change!]!",
        "recordAsOf(id: ID!, date: String!): HistoricalRecord!",
        "compare(from: String!, to: String!, entityId: ID, relationshipTypes: [String!]): GraphDiff!",
        "timeline(entityId: ID!, relationshipTypes: [String!], limit: Int = 200): [TimelineEntry!]!",
        "centrality(algorithm: CentralityAlgorithm!, asOf: String, kinds: [String!], relationshipTypes: [String!], limit: Int = 20): [NodeScore!]!",
        "communities(asOf: String, relationshipTypes: [String!]): [Community!]!",
        "sharedConnections(aId: ID!, bId: ID!, asOf: String): [SharedConnection!]!",
        "activitySeries(fromYear: Int!, toYear: Int!, relationshipTypes: [String!], entityId: ID): [YearActivity!]!",
      ].sort(),
    );
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
