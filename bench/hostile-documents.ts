/**
 * Issue 10's hostile reads as request bodies: the documents the API must refuse before anything runs, with
 * the status, code and limit each gets. One list, used by the tests (test/unit/http-without-database.test.ts,
 * test/http/hostile.test.ts, test/schema/query-limits.test.ts) and measured by `npm run bench:hostile`.
 */

/** Each level spreads both fragments of the next: `levels` levels expand to 2^levels selections. */
export const fragmentBomb = (levels: number, leaf = "name"): string => {
  const fragments: string[] = [];
  for (let i = 0; i < levels; i += 1) {
    const body = i === levels - 1 ? leaf : `...A${i + 1} ...B${i + 1}`;
    fragments.push(`fragment A${i} on City { ${body} }`, `fragment B${i} on City { ${body} }`);
  }
  return `{ cities { ...A0 ...B0 } } ${fragments.join(" ")}`;
};
export const fragmentChain = (length: number): string =>
  `{ cities { ...F0 } } ${Array.from({ length }, (_, i) => `fragment F${i} on City { ${i === length - 1 ? "name" : `...F${i + 1}`} }`).join(" ")}`;
export const nested = (levels: number, open: string, close: string): string =>
  `${open.repeat(levels)}{ name: { eq: "x" } }${close.repeat(levels)}`;
export const orContains = (terms: number): string =>
  `{ OR: [${Array.from({ length: terms }, (_, i) => `{ name: { contains: "x${i}" } }`).join(", ")}] }`;
/** A request body with `variables.where` nested `levels` deep, written as text (JSON.stringify recurses). */
export const deepVariablesBody = (levels: number, open: string, close: string): string =>
  `{"query":"query($where: CityWhere) { cities(where: $where) { name } }","variables":{"where":${open.repeat(levels)}{}${close.repeat(levels)}}}`;
export const whereVariables = (where: string): { query: string; variables: unknown } => ({
  query: "query($where: CityWhere) { cities(where: $where) { name } }",
  variables: { where: JSON.parse(where.replace(/(\w+):/g, '"$1":')) as unknown },
});

export interface HostileRequest {
  readonly label: string;
  /** The JSON body: an object, or text where JSON.stringify would recurse too deep to write it. */
  readonly body: unknown;
  readonly status: number;
  readonly code: string;
  /** `extensions.limit` of the refusal, when a named limit refuses it. */
  readonly limit?: string;
}

export const HOSTILE_REQUESTS: readonly HostileRequest[] = [
  {
    label: "a fragment bomb of 22 levels",
    body: { query: fragmentBomb(22) },
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "selections",
  },
  {
    label: "a fragment bomb of 30 levels",
    body: { query: fragmentBomb(30) },
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "selections",
  },
  {
    label: "a fragment bomb of 60 levels",
    body: { query: fragmentBomb(60) },
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "nesting",
  },
  {
    label: "a chain of 2,400 fragments",
    body: { query: fragmentChain(2_400) },
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "tokens",
  },
  {
    label: "`partners: { some: … }` 20 deep",
    body: { query: `{ cities(where: ${nested(20, "{ partners: { some: ", " } }")}) { name } }` },
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "nesting",
  },
  {
    label: "`partners: { some: … }` 8 deep (within the nesting limit)",
    body: { query: `{ cities(where: ${nested(8, "{ partners: { some: ", " } }")}) { name } }` },
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "filterDepth",
  },
  {
    label: "`partnersConnection: { some: { node: … } } }` 5 deep",
    body: { query: `{ cities(where: ${nested(5, "{ partnersConnection: { some: { node: ", " } } }")}) { name } }` },
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "filterCost",
  },
  {
    label: "an OR of 2000 `contains` (64 KB)",
    body: { query: `{ cities(where: ${orContains(2000)}) { name } }` },
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "tokens",
  },
  {
    label: "an OR of 2000 `contains` in variables",
    body: whereVariables(orContains(2000)),
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "filterTerms",
  },
  {
    label: "an OR of 150 `contains` in a fragment",
    body: { query: `{ cities { ...F } } fragment F on City { partners(where: ${orContains(150)}) { name } }` },
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "filterTerms",
  },
  {
    label: "NOT nested 500 deep",
    body: { query: `{ cities(where: ${nested(500, "{ NOT: ", " }")}) { name } }` },
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "nesting",
  },
  {
    label: "NOT nested 30 deep in variables",
    body: whereVariables(nested(30, "{ NOT: ", " }")),
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "filterDepth",
  },
  {
    label: "two operations without operationName",
    body: { query: "query A { graphStats { nodes } } query B { graphStats { edges } }" },
    status: 400,
    code: "OPERATION_RESOLUTION_FAILURE",
  },
  {
    label: "an unknown operationName",
    body: { query: "query A { graphStats { nodes } }", operationName: "Z" },
    status: 400,
    code: "OPERATION_RESOLUTION_FAILURE",
  },
  {
    label: "an operationName on a document of one anonymous operation",
    body: { query: "{ graphStats { nodes } }", operationName: "A" },
    status: 400,
    code: "OPERATION_RESOLUTION_FAILURE",
  },
  {
    label: "variables nested 10,000 deep",
    body: deepVariablesBody(10_000, '{"a":', "}"),
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "nesting",
  },
  {
    label: "variables of lists nested 20,000 deep",
    body: deepVariablesBody(20_000, "[", "]"),
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "nesting",
  },
  {
    label: "a literal nested 2,000 deep",
    body: { query: `{ cities(where: ${nested(2_000, "{ AND: [", "] }")}) { name } }` },
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "nesting",
  },
  {
    label: "a literal list nested 30,000 deep",
    body: { query: `{ search(text: ${"[".repeat(30_000)}"x"${"]".repeat(30_000)}) { score } }` },
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    limit: "nesting",
  },
  {
    label: 'changes(since: "2020-02-30")',
    body: { query: '{ changes(since: "2020-02-30") { at } }' },
    status: 400,
    code: "BAD_USER_INPUT",
  },
  {
    label: 'changes(since: "2020-01-01T25:00")',
    body: { query: '{ changes(since: "2020-01-01T25:00") { at } }' },
    status: 400,
    code: "BAD_USER_INPUT",
  },
];
