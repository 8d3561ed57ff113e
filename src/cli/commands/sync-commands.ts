import type { Command } from 'commander';
import { ConflictRepository } from '../../local/conflict-repository.js';
import { SyncLogRepository } from '../../local/sync-log-repository.js';
import { DEFAULT_RETRY } from '../../sync/retry.js';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../cli-errors.js';
import { action, emit } from '../command-runner.js';
import { formatTable } from '../table-output.js';
import { ConflictFormatter } from '../conflict-format.js';
import { positiveInt } from '../number-options.js';

export interface SyncOptions {
  user?: string;
  all?: boolean;
  verify?: boolean;
  automatic?: boolean;
  retries: string;
  retryDelay: string;
  batchSize: string;
}

export function registerSyncCommands(program: Command, io: CliIo): void {
  const sync = program
    .command('sync')
    .description('sync a user (or every user on this device) with the central store')
    .option('--user <user>', 'user name or id')
    .option('--all', 'every user on this device')
    .option('--verify', 'compare table digests with the central store afterwards, repairing any difference')
    .option('--automatic', 'log the run as Automatic (scheduled) rather than Manual')
    .option('--retries <n>', 'retries of a transient failure', String(DEFAULT_RETRY.retries))
    .option(
      '--retry-delay <ms>',
      'wait before the first retry, doubled each time',
      String(DEFAULT_RETRY.baseDelayMs),
    )
    .option('--batch-size <n>', 'rows per batch', '1000')
    .action(
      action<SyncOptions>(io, async (ctx, _args, opts) => {
        // The engine, the remotes and the progress bar are loaded by a sync only.
        const { runSync } = await import('./sync-run.js');
        await runSync(ctx, opts);
      }),
    );

  sync
    .command('log')
    .description("the user's sync history (the sync_log table)")
    .option('--user <user>', 'user name or id')
    .option('--limit <n>', 'how many runs', '10')
    .action(
      action<{ user?: string; limit: string }>(io, (ctx, _args, opts) => {
        const name = opts.user;
        if (!name) throw new UsageError("required option '--user <user>' not specified");
        const user = ctx.users.resolve(name);
        const entries = new SyncLogRepository(ctx.store).list(user.id, positiveInt('limit', opts.limit));
        emit(ctx, entries, () =>
          formatTable(
            ['start', 'status', 'type', 'records', 'pushed', 'pulled', 'conflicts', 'seconds', 'error'],
            entries.map((e) => [
              e.startTime.slice(0, 19).replace('T', ' '),
              e.status,
              e.syncType,
              String(e.recordsSynced),
              String(e.pushed),
              String(e.pulled),
              String(e.conflicts),
              e.durationSeconds === null ? '' : e.durationSeconds.toFixed(2),
              e.errorMessage ?? '',
            ]),
          ),
        );
      }),
    );

  const conflicts = program
    .command('conflicts')
    .description('values that lost a sync merge, kept to be restored');
  conflicts
    .command('list')
    .requiredOption('--user <user>', 'user name or id')
    .option('--all', 'include restored and dismissed ones')
    .action(
      action<{ user: string; all?: boolean }>(io, (ctx, _args, opts) => {
        const user = ctx.users.resolve(opts.user);
        const list = new ConflictRepository(ctx.store).list(user.id, opts.all === true);
        const format = new ConflictFormatter(ctx.store, user);
        emit(ctx, list, () =>
          formatTable(
            ['detected', 'row', 'field', 'kept', 'lost', 'lost on', 'state', 'id'],
            list.map((c) => {
              const line = format.line(c);
              return [
                line.detected,
                line.row,
                line.field,
                line.kept,
                line.lost,
                c.lostSide === 'local' ? 'this device' : 'central',
                c.resolution ?? 'open',
                c.id,
              ];
            }),
          ),
        );
      }),
    );
  for (const verb of ['restore', 'dismiss'] as const) {
    conflicts
      .command(verb)
      .argument('<id>', 'conflict id')
      .description(
        verb === 'restore' ? 'bring the losing value back (it wins at the next sync)' : 'forget it',
      )
      .action(
        action(io, (ctx, [id]) => {
          const repo = new ConflictRepository(ctx.store);
          const done = verb === 'restore' ? repo.restore(String(id)) : repo.dismiss(String(id));
          emit(ctx, done, () =>
            verb === 'restore'
              ? `Restored ${done.table}.${done.field} = ${JSON.stringify(done.lostValue)}; sync to send it\n`
              : `Dismissed conflict ${done.id}\n`,
          );
        }),
      );
  }
}
