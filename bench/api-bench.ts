/**
 * API latency with one user holding 100,000 expenses: every list and report route, timed through
 * `app.inject` (routing, hooks, validation, SQL and JSON included; no sockets). Run: npx tsx bench/api-bench.ts
 * [--expenses N] [--runs N]. Prints a table of median and p95 per route, and the SQLite query plans. The schema
 * is exactly what src/local/migrations.ts makes. Writes docs/api-benchmark.md (target: every list and report
 * route under 100 ms at the median with 100,000 expenses).
 */
import { writeFileSync } from 'node:fs';
import { hashPassword } from '../src/domain/password.js';
import { CategoryRepository } from '../src/local/category-repository.js';
import { BudgetRepository } from '../src/local/budget-repository.js';
import { ExpenseRepository } from '../src/local/expense-repository.js';
import { GoalRepository } from '../src/local/goal-repository.js';
import { IncomeRepository } from '../src/local/income-repository.js';
import { LocalStore } from '../src/local/local-store.js';
import { UserRepository } from '../src/local/user-repository.js';
import { buildServer } from '../src/server/web/app.js';
import { machineInfo } from './machine.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EXPENSES = arg('expenses', 100_000);
const RUNS = arg('runs', 40);
const PASSWORD = 'bench password';
const NOW = new Date('2026-11-20T12:00:00Z');

// The store's clock runs from NOW (its HLC needs time to move); the server's "today" stays NOW.
const started = Date.now();
const store = LocalStore.open({
  path: ':memory:',
  now: () => new Date(NOW.getTime() + Date.now() - started),
});
const users = new UserRepository(store);
const categories = new CategoryRepository(store);
const expenses = new ExpenseRepository(store);
const income = new IncomeRepository(store);
const budgets = new BudgetRepository(store);
const goals = new GoalRepository(store);

// A deterministic spread over three years, every expense category, a few methods and notes.
let seed = 7;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const NOTES = ['Groceries', 'Coffee', 'Lunch', 'Fuel', 'Rent', 'Cinema', 'Pharmacy', 'Books', 'Taxi', 'Gift'];
const METHODS = ['card', 'card', 'cash', 'transfer'];
// A payee on most rows (a few hundred merchants) and a tag on one row in five.
const PAYEES = Array.from({ length: 300 }, (_, i) => `Shop ${String(i).padStart(3, '0')}`);
const TAGS = [
  ['work'],
  ['holiday'],
  ['kids'],
  ['work', 'kids'],
  [],
  [],
  [],
  [],
  [],
  [],
  [],
  [],
  [],
  [],
  [],
  [],
  [],
  [],
  [],
  [],
];
const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

let t = performance.now();
const passwordHash = await hashPassword(PASSWORD);
let goalId = '';
store.transaction(() => {
  const user = users.create({ name: 'bench', currency: 'EUR', locale: 'en-US', passwordHash });
  const other = users.create({ name: 'other', currency: 'EUR', locale: 'en-US', passwordHash });
  const cats = categories.list(user.id, 'expense');
  const salary = categories.resolve(user.id, 'Salary', 'income');
  for (let i = 0; i < EXPENSES; i++) {
    const cat = cats[Math.floor(rand() * cats.length)];
    expenses.create(user.id, {
      categoryId: cat?.id as string,
      amount: 100 + Math.floor(rand() * 20_000),
      date: day(Math.floor(rand() * 1050)),
      extra: METHODS[Math.floor(rand() * METHODS.length)] ?? null,
      note: NOTES[Math.floor(rand() * NOTES.length)] ?? '',
      payee: rand() < 0.9 ? (PAYEES[Math.floor(rand() ** 2 * PAYEES.length)] ?? null) : null,
      tags: TAGS[Math.floor(rand() * TAGS.length)] ?? [],
    });
  }
  // Another user's rows in the same tables: every query must skip them through the user_id indexes.
  const otherFood = categories.resolve(other.id, 'Food', 'expense').id;
  for (let i = 0; i < EXPENSES / 10; i++) {
    expenses.create(other.id, { categoryId: otherFood, amount: 500, date: day(i % 1050) });
  }
  for (let m = 0; m < 35; m++) {
    income.create(user.id, { categoryId: salary.id, amount: 350_000, date: day(m * 30), extra: 'Employer' });
  }
  for (const month of ['2026-09', '2026-10', '2026-11']) {
    for (const cat of cats.slice(0, 6)) budgets.set(user.id, cat.id, month, 50_000);
  }
  goalId = goals.create(user.id, { name: 'House', target: 5_000_000, targetDate: '2030-01-01' }).id;
  goals.create(user.id, { name: 'Holiday', target: 300_000 });
  for (let i = 0; i < 200; i++) goals.contribute(user.id, goalId, 10_000, day(i * 5));
});
console.log(
  `Built ${EXPENSES} expenses (+${EXPENSES / 10} of another user) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

const app = await buildServer({
  store,
  centralUrl: 'postgres://pfm@127.0.0.1:1/pfm',
  webRoot: null,
  now: () => NOW,
});
const login = await app.inject({
  method: 'POST',
  url: '/api/session',
  payload: { name: 'bench', password: PASSWORD },
});
const cookie = String(login.headers['set-cookie']).split(';')[0] as string;

const ROUTES = [
  '/api/expenses',
  '/api/expenses?offset=50000',
  '/api/expenses?sort=amount&order=desc',
  '/api/expenses?sort=category&order=asc',
  '/api/expenses?from=2025-06-01&to=2025-06-30',
  '/api/expenses?category=Food',
  '/api/expenses?category=Food&from=2026-01-01&to=2026-03-31&sort=amount',
  '/api/expenses?method=cash',
  '/api/expenses?search=coffee',
  '/api/expenses?tag=holiday',
  '/api/expenses?payee=Shop%20042',
  '/api/payees?prefix=Shop%200',
  '/api/payees',
  '/api/tags',
  '/api/expenses?limit=1000',
  '/api/income',
  '/api/categories',
  '/api/budgets',
  '/api/budgets?month=2026-11',
  '/api/goals',
  `/api/goals/${goalId}/contributions`,
  '/api/sync/log',
  '/api/conflicts',
  '/api/reports/monthly?month=2026-11',
  '/api/reports/categories?month=2026-11',
  '/api/reports/categories?from=2024-01-01&to=2026-12-31',
  '/api/reports/budgets?month=2026-11',
  '/api/reports/goals',
  '/api/reports/trend?month=2026-11',
  '/api/reports/trend?month=2026-11&format=csv',
  '/api/reports/tags?month=2026-11',
  '/api/reports/tags?from=2024-01-01&to=2026-12-31',
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
const rows: [string, number, number, number][] = [];
for (const url of ROUTES) {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    t = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    const ms = performance.now() - t;
    status = res.statusCode;
    if (i >= 3) times.push(ms); // the first runs warm statement caches and the JIT
  }
  if (status !== 200) throw new Error(`${url} answered ${status}`);
  times.sort((a, b) => a - b);
  rows.push([url, percentile(times, 0.5), percentile(times, 0.95), times[times.length - 1] ?? NaN]);
}

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\n${'route'.padEnd(width)}  median ms     p95 ms     max ms   (${RUNS} runs each)`);
for (const [url, median, p95, max] of rows) {
  const flag = median >= 100 ? '  OVER 100 ms' : '';
  console.log(
    `${url.padEnd(width)}  ${median.toFixed(2).padStart(9)}  ${p95.toFixed(2).padStart(9)}  ${max.toFixed(2).padStart(9)}${flag}`,
  );
}
const worst = rows.reduce((a, r) => (r[1] > a[1] ? r : a));
console.log(
  `\nSlowest median: ${worst[0]} ${worst[1].toFixed(2)} ms; ${rows.every((r) => r[1] < 100) ? 'all' : 'NOT all'} under 100 ms`,
);

