import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../src/domain/validation.js';
import { BudgetRepository } from '../../../src/local/budget-repository.js';
import { CategoryRepository } from '../../../src/local/category-repository.js';
import { ExpenseRepository } from '../../../src/local/expense-repository.js';
import { GoalRepository } from '../../../src/local/goal-repository.js';
import { IncomeRepository } from '../../../src/local/income-repository.js';
import { LocalReports } from '../../../src/local/local-reports.js';
import { LocalStore } from '../../../src/local/local-store.js';
import { UserRepository } from '../../../src/local/user-repository.js';

// Every expected figure below is worked out by hand in the comments next to it, never by the code under test.

const NOW = new Date('2026-03-15T12:00:00.000Z');

let store: LocalStore;
let reports: LocalReports;
let users: UserRepository;
let categories: CategoryRepository;
let expenses: ExpenseRepository;
let income: IncomeRepository;
let budgets: BudgetRepository;
let goals: GoalRepository;
let alice: string;
let bob: string;

beforeEach(() => {
  store = LocalStore.open({ path: ':memory:', now: () => NOW });
  reports = new LocalReports(store);
  users = new UserRepository(store);
  categories = new CategoryRepository(store);
  expenses = new ExpenseRepository(store);
  income = new IncomeRepository(store);
  budgets = new BudgetRepository(store);
  goals = new GoalRepository(store);
  alice = users.create({ name: 'Alice', currency: 'EUR', locale: 'en-IE' }).id;
  bob = users.create({ name: 'Bob', currency: 'USD', locale: 'en-US' }).id;
});

afterEach(() => store.close());

/** The id of one of a user's live categories (the defaults come with every new user). */
function cat(userId: string, name: string, kind: 'expense' | 'income' = 'expense'): string {
  return categories.resolve(userId, name, kind).id;
}

function spend(userId: string, category: string, amount: number, date: string): string {
  return expenses.create(userId, { categoryId: cat(userId, category), amount, date }).id;
}

function earn(userId: string, category: string, amount: number, date: string): string {
  return income.create(userId, { categoryId: cat(userId, category, 'income'), amount, date }).id;
}

describe('monthly', () => {
  beforeEach(() => {
    // March 2026, counted: income 300000 + 45000 = 345000 (2 rows); expenses 12345 + 150000 + 4550 = 166895.
    earn(alice, 'Salary', 300000, '2026-03-01');
    earn(alice, 'Freelance', 45000, '2026-03-31');
    spend(alice, 'Food', 12345, '2026-03-01');
    spend(alice, 'Housing', 150000, '2026-03-15');
    spend(alice, 'Transport', 4550, '2026-03-31');
    // Not counted: other months, deleted rows, another user's rows.
    earn(alice, 'Salary', 50000, '2026-02-28');
    earn(alice, 'Salary', 70000, '2026-04-01');
    spend(alice, 'Food', 777, '2026-02-28');
    spend(alice, 'Food', 888, '2026-04-01');
    income.delete(alice, earn(alice, 'Freelance', 99999, '2026-03-10'));
    expenses.delete(alice, spend(alice, 'Food', 1000, '2026-03-05'));
    earn(bob, 'Salary', 10000, '2026-03-02');
    spend(bob, 'Food', 5000, '2026-03-03');
  });

  it('sums live income and expenses of the month only, in the user currency', () => {
    // net = 345000 - 166895 = 178105; rate = 100 * 178105 / 345000 = 51.62... -> 51.6
    expect(reports.monthly(alice, '2026-03')).toEqual({
      month: '2026-03',
      currency: 'EUR',
      income: 345000,
      expenses: 166895,
      net: 178105,
      savingsRate: 51.6,
      incomeCount: 2,
      expenseCount: 3,
    });
  });

  it("keeps each user's figures apart", () => {
    expect(reports.monthly(bob, '2026-03')).toEqual({
      month: '2026-03',
      currency: 'USD',
      income: 10000,
      expenses: 5000,
      net: 5000,
      savingsRate: 50,
      incomeCount: 1,
      expenseCount: 1,
    });
  });

  it('gives a negative savings rate when spending exceeds income, rounding half away from zero', () => {
    earn(alice, 'Salary', 2000, '2026-05-10');
    spend(alice, 'Food', 3001, '2026-05-11');
    // net = -1001; 100 * -1001 / 2000 = -50.05 -> -50.1 (away from zero, not -50.0)
    expect(reports.monthly(alice, '2026-05')).toMatchObject({
      income: 2000,
      expenses: 3001,
      net: -1001,
      savingsRate: -50.1,
    });
  });

  it('has no savings rate without income, and zeros for an empty month', () => {
    spend(alice, 'Food', 500, '2026-06-30');
    expect(reports.monthly(alice, '2026-06')).toEqual({
      month: '2026-06',
      currency: 'EUR',
      income: 0,
      expenses: 500,
      net: -500,
      savingsRate: null,
      incomeCount: 0,
      expenseCount: 1,
    });
    expect(reports.monthly(alice, '2026-07')).toMatchObject({
      income: 0,
      expenses: 0,
      net: 0,
      savingsRate: null,
      incomeCount: 0,
      expenseCount: 0,
    });
  });

  it('refuses a bad month and an unknown user', () => {
    expect(() => reports.monthly(alice, '2026-13')).toThrow(ValidationError);
    expect(() => reports.monthly('nobody', '2026-03')).toThrow(NotFoundError);
  });
});

