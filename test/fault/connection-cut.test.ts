import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { openCentral } from '../../src/central/open-central.js';
import { DirectRemote } from '../../src/sync/direct-remote.js';
import type { Remote } from '../../src/sync/remote.js';
import type { SyncReport } from '../../src/sync/sync-engine.js';
import type { SyncProgress } from '../../src/sync/sync-progress.js';
import { Device, TestClock } from '../support/devices.js';
import {
  centralRows,
  dirtyRows,
  idsDiff,
  snapshotDiff,
  storeSnapshot,
  USER,
  USER_ID,
  Workload,
  type ChangeMix,
} from '../support/snapshots-and-workload.js';
import {
  createTestDatabase,
  inCi,
  postgresSkipReason,
  postgresTarget,
  type TestDatabase,
} from '../support/postgres-test-database.js';
import { pick, seededRandom } from '../../src/domain/seeded-random.js';
import { TcpProxy, type Direction } from '../support/tcp-proxy.js';

/**
 * The central connection cut at random points of a sync (fault tests): three devices of one user
 * sync in process (SyncEngine + DirectRemote) with a PostgreSQL server reached through a TCP proxy that cuts
 * every connection after a seeded random number of bytes one way (or between two batches, on command). The
 * cut run fails or retries; with the proxy healthy again, the next sync of every device converges: every
 * device holds exactly the central rows, every id created is there once, and every run's log row says what
 * happened.
 */

const skipReason = await postgresSkipReason();
const SEED = 0x5eed_c07;
const CUT_POINTS = inCi ? 30 : 24;
const BATCH = 50;

type Op = 'between calls' | 'handshake' | 'push' | 'pull' | 'fetch' | 'activity' | 'digest';

/** A remote that notes which protocol call is in flight, so each cut can be placed in push or pull. */
class TrackingRemote implements Remote {
  op: Op = 'between calls';
  constructor(private readonly inner: Remote) {}
  private async track<T>(op: Op, fn: () => Promise<T>): Promise<T> {
    this.op = op;
    try {
      return await fn();
    } finally {
      this.op = 'between calls';
    }
  }
  handshake: Remote['handshake'] = () => this.track('handshake', () => this.inner.handshake());
  push: Remote['push'] = (b) => this.track('push', () => this.inner.push(b));
  pull: Remote['pull'] = (u, t, a, l) => this.track('pull', () => this.inner.pull(u, t, a, l));
  fetch: Remote['fetch'] = (u, t, i) => this.track('fetch', () => this.inner.fetch(u, t, i));
  digest: Remote['digest'] = (u, t) => this.track('digest', () => this.inner.digest(u, t));
  recordActivity: Remote['recordActivity'] = (e) =>
    this.track('activity', () => this.inner.recordActivity(e));
  close = () => Promise.resolve(); // the central store is shared by the test; closed in afterAll
}

