import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a process spent its CPU, from the `.cpuprofile` files of `node --cpu-prof`. */
export interface CpuProfileSummary {
  /** Sampled milliseconds on the CPU (idle left out). */
  readonly totalMs: number;
  /** Self time by where the code comes from: an npm package, pfm's own code, Node, the garbage collector. */
  readonly byOrigin: readonly { readonly origin: string; readonly ms: number }[];
  /** The functions with the most self time. */
  readonly topFunctions: readonly { readonly name: string; readonly origin: string; readonly ms: number }[];
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  /** Microseconds of the monotonic clock, as process.hrtime of any process on the machine reads it. */
  readonly startTime: number;
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** An npm package by name, pfm's bundle, Node itself, or V8's pseudo-frames ("(garbage collector)"). */
function originOf(frame: ProfileNode['callFrame']): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg?.[1]) return pkg[1];
  if (frame.url.startsWith('node:')) return 'Node (built-in modules)';
  if (frame.url.includes('/dist/') || frame.url.includes('/src/')) return 'pfm';
  // V8's pseudo-frames by name; other frames without a script are native functions (socket writes, ...).
  if (frame.url === '') return frame.functionName.startsWith('(') ? frame.functionName : 'native code';
  return 'other';
}

/**
 * The profiles' samples taken within `window` (monotonic microseconds, `process.hrtime.bigint() / 1000n` in
 * the process that drove the load), so a summary speaks of one phase, not of start-up.
 */
export function summarizeCpuProfiles(
  dir: string,
  window: { readonly fromUs: number; readonly toUs: number },
  top = 15,
): CpuProfileSummary {
  const byOrigin = new Map<string, number>();
  const byFunction = new Map<string, { name: string; origin: string; ms: number }>();
  let totalMs = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    // Sample i is taken at startTime + the deltas up to i, and charged the time until the next one.
    let at = profile.startTime;
    for (const [i, id] of profile.samples.entries()) {
      at += profile.timeDeltas[i] ?? 0;
      const node = nodes.get(id);
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      if (!node || node.callFrame.functionName === '(idle)' || at < window.fromUs || at > window.toUs)
        continue;
      const origin = originOf(node.callFrame);
      totalMs += ms;
      byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + ms);
      const name = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop() ?? ''}:${node.callFrame.lineNumber + 1}`;
      const entry = byFunction.get(name) ?? { name, origin, ms: 0 };
      entry.ms += ms;
      byFunction.set(name, entry);
    }
  }
  return {
    totalMs,
    byOrigin: [...byOrigin].map(([origin, ms]) => ({ origin, ms })).sort((a, b) => b.ms - a.ms),
    topFunctions: [...byFunction.values()].sort((a, b) => b.ms - a.ms).slice(0, top),
  };
}
