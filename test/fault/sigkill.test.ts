import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { openCentral } from '../../src/central/open-central.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { main } from '../../src/cli/main.js';
import { DirectRemote } from '../../src/sync/direct-remote.js';
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
} from '../support/snapshots-and-workload.js';
import {
  createTestDatabase,
  inCi,
  postgresSkipReason,
  type TestDatabase,
} from '../support/postgres-test-database.js';
import { seededRandom } from '../../src/domain/seeded-random.js';

/**
 * A sync PROCESS killed with SIGKILL at random points (fault tests). One long scenario per central
 * store: at each kill point device A (a folder driven by the real `pfm` process) gets ~1,000 more local
 * changes and device B (in process) pushes some of its own, then `pfm sync --batch-size 20` is killed after a
 * seeded random delay spread over a normal run (measured first). The next `pfm sync` finishes the job: every
 * device converges with the central store, no row is duplicated or lost, the killed run's log row is closed
 * as Failed ("interrupted") and the next one is Success.
 */

const ROOT = new URL('../../', import.meta.url).pathname;
const TOTAL_POINTS = inCi ? 30 : 8;
// The embedded SQLite file, open in this process too while `pfm` is killed around it.
const SQLITE_POINTS = inCi ? 10 : 3;
const SEED = 0x5160_4b11;
const BATCH = 20;
const pgSkip = await postgresSkipReason();
const PG_POINTS = TOTAL_POINTS - SQLITE_POINTS;

interface RunResult {
  readonly killed: boolean;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Milliseconds from spawn to exit, and to the line saying the central store is open (the sync starting). */
  readonly ms: number;
  readonly connectedMs: number | null;
  /** Milliseconds from spawn to the line saying the sync completed (before the process closes its stores). */
  readonly completedMs: number | null;
}

/**
 * Printed by `pfm sync` just before the sync itself starts (the sync's first handshake opens the central
 * store: `Central store: URL` in the log lines of `--user`, `Connected to central store` in the step-by-step
 * report of `--all`).
 */
const CONNECTED = /Connected to central store|- INFO - Central store: /;

/** Printed by the sync engine when the run is over (the log row closed). */
const COMPLETED = /Sync completed/;

/** When to kill: a delay from spawn, or from the moment the central store is open; null runs to the end. */
type KillPlan = { readonly from: 'spawn' | 'connected'; readonly ms: number } | null;

function runPfm(args: readonly string[], kill: KillPlan): Promise<RunResult> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, PFM_DATA: undefined, PFM_CENTRAL: undefined, PFM_CENTRAL_PASSWORD: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let connectedMs: number | null = null;
  let completedMs: number | null = null;
  const killAfter = (ms: number) => setTimeout(() => child.kill('SIGKILL'), ms);
  let timer = kill?.from === 'spawn' ? killAfter(kill.ms) : null;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (connectedMs === null && CONNECTED.test(stdout)) {
      connectedMs = Date.now() - started;
      if (kill?.from === 'connected') timer = killAfter(kill.ms);
    }
    if (completedMs === null && COMPLETED.test(stdout)) completedMs = Date.now() - started;
  });
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        killed: signal === 'SIGKILL',
        code,
        stdout,
        stderr,
        ms: Date.now() - started,
        connectedMs,
        completedMs,
      });
    });
  });
}

