import { addDays, toIsoDate } from '../domain/dates.js';
import type { Schedule } from '../domain/entities.js';
import { newId } from '../domain/ids.js';
import { MAX_MINOR_UNITS } from '../domain/money.js';
import {
  MAX_SKIPPED_TEXT,
  SCHEDULE_KINDS,
  dueDates,
  hasEnd,
  occurrenceDates,
  occurrenceId,
  parseSkipped,
  ruleProblem,
  skippedText,
  type ScheduleKind,
  type ScheduleRule,
} from '../domain/schedules.js';
import { fieldCheck } from '../domain/row-validation.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import { requireUsableAccount } from './account-rules.js';
import { ExpenseRepository } from './expense-repository.js';
import { IncomeRepository } from './income-repository.js';
import type { LocalStore } from './local-store.js';
import { RowWriter } from './row-writer.js';
import { TransferRepository } from './transfer-repository.js';
import { UndoJournal, type UndoOperation } from './undo-journal.js';

interface ScheduleRow {
  id: string;
  user_id: string;
  schedule_kind: ScheduleKind;
  category_id: string | null;
  account_id: string;
  to_account_id: string | null;
  amount: number;
  description: string;
  payment_method: string | null;
  source: string | null;
  repeat_every: number;
  repeat_unit: Schedule['unit'];
  start_date: string;
  day_of_month: number | null;
  end_date: string | null;
  occurrence_count: number | null;
  auto_post: number;
  skipped: string;
  modified_at: string;
}

const toSchedule = (r: ScheduleRow): Schedule => ({
  id: r.id,
  userId: r.user_id,
  kind: r.schedule_kind,
  categoryId: r.category_id,
  accountId: r.account_id,
  toAccountId: r.to_account_id,
  amount: r.amount,
  note: r.description,
  method: r.payment_method,
  source: r.source,
  every: r.repeat_every,
  unit: r.repeat_unit,
  startDate: r.start_date,
  dayOfMonth: r.day_of_month,
  endDate: r.end_date,
  count: r.occurrence_count,
  autoPost: r.auto_post === 1,
  // A value another device wrote is checked when it arrives; an unreadable one skips nothing.
  skipped: parseSkipped(r.skipped) ?? [],
  modifiedAt: r.modified_at,
});

export const ruleOf = (s: Schedule): ScheduleRule => ({
  every: s.every,
  unit: s.unit,
  startDate: s.startDate,
  dayOfMonth: s.dayOfMonth,
  endDate: s.endDate,
  count: s.count,
});

export interface NewSchedule {
  readonly kind: ScheduleKind;
  /** Expenses and income only. */
  readonly categoryId?: string | null;
  readonly accountId: string;
  /** Transfers only. */
  readonly toAccountId?: string | null;
  readonly amount: number;
  readonly note?: string;
  readonly method?: string | null;
  readonly source?: string | null;
  readonly every: number;
  readonly unit: Schedule['unit'];
  readonly startDate: string;
  readonly dayOfMonth?: number | null;
  readonly endDate?: string | null;
  readonly count?: number | null;
  readonly autoPost?: boolean;
  readonly id?: string;
}

export type SchedulePatch = Partial<Omit<NewSchedule, 'id' | 'kind'>>;

/** One occurrence of a schedule. */
export interface Occurrence {
  readonly scheduleId: string;
  readonly date: string;
  /** The id the occurrence is (or will be) posted under. */
  readonly rowId: string;
  readonly kind: ScheduleKind;
  readonly amount: number;
  readonly note: string;
  readonly autoPost: boolean;
  readonly posted: boolean;
}

export interface PostResult {
  readonly posted: Occurrence[];
  /** Occurrences left unposted, and why (an account archived or deleted since, a category gone). */
  readonly refused: { readonly occurrence: Occurrence; readonly reason: string }[];
}

export interface PostOptions {
  /** Post occurrences up to this day (today when left out). */
  readonly asOf?: string;
  /** Only the schedules marked to post automatically. */
  readonly autoOnly?: boolean;
  /** Only this schedule. */
  readonly scheduleId?: string;
}

