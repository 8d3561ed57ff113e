import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../../src/domain/entities.js';
import { ImportRuleRepository } from '../../../src/local/import-rule-repository.js';
import {
  BadLinesError,
  StatementImporter,
  UNCATEGORIZED,
  type ImportRequest,
} from '../../../src/local/statement-import.js';
import { openFixture, type Fixture } from '../../support/local-fixture.js';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/statements/${name}`));
const request = (name: string, extra: Partial<ImportRequest> = {}): ImportRequest => ({
  bytes: fixture(name),
  fileName: name,
  options: {},
  ...extra,
});

let f: Fixture;
let user: User;
let importer: StatementImporter;
const counts = () => ({
  expenses: f.expenses.list(user.id, { limit: 1000 }).total,
  income: f.income.list(user.id, { limit: 1000 }).total,
});
beforeEach(() => {
  f = openFixture();
  user = f.users.create({ name: 'alice', currency: 'EUR', locale: 'de-DE' });
  importer = new StatementImporter(f.store);
});
afterEach(() => f.store.close());

describe('importing a statement', () => {
  it('adds expenses and income; importing the same file again adds nothing', () => {
    const first = importer.run(user.id, request('de-sparkasse-latin1.csv'));
    expect(first).toMatchObject({ added: 5, duplicates: 0 });
    expect(counts()).toEqual({ expenses: 4, income: 1 });
    const rent = f.expenses.list(user.id, { search: 'Miete' }).items[0];
    expect(rent).toMatchObject({ amount: 125000, date: '2026-10-01', categoryName: UNCATEGORIZED });

    const again = importer.run(user.id, request('de-sparkasse-latin1.csv'));
    expect(again).toMatchObject({ added: 0, duplicates: 5, batchId: null });
    expect(counts()).toEqual({ expenses: 4, income: 1 });
  });

  it('puts the rows in the account asked for; the same lines in another account are other transactions', () => {
    const card = f.accounts.create(user.id, { name: 'Card', kind: 'credit_card' });
    expect(importer.run(user.id, request('de-sparkasse-latin1.csv'))).toMatchObject({ added: 5 });
    const intoCard = importer.run(user.id, request('de-sparkasse-latin1.csv', { accountId: card.id }));
    expect(intoCard).toMatchObject({ added: 5, duplicates: 0 });
    expect(f.expenses.list(user.id, { accountId: card.id }).total).toBe(4);
    expect(importer.run(user.id, request('de-sparkasse-latin1.csv', { accountId: card.id }))).toMatchObject({
      added: 0,
      duplicates: 5,
    });
    expect(f.accounts.get(user.id, card.id).balance).toBe(f.accounts.get(user.id, user.id).balance);
  });

  it('adds only the new lines of an overlapping statement and keeps identical real transactions', () => {
    expect(importer.run(user.id, request('overlap-september.csv')).added).toBe(4);
    const second = importer.run(user.id, request('overlap-october.csv'));
    expect(second).toMatchObject({ added: 2, duplicates: 3 });
    expect(second.lines.filter((l) => !l.duplicate).map((l) => l.description)).toEqual([
      'Salary',
      'Pharmacy',
    ]);
    const coffees = f.expenses.list(user.id, { search: 'Coffee Corner' }).items;
    expect(coffees).toHaveLength(2);
  });

  it('keeps a deleted imported row deleted when the statement is imported again', () => {
    importer.run(user.id, request('overlap-september.csv'));
    const bakery = f.expenses.list(user.id, { search: 'Bakery' }).items[0];
    f.expenses.delete(user.id, bakery?.id ?? '');
    expect(importer.run(user.id, request('overlap-september.csv')).added).toBe(0);
    expect(f.expenses.list(user.id, { search: 'Bakery' }).total).toBe(0);
  });

  it('refuses a file with bad lines as a whole, naming each, and imports the rest when asked', () => {
    let caught: unknown;
    try {
      importer.run(user.id, request('bad-lines.csv'));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(BadLinesError);
    expect((caught as BadLinesError).lines.map((l) => l.line)).toEqual([3, 5, 6]);
    expect(counts()).toEqual({ expenses: 0, income: 0 });
    expect(f.categories.find(user.id, UNCATEGORIZED, 'expense')).toBeUndefined();

    const skipped = importer.run(user.id, request('bad-lines.csv', { skipBad: true }));
    expect(skipped).toMatchObject({ added: 3, skippedBad: 3 });
  });

  it('files lines by the user rules, first match first, by kind, case and accents ignored', () => {
    const rules = new ImportRuleRepository(f.store);
    const food = f.categories.resolve(user.id, 'Food', 'expense');
    const housing = f.categories.resolve(user.id, 'Housing', 'expense');
    const salary = f.categories.resolve(user.id, 'Salary', 'income');
    rules.add(user.id, 'baeckerei', housing.id); // never matches: "Bäckerei" folds to "backerei"
    rules.add(user.id, 'BACKEREI', food.id);
    rules.add(user.id, 'rewe', food.id);
    rules.add(user.id, 'miete', housing.id);
    rules.add(user.id, 'gehalt', salary.id);
    importer.run(user.id, request('de-sparkasse-latin1.csv'));
    const byDescription = Object.fromEntries(
      [...f.expenses.list(user.id).items, ...f.income.list(user.id).items].map((e) => [
        e.note.split(' ')[0],
        e.categoryName,
      ]),
    );
    expect(byDescription).toEqual({
      Hausverwaltung: 'Housing',
      Bäckerei: 'Food',
      Arbeitgeber: 'Salary',
      REWE: 'Food',
      Zoë: UNCATEGORIZED,
    });
  });

  it('writes nothing on a dry run, yet reports what would be added', () => {
    const dry = importer.run(user.id, request('nl-ing.csv', { dryRun: true }));
    expect(dry).toMatchObject({ added: 3, duplicates: 0, dryRun: true, batchId: null });
    expect(counts()).toEqual({ expenses: 0, income: 0 });
    expect(f.categories.find(user.id, UNCATEGORIZED, 'expense')).toBeUndefined();
  });

  it('keys OFX lines by FITID: two equal coffees with their own FITIDs are two rows', () => {
    const usd = f.users.create({ name: 'bob', currency: 'USD', locale: 'en-US' });
    const result = importer.run(usd.id, request('checking-v1.ofx'));
    expect(result).toMatchObject({ format: 'ofx', added: 5 });
    expect(f.expenses.list(usd.id, { search: 'BLUE BOTTLE' }).total).toBe(2);
    expect(importer.run(usd.id, request('checking-v1.ofx')).added).toBe(0);
    const sources = f.store.db
      .prepare('SELECT fitid, line FROM import_source WHERE user_id = ? ORDER BY line')
      .all(usd.id) as { fitid: string; line: number }[];
    expect(sources.map((s) => s.fitid)).toEqual([
      '2026100201',
      '2026101501',
      '2026101601',
      '2026101602',
      '2026102001',
    ]);
  });

  it('two users importing one file each get their own rows', () => {
    const bob = f.users.create({ name: 'bob', currency: 'EUR', locale: 'en-US' });
    const a = importer.run(user.id, request('overlap-september.csv'));
    const b = importer.run(bob.id, request('overlap-september.csv'));
    expect(b.added).toBe(4);
    expect(new Set([...a.lines, ...b.lines].map((l) => l.id)).size).toBe(8);
  });
});
