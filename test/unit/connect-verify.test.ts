/**
 * Start-up's first question to a Neo4j (NEO4J_URI): a server that accepts connections but is slow to answer
 * (still starting, or on a loaded machine) is asked again a few times before start-up gives up; one that
 * refuses fails at once. A TCP server that never speaks stands in for the slow one: no database is needed.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { connectDatabase, freePort } from "../../src/database/index.js";
import { VERIFY_ATTEMPTS } from "../../src/database/connect.js";
import { StartupError } from "../../src/errors/index.js";

const quiet = { info: () => {}, error: () => {} };
let silent: net.Server;
let silentPort: number;
let connections = 0;
const sockets: net.Socket[] = [];

beforeAll(async () => {
  silent = net.createServer((socket) => {
    connections += 1;
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
  silentPort = (silent.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

async function failure(uri: string): Promise<StartupError> {
  const config = loadConfig({
    NEO4J_URI: uri,
    NEO4J_USER: "neo4j",
    NEO4J_PASSWORD: "x",
    NEO4J_CONNECTION_TIMEOUT_MS: "300",
  });
  const error = await connectDatabase(config, quiet).then(
    async (handle) => {
      await handle.close();
      return undefined;
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StartupError);
  return error as StartupError;
}

describe("start-up's first question to Neo4j", () => {
  it("asks a server that never answers again, then gives up with NEO4J_UNREACHABLE saying what to check", async () => {
    const error = await failure(`bolt://127.0.0.1:${silentPort}`);
    expect(error.code).toBe("NEO4J_UNREACHABLE");
    expect(error.message).toContain("NEO4J_URI");
    expect(connections).toBeGreaterThanOrEqual(VERIFY_ATTEMPTS);
  });

  it("fails at once, without asking again, where nothing listens", async () => {
    const error = await failure(`bolt://127.0.0.1:${await freePort()}`);
    expect(error.code).toBe("NEO4J_UNREACHABLE");
    expect(error.message).not.toMatch(/timed out/i);
  });
});
