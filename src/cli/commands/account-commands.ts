import type { Command } from 'commander';
import type { Account, User } from '../../domain/entities.js';
import { formatMoney } from '../../domain/money.js';
import type { AccountPatch } from '../../local/account-repository.js';
import { UsageError } from '../cli-errors.js';
import type { CliContext } from '../cli-context.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { check } from '../input-schemas.js';
import { positiveInt } from '../number-options.js';
import { formatTable, pageLine } from '../table-output.js';

interface AccountFlags {
  user: string;
  name?: string;
  kind?: string;
  openingBalance?: string;
  openingDate?: string;
  onBudget?: boolean;
  offBudget?: boolean;
}

const KINDS = 'checking, savings, credit_card, cash, loan or investment';

export function registerAccountCommands(program: Command, io: CliIo): void {
  const account = program
    .command('account')
    .description('where the money is: checking, savings, cards, cash, loans, investments');

  account
    .command('add')
    .description('add an account')
    .argument('<name>', 'account name')
    .requiredOption('--user <user>', 'user name or id')
    .option('--kind <kind>', KINDS, 'checking')
    .option('--opening-balance <amount>', 'balance before its first row, e.g. -123.45 for a card owed')
    .option('--opening-date <date>', 'YYYY-MM-DD the opening balance counts from (default: always)')
    .option('--off-budget', 'keep its spending out of budgets (savings, loans, investments)')
    .action(
      action<AccountFlags>(io, async (ctx, [name], opts) => {
        const user = ctx.users.resolve(opts.user);
        const input = await check((s) => s.accountInput(ctx.amountContext(user)), {
          name,
          kind: opts.kind,
          openingBalance: opts.openingBalance,
          openingDate: opts.openingDate,
          onBudget: opts.offBudget !== true,
        });
        const created = ctx.accounts.create(user.id, input);
        emit(
          ctx,
          { ...created, currency: user.currency },
          () => `Added ${created.kind} account ${created.name}, id ${created.id}\n`,
        );
      }),
    );

  account
    .command('list')
    .description('accounts with their balances and the net worth')
    .requiredOption('--user <user>', 'user name or id')
    .option('--all', 'show archived accounts too')
    .action(
      action<{ user: string; all?: boolean }>(io, (ctx, _args, opts) => {
        const user = ctx.users.resolve(opts.user);
        // Archived accounts still hold money: the net worth counts them whether or not they are shown.
        const every = ctx.accounts.list(user.id, { includeArchived: true });
        const shown = opts.all ? every : every.filter((a) => !a.archived);
        const netWorth = every.reduce((t, a) => t + a.balance, 0);
        const fmt = (n: number) => formatMoney(n, user.currency, user.locale);
        emit(ctx, { currency: user.currency, accounts: shown, netWorth }, () => {
          const table = formatTable(
            ['name', 'kind', 'balance', 'cleared balance', 'archived', 'budget', 'id'],
            shown.map((a) => [
              a.name,
              a.kind,
              fmt(a.balance),
              fmt(a.clearedBalance),
              a.archived ? 'yes' : '',
              a.onBudget ? 'on' : 'off',
              a.id,
            ]),
          );
          return `${table}Net worth: ${fmt(netWorth)}\n`;
        });
      }),
    );

  accountCommand(account, 'edit', 'change an account')
    .option('--name <name>', 'new name')
    .option('--kind <kind>', KINDS)
    .option('--opening-balance <amount>', 'new opening balance')
    .option('--opening-date <date>', 'new opening date ("" for none: the opening balance always counts)')
    .option('--on-budget', 'its spending counts in budgets')
    .option('--off-budget', 'its spending stays out of budgets')
    .action(
      accountAction<AccountFlags>(io, async (ctx, user, current, opts) => {
        if (opts.onBudget && opts.offBudget)
          throw new UsageError('give --on-budget or --off-budget, not both');
        const patch = await check((s) => s.accountPatch(ctx.amountContext(user)), {
          name: opts.name,
          kind: opts.kind,
          openingBalance: opts.openingBalance,
          openingDate: opts.openingDate === '' ? null : opts.openingDate,
          onBudget: opts.onBudget ? true : opts.offBudget ? false : undefined,
        });
        saved(ctx, user, ctx.accounts.edit(user.id, current.id, patch), 'Saved');
      }),
    );

  for (const [verb, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    accountCommand(
      account,
      verb,
      archived
        ? 'hide an account from lists and new rows; its rows and balance still count'
        : 'bring an archived account back',
    ).action(
      accountAction(io, (ctx, user, current) => {
        const patch: AccountPatch = { archived };
        saved(ctx, user, ctx.accounts.edit(user.id, current.id, patch), archived ? 'Archived' : 'Unarchived');
      }),
    );
  }

  accountCommand(account, 'delete', 'delete an account that holds no rows (archive one that does)').action(
    accountAction(io, (ctx, user, current) => {
      const undo = ctx.accounts.delete(user.id, current.id);
      emit(
        ctx,
        { deleted: current.id, undo: undo.id },
        () => `Deleted account ${current.name} (pfm undo ${undo.id} brings it back)\n`,
      );
    }),
  );

  accountCommand(account, 'register', "an account's rows, newest first, with the balance after each")
    .option('--limit <n>', 'at most this many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .action(
      accountAction<{ limit: string; offset: string }>(io, (ctx, user, current, opts) => {
        const page = ctx.accounts.register(user.id, current.id, {
          limit: positiveInt('limit', opts.limit),
          offset: positiveInt('offset', opts.offset, 0),
        });
        const fmt = (n: number) => formatMoney(n, user.currency, user.locale);
        emit(ctx, { ...page, account: current, currency: user.currency }, () => {
          const table = formatTable(
            ['date', 'kind', 'counterpart', 'note', 'status', 'amount', 'balance', 'id'],
            page.items.map((e) => [
              e.date,
              e.kind,
              e.counterpart,
              e.note,
              e.status,
              fmt(e.amount),
              fmt(e.balance),
              e.kind === 'opening' ? '' : e.id,
            ]),
          );
          const head = `${current.name}: ${fmt(current.balance)} (cleared ${fmt(current.clearedBalance)})\n`;
          return `${head}${table}${pageLine(page)}`;
        });
      }),
    );
}

/** A command about one account: `pfm account VERB ACCOUNT --user USER`. */
function accountCommand(group: Command, verb: string, description: string): Command {
  return group
    .command(verb)
    .description(description)
    .argument('<account>', 'account name or id')
    .requiredOption('--user <user>', 'user name or id');
}

/** The action of an `accountCommand`, given the user and the account the line names. */
function accountAction<O>(
  io: CliIo,
  run: (ctx: CliContext, user: User, account: Account, options: O) => Promise<void> | void,
): (...params: unknown[]) => Promise<void> {
  return action<O & { user: string }>(io, (ctx, [ref], opts) => {
    const user = ctx.users.resolve(opts.user);
    return run(ctx, user, ctx.accounts.resolve(user.id, String(ref)), opts);
  });
}

function saved(ctx: CliContext, user: User, account: Account, verb: string): void {
  emit(
    ctx,
    { ...account, currency: user.currency },
    () => `${verb} account ${account.name}, id ${account.id}\n`,
  );
}