/** One occurrence posted by hand, changed or not: the posted row is an ordinary row of its own. */
export interface OccurrencePost {
  /** Which occurrence; the next one not yet posted (or skipped) when left out. */
  readonly date?: string;
  /** The row's own amount, day and note; the schedule's (and the occurrence's day) when left out. */
  readonly amount?: number;
  readonly on?: string;
  readonly note?: string;
}

/** How far ahead the next occurrence to post by hand is looked for. */
const NEXT_OCCURRENCE_DAYS = 3660;

const SELECT_SCHEDULE = 'SELECT * FROM schedule WHERE user_id = ? AND deleted = 0';
// What decides when occurrences fall: changing any of these keeps the past as it was.
const RULE_FIELDS = ['every', 'unit', 'startDate', 'dayOfMonth', 'endDate', 'count'] as const;

/**
 * Scheduled transactions. An occurrence is posted as an ordinary expense, income or transfer whose id derives
 * from (schedule, date): a post on two devices offline is one row once they sync, and an occurrence whose id
 * exists (a tombstone included: it was posted, then deleted) is never posted again.
 */
export class ScheduleRepository {
  private readonly writer: RowWriter;
  private readonly expenses: ExpenseRepository;
  private readonly income: IncomeRepository;
  private readonly transfers: TransferRepository;

  constructor(private readonly store: LocalStore) {
    this.writer = new RowWriter(store);
    this.expenses = new ExpenseRepository(store);
    this.income = new IncomeRepository(store);
    this.transfers = new TransferRepository(store);
  }

  private today(): string {
    return toIsoDate(this.store.now());
  }

  create(userId: string, input: NewSchedule): Schedule {
    const id = input.id ?? newId();
    return this.store.transaction(() => {
      const s = this.checked(userId, {
        id,
        userId,
        kind: input.kind,
        categoryId: input.categoryId ?? null,
        accountId: input.accountId,
        toAccountId: input.toAccountId ?? null,
        amount: input.amount,
        note: input.note ?? '',
        method: input.method ?? null,
        source: input.source ?? null,
        every: input.every,
        unit: input.unit,
        startDate: input.startDate,
        dayOfMonth: input.dayOfMonth ?? null,
        endDate: input.endDate ?? null,
        count: input.count ?? null,
        autoPost: input.autoPost ?? true,
        skipped: [],
        modifiedAt: '',
      });
      this.requireFutureStart(s);
      this.writer.insert('schedule', id, { user_id: userId, ...this.values(s) });
      return this.get(userId, id);
    });
  }

  get(userId: string, id: string): Schedule {
    const row = this.store.sql(`${SELECT_SCHEDULE} AND id = ?`).get(userId, id) as ScheduleRow | undefined;
    if (!row) throw new NotFoundError(`no schedule with id ${id}`);
    return toSchedule(row);
  }

  list(userId: string): Schedule[] {
    const rows = this.store.sql(`${SELECT_SCHEDULE} ORDER BY start_date, id`).all(userId) as ScheduleRow[];
    return rows.map(toSchedule);
  }

  /**
   * Change a schedule from now on. Rows already posted are rows of their own and stay as they are. A change of
   * when it repeats keeps the past too: the schedule then starts at its next occurrence from today (its day of
   * the month kept), and a count keeps only the occurrences not yet past.
   */
  edit(userId: string, id: string, patch: SchedulePatch): Schedule {
    return this.store.transaction(() => {
      const current = this.get(userId, id);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      let next: Schedule = { ...current, ...defined };
      const ruleChanged = RULE_FIELDS.some((f) => patch[f] !== undefined && patch[f] !== current[f]);
      const today = this.today();
      if (ruleChanged && patch.startDate === undefined && current.startDate < today) {
        next = this.restartedFrom(current, next, today);
      }
      const checked = this.checked(userId, next);
      if (patch.startDate !== undefined && patch.startDate !== current.startDate)
        this.requireFutureStart(checked);
      this.writer.update('schedule', id, this.values(checked));
      return this.get(userId, id);
    });
  }