describe('categories', () => {
  let pets: string;

  beforeEach(() => {
    spend(alice, 'Food', 3000, '2026-03-01'); // first day: inside
    spend(alice, 'Food', 2000, '2026-03-31'); // last day: inside
    spend(alice, 'Housing', 12000, '2026-03-10');
    spend(alice, 'Transport', 3000, '2026-03-05');
    pets = categories.create(alice, 'Pets', 'expense').id;
    spend(alice, 'Pets', 3000, '2026-03-05');
    categories.delete(alice, pets); // its expense still counts
    // Not counted: outside the range, deleted, another user's, income.
    spend(alice, 'Food', 10000, '2026-02-28');
    spend(alice, 'Food', 10000, '2026-04-01');
    expenses.delete(alice, spend(alice, 'Housing', 50000, '2026-03-11'));
    spend(bob, 'Food', 4000, '2026-03-12');
    earn(alice, 'Salary', 90000, '2026-03-12');
  });

  it('gives totals, counts and shares, largest first then by name, deleted categories flagged', () => {
    // total = 5000 + 12000 + 3000 + 3000 = 23000
    // shares: 12000/23000 = 52.17 -> 52.2; 5000/23000 = 21.74 -> 21.7; 3000/23000 = 13.04 -> 13.0
    expect(reports.categories(alice, '2026-03-01', '2026-03-31')).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      currency: 'EUR',
      total: 23000,
      categories: [
        {
          categoryId: cat(alice, 'Housing'),
          name: 'Housing',
          deleted: false,
          total: 12000,
          count: 1,
          share: 52.2,
        },
        { categoryId: cat(alice, 'Food'), name: 'Food', deleted: false, total: 5000, count: 2, share: 21.7 },
        { categoryId: pets, name: 'Pets', deleted: true, total: 3000, count: 1, share: 13 },
        {
          categoryId: cat(alice, 'Transport'),
          name: 'Transport',
          deleted: false,
          total: 3000,
          count: 1,
          share: 13,
        },
      ],
    });
  });

  it('includes both bounds of a one-day range', () => {
    expect(reports.categories(alice, '2026-03-31', '2026-03-31')).toEqual({
      from: '2026-03-31',
      to: '2026-03-31',
      currency: 'EUR',
      total: 2000,
      categories: [
        { categoryId: cat(alice, 'Food'), name: 'Food', deleted: false, total: 2000, count: 1, share: 100 },
      ],
    });
  });

  it('is empty for a period without spending, and refuses a reversed range', () => {
    expect(reports.categories(alice, '2025-01-01', '2025-12-31')).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
      currency: 'EUR',
      total: 0,
      categories: [],
    });
    expect(() => reports.categories(alice, '2026-03-31', '2026-03-01')).toThrow(ValidationError);
    expect(() => reports.categories(alice, '2026-02-30', '2026-03-01')).toThrow(ValidationError);
  });
});

