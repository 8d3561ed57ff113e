import type { Command } from 'commander';
import type { Expense, Income } from '../../domain/entities.js';
import { formatMoney } from '../../domain/money.js';
import { check } from '../input-schemas.js';
import type { MoneyEventRepository } from '../../local/money-event-repository.js';
import type { CliContext } from '../cli-context.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { formatTable, pageLine } from '../table-output.js';
import { usableAccount } from '../account-lookup.js';
import { withReconciledFlag } from '../reconciled-flag.js';

/** `expense` and `income` have the same commands; they differ in --method vs --source and the category kind. */
interface EventKind {
  readonly noun: 'expense' | 'income';
  readonly extraFlag: 'method' | 'source';
  readonly repo: (ctx: CliContext) => MoneyEventRepository<Expense> | MoneyEventRepository<Income>;
  readonly extraOf: (e: Expense | Income) => string | null;
}

const KINDS: readonly EventKind[] = [
  {
    noun: 'expense',
    extraFlag: 'method',
    repo: (c) => c.expenses,
    extraOf: (e) => ('method' in e ? e.method : null),
  },
  {
    noun: 'income',
    extraFlag: 'source',
    repo: (c) => c.income,
    extraOf: (e) => ('source' in e ? e.source : null),
  },
];

type EventOptions = Record<string, string | undefined> & { confirmReconciled?: boolean };

const STATUS_HELP = 'uncleared, cleared (seen on the bank statement) or reconciled';

export function registerMoneyEventCommands(program: Command, io: CliIo): void {
  for (const kind of KINDS) register(program, io, kind);
}

