/**
 * The configuration's own documentation: each variable's group, default as written and meaning sit beside its
 * schema in index.ts (one place), and docs/configuration.md's tables are rendered from them
 * (`npm run docs:config`; a unit test fails when the page and the schema disagree).
 */
import { z } from "zod";

export const GROUPS = {
  server: "The server",
  neo4j: "Neo4j",
  local: "The local Neo4j (when `NEO4J_URI` is not set)",
  tokens: "Tokens and sign-in",
  query: "Query limits (checked before any Cypher runs)",
  rates: "Rates and exports (per client)",
  work: "Expensive questions (graph algorithms, whole-graph reads)",
  cache: "The result cache",
  commands: "The command line",
} as const;

export type Group = keyof typeof GROUPS;

export interface VariableDoc {
  readonly group: Group;
  /** The default as a reader writes it (`512m`, `—` for none, or words when it depends on another variable). */
  readonly shownDefault: string;
  /** What it does (Markdown; links are relative to docs/). */
  readonly text: string;
}

/** The documentation of every variable in the schema (zod's registry: metadata kept beside the schema). */
export const variableDocs = z.registry<VariableDoc>();

/** `schema`, documented. */
export function doc<T extends z.ZodType>(schema: T, group: Group, shownDefault: string, text: string): T {
  variableDocs.add(schema, { group, shownDefault, text });
  return schema;
}

/** Variables read outside the schema (by the launcher and the command line), documented the same way. */
export const OTHER_VARIABLES: Readonly<Record<string, VariableDoc>> = {
  JAVA_HOME: {
    group: "local",
    shownDefault: "—",
    text: "Which Java runs the local Neo4j (otherwise `java` on `PATH`).",
  },
  KG_ACTOR: {
    group: "commands",
    shownDefault: "`cli:<user>`",
    text: "Who `npm run kg -- import` (and the other writing commands) records in the history.",
  },
};

/** docs/configuration.md's tables: one per group, in the order of GROUPS, each variable in schema order. */
export function renderConfigurationTables(shape: Readonly<Record<string, z.ZodType>>): string {
  const documented = new Map<string, VariableDoc>();
  for (const [name, schema] of Object.entries(shape)) {
    const found = variableDocs.get(schema);
    if (!found) throw new Error(`${name} has no documentation: wrap its schema in doc(…)`);
    documented.set(name, found);
  }
  for (const [name, found] of Object.entries(OTHER_VARIABLES)) documented.set(name, found);
  const sections: string[] = [];
  for (const [group, title] of Object.entries(GROUPS)) {
    const rows = [...documented].filter(([, found]) => found.group === group);
    if (rows.length === 0) continue;
    sections.push(
      [
        `### ${title}`,
        "",
        "| Variable | Default | Meaning |",
        "|---|---|---|",
        ...rows.map(([name, found]) => `| \`${name}\` | ${found.shownDefault} | ${found.text} |`),
      ].join("\n"),
    );
  }
  return sections.join("\n\n");
}