  /** Delete a schedule; the rows it posted stay. */
  delete(userId: string, id: string): UndoOperation {
    return this.store.transaction(() => {
      const schedule = this.get(userId, id);
      return new UndoJournal(this.store).record(
        userId,
        () =>
          schedule.note
            ? `Delete the schedule ${schedule.note}`
            : `Delete the ${schedule.kind} schedule from ${schedule.startDate}`,
        (w) => w.tombstone('schedule', id),
      ).operation;
    });
  }

  /** Leave one occurrence out: it is never posted (nor listed as due). */
  skip(userId: string, id: string, date: string): Schedule {
    return this.store.transaction(() => {
      const s = this.get(userId, id);
      if (!occurrenceDates(ruleOf(s), date, date).includes(date))
        throw new ValidationError('date', `date ${date} is not an occurrence of this schedule`);
      if (this.isPosted(occurrenceId(s.id, date)))
        throw new ValidationError(
          'date',
          `date: the occurrence of ${date} is already posted; delete that row instead`,
        );
      const text = skippedText([...s.skipped, date]);
      if (text.length > MAX_SKIPPED_TEXT)
        throw new ValidationError(
          'date',
          'date: this schedule has too many skipped occurrences to skip more',
        );
      this.writer.update('schedule', id, { skipped: text });
      return this.get(userId, id);
    });
  }

