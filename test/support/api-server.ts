import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import type { User } from '../../src/domain/entities.js';
import { hashPassword } from '../../src/domain/password.js';
import { SYNCED_TABLES, ownerColumn } from '../../src/domain/tables.js';
import { mainAccountId } from '../../src/domain/accounts.js';
import { AccountRepository } from '../../src/local/account-repository.js';
import { BulkEditRepository } from '../../src/local/bulk-edit-repository.js';
import { BudgetRepository } from '../../src/local/budget-repository.js';
import { CategoryRepository } from '../../src/local/category-repository.js';
import { ConflictRepository } from '../../src/local/conflict-repository.js';
import { ExpenseRepository } from '../../src/local/expense-repository.js';
import { GoalRepository } from '../../src/local/goal-repository.js';
import { IncomeRepository } from '../../src/local/income-repository.js';
import { ImportRuleRepository } from '../../src/local/import-rule-repository.js';
import { LocalStore } from '../../src/local/local-store.js';
import { ScheduleRepository } from '../../src/local/schedule-repository.js';
import { TransferRepository } from '../../src/local/transfer-repository.js';
import { UserRepository } from '../../src/local/user-repository.js';
import { buildServer, type ServerOptions } from '../../src/server/web/app.js';

export const PASSWORD = 'correct horse battery';
/** Nothing listens on port 1: a central store that is never reachable (an offline device). */
export const UNREACHABLE_CENTRAL = 'postgres://pfm@127.0.0.1:1/pfm';
export const NO_RETRY = { retries: 0, baseDelayMs: 1, jitter: 0 } as const;

// scrypt at OWASP strength takes about a second here: hash the test password once per file.
let sharedHash: Promise<string> | null = null;
export const passwordHash = () => (sharedHash ??= hashPassword(PASSWORD));

/** A wall clock the test moves by hand. */
export class Clock {
  constructor(private millis = Date.parse('2026-11-20T12:00:00.000Z')) {}
  now = (): Date => new Date(this.millis);
  advance(ms: number): void {
    this.millis += ms;
  }
}

export interface TestServer {
  readonly app: FastifyInstance;
  readonly store: LocalStore;
  readonly clock: Clock;
  /** A user made directly in the store (no API call, no extra hash), with PASSWORD. */
  addUser(name: string, currency?: string): Promise<User>;
  /** Log in through the API. */
  login(name: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export async function openServer(
  options: Partial<ServerOptions> & { clock?: Clock; central?: CentralStore } = {},
): Promise<TestServer> {
  const clock = options.clock ?? new Clock();
  const store = LocalStore.open({ path: ':memory:', now: clock.now });
  const app = await buildServer({
    centralUrl: UNREACHABLE_CENTRAL,
    syncRetry: NO_RETRY,
    webRoot: null,
    ...options,
    store,
  });
  const users = new UserRepository(store);
  return {
    app,
    store,
    clock,
    async addUser(name, currency = 'EUR') {
      return users.create({ name, currency, locale: 'en-US', passwordHash: await passwordHash() });
    },
    async login(name, password = PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password } });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ user: User; csrfToken: string }>();
      return new Client(app, sessionCookie(res), body.csrfToken, body.user);
    },
    async close() {
      await app.close();
      store.close();
    },
  };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const header = res.headers['set-cookie'];
  const cookies = Array.isArray(header) ? header : [header ?? ''];
  const found = cookies.find((c) => c.startsWith('pfm_session='));
  if (!found) throw new Error(`no pfm_session cookie in ${JSON.stringify(header)}`);
  return found.split(';')[0] as string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A logged-in browser: sends the session cookie and (unless told not to) the CSRF token. */
export class Client {
  constructor(
    readonly app: FastifyInstance,
    readonly cookie: string,
    readonly csrfToken: string,
    readonly user: User,
  ) {}

  request(method: Method, url: string, payload?: unknown, opts: { csrf?: boolean | string } = {}) {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (opts.csrf !== false)
      headers['x-csrf-token'] = typeof opts.csrf === 'string' ? opts.csrf : this.csrfToken;
    const options: InjectOptions = { method, url, headers };
    if (payload !== undefined) options.payload = payload as InjectOptions['payload'];
    return this.app.inject(options);
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, payload?: unknown, opts?: { csrf?: boolean | string }) {
    return this.request('POST', url, payload, opts);
  }
  patch(url: string, payload?: unknown, opts?: { csrf?: boolean | string }) {
    return this.request('PATCH', url, payload, opts);
  }
  put(url: string, payload?: unknown, opts?: { csrf?: boolean | string }) {
    return this.request('PUT', url, payload, opts);
  }
  delete(url: string, opts?: { csrf?: boolean | string }) {
    return this.request('DELETE', url, undefined, opts);
  }

  /** GET that must succeed, as JSON. */
  async json<T = Record<string, unknown>>(url: string): Promise<T> {
    const res = await this.get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  }
}

