import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliOn, pfmProcess, tempDataDir } from '../support/cli-runner.js';

let data: { dir: string; dispose: () => void };
beforeEach(async () => {
  data = tempDataDir();
  await pfmJson('user', 'add', 'zoe', '--currency', 'EUR');
});
afterEach(() => data.dispose());

const { pfm, pfmJson } = cliOn(() => data.dir);
/** `pfm` as a real process on this device folder: exit codes as a shell sees them. */
const pfmReal = (...args: string[]) => pfmProcess(['--data', data.dir, ...args]);

interface AccountJson {
  id: string;
  name: string;
  kind: string;
  balance: number;
  clearedBalance: number;
  archived: boolean;
  onBudget: boolean;
  openingBalance: number;
}

/** Every row and the device's clock: any write, even one that changes nothing visible, moves the clock. */
function snapshot(): string {
  const db = new Database(join(data.dir, 'pfm.db'), { readonly: true });
  try {
    const tables = ['account', 'transfer', 'expense', 'income', 'import_account'];
    return JSON.stringify([
      db.prepare('SELECT last_hlc FROM device').get(),
      ...tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()),
    ]);
  } finally {
    db.close();
  }
}

/** Add an expense (or income) of zoe's: amount, category, then any other flags. */
const spend = <T = { id: string }>(amount: string, category: string, ...flags: string[]) =>
  pfmJson<T>('expense', 'add', '--user', 'zoe', '--amount', amount, '--category', category, ...flags);
const earn = <T = { id: string }>(amount: string, category: string, ...flags: string[]) =>
  pfmJson<T>('income', 'add', '--user', 'zoe', '--amount', amount, '--category', category, ...flags);

const accounts = async (...flags: string[]) =>
  pfmJson<{ accounts: AccountJson[]; netWorth: number }>('account', 'list', '--user', 'zoe', ...flags);

describe('pfm account', () => {
  it('adds accounts, lists them with balances and the net worth, and reports balances', async () => {
    const savings = await pfmJson<AccountJson>(
      'account',
      'add',
      'Savings',
      '--user',
      'zoe',
      '--kind',
      'savings',
      '--opening-balance',
      '1000',
      '--off-budget',
    );
    expect(savings).toMatchObject({
      kind: 'savings',
      openingBalance: 100000,
      onBudget: false,
      balance: 100000,
    });
    await pfmJson(
      'account',
      'add',
      'Visa',
      '--user',
      'zoe',
      '--kind',
      'credit_card',
      '--opening-balance',
      '-123.45',
    );
    await spend('20', 'food', '--date', '2026-11-01', '--account', 'visa');
    const list = await accounts();
    expect(list.accounts.map((a) => [a.name, a.balance])).toEqual([
      ['Main account', 0],
      ['Savings', 100000],
      ['Visa', -14345],
    ]);
    expect(list.netWorth).toBe(85655);
    const text = await pfm('account', 'list', '--user', 'zoe');
    expect(text.stdout).toMatch(/name +kind +balance +cleared balance +archived/);
    expect(text.stdout).toContain('Net worth: €856.55');

    const report = await pfmJson<{ accounts: { name: string; balance: number }[]; total: number }>(
      'report',
      'balances',
      '--user',
      'zoe',
      '--as-of',
      '2026-10-31',
    );
    expect(report.accounts.find((a) => a.name === 'Visa')?.balance).toBe(-12345);
    expect(report.total).toBe(87655);
    const worth = await pfmJson<{ months: { month: string; total: number }[] }>(
      'report',
      'networth',
      '--user',
      'zoe',
      '--from',
      '2026-10',
      '--to',
      '2026-11',
    );
    expect(worth.months.map((m) => [m.month, m.total])).toEqual([
      ['2026-10', 87655],
      ['2026-11', 85655],
    ]);
  });

  it('archives (hidden, still counted), refuses to delete an account with rows, deletes an empty one', async () => {
    await pfmJson('account', 'add', 'Cash', '--user', 'zoe', '--kind', 'cash', '--opening-balance', '50');
    await pfmJson('account', 'add', 'Old', '--user', 'zoe');
    await spend('5', 'food', '--account', 'cash');
    expect((await pfmJson<AccountJson>('account', 'archive', 'Cash', '--user', 'zoe')).archived).toBe(true);
    const list = await accounts();
    expect(list.accounts.map((a) => a.name)).toEqual(['Main account', 'Old']);
    expect(list.netWorth).toBe(4500);
    expect((await accounts('--all')).accounts.map((a) => a.name)).toContain('Cash');

    const before = snapshot();
    const refused = await pfm('account', 'delete', 'Cash', '--user', 'zoe');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('pfm: account "Cash" holds 1 row: archive it instead of deleting it\n');
    expect(snapshot()).toBe(before);
    await pfmJson('account', 'unarchive', 'cash', '--user', 'zoe');
    await pfmJson('account', 'delete', 'Old', '--user', 'zoe');
    expect((await accounts('--all')).accounts.map((a) => a.name)).toEqual(['Cash', 'Main account']);
  });

  it('edits an account; the register shows each row with the balance after it', async () => {
    await pfmJson(
      'account',
      'add',
      'Bank',
      '--user',
      'zoe',
      '--opening-balance',
      '100',
      '--opening-date',
      '2026-10-01',
    );
    await spend('30', 'food', '--date', '2026-10-05', '--account', 'bank');
    await earn('10', 'salary', '--date', '2026-10-06', '--account', 'bank', '--status', 'cleared');
    const edited = await pfmJson<AccountJson>(
      'account',
      'edit',
      'Bank',
      '--user',
      'zoe',
      '--name',
      'Checking',
      '--kind',
      'checking',
      '--on-budget',
    );
    expect(edited.name).toBe('Checking');
    const register = await pfmJson<{
      items: { kind: string; amount: number; balance: number; status: string }[];
    }>('account', 'register', 'checking', '--user', 'zoe', '--limit', '10');
    expect(register.items.map((e) => [e.kind, e.amount, e.balance, e.status])).toEqual([
      ['income', 1000, 8000, 'cleared'],
      ['expense', -3000, 7000, 'uncleared'],
      ['opening', 10000, 10000, 'reconciled'],
    ]);
    const text = await pfm('account', 'register', 'checking', '--user', 'zoe');
    expect(text.stdout).toMatch(/date +kind +counterpart +note +status +amount +balance/);
  });
});