  /** Occurrences due by `asOf` (today) and not yet posted, oldest first. */
  due(userId: string, options: PostOptions = {}): Occurrence[] {
    const asOf = options.asOf ?? this.today();
    return this.list(userId)
      .filter(
        (s) =>
          (options.scheduleId === undefined || s.id === options.scheduleId) &&
          (!options.autoOnly || s.autoPost),
      )
      .flatMap((s) => this.occurrences(s, s.startDate, asOf))
      .filter((o) => !o.posted)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.scheduleId < b.scheduleId ? -1 : 1));
  }

  /** Occurrences from today through the next `days` days, posted or not, by date. */
  upcoming(userId: string, days: number): Occurrence[] {
    if (!Number.isInteger(days) || days < 1 || days > 3660)
      throw new ValidationError('days', 'days must be a whole number from 1 to 3660');
    const today = this.today();
    const to = addDays(today, days);
    return this.list(userId)
      .flatMap((s) => this.occurrences(s, today, to))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.scheduleId < b.scheduleId ? -1 : 1));
  }

  /**
   * Post the due occurrences, all in one transaction. An occurrence that can no longer be written (its account
   * archived or deleted since, its category deleted) is left unposted and reported; the others are posted.
   */
  post(userId: string, options: PostOptions = {}): PostResult {
    return this.store.transaction(() => {
      const posted: Occurrence[] = [];
      const refused: PostResult['refused'] = [];
      const byId = new Map(this.list(userId).map((s) => [s.id, s]));
      for (const o of this.due(userId, options)) {
        const s = byId.get(o.scheduleId);
        if (!s) continue;
        try {
          // A nested transaction is a savepoint: a refused occurrence leaves nothing behind.
          this.store.transaction(() => this.postOne(userId, s, o.date));
          posted.push({ ...o, posted: true });
        } catch (e) {
          if (!(e instanceof ValidationError) && !(e instanceof NotFoundError)) throw e;
          refused.push({ occurrence: o, reason: e.message });
        }
      }
      return { posted, refused };
    });
  }

  /**
   * Post one occurrence now, automatic schedule or manual, due or not yet: the named one, else the oldest not
   * posted. It is posted under its derived id, so the same occurrence posted on two devices is one row; with
   * another amount, day or note, only that row differs from the schedule.
   */
  postOccurrence(userId: string, scheduleId: string, options: OccurrencePost = {}): Occurrence {
    return this.store.transaction(() => {
      const s = this.get(userId, scheduleId);
      const date = options.date ?? this.nextToPost(s);
      if (!occurrenceDates(ruleOf(s), date, date).includes(date))
        throw new ValidationError('date', `date ${date} is not an occurrence of this schedule`);
      if (s.skipped.includes(date))
        throw new ValidationError('date', `date: the occurrence of ${date} is skipped`);
      const rowId = occurrenceId(s.id, date);
      if (this.isPosted(rowId))
        throw new ValidationError(
          'date',
          `date: the occurrence of ${date} is already posted; change that row instead`,
        );
      const amount = options.amount ?? s.amount;
      if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_MINOR_UNITS)
        throw new ValidationError('amount', 'amount must be greater than zero');
      const note = options.note ?? s.note;
      this.postOne(userId, { ...s, amount, note }, date, options.on ?? date);
      return {
        scheduleId: s.id,
        date,
        rowId,
        kind: s.kind,
        amount,
        note,
        autoPost: s.autoPost,
        posted: true,
      };
    });
  }

  /** The oldest occurrence neither posted nor skipped, up to NEXT_OCCURRENCE_DAYS from today. */
  private nextToPost(s: Schedule): string {
    const last = addDays(this.today(), NEXT_OCCURRENCE_DAYS);
    const next = dueDates(ruleOf(s), s.skipped, s.startDate, last).find(
      (d) => !this.isPosted(occurrenceId(s.id, d)),
    );
    if (next === undefined)
      throw new ValidationError('date', 'date: this schedule has no occurrence left to post');
    return next;
  }

  /** Post every user's automatic schedules that are due: run before each sync and when pfm opens. */
  postAllAutomatic(): PostResult {
    const users = this.store
      .sql('SELECT DISTINCT user_id FROM schedule WHERE deleted = 0 AND auto_post = 1')
      .all() as {
      user_id: string;
    }[];
    const results = users.map((u) => this.post(u.user_id, { autoOnly: true }));
    return { posted: results.flatMap((r) => r.posted), refused: results.flatMap((r) => r.refused) };
  }

  /** Post occurrence `date` of `s` as a row dated `on` (the occurrence's own day unless posted changed). */
  private postOne(userId: string, s: Schedule, date: string, on = date): void {
    const id = occurrenceId(s.id, date);
    if (s.kind === 'transfer') {
      this.transfers.create(userId, {
        id,
        fromAccountId: s.accountId,
        toAccountId: s.toAccountId ?? '',
        amount: s.amount,
        date: on,
        note: s.note,
      });
      return;
    }
    const event = {
      id,
      categoryId: s.categoryId ?? '',
      amount: s.amount,
      date: on,
      note: s.note,
      accountId: s.accountId,
    };
    if (s.kind === 'expense') this.expenses.create(userId, { ...event, extra: s.method });
    else this.income.create(userId, { ...event, extra: s.source });
  }

  private occurrences(s: Schedule, from: string, to: string): Occurrence[] {
    return dueDates(ruleOf(s), s.skipped, from, to).map((date) => {
      const rowId = occurrenceId(s.id, date);
      return {
        scheduleId: s.id,
        date,
        rowId,
        kind: s.kind,
        amount: s.amount,
        note: s.note,
        autoPost: s.autoPost,
        posted: this.isPosted(rowId),
      };
    });
  }

  /** Whether a row with this id exists, live or a tombstone: the occurrence was posted once. */
  private isPosted(rowId: string): boolean {
    const sql =
      'SELECT 1 FROM expense WHERE id = ? UNION ALL SELECT 1 FROM income WHERE id = ? ' +
      'UNION ALL SELECT 1 FROM transfer WHERE id = ?';
    return this.store.sql(sql).get(rowId, rowId, rowId) !== undefined;
  }

  /** A changed rule that keeps the past: start at the old rule's next occurrence, the count cut by the past. */
  private restartedFrom(current: Schedule, next: Schedule, today: string): Schedule {
    const oldRule = ruleOf(current);
    const [nextOld] = occurrenceDates(oldRule, today, addDays(today, 366 * 10));
    const start = nextOld ?? today;
    const past = occurrenceDates(oldRule, current.startDate, addDays(start, -1)).length;
    const byMonth = next.unit === 'month' || next.unit === 'year';
    const count = next.count === null ? null : next.count - past;
    if (count !== null && count < 1)
      throw new ValidationError('count', `count: all ${next.count} occurrences of this schedule are past`);
    return {
      ...next,
      startDate: start,
      dayOfMonth: byMonth ? (next.dayOfMonth ?? Number(current.startDate.slice(8))) : null,
      count,
    };
  }

  /** No end and a start in the past would post every occurrence since at once: refused. */
  private requireFutureStart(s: Schedule): void {
    const today = this.today();
    if (!hasEnd(ruleOf(s)) && s.startDate < today)
      throw new ValidationError(
        'startDate',
        `startDate ${s.startDate} is in the past and the schedule has no end: it would post every occurrence ` +
          `since at once; start on ${today} or later, or give an end date or a count`,
      );
  }

  /** The schedule checked as a whole: amount, rule, and the user's own accounts and category. */
  private checked(userId: string, s: Schedule): Schedule {
    if (!(SCHEDULE_KINDS as readonly string[]).includes(s.kind))
      throw new ValidationError('kind', `kind must be one of ${SCHEDULE_KINDS.join(', ')}`);
    if (!Number.isSafeInteger(s.amount) || s.amount <= 0 || s.amount > MAX_MINOR_UNITS)
      throw new ValidationError('amount', 'amount must be greater than zero');
    const problem = ruleProblem(ruleOf(s));
    if (problem) throw new ValidationError(problem.field, `${problem.field} ${problem.reason}`);
    // The same rules every store applies to a synced row, so a schedule made here is never refused by a sync.
    for (const [field, column, value] of [
      ['note', 'description', s.note],
      ['method', 'payment_method', s.method],
      ['source', 'source', s.source],
    ] as const) {
      const problem = value === null ? null : fieldCheck(column)?.(value);
      if (problem) throw new ValidationError(field, `${field} ${problem}`);
    }
    requireUsableAccount(this.store, userId, s.accountId, 'accountId');
    if (s.kind === 'transfer') {
      if (!s.toAccountId)
        throw new ValidationError('toAccountId', 'toAccountId: a transfer needs the account it goes to');
      if (s.toAccountId === s.accountId)
        throw new ValidationError('toAccountId', 'toAccountId: a transfer goes to another account');
      requireUsableAccount(this.store, userId, s.toAccountId, 'toAccountId');
      return { ...s, categoryId: null, method: null, source: null };
    }
    if (!s.categoryId) throw new ValidationError('categoryId', `categoryId: an ${s.kind} needs a category`);
    const category = this.store
      .sql('SELECT 1 FROM category WHERE id = ? AND user_id = ? AND kind = ? AND deleted = 0')
      .get(s.categoryId, userId, s.kind);
    if (!category)
      throw new ValidationError('categoryId', `categoryId: no ${s.kind} category with id ${s.categoryId}`);
    return {
      ...s,
      toAccountId: null,
      method: s.kind === 'expense' ? s.method : null,
      source: s.kind === 'income' ? s.source : null,
    };
  }

  private values(s: Schedule): Record<string, string | number | null> {
    return {
      schedule_kind: s.kind,
      category_id: s.categoryId,
      account_id: s.accountId,
      to_account_id: s.toAccountId,
      amount: s.amount,
      description: s.note,
      payment_method: s.method,
      source: s.source,
      repeat_every: s.every,
      repeat_unit: s.unit,
      start_date: s.startDate,
      day_of_month: s.dayOfMonth,
      end_date: s.endDate,
      occurrence_count: s.count,
      auto_post: s.autoPost ? 1 : 0,
      skipped: skippedText(s.skipped),
    };
  }
}
