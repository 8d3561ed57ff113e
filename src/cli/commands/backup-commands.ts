import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { validate } from '../../domain/validation.js';
import { exportCsv } from '../../local/csv-export.js';
import { UsageError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';

export function registerBackupCommands(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('export a user: csv (expenses and income, for spreadsheets) or json (a full backup)')
    .requiredOption('--user <user>', 'user name or id')
    .requiredOption('--format <format>', 'csv or json')
    .option('--out <file>', 'write to this file (default: standard output)')
    .action(
      action<{ user: string; format: string; out?: string }>(io, async (ctx, _args, opts) => {
        // zod and the backup format are loaded by the commands that use them only.
        const { z } = await import('zod');
        const { takeBackup } = await import('../../local/backup.js');
        const format = validate(
          z.enum(['csv', 'json'], { error: 'format must be csv or json' }),
          opts.format,
        );
        const user = ctx.users.resolve(opts.user);
        const text =
          format === 'csv'
            ? exportCsv(ctx.store, user.id, user.currency)
            : `${JSON.stringify(takeBackup(ctx.store, user.id), null, 2)}\n`;
        if (opts.out === undefined) {
          ctx.io.stdout(text);
          return;
        }
        try {
          writeFileSync(opts.out, text);
        } catch (e) {
          throw new UsageError(`cannot write ${opts.out}: ${(e as Error).message}`);
        }
        emit(ctx, { user: user.name, format, out: opts.out }, () => `Exported ${user.name} to ${opts.out}\n`);
      }),
    );

  program
    .command('restore')
    .description('load a JSON backup into an empty device; the next sync works as usual')
    .argument('<file>', 'a backup made by pfm export --format json')
    .action(
      action<Record<string, never>>(io, async (ctx, [file]) => {
        const { restoreBackup } = await import('../../local/backup.js');
        const path = String(file);
        let parsed: unknown;
        try {
          parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          throw new UsageError(
            code === 'ENOENT' ? `no file ${path}` : `${path} is not a JSON backup: ${(e as Error).message}`,
          );
        }
        const counts = restoreBackup(ctx.store, parsed);
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        emit(
          ctx,
          counts,
          () => `Restored ${total} rows from ${path}; sync to share them with the central store\n`,
        );
      }),
    );
}