describe('pfm transfer', () => {
  beforeEach(async () => {
    await pfmJson('account', 'add', 'Savings', '--user', 'zoe', '--kind', 'savings');
  });

  it('moves money between accounts without counting as spending or income', async () => {
    await spend('40', 'food', '--date', '2026-11-02');
    const monthly = () =>
      pfmJson<{ income: number; expenses: number }>(
        'report',
        'monthly',
        '--user',
        'zoe',
        '--month',
        '2026-11',
      );
    const before = await monthly();
    const t = await pfmJson<{ id: string; fromAccountName: string; amount: number }>(
      'transfer',
      'add',
      '--user',
      'zoe',
      '--from',
      'main account',
      '--to',
      'savings',
      '--amount',
      '250',
      '--date',
      '2026-11-03',
      '--note',
      'rainy day',
    );
    expect(t).toMatchObject({ fromAccountName: 'Main account', amount: 25000 });
    expect(await monthly()).toEqual(before);
    const list = await accounts();
    expect(list.accounts.map((a) => [a.name, a.balance])).toEqual([
      ['Main account', -29000],
      ['Savings', 25000],
    ]);
    expect(list.netWorth).toBe(-4000);

    const listed = await pfmJson<{ items: { id: string }[] }>(
      'transfer',
      'list',
      '--user',
      'zoe',
      '--account',
      'savings',
      '--from-date',
      '2026-11-01',
      '--to-date',
      '2026-11-30',
    );
    expect(listed.items.map((x) => x.id)).toEqual([t.id]);
    const edited = await pfmJson<{ amount: number }>('transfer', 'edit', t.id, '--amount', '200');
    expect(edited.amount).toBe(20000);
    await pfmJson('transfer', 'delete', t.id);
    expect((await pfmJson<{ total: number }>('transfer', 'list', '--user', 'zoe')).total).toBe(0);
  });

  it('refuses bad input with exit 2 and one line, writing nothing', async () => {
    await pfmJson('user', 'add', 'bob');
    const bobs = (await pfmJson<{ accounts: AccountJson[] }>('account', 'list', '--user', 'bob')).accounts[0];
    await pfmJson('account', 'add', 'Attic', '--user', 'zoe');
    await pfmJson('account', 'archive', 'Attic', '--user', 'zoe');
    await spend('5', 'food', '--date', '2026-11-02', '--account', 'savings');
    const add = ['transfer', 'add', '--user', 'zoe', '--date', '2026-11-03'];
    const cases: [string[], RegExp][] = [
      [[...add, '--from', 'savings', '--to', 'Savings', '--amount', '5'], /both "Savings"/],
      [[...add, '--from', 'savings', '--to', 'attic', '--amount', '5'], /--to: account "Attic" is archived/],
      [[...add, '--from', 'savings', '--to', String(bobs?.id), '--amount', '5'], /no account/],
      [[...add, '--from', 'savings', '--to', 'main account', '--amount', '0'], /greater than zero/],
      [[...add, '--from', 'savings', '--to', 'main account', '--amount', '-3'], /greater than zero/],
      [['account', 'add', 'savings', '--user', 'zoe'], /already exists/],
      [['account', 'add', 'X', '--user', 'zoe', '--kind', 'piggy'], /kind must be one of/],
      [
        ['account', 'edit', 'Savings', '--user', 'zoe', '--opening-date', '2026-11-05'],
        /on or before 2026-11-02/,
      ],
      [['account', 'edit', 'Savings', '--user', 'zoe', '--on-budget', '--off-budget'], /not both/],
      [
        ['expense', 'add', '--user', 'zoe', '--amount', '1', '--category', 'food', '--account', 'attic'],
        /archived/,
      ],
      [
        ['expense', 'add', '--user', 'zoe', '--amount', '1', '--category', 'food', '--status', 'seen'],
        /status/,
      ],
    ];
    for (const [args, message] of cases) {
      const before = snapshot();
      const r = await pfm(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(snapshot(), args.join(' ')).toBe(before);
    }
    // The same as a real process, as a shell sees it.
    const before = snapshot();
    const real = pfmReal(...add, '--from', 'savings', '--to', 'savings', '--amount', '5');
    expect(real.code).toBe(2);
    expect(real.stderr).toMatch(/^pfm: --from and --to are both "Savings"/);
    expect(snapshot()).toBe(before);
  });
});

describe('pfm reconcile and clear', () => {
  it('clears rows, reconciles a matching statement, and guards the reconciled rows', async () => {
    await pfmJson('account', 'add', 'Bank', '--user', 'zoe', '--opening-balance', '100');
    const rent = await spend<{ id: string }>('60', 'housing', '--date', '2026-11-01', '--account', 'bank');
    const food = await spend<{ id: string }>('15', 'food', '--date', '2026-11-02', '--account', 'bank');
    expect((await pfm('clear', 'bank', 'expense', rent.id, '--user', 'zoe')).code).toBe(0);

    // The statement also shows the food row, not cleared yet: they differ, and that row is named.
    const before = snapshot();
    const off = pfmReal('reconcile', '--user', 'zoe', '--account', 'Bank', '--balance', '25');
    expect(off.code).toBe(3);
    expect(off.stdout).toContain('They differ by -€15.00; nothing was marked');
    expect(off.stdout).toContain(`the uncleared expense of €15.00 on 2026-11-02 (Food, id ${food.id})`);
    expect(off.stderr).toBe('pfm: the statement and the cleared balance differ by -€15.00\n');
    expect(snapshot()).toBe(before);

    await pfmJson('expense', 'edit', food.id, '--status', 'cleared');
    const dry = await pfmJson<{ difference: number; reconciled: number }>(
      'reconcile',
      '--user',
      'zoe',
      '--account',
      'Bank',
      '--balance',
      '25',
      '--dry-run',
    );
    expect(dry).toMatchObject({ difference: 0, reconciled: 0 });
    expect(snapshot()).not.toBe(before);
    const done = await pfm('reconcile', '--user', 'zoe', '--account', 'Bank', '--balance', '25');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('They agree: 2 cleared rows marked reconciled');
    const bank = (await accounts()).accounts.find((a) => a.name === 'Bank');
    expect(bank?.clearedBalance).toBe(2500);

    const guarded = snapshot();
    const edit = await pfm('expense', 'edit', food.id, '--amount', '16');
    expect(edit.code).toBe(2);
    expect(edit.stderr).toContain('--confirm-reconciled');
    expect((await pfm('expense', 'delete', food.id)).code).toBe(2);
    expect(snapshot()).toBe(guarded);
    const confirmed = await pfmJson<{ amount: number }>(
      'expense',
      'edit',
      food.id,
      '--amount',
      '16',
      '--confirm-reconciled',
    );
    expect(confirmed.amount).toBe(1600);

    const t = await pfmJson<{ id: string }>(
      'transfer',
      'add',
      '--user',
      'zoe',
      '--from',
      'bank',
      '--to',
      'main account',
      '--amount',
      '5',
      '--date',
      '2026-11-04',
    );
    await pfmJson('clear', 'bank', 'transfer', t.id, '--user', 'zoe');
    await pfmJson('clear', 'bank', 'transfer', t.id, '--user', 'zoe', '--uncleared');
    const listed = await pfmJson<{ items: { fromStatus: string; toStatus: string }[] }>(
      'transfer',
      'list',
      '--user',
      'zoe',
    );
    expect(listed.items[0]).toMatchObject({ fromStatus: 'uncleared', toStatus: 'uncleared' });
    expect((await pfm('clear', 'bank', 'budget', t.id, '--user', 'zoe')).code).toBe(2);
  });

  it('lists the rows of one account and status', async () => {
    await pfmJson('account', 'add', 'Bank', '--user', 'zoe');
    await spend('1', 'food', '--account', 'bank', '--status', 'cleared');
    await spend('2', 'food');
    const inBank = await pfmJson<{ items: { amount: number; accountName: string }[] }>(
      'expense',
      'list',
      '--user',
      'zoe',
      '--account',
      'bank',
    );
    expect(inBank.items.map((e) => [e.amount, e.accountName])).toEqual([[100, 'Bank']]);
    const cleared = await pfmJson<{ total: number }>(
      'expense',
      'list',
      '--user',
      'zoe',
      '--status',
      'cleared',
    );
    expect(cleared.total).toBe(1);
  });
});
