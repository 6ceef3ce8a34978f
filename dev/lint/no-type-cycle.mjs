/**
 * ESLint rule `local/no-cycle-with-types`: no import cycle among our own modules, counting `import type` too.
 *
 * import-x/no-cycle skips type-only imports by design (they vanish from the JavaScript), and has no option to
 * count them; with `consistent-type-imports` every import that names only types is one, so two modules could
 * import each other's types without lint noticing. A cycle of types is still a cycle of meaning (neither module
 * can be read, moved or tested without the other), so this rule follows every relative import, export-from and
 * dynamic import (TypeScript's `preProcessFile` reads them, types included) and reports an import whose target
 * leads back to the importing file, with the route.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import ts from "typescript";

/** Per file: its resolved relative imports, when its mtime was read and what it was. */
const graph = new Map();
/** How long a file's imports are trusted before its mtime is read again (an editor's ESLint lives long). */
const FRESH_MS = 2_000;

function isFile(path) {
  return existsSync(path) && statSync(path).isFile();
}

/** `./a.js` → `./a.ts` (or .tsx, or the file itself); undefined for packages and non-code files. */
function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith(".")) return undefined;
  const base = resolve(dirname(from), specifier);
  const candidates = /\.m?js$/.test(base)
    ? [base.replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts"), base.replace(/\.js$/, ".tsx"), base]
    : /\.(m?ts|tsx)$/.test(base)
      ? [base]
      : /\.[a-z]+$/i.test(base)
        ? []
        : [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`];
  return candidates.find(isFile);
}

function importsOf(file) {
  const now = Date.now();
  const known = graph.get(file);
  if (known && now - known.checkedAt < FRESH_MS) return known.imports;
  const mtimeMs = isFile(file) ? statSync(file).mtimeMs : -1;
  if (known && known.mtimeMs === mtimeMs) {
    known.checkedAt = now;
    return known.imports;
  }
  const text = mtimeMs < 0 ? "" : readFileSync(file, "utf8");
  const imports = [
    ...new Set(
      ts
        .preProcessFile(text, true, true)
        .importedFiles.map(({ fileName }) => resolveSpecifier(file, fileName))
        .filter((path) => path !== undefined),
    ),
  ];
  graph.set(file, { mtimeMs, checkedAt: now, imports });
  return imports;
}

/** The shortest route of imports from `start` to `goal` (both included), or undefined. */
function routeBack(start, goal) {
  const cameFrom = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const next of importsOf(file)) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, file);
      if (next === goal) {
        const route = [next];
        for (let at = file; at !== undefined; at = cameFrom.get(at)) route.unshift(at);
        return route;
      }
      queue.push(next);
    }
  }
  return undefined;
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "Forbid import cycles among our modules, type-only imports included." },
    schema: [],
    messages: { cycle: "Import cycle (type-only imports count): {{route}}" },
  },
  create(context) {
    const file = context.physicalFilename;
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== "Literal" || typeof source.value !== "string") return;
      const target = resolveSpecifier(file, source.value);
      if (!target || target === file) return;
      const route = routeBack(target, file);
      if (!route) return;
      const shown = [file, ...route].map((path) => relative(context.cwd, path)).join(" → ");
      context.report({ node, messageId: "cycle", data: { route: shown } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { "no-cycle-with-types": rule } };
