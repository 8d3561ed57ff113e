/** Summary of repeated timings: median and spread (min, max, and max-min as a share of the median). */
export interface Summary {
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** (max - min) / median */
  readonly spread: number;
  readonly samples: readonly number[];
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  return { runs: samples.length, median, min, max, spread: median > 0 ? (max - min) / median : 0, samples };
}

/** Time `fn` `warmup` times unmeasured, then `runs` times; `before` runs untimed ahead of every call. */
export async function measure(
  runs: number,
  warmup: number,
  fn: (i: number) => Promise<unknown> | unknown,
  before?: (i: number) => Promise<unknown> | unknown,
): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    await before?.(i);
    const t0 = performance.now();
    await fn(i);
    const ms = performance.now() - t0;
    if (i >= warmup) samples.push(ms);
  }
  return summarize(samples);
}

export function fmtMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function fmtRate(rowsPerSec: number): string {
  return `${Math.round(rowsPerSec).toLocaleString('en-US')} rows/s`;
}
