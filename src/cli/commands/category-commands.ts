import type { Command } from 'commander';
import { check } from '../input-schemas.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { formatTable } from '../table-output.js';
import { categoryLabel } from '../category-labels.js';

export function registerCategoryCommands(program: Command, io: CliIo): void {
  const category = program.command('category').description('expense and income categories');

  category
    .command('add')
    .requiredOption('--user <user>', 'user name or id')
    .requiredOption('--name <name>', 'category name')
    .requiredOption('--kind <kind>', 'expense or income')
    .action(
      action<{ user: string; name: string; kind: string }>(io, async (ctx, _args, opts) => {
        const input = await check((s) => s.categoryInput, { name: opts.name, kind: opts.kind });
        const user = ctx.users.resolve(opts.user);
        const created = ctx.categories.create(user.id, input.name, input.kind);
        emit(ctx, created, () => `Added ${created.kind} category ${created.name}, id ${created.id}\n`);
      }),
    );

  category
    .command('list')
    .requiredOption('--user <user>', 'user name or id')
    .option('--kind <kind>', 'expense or income')
    .option('--deleted', 'include deleted categories')
    .action(
      action<{ user: string; kind?: string; deleted?: boolean }>(io, async (ctx, _args, opts) => {
        const kind = opts.kind === undefined ? undefined : await check((s) => s.categoryKind, opts.kind);
        const user = ctx.users.resolve(opts.user);
        const list = ctx.categories.list(user.id, kind, opts.deleted === true);
        emit(ctx, list, () =>
          formatTable(
            ['kind', 'name', 'id'],
            list.map((c) => [c.kind, categoryLabel(c.name, c.deleted), c.id]),
          ),
        );
      }),
    );

  category
    .command('rename')
    .argument('<id>', 'category id')
    .requiredOption('--user <user>', 'user name or id')
    .requiredOption('--name <name>', 'new name')
    .action(
      action<{ user: string; name: string }>(io, async (ctx, [id], opts) => {
        const user = ctx.users.resolve(opts.user);
        const input = await check((s) => s.categoryInput.shape.name, opts.name);
        const renamed = ctx.categories.rename(user.id, String(id), input);
        emit(ctx, renamed, () => `Renamed category ${renamed.id} to ${renamed.name}\n`);
      }),
    );

  category
    .command('delete')
    .argument('<id>', 'category id')
    .requiredOption('--user <user>', 'user name or id')
    .action(
      action<{ user: string }>(io, (ctx, [id], opts) => {
        const user = ctx.users.resolve(opts.user);
        const undo = ctx.categories.delete(user.id, String(id));
        emit(
          ctx,
          { deleted: id, undo: undo.id },
          () =>
            `Deleted category ${id}; its entries still count, under it (pfm undo ${undo.id} brings it back)\n`,
        );
      }),
    );
}
