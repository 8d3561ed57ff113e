import { mainAccountId, type RowStatus } from '../domain/accounts.js';
import { addDays, addMonths, daysInMonth, toIsoDate, toIsoMonth } from '../domain/dates.js';
import { minorUnits, type CurrencyCode } from '../domain/currency.js';
import { seededRandom } from '../domain/seeded-random.js';
import { CLIENTS, demoTags, EMPLOYER, merchantFor, RENT_PAYEE, SUPERMARKET } from './demo-payees.js';
import type { LocalStore } from './local-store.js';
import { LocalRepositories } from './repositories.js';

/** The demo's people: a mix of currencies, so 0- and 2-decimal money both show. */
export const DEMO_USERS = [
  { name: 'alice', currency: 'EUR', locale: 'en-IE', salary: 3400 },
  { name: 'bob', currency: 'USD', locale: 'en-US', salary: 4800 },
  { name: 'carol', currency: 'GBP', locale: 'en-GB', salary: 3100 },
  { name: 'dmitri', currency: 'EUR', locale: 'de-DE', salary: 3900 },
  { name: 'emi', currency: 'JPY', locale: 'ja-JP', salary: 420000 },
  { name: 'farah', currency: 'CHF', locale: 'de-CH', salary: 6200 },
] as const;

// Typical monthly spending per category, in major units of a EUR-like currency: [visits, low, high].
const SPENDING: Readonly<Record<string, readonly [number, number, number]>> = {
  Food: [14, 4, 95],
  Transport: [6, 2.5, 60],
  Utilities: [2, 35, 120],
  Health: [1, 10, 90],
  Entertainment: [3, 8, 70],
  Shopping: [3, 12, 180],
  Other: [1, 5, 60],
};
const METHODS = ['card', 'card', 'card', 'cash', 'transfer'];
const NOTES: Readonly<Record<string, readonly string[]>> = {
  Food: ['Groceries', 'Lunch', 'Bakery', 'Dinner out', 'Coffee', 'Market'],
  Transport: ['Metro pass', 'Fuel', 'Taxi', 'Train ticket', 'Parking'],
  Utilities: ['Electricity', 'Water', 'Internet', 'Phone'],
  Health: ['Pharmacy', 'Dentist', 'Gym'],
  Entertainment: ['Cinema', 'Concert', 'Streaming', 'Books'],
  Shopping: ['Clothes', 'Electronics', 'Home goods', 'Gift'],
  Other: ['Haircut', 'Post office', 'Donation'],
};

export interface DemoOptions {
  readonly passwordHash: string;
  /** Months of history ending with the current month. */
  readonly months?: number;
  readonly seed?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
  readonly users: number;
  readonly records: Readonly<Record<string, number>>;
  readonly total: number;
}

/**
 * Realistic demo data through the same repositories the app uses: a year of expenses, salaries and
 * freelance income in checking, savings and credit card accounts (monthly transfers to savings, the card paid
 * off from checking), budgets for recent months, savings goals with contributions, for six users. Rows name
 * their payee, some carry tags, and one supermarket trip a month is split between Food and Shopping.
 */
