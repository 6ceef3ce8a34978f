/**
 * Progress of a long job: a bar with rate and ETA on a terminal (cli-progress), one plain line every few
 * seconds elsewhere (CI logs, pipes), nothing when silent.
 */
import cliProgress from "cli-progress";

export interface Progress {
  advance(by: number): void;
  stop(): void;
}

export function createProgress(label: string, total: number, mode: "auto" | "silent" = "auto"): Progress {
  if (mode === "silent") return { advance: () => {}, stop: () => {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
        stream: process.stderr,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    let done = 0;
    bar.start(total, 0, { rate: 0 });
    return {
      advance(by) {
        done += by;
        bar.update(done, { rate: Math.round(done / Math.max((Date.now() - started) / 1000, 0.001)) });
      },
      stop: () => bar.stop(),
    };
  }
  const started = Date.now();
  let done = 0;
  let lastPrint = 0;
  return {
    advance(by) {
      done += by;
      const now = Date.now();
      if (now - lastPrint > 5_000 || done >= total) {
        lastPrint = now;
        const seconds = Math.max((now - started) / 1000, 0.001);
        const rate = done / seconds;
        const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
        process.stderr.write(
          `${label}: ${done}/${total} (${Math.round((100 * done) / total)}%), ${Math.round(rate)}/s, ETA ${eta} s\n`,
        );
      }
    },
    stop: () => {},
  };
}