/** The error shape of every failure: a message, and the field when one is at fault. */
export function expectError(
  res: LightMyRequestResponse,
  status: number,
  field?: string,
): { error: string; field?: string } {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json<{ error: string; field?: string }>();
  expect(typeof body.error).toBe('string');
  expect(body.error.length).toBeGreaterThan(0);
  if (field !== undefined) expect(body.field).toBe(field);
  return body;
}

/** Parse a server-sent event stream into its events. */
export function parseEvents(text: string): { event: string; data: unknown }[] {
  return text
    .split('\n\n')
    .map((block) => block.split('\n').filter((l) => l && !l.startsWith(':')))
    .filter((lines) => lines.length > 0)
    .map((lines) => ({
      event: lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message',
      data: JSON.parse(lines.find((l) => l.startsWith('data: '))?.slice(6) ?? 'null') as unknown,
    }));
}

export interface SeededIds {
  readonly userId: string;
  readonly category: string;
  readonly incomeCategory: string;
  readonly expense: string;
  readonly income: string;
  readonly budget: string;
  readonly goal: string;
  readonly conflict: string;
  readonly rule: string;
  /** A second account (the first is the user's main account), holding a transfer from the main one. */
  readonly account: string;
  readonly transfer: string;
  /** A monthly expense posted by hand, first due 2026-12-01. */
  readonly schedule: string;
  /** The undo operation of a bulk edit that tagged the expense. */
  readonly undo: string;
}

/** One row of every kind for a user, written through the repositories (no API call). */
export function seedData(store: LocalStore, userId: string): SeededIds {
  const categories = new CategoryRepository(store);
  const category = categories.create(userId, 'Pets', 'expense').id;
  const incomeCategory = categories.resolve(userId, 'Salary', 'income').id;
  const expense = new ExpenseRepository(store).create(userId, {
    categoryId: category,
    amount: 4200,
    date: '2026-11-03',
    extra: 'card',
    note: 'vet',
  }).id;
  const income = new IncomeRepository(store).create(userId, {
    categoryId: incomeCategory,
    amount: 300000,
    date: '2026-11-01',
    extra: 'Employer',
  }).id;
  const budget = new BudgetRepository(store).set(userId, category, '2026-11', 10000).id;
  const goals = new GoalRepository(store);
  const goal = goals.create(userId, { name: 'Bike', target: 50000, targetDate: '2027-06-30' }).id;
  goals.contribute(userId, goal, 5000, '2026-11-05', 'first');
  const conflicts = new ConflictRepository(store);
  conflicts.record(userId, 'expense', [
    {
      rowId: expense,
      field: 'description',
      keptValue: 'vet',
      keptHlc: '2026-11-01T10:00:00.000Z-0000-00000000000000aa',
      lostValue: 'vet bill',
      lostHlc: '2026-11-01T09:00:00.000Z-0000-00000000000000bb',
      loser: 'receiver',
    },
  ]);
  const conflict = conflicts.list(userId)[0]?.id as string;
  const rule = new ImportRuleRepository(store).add(userId, 'vet', category).id;
  const account = new AccountRepository(store).create(userId, { name: 'Savings', kind: 'savings' }).id;
  const transfer = new TransferRepository(store).create(userId, {
    fromAccountId: mainAccountId(userId),
    toAccountId: account,
    amount: 10000,
    date: '2026-11-02',
    note: 'put aside',
  }).id;
  const schedule = new ScheduleRepository(store).create(userId, {
    kind: 'expense',
    categoryId: category,
    accountId: mainAccountId(userId),
    amount: 4500,
    every: 1,
    unit: 'month',
    startDate: '2026-12-01',
    autoPost: false,
  }).id;
  const undo = new BulkEditRepository(store).apply(userId, {
    kind: 'expense',
    ids: [expense],
    action: { addTags: ['seeded'] },
  }).id;
  return {
    undo,
    userId,
    category,
    incomeCategory,
    expense,
    income,
    budget,
    goal,
    conflict,
    rule,
    account,
    transfer,
    schedule,
  };
}

/** Every row of a user, with its clock and the state of their conflicts: equal snapshots mean nothing changed. */
export function snapshot(store: LocalStore, userId: string): string {
  const parts: unknown[] = [];
  for (const table of SYNCED_TABLES) {
    const owner = ownerColumn(table);
    parts.push(store.db.prepare(`SELECT id, hlc FROM ${table} WHERE ${owner} = ? ORDER BY id`).all(userId));
  }
  parts.push(
    store.db.prepare('SELECT id, resolved_at FROM sync_conflict WHERE user_id = ? ORDER BY id').all(userId),
  );
  parts.push(store.db.prepare('SELECT count(*) AS n FROM sync_log WHERE user_id = ?').get(userId));
  parts.push(store.db.prepare('SELECT id FROM import_rule WHERE user_id = ? ORDER BY id').all(userId));
  parts.push(store.db.prepare('SELECT count(*) AS n FROM import_batch WHERE user_id = ?').get(userId));
  return JSON.stringify(parts);
}