export function createDemoData(store: LocalStore, options: DemoOptions): DemoResult {
  const rand = seededRandom(options.seed ?? 42); // the same seed gives the same demo
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  // Payees, tags and split trips draw from their own sequence, so the rest of the demo stays as it was.
  const randTag = seededRandom((options.seed ?? 42) + 1);
  const pickTag = <T>(list: readonly T[]): T => list[Math.floor(randTag() * list.length)] as T;
  const months = options.months ?? 12;
  const today = toIsoDate(store.now());
  const thisMonth = toIsoMonth(store.now());
  const repos = new LocalRepositories(store);
  const records = {
    users: 0,
    categories: 0,
    accounts: 0,
    expenses: 0,
    income: 0,
    transfers: 0,
    budgets: 0,
    goals: 0,
    contributions: 0,
    schedules: 0,
  };
  const firstMonth = addMonths(thisMonth, 1 - months);

  store.transaction(() => {
    DEMO_USERS.forEach((spec, index) => {
      const scale = spec.currency === 'JPY' ? 130 : spec.currency === 'CHF' ? 1.1 : 1;
      const unit = 10 ** minorUnits(spec.currency as CurrencyCode);
      const money = (major: number) => Math.max(1, Math.round(major * scale * unit));
      const user = repos.users.create({
        name: spec.name,
        currency: spec.currency,
        locale: spec.locale,
        passwordHash: options.passwordHash,
      });
      records.users++;
      const cats = Object.fromEntries(
        repos.categories.list(user.id).map((c) => [`${c.kind}:${c.name}`, c.id]),
      );
      records.categories += Object.keys(cats).length;
      const cat = (kind: string, name: string) => cats[`${kind}:${name}`] as string;

      // Three accounts: the first one becomes the checking account; card purchases go to a credit card that
      // is paid off from checking each month; a tenth of the salary moves to savings.
      const opened = `${firstMonth}-01`;
      const checking = mainAccountId(user.id);
      repos.accounts.edit(user.id, checking, {
        name: 'Checking',
        openingBalance: money(1500),
        openingDate: opened,
      });
      const savings = repos.accounts.create(user.id, {
        name: 'Savings',
        kind: 'savings',
        openingBalance: money(2500),
        openingDate: opened,
        onBudget: false,
      }).id;
      const card = repos.accounts.create(user.id, {
        name: 'Credit card',
        kind: 'credit_card',
        openingDate: opened,
      }).id;
      records.accounts += 3;
      const transfer = (
        from: string,
        to: string,
        amount: number,
        date: string,
        note: string,
        status: RowStatus = 'uncleared',
      ) => {
        const t = repos.transfers.create(user.id, {
          fromAccountId: from,
          toAccountId: to,
          amount,
          date,
          note,
        });
        // Both banks show it once it is as old as the rows around it.
        if (status !== 'uncleared') {
          repos.accounts.setStatus(user.id, from, 'transfer', t.id, status);
          repos.accounts.setStatus(user.id, to, 'transfer', t.id, status);
        }
        records.transfers++;
      };

      for (let m = months - 1; m >= 0; m--) {
        const month = addMonths(thisMonth, -m);
        const [y, mo] = month.split('-').map(Number) as [number, number];
        const lastDay = month === thisMonth ? Number(today.slice(8, 10)) : daysInMonth(y, mo);
        const day = (d: number) => `${month}-${String(Math.min(Math.max(1, d), lastDay)).padStart(2, '0')}`;
        // Older months are reconciled with the bank, last month's rows are cleared, this month's not yet.
        const status = m >= 2 ? 'reconciled' : m === 1 ? 'cleared' : 'uncleared';
        repos.income.create(user.id, {
          categoryId: cat('income', 'Salary'),
          amount: money(spec.salary / scale),
          date: day(1),
          extra: 'Employer',
          note: 'Monthly salary',
          status,
          payee: EMPLOYER,
        });
        transfer(checking, savings, money((spec.salary / scale) * 0.1), day(3), 'Monthly saving', status);
        records.income++;
        if (rand() < 0.35) {
          repos.income.create(user.id, {
            categoryId: cat('income', 'Freelance'),
            amount: money(150 + rand() * 650),
            date: day(5 + Math.floor(rand() * 20)),
            extra: 'Client',
            note: 'Side project',
            payee: pickTag(CLIENTS),
            tags: ['work'],
          });
          records.income++;
        }
        repos.expenses.create(user.id, {
          categoryId: cat('expense', 'Housing'),
          amount: money((spec.salary / scale) * 0.3),
          date: day(2),
          extra: 'transfer',
          note: 'Rent',
          status,
          payee: RENT_PAYEE,
        });
        let onCard = 0;
        // Two months ago held a week away: what was bought then is tagged "holiday".
        const holiday = (date: string) => m === 2 && date >= day(10) && date <= day(17);
        records.expenses++;
        for (const [name, [visits, low, high]] of Object.entries(SPENDING)) {
          const count = Math.max(0, Math.round(visits * (0.7 + rand() * 0.6) * (lastDay / 30)));
          for (let i = 0; i < count; i++) {
            const amount = money(low + (high - low) * rand() ** 2);
            const method = pick(METHODS);
            if (method === 'card') onCard += amount;
            const date = day(1 + Math.floor(rand() * lastDay));
            const note = pick(NOTES[name] ?? ['']);
            repos.expenses.create(user.id, {
              categoryId: cat('expense', name),
              amount,
              date,
              extra: method,
              note,
              accountId: method === 'card' ? card : checking,
              status,
              payee: merchantFor(note, pickTag),
              tags: demoTags(name, note, holiday(date), randTag),
            });
            records.expenses++;
          }
        }
        // One supermarket trip a month: food and household goods on one receipt, split between two categories.
        const food = money(40 + randTag() * 60);
        const household = money(10 + randTag() * 30);
        repos.expenses.create(user.id, {
          categoryId: cat('expense', 'Food'),
          amount: food + household,
          date: day(Math.min(lastDay, 6 + Math.floor(randTag() * 20))),
          extra: 'card',
          note: 'Weekly shop',
          accountId: card,
          status,
          payee: SUPERMARKET,
          splits: [
            { categoryId: cat('expense', 'Food'), amount: food, note: 'Groceries' },
            { categoryId: cat('expense', 'Shopping'), amount: household, note: 'Household' },
          ],
        });
        onCard += food + household;
        records.expenses++;
        // The card's month is paid off at its end; this month's is still open.
        if (month !== thisMonth && onCard > 0)
          transfer(checking, card, onCard, day(28), 'Card payment', status);
        if (m < 3) {
          for (const [name, limit] of [
            ['Food', 450],
            ['Transport', 160],
            ['Entertainment', 120],
            ['Shopping', 250],
            ['Utilities', 200],
          ] as const) {
            // Food rolls over: what a month leaves (or overspends) shows in the next month's budget.
            repos.budgets.set(user.id, cat('expense', name), month, money(limit), {
              rollover: name === 'Food',
            });
            records.budgets++;
          }
        }
      }

      const goals = [
        { name: 'Emergency fund', target: 5000, by: addDays(today, 300 + index * 30) },
        { name: 'Holiday', target: 1800, by: addDays(today, 120) },
      ];
      for (const g of goals) {
        // The emergency fund is kept in the savings account: its contributions move money there.
        const goal = repos.goals.create(user.id, {
          name: g.name,
          target: money(g.target),
          targetDate: g.by,
          accountId: g.name === 'Emergency fund' ? savings : null,
        });
        records.goals++;
        for (let m = months - 1; m >= 0; m -= 2) {
          const date = `${addMonths(thisMonth, -m)}-15` <= today ? `${addMonths(thisMonth, -m)}-15` : today;
          repos.goals.contribute(
            user.id,
            goal.id,
            money((g.target / 14) * (0.6 + rand() * 0.8)),
            date,
            'Monthly saving',
          );
          records.contributions++;
          if (g.name === 'Emergency fund') records.transfers++;
        }
      }
      // From next month on, rent posts itself; the monthly saving waits to be posted by hand.
      const nextMonth = addMonths(thisMonth, 1);
      repos.schedules.create(user.id, {
        kind: 'expense',
        categoryId: cat('expense', 'Housing'),
        accountId: checking,
        amount: money((spec.salary / scale) * 0.3),
        note: 'Rent',
        every: 1,
        unit: 'month',
        startDate: `${nextMonth}-02`,
      });
      repos.schedules.create(user.id, {
        kind: 'transfer',
        accountId: checking,
        toAccountId: savings,
        amount: money((spec.salary / scale) * 0.1),
        note: 'Monthly saving',
        every: 1,
        unit: 'month',
        startDate: `${nextMonth}-03`,
        autoPost: false,
      });
      records.schedules += 2;
      options.onProgress?.(index + 1, DEMO_USERS.length);
    });
  });
  const total = Object.values(records).reduce((a, b) => a + b, 0);
  return { users: records.users, records, total };
}
