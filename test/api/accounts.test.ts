import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountBalanceReport, NetWorthReport } from '../../src/domain/accounts.js';
import type { Account, RegisterEntry, Transfer } from '../../src/domain/entities.js';
import { expectError, openServer, type Client, type TestServer } from '../support/api-server.js';

interface AccountList {
  items: Account[];
  netWorth: number;
  currency: string;
}

describe('/api/accounts and /api/transfers', () => {
  let s: TestServer;
  let alice: Client;
  let bob: Client;
  let savings: Account;
  let card: Account;

  beforeAll(async () => {
    s = await openServer();
    await s.addUser('alice');
    await s.addUser('bob');
    alice = await s.login('alice');
    bob = await s.login('bob');
  });
  afterAll(() => s.close());

  const post = async <T>(client: Client, url: string, body: unknown, status = 201): Promise<T> => {
    const res = await client.post(url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  };

  it('starts every user with one account, and adds more (201) with their opening balances', async () => {
    const start = await alice.json<AccountList>('/api/accounts');
    expect(start.items.map((a) => a.name)).toEqual(['Main account']);
    expect(start).toMatchObject({ netWorth: 0, currency: 'EUR' });
    savings = (
      await post<{ account: Account }>(alice, '/api/accounts', {
        name: 'Savings',
        kind: 'savings',
        openingBalance: '1000.00',
        openingDate: '2026-10-01',
      })
    ).account;
    expect(savings).toMatchObject({
      kind: 'savings',
      openingBalance: 100000,
      balance: 100000,
      archived: false,
    });
    card = (
      await post<{ account: Account }>(alice, '/api/accounts', {
        name: 'Card',
        kind: 'credit_card',
        openingBalance: '-250.50',
      })
    ).account;
    const list = await alice.json<AccountList>('/api/accounts');
    expect(list.items.map((a) => a.name)).toEqual(['Card', 'Main account', 'Savings']);
    expect(list.netWorth).toBe(100000 - 25050);
    expect(await alice.json(`/api/accounts/${card.id}`)).toMatchObject({ account: { balance: -25050 } });
  });

  it('moves money between accounts, and both balances and the net worth show it', async () => {
    const { transfer } = await post<{ transfer: Transfer }>(alice, '/api/transfers', {
      from: 'Savings',
      to: card.id,
      amount: '50.50',
      date: '2026-11-05',
      note: 'pay the card',
    });
    expect(transfer).toMatchObject({
      fromAccountName: 'Savings',
      toAccountName: 'Card',
      amount: 5050,
      fromStatus: 'uncleared',
    });
    const list = await alice.json<AccountList>('/api/accounts');
    const balance = (name: string) => list.items.find((a) => a.name === name)?.balance;
    expect([balance('Savings'), balance('Card')]).toEqual([100000 - 5050, -25050 + 5050]);
    expect(list.netWorth).toBe(100000 - 25050);
    const page = await alice.json<{ items: Transfer[]; total: number }>(`/api/transfers?account=Card`);
    expect(page.items.map((t) => t.id)).toEqual([transfer.id]);
    expect((await alice.json<{ total: number }>('/api/transfers?account=Main%20account')).total).toBe(0);
  });

  it('files an expense and an income under an account, and filters lists by it', async () => {
    const { expense } = await post<{ expense: { id: string; accountName: string; status: string } }>(
      alice,
      '/api/expenses',
      { amount: '20', date: '2026-11-06', category: 'Food', account: 'card', status: 'cleared' },
    );
    expect(expense).toMatchObject({ accountName: 'Card', status: 'cleared' });
    await post(alice, '/api/income', { amount: '100', date: '2026-11-07', category: 'Salary' });
    const onCard = await alice.json<{ items: { id: string }[] }>(`/api/expenses?account=${card.id}`);
    expect(onCard.items.map((e) => e.id)).toEqual([expense.id]);
    expect((await alice.json<{ total: number }>('/api/expenses?account=Main%20account')).total).toBe(0);
    expect((await alice.json<{ total: number }>('/api/expenses?status=cleared')).total).toBe(1);
    expect((await alice.json<{ total: number }>('/api/income?account=Main%20account')).total).toBe(1);
    expectError(await alice.get('/api/expenses?account=Nowhere'), 400, 'account');
    expectError(await alice.get('/api/expenses?status=seen'), 400, 'status');
  });

  it('gives an account register with a running balance, newest first', async () => {
    const register = await alice.json<{ items: RegisterEntry[]; total: number; account: Account }>(
      `/api/accounts/${card.id}/register`,
    );
    expect(register.items.map((r) => [r.kind, r.amount, r.balance])).toEqual([
      ['expense', -2000, -25050 + 5050 - 2000],
      ['transfer', 5050, -25050 + 5050],
      ['opening', -25050, -25050],
    ]);
    expect(register.account.id).toBe(card.id);
    // A row opens by its id, as the register's edit forms need it; another user's id is not there.
    const [expenseRow, transferRow] = register.items;
    expect(await alice.json(`/api/expenses/${expenseRow?.id}`)).toMatchObject({
      expense: {
        id: expenseRow?.id,
        amount: 2000,
        categoryName: 'Food',
        accountId: card.id,
        status: 'cleared',
      },
      currency: 'EUR',
    });
    expect(await alice.json(`/api/transfers/${transferRow?.id}`)).toMatchObject({
      transfer: { id: transferRow?.id, amount: 5050, toAccountId: card.id },
    });
    expectError(await bob.get(`/api/expenses/${expenseRow?.id}`), 404);
    expectError(await alice.get(`/api/income/${expenseRow?.id}`), 404);
    const paged = await alice.json<{ items: RegisterEntry[]; total: number }>(
      `/api/accounts/${card.id}/register?limit=1&offset=1`,
    );
    expect(paged).toMatchObject({ total: 3, items: [{ kind: 'transfer' }] });
    expectError(await alice.get(`/api/accounts/${card.id}/register?limit=0`), 400, 'limit');
  });

  it('clears rows, compares a statement and reconciles only when the difference is zero', async () => {
    const transfer = (await alice.json<{ items: Transfer[] }>('/api/transfers')).items[0] as Transfer;
    const cleared = await alice.put(`/api/accounts/${card.id}/status`, {
      kind: 'transfer',
      rowId: transfer.id,
      status: 'cleared',
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    // The opening balance, the cleared transfer and the expense added cleared.
    const clearedBalance = -25050 + 5050 - 2000;
    expect(cleared.json<{ account: Account }>().account.clearedBalance).toBe(clearedBalance);
    const off = await post<{ reconcile: { difference: number; reconciled: number } }>(
      alice,
      `/api/accounts/${card.id}/reconcile`,
      { balance: '-219.00' },
      200,
    );
    expect(off.reconcile).toMatchObject({ difference: -21900 - clearedBalance, reconciled: 0 });
    const dry = await post<{ reconcile: { difference: number; reconciled: number } }>(
      alice,
      `/api/accounts/${card.id}/reconcile`,
      { balance: '-220.00', dryRun: true },
      200,
    );
    expect(dry.reconcile).toMatchObject({ difference: 0, reconciled: 0 });
    const done = await post<{ reconcile: { reconciled: number } }>(
      alice,
      `/api/accounts/${card.id}/reconcile`,
      { balance: -220 },
      200,
    );
    expect(done.reconcile.reconciled).toBe(2);
    const rows = await alice.json<{ items: RegisterEntry[] }>(`/api/accounts/${card.id}/register`);
    expect(rows.items.map((r) => r.status)).toEqual(['reconciled', 'reconciled', 'reconciled']);
    expect((await alice.json<Transfer>(`/api/transfers/${transfer.id}`)).toStatus).toBeUndefined();
    expect(await alice.json(`/api/transfers/${transfer.id}`)).toMatchObject({
      transfer: { toStatus: 'reconciled', fromStatus: 'uncleared' },
    });
  });

  it('asks for confirmReconciled before changing or deleting a reconciled row', async () => {
    const transfer = (await alice.json<{ items: Transfer[] }>('/api/transfers')).items[0] as Transfer;
    expectError(await alice.patch(`/api/transfers/${transfer.id}`, { note: 'x' }), 400, 'confirmReconciled');
    expectError(await alice.delete(`/api/transfers/${transfer.id}`), 400, 'confirmReconciled');
    const expense = (await alice.json<{ items: { id: string }[] }>(`/api/expenses?account=Card`)).items[0];
    const url = `/api/expenses/${expense?.id ?? ''}`;
    expectError(await alice.patch(url, { amount: '21' }), 400, 'confirmReconciled');
    expectError(await alice.delete(url), 400, 'confirmReconciled');
    const changed = await alice.patch(url, { amount: '21', confirmReconciled: true });
    expect(changed.statusCode, changed.body).toBe(200);
    const edited = await alice.patch(`/api/transfers/${transfer.id}`, { note: 'x', confirmReconciled: true });
    expect(edited.json<{ transfer: Transfer }>().transfer.note).toBe('x');
  });

  it('refuses bad transfers with 400 on the field at fault', async () => {
    const base = { from: 'Savings', to: 'Card', amount: '1', date: '2026-11-10' };
    const bobMain = (await bob.json<AccountList>('/api/accounts')).items[0] as Account;
    const archived = (await post<{ account: Account }>(alice, '/api/accounts', { name: 'Old' })).account;
    expect((await alice.patch(`/api/accounts/${archived.id}`, { archived: true })).statusCode).toBe(200);
    for (const [body, field] of [
      [{ ...base, to: 'Savings' }, 'to'],
      [{ ...base, to: archived.id }, 'to'],
      [{ ...base, from: 'Old' }, 'from'],
      [{ ...base, to: bobMain.id }, 'to'],
      [{ ...base, from: 'Nowhere' }, 'from'],
      [{ ...base, amount: '0' }, 'amount'],
      [{ ...base, amount: '-5' }, 'amount'],
      [{ ...base, date: '2026-02-30' }, 'date'],
      [{ ...base, extra: 1 }, 'extra'],
    ] as const)
      expectError(await alice.post('/api/transfers', body), 400, field);
    expectError(
      await alice.post('/api/expenses', {
        amount: '1',
        date: '2026-11-10',
        category: 'Food',
        account: 'Old',
      }),
      400,
      'account',
    );
    expectError(
      await alice.post('/api/expenses', {
        amount: '1',
        date: '2026-11-10',
        category: 'Food',
        account: bobMain.id,
      }),
      400,
      'account',
    );
  });

  it('refuses bad accounts and an opening date after the first row', async () => {
    for (const [body, field] of [
      [{}, 'name'],
      [{ name: 'X', kind: 'piggy' }, 'kind'],
      [{ name: 'X', openingBalance: 'lots' }, 'openingBalance'],
      [{ name: 'X', openingDate: '2026-13-01' }, 'openingDate'],
    ] as const)
      expectError(await alice.post('/api/accounts', body), 400, field);
    expectError(
      await alice.patch(`/api/accounts/${card.id}`, { openingDate: '2026-11-30' }),
      400,
      'openingDate',
    );
    expectError(await alice.delete(`/api/accounts/${card.id}`), 400);
    const bobMain = (await bob.json<AccountList>('/api/accounts')).items[0] as Account;
    expectError(await alice.get(`/api/accounts/${bobMain.id}`), 404);
    expectError(await alice.patch(`/api/accounts/${bobMain.id}`, { name: '' }), 404);
  });

  it('archives (out of the list unless all=true), brings back and deletes an empty account', async () => {
    const spare = (await post<{ account: Account }>(alice, '/api/accounts', { name: 'Spare' })).account;
    await alice.patch(`/api/accounts/${spare.id}`, { archived: true });
    const names = async (url: string) => (await alice.json<AccountList>(url)).items.map((a) => a.name);
    expect(await names('/api/accounts')).not.toContain('Spare');
    expect(await names('/api/accounts?all=true')).toContain('Spare');
    await alice.patch(`/api/accounts/${spare.id}`, { archived: false });
    expect(await names('/api/accounts')).toContain('Spare');
    expect((await alice.delete(`/api/accounts/${spare.id}`)).statusCode).toBe(204);
    expectError(await alice.get(`/api/accounts/${spare.id}`), 404);
  });

  it('reports balances and net worth as JSON and CSV', async () => {
    const balances = await alice.json<AccountBalanceReport>('/api/reports/balances?asOf=2026-11-30');
    expect(balances.total).toBe(balances.accounts.reduce((t, a) => t + a.balance, 0));
    expect(balances.accounts.map((a) => a.name)).toContain('Card');
    const early = await alice.json<AccountBalanceReport>('/api/reports/balances?asOf=2026-09-30');
    expect(early.accounts.find((a) => a.name === 'Savings')?.balance).toBe(0);
    const worth = await alice.json<NetWorthReport>('/api/reports/networth?from=2026-09&to=2026-11');
    expect(worth.months.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(worth.months[2]?.total).toBe(balances.total);
    expect((await alice.json<NetWorthReport>('/api/reports/networth')).months).toHaveLength(12);
    const csv = await alice.get('/api/reports/networth?from=2026-10&to=2026-11&format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[0]).toMatch(/^month,.*Card.*,net_worth,currency$/);
    const balanceCsv = await alice.get('/api/reports/balances?asOf=2026-11-30&format=csv');
    expect(balanceCsv.body).toContain('Net worth');
    expectError(await alice.get('/api/reports/networth?from=2026-11&to=2026-10'), 400, 'to');
    expectError(await alice.get('/api/reports/networth?from=2026-1'), 400, 'from');
    expectError(await alice.get('/api/reports/balances?asOf=soon'), 400, 'asOf');
  });

  it('imports a statement into the account chosen', async () => {
    const content = Buffer.from('Date,Amount,Description\n2026-11-08,-12.00,Bakery\n').toString('base64');
    const res = await alice.post('/api/import', { fileName: 'card.csv', content, account: 'Card' });
    expect(res.statusCode, res.body).toBe(201);
    const onCard = await alice.json<{ items: { note: string }[] }>(
      '/api/expenses?account=Card&search=Bakery',
    );
    expect(onCard.items).toHaveLength(1);
    const other = Buffer.from('Date,Amount,Description\n2026-11-09,-3.00,Kiosk\n').toString('base64');
    expectError(
      await alice.post('/api/import', { fileName: 'b.csv', content: other, account: 'Old' }),
      400,
      'account',
    );
    expectError(
      await alice.post('/api/import', { fileName: 'b.csv', content: other, account: 'Nowhere' }),
      400,
      'account',
    );
  });
});
