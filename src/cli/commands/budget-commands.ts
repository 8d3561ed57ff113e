import type { Command } from 'commander';
import { formatMoney } from '../../domain/money.js';
import { check } from '../input-schemas.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { formatTable } from '../table-output.js';
import { categoryLabeller } from '../category-labels.js';

export function registerBudgetCommands(program: Command, io: CliIo): void {
  const budget = program.command('budget').description('monthly spending limits per category');

  budget
    .command('set')
    .requiredOption('--user <user>', 'user name or id')
    .requiredOption('--category <category>', 'expense category name or id')
    .requiredOption('--month <month>', 'YYYY-MM')
    .requiredOption('--limit <amount>', 'the most to spend that month')
    .option('--rollover', "carry what is left (or overspent) at the month's end into the next month")
    .option('--no-rollover', 'stop carrying into the next month (left out: a new budget does not roll over)')
    .action(
      action<{ user: string; category: string; month: string; limit: string; rollover?: boolean }>(
        io,
        async (ctx, _args, opts) => {
          const user = ctx.users.resolve(opts.user);
          const { rollover, ...fields } = opts;
          const input = await check((s) => s.budgetInput(ctx.amountContext(user)), fields);
          const category = ctx.categories.resolve(user.id, input.category, 'expense');
          const saved = ctx.budgets.set(user.id, category.id, input.month, input.limit, { rollover });
          emit(
            ctx,
            { ...saved, currency: user.currency },
            () =>
              `Budget for ${saved.categoryName} in ${saved.month}: ${formatMoney(saved.limit, user.currency, user.locale)}` +
              `${saved.rollover ? ', rolls over into the next month' : ''}\n`,
          );
        },
      ),
    );

  budget
    .command('list')
    .requiredOption('--user <user>', 'user name or id')
    .option('--month <month>', 'only this month, YYYY-MM')
    .action(
      action<{ user: string; month?: string }>(io, async (ctx, _args, opts) => {
        const user = ctx.users.resolve(opts.user);
        const month = opts.month === undefined ? undefined : await check((s) => s.isoMonth, opts.month);
        const list = ctx.budgets.list(user.id, month);
        const label = categoryLabeller(ctx, user.id);
        emit(ctx, { currency: user.currency, budgets: list }, () =>
          formatTable(
            ['month', 'category', 'limit', 'rollover', 'id'],
            list.map((b) => [
              b.month,
              label(b.categoryId, b.categoryName),
              formatMoney(b.limit, user.currency, user.locale),
              b.rollover ? 'on' : 'off',
              b.id,
            ]),
          ),
        );
      }),
    );

  budget
    .command('copy')
    .description("give a month the budgets of another (a category's limit already set there is kept)")
    .requiredOption('--user <user>', 'user name or id')
    .requiredOption('--from <month>', 'the month to copy, YYYY-MM')
    .requiredOption('--to <month>', 'the month to give its budgets, YYYY-MM')
    .action(
      action<{ user: string; from: string; to: string }>(io, async (ctx, _args, opts) => {
        const user = ctx.users.resolve(opts.user);
        const { from, to } = await check((s) => s.budgetCopyInput, { from: opts.from, to: opts.to });
        const copied = ctx.budgets.copyMonth(user.id, from, to);
        emit(ctx, { currency: user.currency, budgets: copied }, () =>
          copied.length === 0
            ? `No budgets of ${from} to copy to ${to}\n`
            : `Copied ${copied.length} budget${copied.length === 1 ? '' : 's'} from ${from} to ${to}\n`,
        );
      }),
    );
}
