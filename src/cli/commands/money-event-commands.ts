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
import { splitPartsOf } from '../../local/split-input.js';
import { categoryLabel, collectSplit, SPLIT_FORM, typedSplitParts } from '../split-option.js';
import { payeeTagInput, payeeTagOptions, tagsCell, type PayeeTagFlags } from '../payee-tag-options.js';

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

interface SplitFlags {
  confirmReconciled?: boolean;
  /** The `--split` values; false for `--no-split`. */
  split?: string[] | false;
}
type EventOptions = Record<string, string | undefined> & SplitFlags;
type TaggedOptions = Omit<Record<string, string | undefined>, keyof PayeeTagFlags | keyof SplitFlags> &
  PayeeTagFlags &
  SplitFlags;

const SPLIT_HELP = `one part of a split, ${SPLIT_FORM}; repeat for each part (at least two, adding up to --amount)`;

const STATUS_HELP = 'uncleared, cleared (seen on the bank statement) or reconciled';

export function registerMoneyEventCommands(program: Command, io: CliIo): void {
  for (const kind of KINDS) register(program, io, kind);
}

function register(program: Command, io: CliIo, kind: EventKind): void {
  const { noun, extraFlag } = kind;
  const group = program.command(noun).description(noun === 'expense' ? 'money spent' : 'money received');

  payeeTagOptions(group.command('add'), false)
    .requiredOption('--user <user>', 'user name or id')
    .requiredOption('--amount <amount>', 'amount, e.g. 12.50 (use --locale for 1.234,50)')
    .option('--category <category>', `${noun} category name or id (not needed with --split)`)
    .option('--date <date>', 'YYYY-MM-DD (default: today)')
    .option(
      `--${extraFlag} <${extraFlag}>`,
      extraFlag === 'method' ? 'payment method, e.g. card' : 'who paid',
    )
    .option('--note <text>', 'free text')
    .option('--account <account>', "account name or id (default: the user's first account)")
    .option('--status <status>', `${STATUS_HELP} (default: uncleared)`)
    .option('--split <part>', SPLIT_HELP, collectSplit)
    .action(
      action<TaggedOptions>(io, async (ctx, _args, opts) => {
        const user = ctx.users.resolve(String(opts.user));
        const typed = opts.split ? typedSplitParts(opts.split) : null;
        const { split: _split, ...rest } = opts;
        const parsed = await check(
          (s) => (noun === 'expense' ? s.expenseInput : s.incomeInput)(ctx.amountContext(user)),
          // A split's category is its first part's.
          {
            ...rest,
            category: opts.category ?? typed?.[0]?.category,
            date: opts.date ?? ctx.today(),
            ...payeeTagInput(opts),
          },
        );
        const splits = typed && splitPartsOf(ctx.categories, user.id, noun, ctx.amountContext(user), typed);
        const category = splits ? null : ctx.categories.resolve(user.id, parsed.category, noun);
        const account = parsed.account ? usableAccount(ctx, user.id, parsed.account, '--account') : undefined;
        const extra = (parsed as Record<string, unknown>)[extraFlag] as string | undefined;
        const created = kind.repo(ctx).create(user.id, {
          categoryId: category?.id ?? splits?.[0]?.categoryId ?? '',
          amount: parsed.amount,
          date: parsed.date,
          extra: extra ?? null,
          note: parsed.note,
          accountId: account?.id,
          status: parsed.status,
          splits,
          payee: parsed.payee,
          tags: parsed.tags,
        });
        emit(
          ctx,
          { ...created, currency: user.currency },
          () =>
            `Added ${noun} ${formatMoney(created.amount, user.currency, user.locale)} in ${categoryLabel(created)} ` +
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
    .option('--payee <payee>', 'only this payee (ignoring case)')
    .option('--tag <tag>', 'only rows carrying this tag')
    .option('--search <text>', `text in the note, category, payee or ${extraFlag}`)
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
          payee: q.payee,
          tag: q.tag,
          search: q.search,
          sort: q.sort,
          order: q.order,
          limit: q.limit,
          offset: q.offset,
        });
        emit(ctx, { ...page, currency: user.currency }, () => {
          const table = formatTable(
            ['date', 'amount', 'category', 'account', 'payee', extraFlag, 'note', 'tags', 'status', 'id'],
            page.items.map((e) => [
              e.date,
              formatMoney(e.amount, user.currency, user.locale),
              categoryLabel(e),
              e.accountDeleted ? `${e.accountName} (deleted)` : e.accountName,
              e.payee ?? '',
              kind.extraOf(e) ?? '',
              e.note,
              tagsCell(e.tags),
              e.status,
              e.id,
            ]),
          );
          return `${table}${pageLine(page)}`;
        });
      }),
    );

  group
    .command('show')
    .argument('<id>', `${noun} id`)
    .description(`one ${noun}, with the parts of a split`)
    .action(
      action<EventOptions>(io, (ctx, [id]) => {
        const repo = kind.repo(ctx);
        const user = ctx.users.get(repo.ownerOf(String(id)));
        const e = repo.get(user.id, String(id));
        const money = (minor: number) => formatMoney(minor, user.currency, user.locale);
        emit(ctx, { ...e, currency: user.currency }, () => {
          const lines = [
            `${e.date}  ${money(e.amount)}  ${categoryLabel(e)}  ${e.accountName}  ${e.status}`,
            ...(e.note ? [`note: ${e.note}`] : []),
            ...(e.splits ?? []).map(
              (p) => `  ${p.categoryName}  ${money(p.amount)}${p.note ? `  ${p.note}` : ''}`,
            ),
          ];
          return `${lines.join('\n')}\n`;
        });
      }),
    );

  payeeTagOptions(group.command('edit'), true)
    .argument('<id>', `${noun} id`)
    .option('--amount <amount>', 'new amount')
    .option('--category <category>', 'new category')
    .option('--date <date>', 'new date')
    .option(`--${extraFlag} <${extraFlag}>`, `new ${extraFlag} ("" to clear)`)
    .option('--note <text>', 'new note')
    .option('--account <account>', 'move it to this account (name or id)')
    .option('--status <status>', STATUS_HELP)
    .option('--split <part>', `${SPLIT_HELP}; replaces the parts it had`, collectSplit)
    .option('--no-split', "stop splitting it (it keeps --category, or its first part's category)")
    .option('--confirm-reconciled', 'change it even though a bank statement already agreed on it')
    .action(
      action<TaggedOptions>(io, async (ctx, [id], opts) => {
        const repo = kind.repo(ctx);
        const user = ctx.users.get(repo.ownerOf(String(id)));
        const { split, ...rest } = opts;
        const raw: Record<string, unknown> = {
          ...rest,
          payee: undefined,
          tags: undefined,
          ...payeeTagInput(opts),
        };
        if (opts[extraFlag] === '') raw[extraFlag] = null;
        const patch = await check(
          (s) => (noun === 'expense' ? s.expensePatch : s.incomePatch)(ctx.amountContext(user)),
          raw,
        );
        const categoryId = patch.category
          ? ctx.categories.resolve(user.id, patch.category, noun).id
          : undefined;
        const splits =
          split === false
            ? null
            : split &&
              splitPartsOf(ctx.categories, user.id, noun, ctx.amountContext(user), typedSplitParts(split));
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
              splits,
              payee: patch.payee,
              tags: patch.tags,
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