describe('budgets', () => {
  it('compares each budget of the month with its live spending, by category name case-insensitively', () => {
    const bills = categories.create(alice, 'bills', 'expense').id;
    const b = {
      bills: budgets.set(alice, bills, '2026-03', 1000).id,
      entertainment: budgets.set(alice, cat(alice, 'Entertainment'), '2026-03', 6000).id,
      food: budgets.set(alice, cat(alice, 'Food'), '2026-03', 10000).id,
      housing: budgets.set(alice, cat(alice, 'Housing'), '2026-03', 100000).id,
      transport: budgets.set(alice, cat(alice, 'Transport'), '2026-03', 3000).id,
    };
    budgets.set(alice, cat(alice, 'Health'), '2026-04', 5000); // another month
    budgets.delete(alice, budgets.set(alice, cat(alice, 'Utilities'), '2026-03', 5000).id);
    spend(alice, 'bills', 1, '2026-03-20');
    spend(alice, 'Entertainment', 2000, '2026-03-09');
    expenses.delete(alice, spend(alice, 'Entertainment', 9000, '2026-03-10'));
    spend(alice, 'Food', 4000, '2026-03-01');
    spend(alice, 'Food', 6000, '2026-03-31');
    spend(alice, 'Food', 5000, '2026-02-28'); // other months do not count
    spend(alice, 'Food', 5000, '2026-04-01');
    spend(alice, 'Housing', 150000, '2026-03-02');
    spend(alice, 'Health', 700, '2026-03-02'); // no March budget
    spend(bob, 'Transport', 2500, '2026-03-02'); // another user's Transport

    expect(reports.budgets(alice, '2026-03')).toEqual({
      month: '2026-03',
      currency: 'EUR',
      budgets: [
        // 1 / 1000 = 0.1 %
        {
          budgetId: b.bills,
          categoryId: bills,
          category: 'bills',
          limit: 1000,
          spent: 1,
          remaining: 999,
          percent: 0.1,
          status: 'under',
          rollover: false,
          carried: 0,
          available: 999,
        },
        // 2000 / 6000 = 33.33 -> 33.3
        {
          budgetId: b.entertainment,
          categoryId: cat(alice, 'Entertainment'),
          category: 'Entertainment',
          limit: 6000,
          spent: 2000,
          remaining: 4000,
          percent: 33.3,
          status: 'under',
          rollover: false,
          carried: 0,
          available: 4000,
        },
        // 4000 + 6000 = 10000, exactly the limit
        {
          budgetId: b.food,
          categoryId: cat(alice, 'Food'),
          category: 'Food',
          limit: 10000,
          spent: 10000,
          remaining: 0,
          percent: 100,
          status: 'at',
          rollover: false,
          carried: 0,
          available: 0,
        },
        {
          budgetId: b.housing,
          categoryId: cat(alice, 'Housing'),
          category: 'Housing',
          limit: 100000,
          spent: 150000,
          remaining: -50000,
          percent: 150,
          status: 'over',
          rollover: false,
          carried: 0,
          available: -50000,
        },
        {
          budgetId: b.transport,
          categoryId: cat(alice, 'Transport'),
          category: 'Transport',
          limit: 3000,
          spent: 0,
          remaining: 3000,
          percent: 0,
          status: 'under',
          rollover: false,
          carried: 0,
          available: 3000,
        },
      ],
      // 1 + 2000 + 10000 + 150000 + 700: every live expense of March, Health's too.
      totalSpent: 162701,
      unbudgeted: 700,
      unbudgetedCategories: [{ categoryId: cat(alice, 'Health'), name: 'Health', spent: 700 }],
    });
  });

  it('carries what a rolling-over budget left (or overspent) into the next month, back along the chain', () => {
    const on = { rollover: true };
    const food = cat(alice, 'Food');
    budgets.set(alice, food, '2026-01', 10000, on);
    budgets.set(alice, food, '2026-02', 10000, on);
    budgets.set(alice, food, '2026-03', 10000);
    spend(alice, 'Food', 7000, '2026-01-20'); // 3000 left
    spend(alice, 'Food', 14000, '2026-02-20'); // 10000 + 3000 - 14000 = -1000
    spend(alice, 'Food', 2000, '2026-03-02');
    const march = reports.budgets(alice, '2026-03').budgets[0];
    expect(march).toMatchObject({ limit: 10000, spent: 2000, remaining: 8000, rollover: false });
    expect(march).toMatchObject({ carried: -1000, available: 7000 });
    expect(reports.budgets(alice, '2026-02').budgets[0]).toMatchObject({ carried: 3000, available: -1000 });
    // March does not roll over: April starts afresh.
    budgets.set(alice, food, '2026-04', 10000);
    expect(reports.budgets(alice, '2026-04').budgets[0]).toMatchObject({ carried: 0, available: 10000 });
    // Turned off in January, February carries nothing from it.
    budgets.set(alice, food, '2026-01', 10000, { rollover: false });
    expect(reports.budgets(alice, '2026-02').budgets[0]).toMatchObject({ carried: 0, available: -4000 });
    // Another user's rolling-over budget is theirs alone.
    expect(reports.budgets(bob, '2026-03').budgets).toEqual([]);
  });

  it('shows all the spending of a month without budgets as unbudgeted', () => {
    spend(bob, 'Transport', 2500, '2026-03-02');
    categories.create(bob, 'bills', 'expense'); // sorts before Transport only case-insensitively
    spend(bob, 'bills', 300, '2026-03-03');
    expect(reports.budgets(bob, '2026-03')).toEqual({
      month: '2026-03',
      currency: 'USD',
      budgets: [],
      totalSpent: 2800,
      unbudgeted: 2800,
      unbudgetedCategories: [
        { categoryId: cat(bob, 'bills'), name: 'bills', spent: 300 },
        { categoryId: cat(bob, 'Transport'), name: 'Transport', spent: 2500 },
      ],
    });
    expect(reports.budgets(bob, '2026-05')).toMatchObject({ budgets: [], totalSpent: 0, unbudgeted: 0 });
  });
});