function register(program: Command, io: CliIo, kind: EventKind): void {
  const { noun, extraFlag } = kind;
  const group = program.command(noun).description(noun === 'expense' ? 'money spent' : 'money received');

  group
    .command('add')
    .requiredOption('--user <user>', 'user name or id')
    .requiredOption('--amount <amount>', 'amount, e.g. 12.50 (use --locale for 1.234,50)')
    .requiredOption('--category <category>', `${noun} category name or id`)
    .option('--date <date>', 'YYYY-MM-DD (default: today)')
    .option(
      `--${extraFlag} <${extraFlag}>`,
      extraFlag === 'method' ? 'payment method, e.g. card' : 'who paid',
    )
    .option('--note <text>', 'free text')
    .option('--account <account>', "account name or id (default: the user's first account)")
    .option('--status <status>', `${STATUS_HELP} (default: uncleared)`)
    .action(
      action<EventOptions>(io, async (ctx, _args, opts) => {
        const user = ctx.users.resolve(String(opts.user));
        const parsed = await check(
          (s) => (noun === 'expense' ? s.expenseInput : s.incomeInput)(ctx.amountContext(user)),
          { ...opts, date: opts.date ?? ctx.today() },
        );
        const category = ctx.categories.resolve(user.id, parsed.category, noun);
        const account = parsed.account ? usableAccount(ctx, user.id, parsed.account, '--account') : undefined;
        const extra = (parsed as Record<string, unknown>)[extraFlag] as string | undefined;
        const created = kind.repo(ctx).create(user.id, {
          categoryId: category.id,
          amount: parsed.amount,
          date: parsed.date,
          extra: extra ?? null,
          note: parsed.note,
          accountId: account?.id,
          status: parsed.status,
        });
        emit(
          ctx,
          { ...created, currency: user.currency },
          () =>
            `Added ${noun} ${formatMoney(created.amount, user.currency, user.locale)} in ${created.categoryName} ` +
            `on ${created.date} to ${created.accountName}, id ${created.id}\n`,
        );
      }),
    );

  group
    .command('list')
    .requiredOption('--user <user>', 'user name or id')
    .option('--from <date>', 'first date, inclusive')
    .option('--to <date>', 'last date, inclusive')
    .option('--category <category>', 'only this category')
    .option('--account <account>', 'only this account')
    .option('--status <status>', `only rows ${STATUS_HELP}`)
    .option(`--${extraFlag} <${extraFlag}>`, `only this ${extraFlag}`)
    .option('--search <text>', 'text in the note, category or ' + extraFlag)
    .option('--sort <key>', 'date, amount or category', 'date')
    .option('--order <order>', 'asc or desc', 'desc')
    .option('--limit <n>', 'at most this many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .action(
      action<EventOptions>(io, async (ctx, _args, opts) => {
        const user = ctx.users.resolve(String(opts.user));
        const q = await check((s) => s.listQuery, { ...opts, method: opts[extraFlag] });
        const categoryId = q.category ? ctx.categories.resolve(user.id, q.category, noun).id : undefined;
        const accountId = q.account ? ctx.accounts.resolve(user.id, q.account).id : undefined;
        const page = kind.repo(ctx).list(user.id, {
          accountId,
          status: q.status,
          from: q.from,
          to: q.to,
          categoryId,
          extra: q.method,
          search: q.search,
          sort: q.sort,
          order: q.order,
          limit: q.limit,
          offset: q.offset,
        });
        emit(ctx, { ...page, currency: user.currency }, () => {
          const table = formatTable(
            ['date', 'amount', 'category', 'account', extraFlag, 'note', 'status', 'id'],
            page.items.map((e) => [
              e.date,
              formatMoney(e.amount, user.currency, user.locale),
              e.categoryDeleted ? `${e.categoryName} (deleted)` : e.categoryName,
              e.accountDeleted ? `${e.accountName} (deleted)` : e.accountName,
              kind.extraOf(e) ?? '',
              e.note,
              e.status,
              e.id,
            ]),
          );
          return `${table}${pageLine(page)}`;
        });
      }),
    );

  group
    .command('edit')
    .argument('<id>', `${noun} id`)
    .option('--amount <amount>', 'new amount')
    .option('--category <category>', 'new category')
    .option('--date <date>', 'new date')
    .option(`--${extraFlag} <${extraFlag}>`, `new ${extraFlag} ("" to clear)`)
    .option('--note <text>', 'new note')
    .option('--account <account>', 'move it to this account (name or id)')
    .option('--status <status>', STATUS_HELP)
    .option('--confirm-reconciled', 'change it even though a bank statement already agreed on it')
    .action(
      action<EventOptions>(io, async (ctx, [id], opts) => {
        const repo = kind.repo(ctx);
        const user = ctx.users.get(repo.ownerOf(String(id)));
        const raw: Record<string, unknown> = { ...opts };
        if (opts[extraFlag] === '') raw[extraFlag] = null;
        const patch = await check(
          (s) => (noun === 'expense' ? s.expensePatch : s.incomePatch)(ctx.amountContext(user)),
          raw,
        );
        const categoryId = patch.category
          ? ctx.categories.resolve(user.id, patch.category, noun).id
          : undefined;
        const current = repo.get(user.id, String(id));
        const target = patch.account ? ctx.accounts.resolve(user.id, patch.account) : undefined;
        // Naming the account it is in already changes nothing, archived or not.
        const accountId =
          target && target.id !== current.accountId
            ? usableAccount(ctx, user.id, target.id, '--account').id
            : undefined;
        const edited = withReconciledFlag(() =>
          repo.edit(
            user.id,
            String(id),
            {
              categoryId,
              amount: patch.amount,
              date: patch.date,
              extra: (patch as Record<string, string | null | undefined>)[extraFlag],
              note: patch.note,
              accountId,
              status: patch.status,
            },
            { confirmReconciled: patch.confirmReconciled === true },
          ),
        );
        emit(ctx, { ...edited, currency: user.currency }, () => `Saved ${noun} ${edited.id}\n`);
      }),
    );

  group
    .command('delete')
    .argument('<id>', `${noun} id`)
    .option('--confirm-reconciled', 'delete it even though a bank statement already agreed on it')
    .action(
      action<EventOptions>(io, (ctx, [id], opts) => {
        const repo = kind.repo(ctx);
        const owner = repo.ownerOf(String(id));
        const undo = withReconciledFlag(() =>
          repo.delete(owner, String(id), { confirmReconciled: opts.confirmReconciled === true }),
        );
        emit(
          ctx,
          { deleted: id, undo: undo.id },
          () => `Deleted ${noun} ${id} (pfm undo ${undo.id} brings it back)\n`,
        );
      }),
    );
}
