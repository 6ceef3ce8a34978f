/** The researchers' explorer, served at /explorer. See app.tsx for the layout and the state it keeps. */
import "./explorer.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.js";
import { startSignIn } from "./sign-in.js";

const container = document.getElementById("app");
if (!container) throw new Error("#app is missing from the page");
const root = createRoot(container);
// Sign-in first: coming back from the provider, it puts the address back to the view the user left.
void startSignIn().finally(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
