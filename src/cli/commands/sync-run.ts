import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { ValidationError } from '../../domain/validation.js';
import { SYNCED_TABLES, type SyncedTable } from '../../domain/tables.js';
import { SyncLogRepository } from '../../local/sync-log-repository.js';
import { redactUrl } from '../../central/redact.js';
import { MAX_PUSH_ROWS } from '../../sync/apply-push.js';
import { acquireSyncLock } from '../../sync/device-sync-lock.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../../sync/retry.js';
import { SyncEngine, type SyncReport } from '../../sync/sync-engine.js';
import { fileLogger, type SyncLogger } from '../../sync/sync-logger.js';
import type { SyncProgress } from '../../sync/sync-progress.js';
import type { CliContext } from '../cli-context.js';
import { SyncFailedError, UsageError } from '../cli-errors.js';
import { lookUpSyncUser } from '../sync-user-lookup.js';
import { watchRemote } from '../watched-remote.js';
import { emit } from '../command-runner.js';
import { positiveInt } from '../number-options.js';
import { scrubbingLogger } from '../secret-scrub.js';
import type { SyncOptions } from './sync-commands.js';

// `pfm sync` itself, loaded when a sync runs (see sync-commands.ts).

const STEP_NAMES: Readonly<Record<SyncedTable, string>> = {
  app_user: 'users',
  category: 'categories',
  account: 'accounts',
  savings_goal: 'savings goals',
  expense: 'expenses',
  income: 'income records',
  transfer: 'transfers',
  schedule: 'schedules',
  budget: 'budgets',
  goal_contribution: 'goal contributions',
  sync_conflict: 'conflicts',
};

export async function runSync(ctx: CliContext, opts: SyncOptions): Promise<void> {
  if (Boolean(opts.user) === Boolean(opts.all)) throw new UsageError('give --user U or --all (one of them)');
  const retry: RetryPolicy = {
    retries: positiveInt('retries', opts.retries, 0),
    baseDelayMs: positiveInt('retry-delay', opts.retryDelay, 0),
    jitter: DEFAULT_RETRY.jitter,
  };
  const batchSize = positiveInt('batch-size', opts.batchSize);
  // Every central store and hub refuses a larger push batch: every large push would fail, and keep failing.
  if (batchSize > MAX_PUSH_ROWS)
    throw new UsageError(
      `--batch-size must be at most ${MAX_PUSH_ROWS} (the most rows a push batch may hold)`,
    );
  if (opts.all && ctx.users.list().length === 0)
    throw new UsageError('no users on this device: add one, or sync one by name with --user');

  const release = acquireSyncLock(join(ctx.options.dataDir, 'sync.lock'), new Date());
  try {
    await syncUsers(ctx, opts, batchSize, retry);
  } finally {
    release();
  }
}

