/** Latency samples → percentiles, and a concurrent loop that measures throughput. */

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

export function summarise(samplesMs: readonly number[]): LatencySummary {
  const sortedSamples = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number): number =>
    sortedSamples[Math.min(sortedSamples.length - 1, Math.floor(q * sortedSamples.length))] ?? 0;
  const round = (ms: number): number => Math.round(ms * 1000) / 1000;
  return {
    count: sortedSamples.length,
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    mean: round(sortedSamples.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sortedSamples.length)),
  };
}

/** Runs `task(i)` `iterations` times one after another; returns each duration in ms. */
export async function timeSequential(iterations: number, task: (i: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const started = performance.now();
    await task(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Runs `task` from `concurrency` loops for `seconds`; returns requests per second and latency samples. */
export async function timeConcurrent(
  concurrency: number,
  seconds: number,
  task: (i: number) => Promise<void>,
): Promise<{ rps: number; samples: number[]; errors: number }> {
  const samples: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const i = next++;
        const begun = performance.now();
        try {
          await task(i);
          samples.push(performance.now() - begun);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { rps: Math.round(samples.length / elapsed), samples, errors };
}