describe('goals', () => {
  const AS_OF = '2026-03-15';

  it('reports saved, remaining, reached or projected dates and whether each goal is on track', () => {
    // Reached: running total 60000, 90000, 110000 -> the 2026-03-01 contribution reached 100000.
    // The deleted 50000 of 2026-01-15 would have reached it on 2026-02-01 had it counted.
    const car = goals.create(alice, { name: 'Car', target: 100000, targetDate: '2026-12-31' }).id;
    goals.contribute(alice, car, 60000, '2026-01-01');
    goals.deleteContribution(alice, goals.contribute(alice, car, 50000, '2026-01-15').id);
    goals.contribute(alice, car, 30000, '2026-02-01');
    goals.contribute(alice, car, 20000, '2026-03-01');

    // Saved 10000 + 5000 = 15000 (the deleted 20000 excluded); remaining 35000.
    // days = 2026-03-06 .. 2026-03-15 = 9, + 1 = 10, at least 90; ceil(35000 * 90 / 15000) = 210 days:
    // 2026-03-15 + 210 days = 2026-10-11 > 2026-06-30, not on track (ten days' rate would have said 2026-04-08).
    // Needed: 3 whole months (March to June), ceil(35000 / 3) = 11667 a month.
    const holiday = goals.create(alice, { name: 'Holiday', target: 50000, targetDate: '2026-06-30' }).id;
    goals.contribute(alice, holiday, 10000, '2026-03-06');
    goals.deleteContribution(alice, goals.contribute(alice, holiday, 20000, '2026-03-08').id);
    goals.contribute(alice, holiday, 5000, '2026-03-10');

    // days = 2026-02-13 .. 2026-03-15 = 30, + 1 = 31, at least 90; 990000 * 90 / 10000 = 8910 days:
    // 2026-03-15 + 8910 days = 2050-08-06, after 2026-12-31: not on track. Needed: 990000 / 9 months.
    const house = goals.create(alice, { name: 'House', target: 1000000, targetDate: '2026-12-31' }).id;
    goals.contribute(alice, house, 10000, '2026-02-13');

    // No contributions: no projection.
    const bike = goals.create(alice, { name: 'Bike', target: 20000, targetDate: '2026-05-01' }).id;

    // No target date: projected (days 1, at least 90; 2000 * 90 / 1000 = 180 -> 2026-09-11), onTrack null.
    const emergency = goals.create(alice, { name: 'emergency', target: 3000 }).id;
    goals.contribute(alice, emergency, 1000, '2026-03-15');

    // First contribution after asOf: days = -5 + 1 = -4, at least 90; 4000 * 90 / 1000 = 360 -> 2027-03-10.
    // Its date is this month: all 4000 is needed now.
    const future = goals.create(alice, { name: 'Future', target: 5000, targetDate: '2026-03-18' }).id;
    goals.contribute(alice, future, 1000, '2026-03-20');

    goals.delete(alice, goals.create(alice, { name: 'Gone', target: 1000 }).id);
    goals.contribute(bob, goals.create(bob, { name: 'Car', target: 100 }).id, 100, '2026-03-01');

    expect(reports.goals(alice, AS_OF)).toEqual({
      asOf: AS_OF,
      currency: 'EUR',
      goals: [
        {
          goalId: bike,
          name: 'Bike',
          target: 20000,
          saved: 0,
          remaining: 20000,
          percent: 0,
          targetDate: '2026-05-01',
          projectedDate: null,
          onTrack: null,
          neededPerMonth: 10000,
        },
        {
          goalId: car,
          name: 'Car',
          target: 100000,
          saved: 110000,
          remaining: 0,
          percent: 110,
          targetDate: '2026-12-31',
          projectedDate: '2026-03-01',
          onTrack: true,
          neededPerMonth: 0,
        },
        {
          goalId: emergency,
          name: 'emergency',
          target: 3000,
          saved: 1000,
          remaining: 2000,
          percent: 33.3,
          targetDate: null,
          projectedDate: '2026-09-11',
          onTrack: null,
          neededPerMonth: null,
        },
        {
          goalId: future,
          name: 'Future',
          target: 5000,
          saved: 1000,
          remaining: 4000,
          percent: 20,
          targetDate: '2026-03-18',
          projectedDate: '2027-03-10',
          onTrack: false,
          neededPerMonth: 4000,
        },
        {
          goalId: holiday,
          name: 'Holiday',
          target: 50000,
          saved: 15000,
          remaining: 35000,
          percent: 30,
          targetDate: '2026-06-30',
          projectedDate: '2026-10-11',
          onTrack: false,
          neededPerMonth: 11667,
        },
        {
          goalId: house,
          name: 'House',
          target: 1000000,
          saved: 10000,
          remaining: 990000,
          percent: 1,
          targetDate: '2026-12-31',
          projectedDate: '2050-08-06',
          onTrack: false,
          neededPerMonth: 110000,
        },
      ],
    });
  });

  it('counts a goal reached exactly on its target date as on track', () => {
    const g = goals.create(bob, { name: 'Phone', target: 900, targetDate: '2026-03-10' }).id;
    goals.contribute(bob, g, 400, '2026-03-01');
    goals.contribute(bob, g, 500, '2026-03-10'); // 400 + 500 = 900: reached that day
    expect(reports.goals(bob, AS_OF).goals).toEqual([
      {
        goalId: g,
        name: 'Phone',
        target: 900,
        saved: 900,
        remaining: 0,
        percent: 100,
        targetDate: '2026-03-10',
        projectedDate: '2026-03-10',
        onTrack: true,
        neededPerMonth: 0,
      },
    ]);
  });

  it('refuses a bad date', () => {
    expect(() => reports.goals(alice, '2026-03')).toThrow(ValidationError);
  });
});

