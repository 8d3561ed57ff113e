import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  inCi,
  postgresSkipReason,
  type TestDatabase,
} from '../support/postgres-test-database.js';
import { runHubLoad } from '../support/hub-load.js';

// The hub's load test, bounded for CI: 50 devices of 10 users edit at random and sync concurrently through
// one hub on loopback, in front of the PostgreSQL server, then every device must equal the central store. The
// full 60 s run with its figures is `npm run bench:hub` (docs/hub-benchmark.md).
const skip = await postgresSkipReason();
const SECONDS = inCi ? 25 : 10;

describe.skipIf(skip !== null)(
  `hub under load: 50 devices, 10 users, ${SECONDS} s${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase('hubload');
    });
    afterAll(async () => db?.drop());

    it('every sync succeeds and every device ends equal to the central store', async () => {
      const result = await runHubLoad({
        centralUrl: db.url,
        devices: 50,
        users: 10,
        durationMs: SECONDS * 1000,
        seed: 7,
        // 50 devices on one loopback address, each syncing every few hundred ms (a person syncs every few
        // minutes): the per-address and per-token limits would refuse most of it, which is their job.
        requestsPerMinute: 1_000_000,
      });
      console.log(
        `hub load: ${result.syncs} syncs in ${result.seconds.toFixed(1)} s (${result.syncsPerSecond.toFixed(1)}/s), ` +
          `${result.rowsPushed} rows pushed (${result.pushedPerSecond.toFixed(0)}/s), ${result.rowsPulled} pulled, ` +
          `${result.conflicts} conflicts; latency p50 ${result.latencyMs.p50.toFixed(0)} ms, ` +
          `p95 ${result.latencyMs.p95.toFixed(0)} ms; syncs per device ${result.syncsPerDevice.min}..${result.syncsPerDevice.max}`,
      );
      expect(result.failures).toEqual([]);
      expect(result.differing).toEqual([]);
      // Every device took part: each synced while the others did, more than its one start-up sync.
      expect(result.syncsPerDevice.min).toBeGreaterThan(1);
      expect(result.rowsPulled).toBeGreaterThan(0);
    }, 300_000);
  },
);
