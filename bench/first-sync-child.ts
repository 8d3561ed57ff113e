/**
 * Child process of the benchmark: the first sync of a large device (its peak RSS is this process's own),
 * then no-op syncs of the same data. Prints one JSON line on stdout.
 *
 *   tsx bench/first-sync-child.ts DEVICE_PATH CENTRAL_URL NOOP_RUNS [BATCH_SIZE]
 */
import { readFileSync } from 'node:fs';
import { openCentral } from '../src/central/open-central.js';
import { LocalStore } from '../src/local/local-store.js';
import { pfmSync } from './device.js';
import { measure } from './stats.js';

/**
 * Peak RSS of this process in MB: VmHWM, the high-water mark of this address space (Linux). Not
 * resourceUsage().maxRSS: on Linux that survives fork and exec, so a child starts at its parent's peak.
 */
function peakRssMB(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<void> {
  const [devicePath, url, noopRuns, batch] = process.argv.slice(2);
  if (!devicePath || !url)
    throw new Error('usage: first-sync-child DEVICE_PATH CENTRAL_URL NOOP_RUNS [BATCH]');
  let statements = 0;
  const central = await openCentral(url, { onStatement: () => statements++ });
  const local = LocalStore.open({ path: devicePath });
  const options = batch ? { batchSize: Number(batch) } : {};
  const rssBefore = peakRssMB();
  statements = 0;
  const t0 = performance.now();
  const report = await pfmSync(local, central, options);
  const firstSyncMs = performance.now() - t0;
  const firstSyncStatements = statements;
  const maxRssMB = peakRssMB();
  const noop = await measure(Number(noopRuns ?? 10), 3, () => pfmSync(local, central, options));
  statements = 0;
  await pfmSync(local, central, options);
  const noopStatements = statements;
  local.close();
  await central.close();
  process.stdout.write(
    JSON.stringify({
      firstSyncMs,
      firstSyncStatements,
      pushed: report.log.pushed,
      pulled: report.log.pulled,
      rssBeforeMB: rssBefore,
      maxRssMB,
      noop: noop.samples,
      noopStatements,
    }) + '\n',
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
