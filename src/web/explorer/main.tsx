/** The researchers' explorer, served at /explorer. See app.tsx for the layout and the state it keeps. */
import "./explorer.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.js";

const container = document.getElementById("app");
if (!container) throw new Error("#app is missing from the page");
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