describe('trend', () => {
  beforeEach(() => {
    earn(alice, 'Salary', 1000, '2025-03-01'); // first day of the first month
    spend(alice, 'Food', 400, '2025-03-31');
    spend(alice, 'Food', 6000, '2025-12-01');
    spend(alice, 'Housing', 500, '2025-12-31');
    earn(alice, 'Salary', 5000, '2025-12-31');
    earn(alice, 'Freelance', 3000, '2026-01-15');
    spend(alice, 'Food', 700, '2026-02-01');
    earn(alice, 'Salary', 2000, '2026-02-28'); // last day of the last month
    // Not counted: before and after the 12 months, deleted, another user's.
    earn(alice, 'Salary', 9999, '2025-02-28');
    spend(alice, 'Food', 8888, '2026-03-01');
    expenses.delete(alice, spend(alice, 'Food', 111, '2026-01-10'));
    spend(bob, 'Food', 222, '2026-01-10');
  });

  it('gives the 12 months ending with endMonth, oldest first, across a year boundary, zeros when empty', () => {
    const zero = { income: 0, expenses: 0, net: 0 };
    expect(reports.trend(alice, '2026-02')).toEqual({
      endMonth: '2026-02',
      currency: 'EUR',
      months: [
        { month: '2025-03', income: 1000, expenses: 400, net: 600 },
        { month: '2025-04', ...zero },
        { month: '2025-05', ...zero },
        { month: '2025-06', ...zero },
        { month: '2025-07', ...zero },
        { month: '2025-08', ...zero },
        { month: '2025-09', ...zero },
        { month: '2025-10', ...zero },
        { month: '2025-11', ...zero },
        { month: '2025-12', income: 5000, expenses: 6500, net: -1500 },
        { month: '2026-01', income: 3000, expenses: 0, net: 3000 },
        { month: '2026-02', income: 2000, expenses: 700, net: 1300 },
      ],
    });
  });

  it('takes a shorter window when asked', () => {
    expect(reports.trend(alice, '2026-01', 3).months).toEqual([
      { month: '2025-11', income: 0, expenses: 0, net: 0 },
      { month: '2025-12', income: 5000, expenses: 6500, net: -1500 },
      { month: '2026-01', income: 3000, expenses: 0, net: 3000 },
    ]);
    expect(() => reports.trend(alice, '2026-01', 0)).toThrow(ValidationError);
  });
});