/** `pfm` run in this process (the same command code, none of the start-up cost), with the real clock. */
async function pfmInProcess(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => '',
    env: {},
    now: () => new Date(),
    interactive: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const realClock = (): TestClock => {
  const clock = new TestClock();
  clock.now = () => new Date();
  return clock;
};

interface Scenario {
  readonly name: string;
  readonly centralUrl: string;
  readonly points: number;
  /** Open the central store in this process (device B and the checks). */
  readonly open: () => Promise<CentralStore>;
  /** Whether the central stays open in this process while `pfm` runs (false for PGlite: one process). */
  readonly shared: boolean;
  /** Run the completing `pfm sync` as a real process at this point (else in process). */
  readonly spawnCompletion: (point: number) => boolean;
}

interface Tally {
  points: number;
  killedBeforeLog: number;
  killedInSync: number;
  killedMidPush: number;
  killedInPull: number;
  finishedFirst: number;
}

async function runScenario(s: Scenario): Promise<Tally> {
  const dir = mkdtempSync(join(tmpdir(), 'pfm-kill-'));
  const dataA = join(dir, 'device-a');
  const random = seededRandom(SEED + s.points);
  const work = new Workload(seededRandom(SEED + 7));
  const clock = realClock();
  let central: CentralStore | null = null;
  /** Run `fn` with the central store open in this process (for PGlite only while no `pfm` runs). */
  const withCentral = async <T>(fn: (c: CentralStore) => Promise<T>): Promise<T> => {
    central ??= await s.open();
    try {
      return await fn(central);
    } finally {
      if (!s.shared) {
        await central.close();
        central = null;
      }
    }
  };
  const b = new Device('device-b', () => new DirectRemote(central as CentralStore, () => new Date()), clock);
  const openA = () =>
    new Device(
      'device-a',
      () => {
        throw new Error('device A syncs through pfm only');
      },
      clock,
      join(dataA, 'pfm.db'),
    );
  const syncArgs = [
    '--data',
    dataA,
    '--central',
    s.centralUrl,
    'sync',
    '--user',
    USER,
    '--batch-size',
    String(BATCH),
  ];
  const tally: Tally = {
    points: 0,
    killedBeforeLog: 0,
    killedInSync: 0,
    killedMidPush: 0,
    killedInPull: 0,
    finishedFirst: 0,
  };

  const bSyncs = async (why: string) => {
    const report = await b.sync(USER, { batchSize: 200 });
    expect(report.log.status, `${why}: B ${report.log.errorMessage ?? ''}`).toBe('Success');
  };
  /** B pulls what A sent, then A, B and the central store must hold the same rows, each created id once. */
  const converged = async (why: string) => {
    const want = await withCentral(async (c) => {
      await bSyncs(why);
      return centralRows(c, USER);
    });
    expect(idsDiff(want, work.expected), `${why}: central ids`).toBeNull();
    const a = openA();
    try {
      expect(dirtyRows(a.store), `${why}: A unsynced rows`).toBe(0);
      expect(snapshotDiff(storeSnapshot(a.store, USER), want, 'A', 'central'), why).toBeNull();
      expect(
        a.logs.list(USER_ID, 100_000).filter((l) => l.status === 'Running'),
        why,
      ).toEqual([]);
    } finally {
      a.close();
    }
    expect(dirtyRows(b.store), `${why}: B unsynced rows`).toBe(0);
    expect(snapshotDiff(storeSnapshot(b.store, USER), want, 'B', 'central'), why).toBeNull();
  };

  try {
    // The user and a thousand rows, synced by a normal run.
    await withCentral(async () => undefined); // creates the central schema
    const a0 = openA();
    work.createUser(a0);
    work.change(a0, { expenses: 800, incomes: 150, edits: 0, deletes: 0, contributions: 50, categories: 2 });
    a0.close();
    const first = await pfmInProcess(syncArgs);
    expect(first.code, first.stderr).toBe(0);
    await converged('after the first sync');

    /** One round's changes: ~1,000 on A, and some of B's own (synced by B) for A to pull. */
    const prepare = async (point: number) => {
      const a1 = openA();
      work.change(a1, {
        expenses: 100,
        incomes: 30,
        edits: 800,
        deletes: 40,
        contributions: 30,
        categories: point % 5 === 0 ? 1 : 0,
      });
      const dirtyBefore = dirtyRows(a1.store);
      const lastLog = a1.logs.list(USER_ID, 1)[0]?.id ?? 0;
      a1.close();
      work.change(b, { expenses: 80, incomes: 20, edits: 80, deletes: 10, contributions: 10 });
      const bChanged = dirtyRows(b.store);
      await withCentral(() => bSyncs(`point ${point}`));
      return { dirtyBefore, lastLog, bChanged };
    };

    // A normal run of a typical round, measured: the kill delays are spread over it.
    await prepare(-1);
    const normal = await runPfm(syncArgs, null);
    expect(normal.code, normal.stderr).toBe(0);
    expect(normal.stdout).toMatch(/Sync Success/);
    const startup = normal.connectedMs ?? normal.ms / 2;
    // The sync itself: from the central store open to the run's last line (not the process's exit, which
    // also closes the stores: kills there would mostly find the sync already done).
    const syncing = Math.max(50, (normal.completedMs ?? normal.ms) - startup);
    await converged('after the measured run');

    for (let point = 0; point < s.points; point++) {
      const { dirtyBefore, lastLog, bChanged } = await prepare(point);

      // A fifth of the kills land in start-up (opening the stores), the rest while the sync runs, from the
      // moment the central store is open to near the end of a normal run.
      const plan: KillPlan =
        random() < 0.2
          ? { from: 'spawn', ms: Math.floor(random() * startup) }
          : { from: 'connected', ms: Math.floor(random() * syncing * 0.97) };
      const run = await runPfm(syncArgs, plan);
      const what = `${s.name} point ${point} (kill ${plan.ms} ms after ${plan.from})`;
      if (!run.killed) {
        expect(run.code, `${what}: ${run.stderr}`).toBe(0);
        tally.finishedFirst++;
      }

      // What the killed run left: its log row Running with the counts of what it committed.
      const a2 = openA();
      const dirtyAfterKill = dirtyRows(a2.store);
      const killedRow = a2.logs.list(USER_ID, 5).find((l) => l.id > lastLog);
      a2.close();
      if (run.killed) {
        if (!killedRow) {
          tally.killedBeforeLog++;
          expect(dirtyAfterKill, what).toBe(dirtyBefore);
        } else if (killedRow.status === 'Running') {
          tally.killedInSync++;
          if (killedRow.pushed > 0 && dirtyAfterKill > 0) tally.killedMidPush++;
          if (killedRow.pulled > 0 || (dirtyAfterKill === 0 && killedRow.pushed > 0)) tally.killedInPull++;
          expect(killedRow.pushed, `${what}: pushed count of the killed run`).toBe(
            dirtyBefore - dirtyAfterKill,
          );
        }
      }

      // The next `pfm sync` finishes the job; the killed process's lock must not block it.
      const done = s.spawnCompletion(point) ? await runPfm(syncArgs, null) : await pfmInProcess(syncArgs);
      expect(done.code, `${what}: next sync: ${done.stderr}`).toBe(0);
      expect(done.stdout, what).toMatch(/Sync Success/);

      const a3 = openA();
      const rows = a3.logs.list(USER_ID, 5).filter((l) => l.id > lastLog);
      a3.close();
      const final = rows[0];
      expect(final?.status, what).toBe('Success');
      if (killedRow && run.killed && killedRow.status === 'Running') {
        expect(rows.length, what).toBe(2);
        const closed = rows[1];
        expect(closed?.id, what).toBe(killedRow.id);
        expect(closed?.status, what).toBe('Failed');
        expect(closed?.errorMessage, what).toMatch(/interrupted/);
        expect(closed?.endTime, what).not.toBeNull();
        expect(closed?.pushed, what).toBe(killedRow.pushed);
        expect(final?.pushed, `${what}: the next run pushes what the killed one did not`).toBe(
          dirtyAfterKill,
        );
        expect((closed?.pulled ?? 0) + (final?.pulled ?? 0), `${what}: B's rows pulled once`).toBe(bChanged);
      } else if (killedRow) {
        // The kill came after the run had logged its result (or there was no kill): one Success, then a no-op.
        expect(killedRow.status, what).toBe('Success');
        expect(final?.pushed, what).toBe(0);
      } else {
        expect(final?.pushed, what).toBe(dirtyBefore);
        expect(final?.pulled, what).toBe(bChanged);
      }

      await converged(what);
      tally.points++;
    }
    return tally;
  } finally {
    b.close();
    if (central) await (central as CentralStore).close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a sync process killed with SIGKILL at random points', () => {
  describe.skipIf(pgSkip !== null)(
    `PostgreSQL server central, ${PG_POINTS} kill points${pgSkip ? ` — skipped: ${pgSkip}` : ''}`,
    () => {
      let db: TestDatabase;
      beforeAll(async () => {
        db = await createTestDatabase('kill');
      });
      afterAll(async () => db?.drop());

      it('converges after every kill; the killed run is logged Failed (interrupted), the next Success', async () => {
        const tally = await runScenario({
          name: 'postgres',
          centralUrl: db.url,
          points: PG_POINTS,
          open: () => openCentral(db.url, { maxConnections: 2 }),
          shared: true,
          spawnCompletion: (point) => point % 10 === 0,
        });
        console.log(`SIGKILL on PostgreSQL: ${JSON.stringify(tally)}`);
        expect(tally.points).toBe(PG_POINTS);
        expect(tally.killedInSync).toBeGreaterThanOrEqual(1);
      }, 600_000);
    },
  );

  describe(`SQLite central file in a temp dir, ${SQLITE_POINTS} kill points`, () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'pfm-kill-sqlite-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('converges after every kill, with the file open in another process all along', async () => {
      const url = `sqlite:${join(dir, 'central.db')}`;
      const tally = await runScenario({
        name: 'sqlite',
        centralUrl: url,
        points: SQLITE_POINTS,
        open: () => openCentral(url),
        shared: true,
        spawnCompletion: (point) => point % 2 === 0,
      });
      console.log(`SIGKILL on SQLite: ${JSON.stringify(tally)}`);
      expect(tally.points).toBe(SQLITE_POINTS);
      expect(tally.killedInSync).toBeGreaterThanOrEqual(1);
    }, 300_000);
  });
});
