/** The tabs a first visit to /graphiql opens with: one per insights field, the research fields, the generated API, and a write. */
export interface ExampleTab {
  readonly query: string;
  readonly variables?: string;
  /** The role the tab's operation needs (its token goes in GraphiQL's Headers pane). */
  readonly role?: "editor";
}

export const EXAMPLE_TABS: readonly ExampleTab[] = [
  {
    query: `# Search every name, in every language, and every alias.
# Ctrl-Enter (or ▶) runs; Ctrl-Space completes; the book icon opens the docs.
query Search($text: String!) {
  search(text: $text, limit: 5) {
    score
    node { id kind name names { lang value } aliases }
  }
}`,
    variables: `{ "text": "Helsinki-keskus" }`,
  },
  {
    query: `# Who funds which office, with the sources that say so.
query Funding($officeId: ID) {
  funding(officeId: $officeId) {
    office { id name }
    funder { id kind name }
    validFrom validTo
    sources { title publisher published excerpt url }
  }
}`,
    variables: `{ "officeId": "helsinki-centre-st-petersburg" }`,
  },
  {
    query: `# Research over time: what changed between two days (with sources), Helsinki's memberships per
# year, and the brokers among organisations and networks (Neo4j Graph Data Science).
query Research($from: String!, $to: String!) {
  compare(from: $from, to: $to) {
    started { id type fromId toId status validFrom sources { title excerpt } }
    ended { id validTo sources { title } }
  }
  activitySeries(fromYear: 2015, toYear: 2023, entityId: "helsinki", relationshipTypes: ["MEMBER_OF"]) {
    year active started ended
  }
  centrality(algorithm: BETWEENNESS, kinds: ["Organization", "Network"], limit: 5) { rank score node { name } }
}`,
    variables: `{ "from": "2021-06-01", "to": "2023-01-01" }`,
  },
  {
    query: `# Everything within two hops of an entity, as it stood on a date.
query Neighbourhood($id: ID!, $asOf: String) {
  neighbourhood(id: $id, depth: 2, asOf: $asOf, limit: 100) {
    truncated
    nodes { id kind name }
    edges { type fromId toId validFrom validTo status sources { title excerpt } }
  }
}`,
    variables: `{ "id": "echa", "asOf": "2019-06-01" }`,
  },
  {
    query: `# What links two entities: a shortest path in either direction.
query Path($from: ID!, $to: ID!) {
  shortestPath(fromId: $from, toId: $to, maxLength: 6) {
    nodes { id kind name }
    edges { type fromId toId sources { title excerpt } }
  }
}`,
    variables: `{ "from": "tampere", "to": "brussels" }`,
  },
  {
    query: `# Dashboard numbers: the size of the graph, and funders and partners per office.
query Dashboard {
  graphStats { nodes edges nodesByKind { key count } edgesByType { key count } }
  fundersPerOffice(limit: 50) { office { id name } funders partners }
}`,
  },
  {
    query: `# The history: the latest recorded changes (imports and edits), and a record as it stood on a past day.
query History($id: ID!, $date: String!) {
  changes(limit: 10) { at actor origin operation itemType itemId fields }
  recordAsOf(id: $id, date: $date) { existed fromHistory properties change { at actor origin } }
}`,
    variables: `{ "id": "echa", "date": "2019-06-30" }`,
  },
  {
    query: `# The generated API: nested traversal with v7 filters — offices, their funders, and those funders' partner cities.
query Offices {
  offices(where: { name: { contains: "Helsinki" } }) {
    name
    funders { __typename ... on City { name partners { name } } ... on Organization { name } }
  }
}`,
  },
  {
    query: `# A write (role \`editor\`: put \`{ "Authorization": "Bearer <token>" }\` in the Headers pane; \`npm run token\` mints one).
# Every write goes through the one write path, with the same checks and history as an import; dryRun shows
# exactly what it would do and changes nothing. Problems come back as data in extensions.problems.
mutation AddPartner($dryRun: Boolean!) {
  upsertRecords(
    sources: [{ id: "example-report-2021", title: "Annual report 2021", publisher: "City of Example", published: "2021-03" }]
    entities: [{ kind: "City", id: "example-city", name: "Example City", sources: ["example-report-2021"] }]
    relationships: [{ type: "PARTNER_OF", from: "helsinki", to: "example-city", kind: "bilateral",
      validFrom: "2021-03", citations: [{ source: "example-report-2021", excerpt: "agreement signed in March 2021" }] }]
    dryRun: $dryRun
  ) {
    dryRun
    entities { new changed } relationships { new changed }
    items { item id change fields conflict }
  }
}`,
    variables: `{ "dryRun": true }`,
    role: "editor",
  },
];
