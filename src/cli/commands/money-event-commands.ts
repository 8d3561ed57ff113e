import type { Command } from 'commander';
import type { Expense, Income } from '../../domain/entities.js';
import { formatMoney } from '../../domain/money.js';
import { check } from '../input-schemas.js';
import type { MoneyEventRepository } from '../../local/money-event-repository.js';
import type { CliContext } from '../cli-context.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { formatTable } from '../table-output.js';

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

type EventOptions = Record<string, string | undefined>;

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
    .action(
      action<EventOptions>(io, async (ctx, _args, opts) => {
        const user = ctx.users.resolve(String(opts.user));
        const parsed = await check(
          (s) => (noun === 'expense' ? s.expenseInput : s.incomeInput)(ctx.amountContext(user)),
          { ...opts, date: opts.date ?? ctx.today() },
        );
        const category = ctx.categories.resolve(user.id, parsed.category, noun);
        const extra = (parsed as Record<string, unknown>)[extraFlag] as string | undefined;
        const created = kind.repo(ctx).create(user.id, {
          categoryId: category.id,
          amount: parsed.amount,
          date: parsed.date,
          extra: extra ?? null,
          note: parsed.note,
        });
        emit(
          ctx,
          { ...created, currency: user.currency },
          () =>
            `Added ${noun} ${formatMoney(created.amount, user.currency, user.locale)} in ${created.categoryName} ` +
            `on ${created.date}, id ${created.id}\n`,
        );
      }),
    );

  group
    .command('list')
    .requiredOption('--user <user>', 'user name or id')
    .option('--from <date>', 'first date, inclusive')
    .option('--to <date>', 'last date, inclusive')
    .option('--category <category>', 'only this category')
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
        const page = kind.repo(ctx).list(user.id, {
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
            ['date', 'amount', 'category', extraFlag, 'note', 'id'],
            page.items.map((e) => [
              e.date,
              formatMoney(e.amount, user.currency, user.locale),
              e.categoryDeleted ? `${e.categoryName} (deleted)` : e.categoryName,
              kind.extraOf(e) ?? '',
              e.note,
              e.id,
            ]),
          );
          const shown = page.items.length ? `${page.offset + 1}-${page.offset + page.items.length}` : '0';
          return `${table}${shown} of ${page.total}\n`;
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
        const edited = repo.edit(user.id, String(id), {
          categoryId,
          amount: patch.amount,
          date: patch.date,
          extra: (patch as Record<string, string | null | undefined>)[extraFlag],
          note: patch.note,
        });
        emit(ctx, { ...edited, currency: user.currency }, () => `Saved ${noun} ${edited.id}\n`);
      }),
    );

  group
    .command('delete')
    .argument('<id>', `${noun} id`)
    .action(
      action(io, (ctx, [id]) => {
        const repo = kind.repo(ctx);
        const owner = repo.ownerOf(String(id));
        repo.delete(owner, String(id));
        emit(ctx, { deleted: id }, () => `Deleted ${noun} ${id}\n`);
      }),
    );
}
