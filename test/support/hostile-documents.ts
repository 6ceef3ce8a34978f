/** Hostile GraphQL documents and bodies (issue 10's attacks), and a probe of /health while one is answered. */
import { expect } from "vitest";
import { post } from "./test-server.js";

/** Sends `body` while probing /health every 100 ms; returns the answer, its time, and /health's slowest answer. */
export async function whileProbingHealth(url: string, body: unknown) {
  let slowestHealth = 0;
  let probes = 0;
  let done = false;
  const probing = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(`${url}/health`);
      expect(response.status).toBe(200);
      slowestHealth = Math.max(slowestHealth, performance.now() - started);
      probes += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const started = performance.now();
  const result = await post(url, body);
  const ms = performance.now() - started;
  done = true;
  await probing;
  return { ...result, ms, slowestHealth, probes };
}

export const fragmentBomb = (levels: number): string => {
  const fragments: string[] = [];
  for (let i = 0; i < levels; i += 1) {
    const body = i === levels - 1 ? "name" : `...A${i + 1} ...B${i + 1}`;
    fragments.push(`fragment A${i} on City { ${body} }`, `fragment B${i} on City { ${body} }`);
  }
  return `{ cities { ...A0 ...B0 } } ${fragments.join(" ")}`;
};
export const nested = (levels: number, open: string, close: string): string =>
  `${open.repeat(levels)}{ name: { eq: "x" } }${close.repeat(levels)}`;
export const orContains = (terms: number): string =>
  `{ OR: [${Array.from({ length: terms }, (_, i) => `{ name: { contains: "x${i}" } }`).join(", ")}] }`;
export const fragmentChain = (length: number): string =>
  `{ cities { ...F0 } } ${Array.from({ length }, (_, i) => `fragment F${i} on City { ${i === length - 1 ? "name" : `...F${i + 1}`} }`).join(" ")}`;
/** A request body with `variables.where` nested `levels` deep, written as text (JSON.stringify recurses). */
export const deepVariablesBody = (levels: number, open: string, close: string): string =>
  `{"query":"query($where: CityWhere) { cities(where: $where) { name } }","variables":{"where":${open.repeat(levels)}{}${close.repeat(levels)}}}`;
export const whereVariables = (where: string): { query: string; variables: unknown } => ({
  query: "query($where: CityWhere) { cities(where: $where) { name } }",
  variables: { where: JSON.parse(where.replace(/(\w+):/g, '"$1":')) as unknown },
});
