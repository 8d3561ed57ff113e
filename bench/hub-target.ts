import { join } from 'node:path';
import type { LocalStore } from '../src/local/local-store.js';
import { buildHub } from '../src/server/hub/app.js';
import { HttpRemote } from '../src/sync/http-remote.js';
import { issueToken } from '../test/support/hub.js';
import { BENCH_USER_ID } from './data.js';
import { copyDevice, editExpenses, syncThrough } from './device.js';
import { HUB_TARGET, hubIncrementalId, hubNoopId } from './hub-report.js';
import type { Measurement } from './report.js';
import { measure, summarize } from './stats.js';
import { postgresTarget, StatementCounter } from './stores.js';

export interface HubTargetPlan {
  readonly rows: number;
  readonly incrRuns: number;
  readonly noopRuns: number;
}

/**
 * A device syncing with a fresh PostgreSQL database through a hub over HTTP on loopback, with a device token,
 * as `pfm sync --central http://...` does: its first push of `rows` rows, then 100 rows changed and synced,
 * then syncs with nothing to do. The hub runs in this process (its event loop shared with the device), so a
 * figure is the device's and the hub's work together, as on a laptop running both.
 */
export async function runHubTarget(
  plan: HubTargetPlan,
  postgresUrl: string,
  template: string,
  work: string,
  log: (text: string) => void,
): Promise<Measurement[]> {
  const target = postgresTarget(postgresUrl);
  const counter = new StatementCounter();
  const results: Measurement[] = [];
  let local: LocalStore | null = null;
  try {
    const central = await target.fresh(counter);
    const hub = await buildHub({
      central: central.store,
      keepCentralOpen: true,
      requestsPerMinute: 1_000_000,
    });
    try {
      const url = await hub.listen({ host: '127.0.0.1', port: 0 });
      const device = copyDevice(template, join(work, 'device-hub.db'));
      local = device;
      const token = await issueToken(central.store, BENCH_USER_ID, device.deviceId);
      const remote = new HttpRemote({ url, tokens: () => token });
      const sync = () => syncThrough(device, remote);

      const t0 = performance.now();
      counter.reset();
      await sync();
      const first = performance.now() - t0;
      results.push({
        target: HUB_TARGET,
        id: `hub-push-pfm-${plan.rows}`,
        label: `first push through the hub, ${plan.rows.toLocaleString('en-US')} rows`,
        rows: plan.rows,
        pfm: summarize([first]),
        statements: counter.reset(),
        algo: 'pfm',
      });
      log(`${HUB_TARGET}: first push ${plan.rows}: ${first.toFixed(0)} ms`);

      let statements = 0;
      const incremental = await measure(
        plan.incrRuns,
        2,
        async () => {
          counter.reset();
          const report = await sync();
          if (report.log.pushed !== 100) throw new Error(`pushed ${report.log.pushed}, expected 100`);
          statements = counter.reset();
        },
        (i) => editExpenses(device, 100, 2000 + i),
      );
      results.push({
        target: HUB_TARGET,
        id: hubIncrementalId,
        label: `incremental sync through the hub, 100 changed of ${plan.rows.toLocaleString('en-US')} rows`,
        rows: 100,
        pfm: incremental,
        statements,
        algo: 'pfm',
      });
      log(`${HUB_TARGET}: incremental: median ${incremental.median.toFixed(2)} ms`);

      const noop = await measure(plan.noopRuns, 5, sync);
      counter.reset();
      await sync();
      results.push({
        target: HUB_TARGET,
        id: hubNoopId(plan.rows),
        label: `no-op sync through the hub, ${plan.rows.toLocaleString('en-US')} rows`,
        pfm: noop,
        statements: counter.reset(),
        algo: 'pfm',
      });
      log(`${HUB_TARGET}: no-op: median ${noop.median.toFixed(2)} ms`);
    } finally {
      await hub.close();
      local?.close();
      await central.dispose();
    }
  } finally {
    await target.close();
  }
  return results;
}
