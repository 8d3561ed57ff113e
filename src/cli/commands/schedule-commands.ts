import type { Command } from 'commander';
import type { Schedule, User } from '../../domain/entities.js';
import { formatMoney } from '../../domain/money.js';
import { LAST_DAY, REPEAT_UNITS, SCHEDULE_KINDS, type ScheduleKind } from '../../domain/schedules.js';
import { ValidationError } from '../../domain/validation.js';
import type { Occurrence, PostResult, SchedulePatch } from '../../local/schedule-repository.js';
import { usableAccount } from '../account-lookup.js';
import type { CliContext } from '../cli-context.js';
import { UsageError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { check } from '../input-schemas.js';
import { positiveInt } from '../number-options.js';
import { formatTable } from '../table-output.js';

type ScheduleFlags = Partial<
  Record<
    | 'user'
    | 'kind'
    | 'amount'
    | 'category'
    | 'account'
    | 'to'
    | 'note'
    | 'method'
    | 'source'
    | 'every'
    | 'unit'
    | 'start'
    | 'day'
    | 'end'
    | 'count'
    | 'date'
    | 'asOf'
    | 'days',
    string
  >
> & { manual?: boolean; auto?: boolean };

// The repository names its fields; the command line names the flags a person typed.
const FLAGS: Readonly<Record<string, string>> = {
  amount: '--amount',
  accountId: '--account',
  toAccountId: '--to',
  categoryId: '--category',
  every: '--every',
  unit: '--unit',
  startDate: '--start',
  dayOfMonth: '--day',
  endDate: '--end',
  count: '--count',
  note: '--note',
  method: '--method',
  source: '--source',
  date: '--date',
  days: '--days',
};

function withFlagNames<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const flag = FLAGS[e.field];
    if (!flag) throw e;
    throw new UsageError(
      e.message.startsWith(e.field) ? `${flag}${e.message.slice(e.field.length)}` : e.message,
    );
  }
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** `--day`: 1-31, or `last` (or -1) for the month's last day. */
function dayOfMonth(raw: string): number {
  if (raw === 'last' || raw === String(LAST_DAY)) return LAST_DAY;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 31)
    throw new UsageError('--day must be a day from 1 to 31, or last');
  return n;
}

async function amountOf(ctx: CliContext, user: User, raw: string): Promise<number> {
  return check((s) => s.positiveAmount(ctx.amountContext(user)), raw);
}

function describeRule(s: Schedule): string {
  const every = s.every === 1 ? s.unit : `${s.every} ${s.unit}s`;
  const day =
    s.dayOfMonth === null ? '' : s.dayOfMonth === LAST_DAY ? ' on the last day' : ` on day ${s.dayOfMonth}`;
  const end = s.endDate ? ` until ${s.endDate}` : s.count ? `, ${s.count} times` : '';
  return `every ${every}${day} from ${s.startDate}${end}`;
}

function occurrenceTable(user: User, items: readonly Occurrence[]): string {
  return formatTable(
    ['date', 'kind', 'amount', 'note', 'posted', 'schedule'],
    items.map((o) => [
      o.date,
      o.kind,
      formatMoney(o.amount, user.currency, user.locale),
      o.note,
      o.posted ? 'yes' : o.autoPost ? 'auto' : 'by hand',
      o.scheduleId,
    ]),
  );
}

function postedText(user: User, result: PostResult): string {
  const lines = result.posted.map(
    (o) =>
      `Posted ${o.kind} ${formatMoney(o.amount, user.currency, user.locale)} on ${o.date}, id ${o.rowId}\n`,
  );
  for (const r of result.refused)
    lines.push(`Not posted: ${r.occurrence.date} of ${r.occurrence.scheduleId}: ${r.reason}\n`);
  return lines.length > 0 ? lines.join('') : 'Nothing due\n';
}

