import type { Command } from 'commander';
import { MAX_BULK_ROWS, type BulkAction } from '../../local/bulk-edit-repository.js';
import type { UndoOperation } from '../../local/undo-journal.js';
import { ValidationError } from '../../domain/validation.js';
import type { CliContext } from '../cli-context.js';
import { UsageError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { check } from '../input-schemas.js';
import { tagsFromText } from '../../domain/tags.js';
import { usableAccount } from '../account-lookup.js';
import { formatTable } from '../table-output.js';

type BulkOptions = Record<string, string | boolean | undefined>;

// The repository names the API's fields; the command line says the flag the person typed.
const FLAGS: Readonly<Record<string, string>> = {
  'action.category': '--set-category',
  'action.account': '--set-account',
  'action.addTags': '--add-tag',
  'action.removeTags': '--remove-tag',
  action: 'the change',
};

const FILTERS = ['from', 'to', 'category', 'account', 'status', 'search', 'tag'] as const;

const operationLine = (op: UndoOperation) =>
  `${op.label} (operation ${op.id}; pfm undo ${op.id} puts it back)\n`;

export function registerBulkCommands(program: Command, io: CliIo): void {
  program
    .command('bulk')
    .description('change or delete many expenses or income rows at once: all of them, or none')
    .argument('<kind>', 'expense or income')
    .requiredOption('--user <user>', 'user name or id')
    .option('--ids <ids>', 'the rows, by id, separated by commas')
    .option('--from <date>', 'or every row from this date, inclusive')
    .option('--to <date>', 'up to this date, inclusive')
    .option('--category <category>', 'in this category')
    .option('--account <account>', 'in this account')
    .option('--status <status>', 'with this status')
    .option('--search <text>', 'with this text in the note, category or payee')
    .option('--tag <tag>', 'carrying this tag')
    .option('--set-category <category>', 'move them to this category')
    .option('--set-account <account>', 'move them to this account')
    .option('--set-status <status>', 'uncleared, cleared or reconciled')
    .option('--add-tag <tags>', 'add these tags (separated by commas)')
    .option('--remove-tag <tags>', 'remove these tags (separated by commas)')
    .option('--delete', 'delete them')
    .option('--confirm-reconciled', 'change them even when a bank statement already agreed on some')
    .action(
      action<BulkOptions>(io, async (ctx, [kindArg], opts) => {
        if (kindArg !== 'expense' && kindArg !== 'income')
          throw new UsageError(`kind must be expense or income, not "${kindArg}"`);
        const kind = kindArg;
        const user = ctx.users.resolve(String(opts.user));
        const ids = await rowIds(ctx, user.id, kind, opts);
        const bulkAction: BulkAction = {
          categoryId:
            typeof opts.setCategory === 'string'
              ? ctx.categories.resolve(user.id, opts.setCategory, kind).id
              : undefined,
          accountId:
            typeof opts.setAccount === 'string'
              ? usableAccount(ctx, user.id, opts.setAccount, '--set-account').id
              : undefined,
          status: typeof opts.setStatus === 'string' ? await statusOf(opts.setStatus) : undefined,
          addTags:
            typeof opts.addTag === 'string'
              ? flagged('--add-tag', () => tagsFromText(String(opts.addTag)))
              : undefined,
          removeTags:
            typeof opts.removeTag === 'string'
              ? flagged('--remove-tag', () => tagsFromText(String(opts.removeTag)))
              : undefined,
          delete: opts.delete === true ? true : undefined,
        };
        const operation = flagged(undefined, () =>
          ctx.bulkEdits.apply(user.id, {
            kind,
            ids,
            action: bulkAction,
            confirmReconciled: opts.confirmReconciled === true,
          }),
        );
        emit(ctx, { operation }, () => operationLine(operation));
      }),
    );

  program
    .command('undo')
    .description('undo a bulk edit or a delete made on this device (default: the latest not undone)')
    .argument('[operationId]', 'the operation, as bulk or delete printed it')
    .requiredOption('--user <user>', 'user name or id')
    .option('--list', 'list the recent operations instead')
    .action(
      action<BulkOptions>(io, (ctx, [operationId], opts) => {
        const user = ctx.users.resolve(String(opts.user));
        if (opts.list) {
          const operations = ctx.undo.list(user.id);
          emit(ctx, { operations }, () =>
            operations.length === 0
              ? 'Nothing to undo on this device\n'
              : formatTable(
                  ['when', 'operation', 'rows', 'undone', 'id'],
                  operations.map((o) => [
                    o.createdAt.slice(0, 19).replace('T', ' '),
                    o.label,
                    String(o.count),
                    o.undoneAt ? 'yes' : '',
                    o.id,
                  ]),
                ),
          );
          return;
        }
        const id = operationId ?? ctx.undo.latest(user.id)?.id;
        if (!id) throw new UsageError('nothing to undo on this device');
        const operation = flagged(undefined, () => ctx.undo.undo(user.id, id));
        emit(ctx, { operation }, () => `Undone: ${operation.label}\n`);
      }),
    );
}

/** The rows named by --ids, or matched by the filter options; one or the other. */
async function rowIds(
  ctx: CliContext,
  userId: string,
  kind: 'expense' | 'income',
  opts: BulkOptions,
): Promise<string[]> {
  const filtering = FILTERS.some((f) => opts[f] !== undefined);
  if (typeof opts.ids === 'string') {
    if (filtering) throw new UsageError('--ids: name the rows by id or by filter options, not both');
    const ids = opts.ids
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (ids.length === 0) throw new UsageError('--ids: name at least one row');
    return ids;
  }
  if (!filtering)
    throw new UsageError(
      'name the rows: --ids a,b,c or filter options (--from, --to, --category, --search ...)',
    );
  const q = await check((s) => s.listQuery, {
    from: opts.from,
    to: opts.to,
    status: opts.status,
    search: opts.search,
  });
  const repo = kind === 'expense' ? ctx.expenses : ctx.income;
  const page = repo.list(userId, {
    from: q.from,
    to: q.to,
    status: q.status,
    search: q.search,
    categoryId:
      typeof opts.category === 'string' ? ctx.categories.resolve(userId, opts.category, kind).id : undefined,
    accountId: typeof opts.account === 'string' ? ctx.accounts.resolve(userId, opts.account).id : undefined,
    tag: typeof opts.tag === 'string' ? opts.tag : undefined,
    limit: MAX_BULK_ROWS,
  });
  if (page.total === 0) throw new UsageError(`no ${kind} matches these filters; nothing was changed`);
  if (page.total > MAX_BULK_ROWS)
    throw new UsageError(
      `${page.total} rows match: at most ${MAX_BULK_ROWS} at once; narrow the filters (--from, --to)`,
    );
  return page.items.map((e) => e.id);
}

async function statusOf(text: string) {
  const q = await check((s) => s.listQuery, { status: text });
  return q.status;
}

/** Run a step whose refusals name an API field, saying the command line's flag instead (or `flag`). */
function flagged<T>(flag: string | undefined, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const name = flag ?? FLAGS[e.field];
    if (e.field === 'confirmReconciled')
      throw new UsageError(`${e.reason.replace('confirm (confirmReconciled)', 'add --confirm-reconciled')}`);
    if (name) throw new UsageError(`${name}: ${e.reason.replace(/^[\w.]+: /, '')}`);
    throw e;
  }
}