describe.skipIf(skipReason !== null)(
  `central connection cut at random points of a sync (PostgreSQL through a TCP proxy)${skipReason ? ` — skipped: ${skipReason}` : ''}`,
  () => {
    let db: TestDatabase;
    let proxy: TcpProxy;
    let central: CentralStore; // through the proxy: what the devices use
    let truth: CentralStore; // straight to the server: what the test checks against
    const devices: Device[] = [];

    beforeAll(async () => {
      db = await createTestDatabase('cut');
      proxy = await TcpProxy.start(postgresTarget());
      central = await openCentral(db.urlOnPort(proxy.port), { maxConnections: 4 });
      truth = await openCentral(db.url, { maxConnections: 2 });
    });
    afterAll(async () => {
      for (const d of devices) d.close();
      await central?.close().catch(() => undefined);
      await truth?.close();
      await proxy?.close();
      await db?.drop();
    });

    it('replaces pooled connections that died while idle instead of failing the next statement', async () => {
      // Two idle pooled connections, both reset by the network while nobody uses them; the next statements
      // are issued before the client has noticed. They must run (on new connections), not fail.
      const store = await openCentral(db.urlOnPort(proxy.port), { maxConnections: 2 });
      try {
        await Promise.all([store.maxSeq(USER_ID), store.maxSeq(USER_ID)]);
        for (let i = 0; i < 3; i++) {
          proxy.cutNow({ how: 'reset' });
          const [x, y] = await Promise.all([store.maxSeq(USER_ID), store.now()]);
          expect(x).toBe(0);
          expect(y).toBeInstanceOf(Date);
        }
        // A statement that fails after reaching the server is still reported: down means down.
        proxy.goDown();
        await expect(store.maxSeq(USER_ID)).rejects.toMatchObject({ transient: true });
      } finally {
        proxy.up();
        await store.close();
      }
    });

    it(`converges after ${CUT_POINTS} cuts spread over push and pull (batch ${BATCH}, thousands of rows, 3 devices)`, async () => {
      const random = seededRandom(SEED);
      const work = new Workload(seededRandom(SEED + 1));
      const clock = new TestClock();
      const remotes = new Map<string, TrackingRemote>();
      const syncs = new Map<string, number>(); // sync runs per device: each must leave one log row
      const device = (name: string) => {
        const remote = new TrackingRemote(new DirectRemote(central, clock.now));
        remotes.set(name, remote);
        const d = new Device(name, () => remote, clock);
        devices.push(d);
        return d;
      };
      const [a, b, c] = [device('laptop'), device('phone'), device('tablet')] as [Device, Device, Device];

      const sync = async (
        d: Device,
        retry = { retries: 0, baseDelayMs: 1, jitter: 0 },
        onProgress?: (p: SyncProgress) => void,
      ): Promise<SyncReport> => {
        syncs.set(d.name, (syncs.get(d.name) ?? 0) + 1);
        return d.sync(USER, { batchSize: BATCH, retry, ...(onProgress ? { onProgress } : {}) });
      };
      const healthySync = async (d: Device, why: string) => {
        const report = await sync(d);
        expect(report.log.status, `${why}: ${d.name} ${report.log.errorMessage ?? ''}`).toBe('Success');
        expect(report.log.conflicts, `${why}: ${d.name} reported conflicts`).toBe(0);
        return report;
      };
      const converged = async (why: string) => {
        const want = await centralRows(truth, USER);
        expect(idsDiff(want, work.expected), `${why}: central ids`).toBeNull();
        for (const d of devices) {
          expect(dirtyRows(d.store), `${why}: ${d.name} still has unsynced rows`).toBe(0);
          expect(snapshotDiff(storeSnapshot(d.store, USER), want, d.name, 'central'), why).toBeNull();
          const logs = d.logs.list(USER_ID, 10_000);
          expect(logs.length, `${why}: ${d.name} log rows vs runs`).toBe(syncs.get(d.name) ?? 0);
          expect(
            logs.filter((l) => l.status === 'Running'),
            `${why}: ${d.name} left a Running log row`,
          ).toEqual([]);
          expect(d.conflicts.list(USER_ID, true), `${why}: ${d.name} recorded conflicts`).toEqual([]);
        }
      };

      // Thousands of rows to start with, so a first sync runs dozens of batches each way.
      work.createUser(a);
      work.change(a, {
        expenses: 2000,
        incomes: 300,
        edits: 0,
        deletes: 0,
        contributions: 100,
        categories: 3,
      });
      await healthySync(a, 'initial push');
      await healthySync(b, 'initial pull');
      await healthySync(c, 'initial pull');

      // Rounds edit more than they create, so the data stays a few thousand rows while each run moves hundreds.
      const victimMix: ChangeMix = { expenses: 40, incomes: 10, edits: 150, deletes: 15, contributions: 5 };
      const otherMix: ChangeMix = { expenses: 20, incomes: 5, edits: 50, deletes: 5, contributions: 2 };

      /** One round: everyone changes rows, the others sync, then the victim syncs (cut or not). */
      const round = async (victim: Device, cut: ((v: Device) => void) | null) => {
        const others = devices.filter((d) => d !== victim);
        work.change(victim, { ...victimMix, categories: random() < 0.3 ? 1 : 0 });
        for (const o of others) work.change(o, otherMix);
        for (const o of others) await healthySync(o, 'others before the victim');
        cut?.(victim);
      };

      // Two healthy rounds per device measure how many bytes a typical victim run sends each way.
      const typical = new Map<string, { up: number; down: number }>();
      for (let i = 0; i < 2; i++) {
        for (const v of devices) {
          await round(v, null);
          const before = proxy.stats;
          await healthySync(v, 'measuring round');
          const after = proxy.stats;
          const seen = typical.get(v.name) ?? { up: 0, down: 0 };
          typical.set(v.name, {
            up: Math.max(seen.up, after.up - before.up),
            down: Math.max(seen.down, after.down - before.down),
          });
          for (const o of devices.filter((d) => d !== v)) await healthySync(o, 'measuring round');
        }
      }
      await converged('after the measuring rounds');

      const landed: Record<string, number> = {};
      const outcomes: Record<string, number> = {};
      for (let point = 0; point < CUT_POINTS; point++) {
        const victim = devices[point % devices.length] as Device;
        const remote = remotes.get(victim.name) as TrackingRemote;
        await round(victim, null);
        const dirtyBefore = dirtyRows(victim.store);

        // Where to cut: a seeded byte offset one way, or (every fifth point) between two batches on command.
        const stayDown = point % 2 === 0;
        const onCommand = point % 5 === 4;
        const direction: Direction = pick(random, ['client-to-server', 'server-to-client'] as const);
        const size = typical.get(victim.name) ?? { up: 0, down: 0 };
        const bytes = Math.floor(random() * (direction === 'client-to-server' ? size.up : size.down));
        const afterBatches = 1 + Math.floor(random() * 8);
        // Where the cut landed (set by the proxy's callback while the sync runs).
        const cutAt: { op: Op | 'never' } = { op: 'never' };
        proxy.onCut = () => (cutAt.op = remote.op);
        let batches = 0;
        const onProgress = onCommand
          ? (p: SyncProgress) => {
              // Batches done only: batch 0 says a phase started.
              if (p.batch > 0 && ++batches === afterBatches)
                proxy.cutNow({ thenDown: stayDown, how: 'close' });
            }
          : undefined;
        if (!onCommand)
          proxy.cutAfter({ direction, bytes, thenDown: stayDown, how: point % 3 ? 'reset' : 'close' });
        const cutsBefore = proxy.stats.cuts;

        const report = await sync(
          victim,
          { retries: stayDown ? 1 : 2, baseDelayMs: 5, jitter: 0 },
          onProgress,
        );
        const cut = proxy.stats.cuts > cutsBefore;
        proxy.disarm();
        proxy.onCut = null;
        proxy.up();

        const what = `point ${point}: ${victim.name}, ${onCommand ? `cut after batch ${afterBatches}` : `cut after ${bytes} bytes ${direction}`}, ${stayDown ? 'stays down' : 'back at once'}, landed in ${cutAt.op}`;
        const log = report.log;
        const where = cut ? cutAt.op : 'no cut';
        landed[where] = (landed[where] ?? 0) + 1;
        outcomes[log.status] = (outcomes[log.status] ?? 0) + 1;

        // The run's log row says what happened.
        expect(victim.logs.get(log.id).status, what).toBe(log.status);
        expect(log.endTime, what).not.toBeNull();
        const dirtyAfter = dirtyRows(victim.store);
        expect(log.pushed, `${what}: pushed count vs rows no longer dirty`).toBe(dirtyBefore - dirtyAfter);
        expect(log.recordsSynced, what).toBe(log.pushed + log.pulled);
        expect(log.conflicts, `${what}: false conflicts`).toBe(0);
        if (cut && stayDown && cutAt.op !== 'activity') {
          expect(log.status, what).toBe(log.pushed + log.pulled > 0 ? 'Partial' : 'Failed');
          expect(log.errorMessage, what).toMatch(/\S/);
        } else {
          // Back at once (or no cut at all, or a cut after the run's result was logged): the retry finishes it.
          expect(log.status, `${what}: ${log.errorMessage ?? ''}`).toBe('Success');
          expect(log.errorMessage, what).toBeNull();
          if (cut && cutAt.op !== 'activity') expect(report.attempts, what).toBeGreaterThan(1);
          expect(dirtyAfter, what).toBe(0);
        }

        // Healthy again: the next sync of every device converges.
        await healthySync(victim, `${what}, next sync`);
        for (const o of devices.filter((d) => d !== victim)) await healthySync(o, `${what}, next sync`);
        await converged(what);
      }

      // A new device joins while its first (large) pull is cut three times, the proxy staying down each time.
      const late = device('new-desktop');
      for (let i = 0; i < 3; i++) {
        const remote = remotes.get(late.name) as TrackingRemote;
        const cutAt: { op: Op | 'never' } = { op: 'never' };
        proxy.onCut = () => (cutAt.op = remote.op);
        proxy.cutAfter({
          direction: 'server-to-client',
          bytes: 20_000 + Math.floor(random() * 400_000),
          thenDown: true,
        });
        const report = await sync(late);
        proxy.disarm();
        proxy.up();
        const what = `new device, cut ${i} in ${cutAt.op}`;
        landed[cutAt.op] = (landed[cutAt.op] ?? 0) + 1;
        expect(report.log.status, what).toBe(report.log.pulled > 0 ? 'Partial' : 'Failed');
        expect(report.log.pushed, what).toBe(0);
      }
      await healthySync(late, 'new device after the cuts');
      for (const d of devices) if (d !== late) await healthySync(d, 'final');
      await converged('after the new device joined');

      console.log(`connection cut: landed ${JSON.stringify(landed)}, outcomes ${JSON.stringify(outcomes)}`);
      // The cuts are spread across the protocol: several in push, several in pull.
      expect(landed.push ?? 0).toBeGreaterThanOrEqual(3);
      expect(landed.pull ?? 0).toBeGreaterThanOrEqual(3);
      expect(
        Object.entries(landed)
          .filter(([k]) => k !== 'no cut')
          .reduce((n, [, v]) => n + v, 0),
      ).toBeGreaterThanOrEqual(20);
    }, 300_000);
  },
);
