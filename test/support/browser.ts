/**
 * Chromium for the browser tests, driven with playwright-core. By default the Chromium that the
 * `@sparticuz/chromium` package ships (a devDependency: `npm install` brings it, so `npm test` needs no
 * system browser; measured here: first unpacking 3.6 s, then a launch in 0.2–0.7 s against 1.8 s for
 * Debian's chromium). CHROMIUM_PATH runs another build instead (Debian's `/usr/bin/chromium`, say).
 * Playwright's own browser download does not work behind this machine's closed network.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync } from "node:zlib";
import { type Browser, chromium } from "playwright-core";

const LOCK = path.join(os.tmpdir(), "kg-chromium-unpack.lock");

/** Runs `work` while holding a lock shared by every test process on this machine (mkdir is atomic). */
async function exclusively<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      // Another run is unpacking; a lock older than a few minutes belongs to a run that died.
      if (attempt > 600) await rm(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

/** The shipped Chromium, unpacked once per machine into the temporary folder. */
async function packagedChromium(): Promise<string> {
  const { default: packaged } = await import("@sparticuz/chromium");
  return exclusively(async () => {
    const executable = await packaged.executablePath();
    // It links against NSS; a minimal system without it gets the copy the package ships for Amazon Linux.
    if (!systemHas("libnss3.so")) {
      const target = path.join(os.tmpdir(), "kg-chromium-libs");
      if (!existsSync(path.join(target, "lib", "libnss3.so"))) {
        // build/esm/index.js → the package folder → bin/al2023.tar.br (a tar, brotli-compressed)
        const root = path.resolve(path.dirname(fileURLToPath(import.meta.resolve("@sparticuz/chromium"))), "..", "..");
        await mkdir(target, { recursive: true });
        const tar = path.join(target, "al2023.tar");
        await writeFile(tar, brotliDecompressSync(await readFile(path.join(root, "bin", "al2023.tar.br"))));
        execFileSync("tar", ["-xf", tar, "-C", target]);
      }
      process.env.LD_LIBRARY_PATH = [path.join(target, "lib"), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":");
    }
    return executable;
  });
}

function systemHas(library: string): boolean {
  try {
    return execFileSync("ldconfig", ["-p"], { encoding: "utf8" }).includes(library);
  } catch {
    return false;
  }
}

export async function chromiumPath(): Promise<string> {
  return process.env.CHROMIUM_PATH || packagedChromium();
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}
