import { isDeepStrictEqual } from 'node:util';
import type { CentralStore } from '../../src/central/central-store.js';
import { openCentral } from '../../src/central/open-central.js';
import { userIdFor } from '../../src/domain/ids.js';
import { buildHub } from '../../src/server/hub/app.js';
import { HttpRemote } from '../../src/sync/http-remote.js';
import { issueToken } from './hub.js';
import { centralSnapshot, Device } from './devices.js';
import { editAtRandom, WallClock } from './random-edits.js';
import { percentile } from './fleet/latency.js';
import { between, seededRandom } from '../../src/domain/seeded-random.js';

/**
 * The hub under load: many devices of several users, each editing at random and syncing in a loop,
 * all at once through one hub on loopback, in front of one central store, in this one process (the load test,
 * test/fault/hub-load.test.ts). Devices in processes of their own, through hub processes, are the fleet
 * (test/support/fleet/).
 */
export interface HubLoadOptions {
  /** A central database the load may fill (a throw-away one). */
  readonly centralUrl: string;
  readonly devices: number;
  readonly users: number;
  readonly durationMs: number;
  readonly seed: number;
  /** Requests per minute per device token at the hub (default: the hub's own default). */
  readonly requestsPerMinute?: number;
}

export interface HubLoadResult {
  readonly devices: number;
  readonly users: number;
  readonly seconds: number;
  readonly syncs: number;
  readonly failedSyncs: number;
  readonly failures: readonly string[];
  readonly rowsPushed: number;
  readonly rowsPulled: number;
  readonly conflicts: number;
  readonly syncsPerSecond: number;
  /** Rows written to the central store per second (pushed rows, conflicts merged included). */
  readonly pushedPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly max: number };
  /** Devices whose data differs from the central store after the final syncs (empty: all converged). */
  readonly differing: readonly string[];
  /** Syncs each device made in the load window, least and most. */
  readonly syncsPerDevice: { readonly min: number; readonly max: number };
}

export async function runHubLoad(options: HubLoadOptions): Promise<HubLoadResult> {
  const random = seededRandom(options.seed);
  const central: CentralStore = await openCentral(options.centralUrl, { maxConnections: 20 });
  const hub = await buildHub({
    central,
    ...(options.requestsPerMinute ? { requestsPerMinute: options.requestsPerMinute } : {}),
  });
  const devices: { d: Device; user: string; syncs: number }[] = [];
  try {
    const url = await hub.listen({ host: '127.0.0.1', port: 0 });
    const clock = new WallClock();
    const users = Array.from({ length: options.users }, (_, i) => `load-user-${i}`);
    for (let i = 0; i < options.devices; i++) {
      const user = users[i % users.length] as string;
      const tokens = new Map<string, string>();
      const d: Device = new Device(
        `device-${i}`,
        () => new HttpRemote({ url, tokens: (userId) => tokens.get(userId) ?? null }),
        clock,
      );
      tokens.set(userIdFor(user), await issueToken(central, userIdFor(user), d.store.deviceId));
      devices.push({ d, user, syncs: 0 });
    }
    // Each user's first device creates the user; then every device syncs once, so all start with the user.
    for (const [i, user] of users.entries())
      devices[i]?.d.users.create({ name: user, currency: 'EUR', locale: 'en-IE' });
    for (const { d, user } of devices) await d.sync(user);

    const latencies: number[] = [];
    const failures: string[] = [];
    let rowsPushed = 0;
    let rowsPulled = 0;
    let conflicts = 0;
    const started = Date.now();
    const deadline = started + options.durationMs;
    const retry = { retries: 3, baseDelayMs: 200, jitter: 0.5 };
    await Promise.all(
      devices.map(async (entry) => {
        while (Date.now() < deadline) {
          editAtRandom(entry.d, entry.user, random);
          const t0 = performance.now();
          const { log } = await entry.d.sync(entry.user, { retry });
          latencies.push(performance.now() - t0);
          entry.syncs++;
          if (log.status !== 'Success')
            failures.push(`${entry.d.name}: ${log.status}: ${log.errorMessage ?? ''}`);
          rowsPushed += log.pushed;
          rowsPulled += log.pulled;
          conflicts += log.conflicts;
          // A person's pause between edits, short so the hub stays busy.
          await new Promise((r) => setTimeout(r, between(random, 0, 50)));
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;

    // Quiet: every device syncs twice in turn (the first round pushes what is left, the second pulls it all).
    for (let round = 0; round < 2; round++) {
      for (const { d, user } of devices) {
        const { log } = await d.sync(user, { retry });
        if (log.status !== 'Success')
          failures.push(`${d.name} final: ${log.status}: ${log.errorMessage ?? ''}`);
      }
    }
    const differing: string[] = [];
    for (const user of users) {
      const expected = await centralSnapshot(central, user);
      for (const { d } of devices.filter((e) => e.user === user)) {
        if (!isDeepStrictEqual(d.snapshot(user), expected)) differing.push(d.name);
      }
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const counts = devices.map((e) => e.syncs);
    return {
      devices: options.devices,
      users: options.users,
      seconds,
      syncs: latencies.length,
      failedSyncs: failures.length,
      failures: failures.slice(0, 10),
      rowsPushed,
      rowsPulled,
      conflicts,
      syncsPerSecond: latencies.length / seconds,
      pushedPerSecond: rowsPushed / seconds,
      latencyMs: {
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        max: sorted[sorted.length - 1] ?? 0,
      },
      differing,
      syncsPerDevice: { min: Math.min(...counts), max: Math.max(...counts) },
    };
  } finally {
    for (const { d } of devices) d.close();
    await hub.close(); // closes the central store too
  }
}
