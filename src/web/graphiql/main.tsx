/**
 * GraphiQL 5, built with Vite and served by the API at /graphiql: the editor, its workers and its styles
 * all come from this server, so it works without internet. It queries the same origin's /graphql.
 */
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { GRAPHQL_PATH } from "../shared/graphql-client.js";
import { EXAMPLE_TABS } from "./example-queries.js";

const fetcher = createGraphiQLFetcher({ url: new URL(GRAPHQL_PATH, window.location.href).toString() });
// GraphiQL 5 opens the first default tab without its variables (it reads them from `initialVariables`
// only), so pass them on a first visit; later visits restore the researcher's own tabs from storage.
const firstVisit = window.localStorage.getItem("graphiql:tabs") === null;
const firstVariables = firstVisit ? EXAMPLE_TABS[0]?.variables : undefined;
const container = document.getElementById("graphiql");
if (!container) throw new Error("#graphiql is missing from the page");

createRoot(container).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={EXAMPLE_TABS.map(({ query, variables }) => ({ query, ...(variables ? { variables } : {}) }))}
      {...(firstVariables ? { initialVariables: firstVariables } : {})}
      defaultEditorToolsVisibility
    />
  </StrictMode>,
);