export function registerScheduleCommands(program: Command, io: CliIo): void {
  const schedule = program
    .command('schedule')
    .description('repeating expenses, income and transfers, posted when due');

  schedule
    .command('add')
    .requiredOption('--user <user>', 'user name or id')
    .requiredOption('--kind <kind>', SCHEDULE_KINDS.join(', '))
    .requiredOption('--amount <amount>', 'amount, e.g. 900 (use --locale for 1.234,50)')
    .option('--every <n>', 'repeat every n units', '1')
    .requiredOption('--unit <unit>', REPEAT_UNITS.join(', '))
    .option('--start <date>', 'first occurrence, YYYY-MM-DD (default: today)')
    .option('--category <category>', 'category name or id (expenses and income)')
    .option(
      '--account <account>',
      "account name or id; a transfer's source (default: the user's first account)",
    )
    .option('--to <account>', 'account a transfer goes to')
    .option('--note <text>', 'free text')
    .option('--method <method>', 'payment method of an expense')
    .option('--source <source>', 'who pays an income')
    .option('--day <day>', 'day of the month, 1-31 or last (months and years)')
    .option('--end <date>', 'last possible date, YYYY-MM-DD')
    .option('--count <n>', 'how many occurrences in all')
    .option('--manual', 'list occurrences as due, post them by hand (default: post automatically)')
    .action(
      action<ScheduleFlags>(io, async (ctx, _args, opts) => {
        const user = ctx.users.resolve(String(opts.user));
        const kind = oneOf<ScheduleKind>('--kind', String(opts.kind), SCHEDULE_KINDS);
        const amount = await amountOf(ctx, user, String(opts.amount));
        const account = usableAccount(ctx, user.id, opts.account ?? user.id, '--account');
        let categoryId: string | null = null;
        let toAccountId: string | null = null;
        if (kind === 'transfer') {
          if (!opts.to) throw new UsageError('--to is required for a transfer');
          toAccountId = usableAccount(ctx, user.id, opts.to, '--to').id;
        } else {
          if (!opts.category) throw new UsageError(`--category is required for an ${kind}`);
          categoryId = ctx.categories.resolve(user.id, opts.category, kind).id;
        }
        const created = withFlagNames(() =>
          ctx.repositories.schedules.create(user.id, {
            kind,
            categoryId,
            accountId: account.id,
            toAccountId,
            amount,
            note: opts.note,
            method: opts.method ?? null,
            source: opts.source ?? null,
            every: positiveInt('every', String(opts.every)),
            unit: oneOf('--unit', String(opts.unit), REPEAT_UNITS),
            startDate: opts.start ?? ctx.today(),
            dayOfMonth: opts.day === undefined ? null : dayOfMonth(opts.day),
            endDate: opts.end ?? null,
            count: opts.count === undefined ? null : positiveInt('count', opts.count),
            autoPost: opts.manual !== true,
          }),
        );
        emit(
          ctx,
          { ...created, currency: user.currency },
          () =>
            `Scheduled ${kind} ${formatMoney(created.amount, user.currency, user.locale)} ` +
            `${describeRule(created)}, id ${created.id}\n`,
        );
      }),
    );

  schedule
    .command('list')
    .requiredOption('--user <user>', 'user name or id')
    .action(
      action<ScheduleFlags>(io, (ctx, _args, opts) => {
        const user = ctx.users.resolve(String(opts.user));
        const items = ctx.repositories.schedules.list(user.id);
        emit(ctx, { items, currency: user.currency }, () =>
          formatTable(
            ['kind', 'amount', 'repeats', 'posting', 'note', 'id'],
            items.map((s) => [
              s.kind,
              formatMoney(s.amount, user.currency, user.locale),
              describeRule(s),
              s.autoPost ? 'auto' : 'by hand',
              s.note,
              s.id,
            ]),
          ),
        );
      }),
    );

  schedule
    .command('edit')
    .argument('<id>', 'schedule id')
    .requiredOption('--user <user>', 'user name or id')
    .option('--amount <amount>', 'new amount')
    .option('--category <category>', 'new category')
    .option('--account <account>', 'new account')
    .option('--to <account>', 'new account a transfer goes to')
    .option('--note <text>', 'new note')
    .option('--method <method>', 'new payment method')
    .option('--source <source>', 'new source')
    .option('--every <n>', 'repeat every n units')
    .option('--unit <unit>', REPEAT_UNITS.join(', '))
    .option('--start <date>', 'new start date')
    .option('--day <day>', 'day of the month, 1-31 or last')
    .option('--end <date>', 'new end date (clears --count)')
    .option('--count <n>', 'new count of occurrences in all (clears --end)')
    .option('--no-end', 'no end date and no count')
    .option('--auto', 'post automatically when due')
    .option('--manual', 'list as due, post by hand')
    .action(
      action<Omit<ScheduleFlags, 'end'> & { end?: string | false }>(io, async (ctx, [id], opts) => {
        const user = ctx.users.resolve(String(opts.user));
        const current = ctx.repositories.schedules.get(user.id, String(id));
        if (opts.auto && opts.manual) throw new UsageError('give --auto or --manual, not both');
        const kind = current.kind;
        const patch: Record<string, unknown> = {
          amount: opts.amount === undefined ? undefined : await amountOf(ctx, user, opts.amount),
          categoryId:
            opts.category === undefined || kind === 'transfer'
              ? undefined
              : ctx.categories.resolve(user.id, opts.category, kind).id,
          accountId:
            opts.account === undefined
              ? undefined
              : usableAccount(ctx, user.id, opts.account, '--account').id,
          toAccountId: opts.to === undefined ? undefined : usableAccount(ctx, user.id, opts.to, '--to').id,
          note: opts.note,
          method: opts.method,
          source: opts.source,
          every: opts.every === undefined ? undefined : positiveInt('every', opts.every),
          unit: opts.unit === undefined ? undefined : oneOf('--unit', opts.unit, REPEAT_UNITS),
          startDate: opts.start,
          dayOfMonth: opts.day === undefined ? undefined : dayOfMonth(opts.day),
          autoPost: opts.auto ? true : opts.manual ? false : undefined,
        };
        // commander's --no-end sets `end` to false; --end DATE sets it to the date.
        if (opts.end === false) Object.assign(patch, { endDate: null, count: null });
        else if (typeof opts.end === 'string') Object.assign(patch, { endDate: opts.end, count: null });
        if (opts.count !== undefined)
          Object.assign(patch, { count: positiveInt('count', opts.count), endDate: null });
        const edited = withFlagNames(() =>
          ctx.repositories.schedules.edit(user.id, current.id, patch as SchedulePatch),
        );
        emit(
          ctx,
          { ...edited, currency: user.currency },
          () => `Saved schedule ${edited.id}: ${describeRule(edited)}\n`,
        );
      }),
    );

  schedule
    .command('delete')
    .argument('<id>', 'schedule id')
    .requiredOption('--user <user>', 'user name or id')
    .action(
      action<ScheduleFlags>(io, (ctx, [id], opts) => {
        const user = ctx.users.resolve(String(opts.user));
        const undo = ctx.repositories.schedules.delete(user.id, String(id));
        emit(
          ctx,
          { deleted: id, undo: undo.id },
          () => `Deleted schedule ${id}; rows it posted stay (pfm undo ${undo.id} brings it back)\n`,
        );
      }),
    );

  schedule
    .command('skip')
    .argument('<id>', 'schedule id')
    .requiredOption('--user <user>', 'user name or id')
    .requiredOption('--date <date>', 'the occurrence to leave out, YYYY-MM-DD')
    .action(
      action<ScheduleFlags>(io, (ctx, [id], opts) => {
        const user = ctx.users.resolve(String(opts.user));
        const date = String(opts.date);
        const edited = withFlagNames(() => ctx.repositories.schedules.skip(user.id, String(id), date));
        emit(ctx, { ...edited, currency: user.currency }, () => `Skipped ${date} of schedule ${edited.id}\n`);
      }),
    );

  schedule
    .command('post')
    .description(
      'post what is due; with a schedule id, post one occurrence of it now (the next one, or --date), ' +
        'manual or not, as it is or changed (--amount, --on, --note)',
    )
    .argument('[id]', 'the schedule to post one occurrence of')
    .requiredOption('--user <user>', 'user name or id')
    .option(
      '--as-of <date>',
      'post everything due up to this day (default: today), of this schedule with an id',
    )
    .option('--date <date>', 'with an id: which occurrence, YYYY-MM-DD (default: the next not posted)')
    .option('--amount <amount>', "with an id: this row's amount (default: the schedule's)")
    .option('--on <date>', "with an id: this row's day (default: the occurrence's)")
    .option('--note <text>', "with an id: this row's note (default: the schedule's)")
    .action(
      action<ScheduleFlags & { on?: string }>(io, async (ctx, [id], opts) => {
        const user = ctx.users.resolve(String(opts.user));
        const one = opts.date ?? opts.amount ?? opts.on ?? opts.note;
        if (id === undefined && one !== undefined)
          throw new UsageError('--date, --amount, --on and --note post one occurrence: name the schedule');
        if (opts.asOf !== undefined && one !== undefined)
          throw new UsageError('give --as-of or the one occurrence (--date ...), not both');
        if (id !== undefined && opts.asOf === undefined) {
          const date =
            opts.date === undefined ? undefined : await check((s) => s.isoDate('--date'), opts.date);
          const on = opts.on === undefined ? undefined : await check((s) => s.isoDate('--on'), opts.on);
          const amount = opts.amount === undefined ? undefined : await amountOf(ctx, user, opts.amount);
          const o = withFlagNames(() =>
            ctx.repositories.schedules.postOccurrence(user.id, String(id), {
              date,
              on,
              amount,
              note: opts.note,
            }),
          );
          emit(ctx, { occurrence: o, currency: user.currency }, () =>
            postedText(user, { posted: [o], refused: [] }),
          );
          return;
        }
        if (id !== undefined) ctx.repositories.schedules.get(user.id, String(id));
        const asOf = opts.asOf ?? ctx.today();
        if (asOf > ctx.today())
          throw new UsageError(`--as-of ${asOf} is in the future: only what is due posts`);
        const result = ctx.repositories.schedules.post(user.id, {
          asOf,
          scheduleId: id === undefined ? undefined : String(id),
        });
        emit(ctx, { ...result, currency: user.currency }, () => postedText(user, result));
      }),
    );

  schedule
    .command('upcoming')
    .requiredOption('--user <user>', 'user name or id')
    .option('--days <n>', 'how many days ahead', '30')
    .action(
      action<ScheduleFlags>(io, (ctx, _args, opts) => {
        const user = ctx.users.resolve(String(opts.user));
        const days = positiveInt('days', String(opts.days));
        const due = ctx.repositories.schedules.due(user.id);
        const items = withFlagNames(() => ctx.repositories.schedules.upcoming(user.id, days));
        // What fell due before today and waits to be posted by hand comes first.
        const all = [...due.filter((o) => o.date < ctx.today()), ...items];
        emit(ctx, { items: all, currency: user.currency }, () => occurrenceTable(user, all));
      }),
    );
}
