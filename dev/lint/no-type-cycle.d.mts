import type { ESLint } from "eslint";

/** The local lint plugin: `no-cycle-with-types` (no-type-cycle.mjs). */
declare const plugin: ESLint.Plugin;
export default plugin;
