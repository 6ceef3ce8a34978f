/**
 * A probe of /health while a hostile request is answered (the requests: test/fixtures/hostile-documents.ts). Every
 * probe must answer 200; how fast they answer is measured by `npm run bench:hostile`, not asserted here.
 */
import { expect } from "vitest";
import { post } from "./test-server.js";

/** Sends `body` while probing /health every 100 ms; returns the answer and how many probes answered. */
export async function whileProbingHealth(url: string, body: unknown) {
  let probes = 0;
  let done = false;
  const probing = (async () => {
    while (!done) {
      const response = await fetch(`${url}/health`);
      expect(response.status).toBe(200);
      probes += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const result = await post(url, body);
  done = true;
  await probing;
  return { ...result, probes };
}