const machine = machineInfo();
const doc = [
  '# API latency with 100,000 expenses',
  '',
  `Written by \`npm run bench:api\` (bench/api-bench.ts) on ${new Date().toISOString().slice(0, 10)}; do not edit by hand.`,
  `One user holds ${EXPENSES.toLocaleString('en-US')} expenses over three years (plus another user's ` +
    `${(EXPENSES / 10).toLocaleString('en-US')}); every route is called ${RUNS} times through Fastify's ` +
    '`inject` (routing, session, validation, SQL and JSON; no sockets) after 3 warm-up calls.',
  '',
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; ${machine.os}; Node ${machine.node}; ` +
    `load average at the end ${machine.load.join(', ')}.`,
  '',
  '| route | median ms | p95 ms | max ms |',
  '| --- | ---: | ---: | ---: |',
  ...rows.map(
    ([url, median, p95, max]) =>
      `| \`${url}\` | ${median.toFixed(2)}${median >= 100 ? ' **over 100**' : ''} | ${p95.toFixed(2)} | ${max.toFixed(2)} |`,
  ),
  '',
  `Target: every median under 100 ms: ${rows.every((r) => r[1] < 100) ? '**met**' : '**missed**'} ` +
    `(slowest: \`${worst[0]}\`, ${worst[1].toFixed(2)} ms).`,
  '',
];
writeFileSync(new URL('../docs/api-benchmark.md', import.meta.url), doc.join('\n'));
console.log('\nWrote docs/api-benchmark.md');

// The plans of the statements behind the biggest routes: each must search an index, never scan the table.
const plan = (sql: string, ...params: unknown[]) =>
  (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
const uid = users.resolve('bench').id;
const LIST = `SELECT * FROM (SELECT x.id, x.user_id, x.category_id, c.name AS category_name, x.amount, x.expense_date AS event_date
  FROM expense x JOIN category c ON c.id = x.category_id WHERE x.user_id = ? AND x.deleted = 0) e`;
console.log('\nQuery plans:');
console.log(`  list by date:   ${plan(`${LIST} ORDER BY e.event_date DESC, e.id DESC LIMIT 50`, uid)}`);
console.log(`  list count:     ${plan(`SELECT count(*) FROM (${LIST})`, uid)}`);
console.log(
  `  list one month: ${plan(`${LIST} WHERE e.event_date >= ? AND e.event_date <= ? ORDER BY e.event_date DESC LIMIT 50`, uid, '2025-06-01', '2025-06-30')}`,
);
console.log(
  `  monthly report: ${plan('SELECT coalesce(sum(amount), 0), count(*) FROM expense WHERE user_id = ? AND expense_date BETWEEN ? AND ? AND deleted = 0', uid, '2026-11-01', '2026-11-30')}`,
);
console.log(
  `  trend report:   ${plan('SELECT substr(expense_date, 1, 7), sum(amount) FROM expense WHERE user_id = ? AND expense_date BETWEEN ? AND ? AND deleted = 0 GROUP BY 1', uid, '2025-12-01', '2026-11-30')}`,
);
await app.close();
store.close();
