import type { Command } from 'commander';
import { hashPassword } from '../../domain/password.js';
import { check } from '../input-schemas.js';
import { renameUnsyncedUser } from '../../local/user-rename.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { formatTable } from '../table-output.js';

export function registerUserCommands(program: Command, io: CliIo): void {
  const user = program.command('user').description('people whose finances this device keeps');

  user
    .command('add')
    .description('add a user (with the default categories)')
    .argument('<name>', 'user name, unique')
    .option('--currency <code>', 'ISO 4217 currency of all their money', 'EUR')
    .option('--user-locale <tag>', 'how their amounts and dates are shown', 'en-US')
    .option('--password-stdin', 'read a password from standard input (for logging in to the web UI)')
    .action(
      action<{ currency: string; userLocale: string; passwordStdin?: boolean }>(
        io,
        async (ctx, [name], opts) => {
          const input = await check((s) => s.userInput, {
            name,
            currency: opts.currency,
            locale: opts.userLocale,
          });
          let passwordHash: string | null = null;
          if (opts.passwordStdin) {
            const secret = await check((s) => s.password, (await io.readStdin()).replace(/\r?\n$/, ''));
            passwordHash = await hashPassword(secret);
          }
          const created = ctx.users.create({ ...input, passwordHash });
          emit(ctx, created, () => `Added user ${created.name} (${created.currency}), id ${created.id}\n`);
        },
      ),
    );

  user
    .command('list')
    .description('list users on this device')
    .action(
      action(io, (ctx) => {
        const users = ctx.users.list();
        emit(ctx, users, () =>
          formatTable(
            ['name', 'currency', 'locale', 'id'],
            users.map((u) => [u.name, u.currency, u.locale, u.id]),
          ),
        );
      }),
    );

  user
    .command('rename')
    .description('give a user that has never been synced another name')
    .argument('<user>', 'the user, by name or id')
    .argument('<new-name>', 'the new name, unique')
    .action(
      action(io, async (ctx, [nameOrId, newName]) => {
        const current = ctx.users.resolve(String(nameOrId));
        const { name } = await check((s) => s.userInput, {
          name: newName,
          currency: current.currency,
          locale: current.locale,
        });
        const renamed = renameUnsyncedUser(ctx.store, current, name);
        emit(ctx, renamed, () => `Renamed user ${current.name} to ${renamed.name}, id ${renamed.id}\n`);
      }),
    );
}
