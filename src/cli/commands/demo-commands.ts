import type { Command } from 'commander';
import { hashPassword } from '../../domain/password.js';
import { migrate, schemaVersion } from '../../local/sqlite-database.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { progressBar } from '../progress-bar.js';

/** Printed so people can log in to the web UI as a demo user; it protects demo data only. */
export const DEMO_PASSWORD = 'pfm-demo-password';

export function registerDemoCommands(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('create or migrate this device database (every command also does this)')
    .action(
      action(io, (ctx) => {
        migrate(ctx.store.db);
        const info = {
          dataDir: ctx.options.dataDir,
          deviceId: ctx.store.deviceId,
          schemaVersion: schemaVersion(ctx.store.db),
        };
        emit(
          ctx,
          info,
          () => `Device ${info.deviceId} ready in ${info.dataDir} (schema ${info.schemaVersion})\n`,
        );
      }),
    );

  program
    .command('demo')
    .description('realistic demo data: six users, a year of finances')
    .option('--seed <n>', 'random seed, for the same demo every time', '42')
    .option('--if-missing', 'do nothing when the demo users already exist')
    .action(
      action<{ seed: string; ifMissing?: boolean }>(io, async (ctx, _args, opts) => {
        const { createDemoData, DEMO_USERS } = await import('../../local/demo-data.js');
        const existing = new Set(ctx.users.list().map((u) => u.name));
        if (opts.ifMissing && DEMO_USERS.every((u) => existing.has(u.name))) {
          emit(
            ctx,
            { created: false, users: DEMO_USERS.map((u) => u.name), password: DEMO_PASSWORD },
            () =>
              `Demo users already here: ${DEMO_USERS.map((u) => u.name).join(', ')} (password: ${DEMO_PASSWORD})\n`,
          );
          return;
        }
        const seed = Number(opts.seed);
        const bar = progressBar(io, 'Demo data', !ctx.json);
        const result = createDemoData(ctx.store, {
          passwordHash: await hashPassword(DEMO_PASSWORD),
          seed: Number.isSafeInteger(seed) ? seed : 42,
          onProgress: (done, total) => bar.update(done, total),
        });
        bar.stop();
        const users = DEMO_USERS.map((u) => u.name);
        emit(
          ctx,
          { created: true, ...result, userNames: users, password: DEMO_PASSWORD },
          () =>
            `Created ${result.users} demo users (${users.join(', ')}) and ${result.total} records:\n` +
            Object.entries(result.records)
              .map(([k, v]) => `  ${k}: ${v}\n`)
              .join('') +
            `Every demo user's password is: ${DEMO_PASSWORD}\n`,
        );
      }),
    );
}