async function syncUsers(
  ctx: CliContext,
  opts: SyncOptions,
  batchSize: number,
  retry: RetryPolicy,
): Promise<void> {
  const seedReport = opts.all === true && !ctx.json;
  const out = (line: string) => ctx.io.stdout(`${line}\n`);
  const logger = scrubbingLogger(
    fileLogger(
      join(ctx.options.dataDir, 'logs', 'sync_log.txt'),
      () => ctx.store.now(),
      ...(ctx.json || seedReport ? [] : [out]),
    ),
    await ctx.secrets(),
  );
  const storeLabel = redactUrl(await ctx.centralUrl());
  // "Connected" is said once per user's run, and only when a handshake really answered.
  let announce = false;
  const watch = watchRemote(await ctx.remote(), () => {
    if (!announce) return;
    announce = false;
    logger.log('INFO', `Connected to central store: ${storeLabel}`);
    if (seedReport) out(`Connected to central store: ${storeLabel}`);
  });
  const remote = watch.remote;
  const started = Date.now();
  const reports: { user: string; report: SyncReport | null; error: string | null }[] = [];
  try {
    const users = opts.all
      ? ctx.users.list().map((u) => ({ id: u.id, name: u.name }))
      : [
          {
            id: await lookUpSyncUser(ctx, remote, String(opts.user), { retry, logger, storeLabel }),
            name: String(opts.user),
          },
        ];
    const dbPath = join(ctx.options.dataDir, 'pfm.db');
    logger.log('INFO', `Connected to SQLite: ${dbPath}`);
    if (seedReport)
      out(
        `AUTOMATED SYNCHRONIZATION TEST\n===============================\nConnected to SQLite: ${dbPath}\nFound ${users.length} users to sync`,
      );
    // Set when a user's run failed for want of the central store: the others are not tried (each would
    // only wait through the same retries), and fail at once with the same reason.
    let unreachable: string | null = null;
    for (const user of users) {
      if (seedReport) out(`\nSyncing User ${user.name}...`);
      if (unreachable !== null) {
        const skipped = notTried(ctx, user, unreachable, opts, storeLabel, logger);
        reports.push(skipped);
        if (seedReport) out(seedSteps(null, skipped.error));
        continue;
      }
      const bar = syncProgress(ctx.io.interactive && !ctx.json);
      watch.reset();
      announce = true;
      try {
        logger.log('INFO', `Central store: ${storeLabel}`);
        const report = await new SyncEngine(ctx.store, remote, {
          batchSize,
          retry,
          verify: opts.verify === true,
          syncType: opts.automatic ? 'Automatic' : 'Manual',
          logger,
          remoteLabel: storeLabel,
          onProgress: (p) => bar.update(p),
        }).syncUser(user.id);
        reports.push({ user: user.name, report, error: report.log.errorMessage });
        if (report.log.status !== 'Success' && watch.unreachable) unreachable = report.log.errorMessage;
      } catch (e) {
        // A refusal (bad input: nothing was written, the engine logged it) ends a one-user sync with exit 2.
        if (e instanceof ValidationError && !opts.all) throw e;
        const message = e instanceof Error ? e.message : String(e);
        logger.log('ERROR', `Sync failed: ${message}`);
        reports.push({ user: user.name, report: null, error: message });
      } finally {
        announce = false;
        bar.stop();
      }
      const last = reports[reports.length - 1];
      if (seedReport && last) out(seedSteps(last.report, last.error));
    }
  } finally {
    await remote.close();
  }

  const failed = reports.filter((r) => r.report?.log.status !== 'Success');
  const total = reports.reduce((n, r) => n + (r.report?.log.recordsSynced ?? 0), 0);
  const seconds = (Date.now() - started) / 1000;
  if (ctx.json) {
    emit(
      ctx,
      {
        users: reports.map((r) => ({ user: r.user, error: r.error, ...r.report })),
        totalRecords: total,
        seconds,
      },
      () => '',
    );
  } else if (seedReport) {
    out(
      failed.length === 0
        ? `\nSynchronization completed successfully!\nTotal records synced: ${total}\nDuration: ${seconds.toFixed(2)} seconds\n\n✅ SYNCHRONIZATION SUCCESSFUL!`
        : `\nSynchronization finished with ${failed.length} failed user(s).\nTotal records synced: ${total}\nDuration: ${seconds.toFixed(2)} seconds\n\n❌ SYNCHRONIZATION FAILED`,
    );
  } else {
    const log = reports[0]?.report?.log;
    if (log) {
      out(
        `Sync ${log.status}: pushed ${log.pushed}, pulled ${log.pulled}, conflicts ${log.conflicts}, ${(log.durationSeconds ?? 0).toFixed(2)}s`,
      );
      for (const v of reports[0]?.report?.verify ?? []) {
        out(
          `Verify ${v.table}: ${v.match ? 'match' : v.repaired ? 'differed, repaired' : 'DIFFERS'} (${v.rows} rows)`,
        );
      }
    }
  }
  if (failed.length > 0) {
    const first = failed[0];
    throw new SyncFailedError(
      `sync ${first?.report?.log.status === 'Partial' ? 'partly failed' : 'failed'} for ${first?.user}: ${first?.error ?? 'unknown error'}` +
        ' (this device keeps working offline; try again later)',
    );
  }
}

/**
 * A user not synced because the central store could not be reached for an earlier one: a Failed sync_log row
 * with the same reason, written at once, so that the history still shows every run asked for.
 */
function notTried(
  ctx: CliContext,
  user: { id: string; name: string },
  reason: string,
  opts: SyncOptions,
  storeLabel: string,
  logger: SyncLogger,
): { user: string; report: SyncReport; error: string } {
  const error = `not tried: ${reason}`;
  const logs = new SyncLogRepository(ctx.store);
  const id = logs.open(user.id, opts.automatic ? 'Automatic' : 'Manual', storeLabel);
  const log = logs.close(id, { status: 'Failed', pushed: 0, pulled: 0, conflicts: 0, errorMessage: error });
  logger.log('ERROR', `Sync completed: Failed: ${error}`);
  const tables = Object.fromEntries(
    SYNCED_TABLES.map((t) => [t, { pushed: 0, pulled: 0, conflicts: 0 }]),
  ) as SyncReport['tables'];
  return { user: user.name, report: { log, tables, verify: [], attempts: 0 }, error };
}

function seedSteps(report: SyncReport | null, error: string | null): string {
  if (!report) return `Failed: ${error}`;
  const lines = SYNCED_TABLES.map((t, i) => {
    const c = report.tables[t];
    const name = STEP_NAMES[t] ?? t;
    return `Step ${i + 1}: Syncing ${name}... ${name[0]?.toUpperCase()}${name.slice(1)} synced: ${c.pushed + c.pulled} (pushed ${c.pushed}, pulled ${c.pulled})`;
  });
  const log = report.log;
  lines.push(
    `Result: ${log.status}, conflicts ${log.conflicts}, ${(log.durationSeconds ?? 0).toFixed(2)} seconds`,
  );
  if (error) lines.push(`Error: ${error}`);
  return lines.join('\n');
}

/** A live line on a terminal: table, batches, rows pushed and pulled. */
function syncProgress(enabled: boolean): { update: (p: SyncProgress) => void; stop: () => void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format:
      'Sync {phase} {table} | batch {batch} | pushed {pushed} | pulled {pulled} | conflicts {conflicts}',
    stream: process.stderr,
    hideCursor: true,
  });
  let started = false;
  return {
    update(p) {
      // Connecting names no table yet.
      const payload =
        p.phase === 'connect' ? { ...p, phase: 'connecting to', table: 'the central store' } : { ...p };
      if (!started) {
        bar.start(1, 0, payload);
        started = true;
      } else bar.update(0, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
