import type { Command } from 'commander';
import { formatMoney } from '../../domain/money.js';
import { check } from '../input-schemas.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { formatTable } from '../table-output.js';

export function registerGoalCommands(program: Command, io: CliIo): void {
  const goal = program.command('goal').description('savings goals and contributions');

  goal
    .command('add')
    .requiredOption('--user <user>', 'user name or id')
    .requiredOption('--name <name>', 'what you are saving for')
    .requiredOption('--target <amount>', 'how much')
    .option('--by <date>', 'target date, YYYY-MM-DD')
    .action(
      action<{ user: string; name: string; target: string; by?: string }>(io, async (ctx, _args, opts) => {
        const user = ctx.users.resolve(opts.user);
        const input = await check((s) => s.goalInput(ctx.amountContext(user)), opts);
        const created = ctx.goals.create(user.id, {
          name: input.name,
          target: input.target,
          targetDate: input.by,
        });
        emit(
          ctx,
          { ...created, currency: user.currency },
          () => `Added goal ${created.name}, id ${created.id}\n`,
        );
      }),
    );

  goal
    .command('contribute')
    .argument('<id>', 'goal id')
    .requiredOption('--amount <amount>', 'amount put aside')
    .option('--date <date>', 'YYYY-MM-DD (default: today)')
    .option('--note <text>', 'free text')
    .action(
      action<{ amount: string; date?: string; note?: string }>(io, async (ctx, [id], opts) => {
        const user = ctx.users.get(ctx.goals.ownerOf(String(id)));
        const input = await check((s) => s.contributionInput(ctx.amountContext(user)), {
          ...opts,
          date: opts.date ?? ctx.today(),
        });
        const added = ctx.goals.contribute(user.id, String(id), input.amount, input.date, input.note);
        const goalNow = ctx.goals.get(user.id, String(id));
        emit(ctx, { contribution: added, goal: goalNow, currency: user.currency }, () => {
          const fmt = (n: number) => formatMoney(n, user.currency, user.locale);
          return `Added ${fmt(added.amount)} to ${goalNow.name}: ${fmt(goalNow.saved)} of ${fmt(goalNow.target)}\n`;
        });
      }),
    );

  goal
    .command('list')
    .requiredOption('--user <user>', 'user name or id')
    .action(
      action<{ user: string }>(io, (ctx, _args, opts) => {
        const user = ctx.users.resolve(opts.user);
        const list = ctx.goals.list(user.id);
        const fmt = (n: number) => formatMoney(n, user.currency, user.locale);
        emit(ctx, { currency: user.currency, goals: list }, () =>
          formatTable(
            ['name', 'saved', 'target', 'by', 'id'],
            list.map((g) => [g.name, fmt(g.saved), fmt(g.target), g.targetDate ?? '', g.id]),
          ),
        );
      }),
    );
}
