import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { userIdFor } from '../../src/domain/ids.js';
import { restoreBackup, takeBackup } from '../../src/local/backup.js';
import { StatementImporter } from '../../src/local/statement-import.js';
import { embeddedScenario } from './embedded-scenario.js';
import { centralSnapshot, type Device } from '../support/devices.js';

const scenario = embeddedScenario();
const device = scenario.device;

const ann = userIdFor('ann');
const importFile = (d: Device, name: string) =>
  new StatementImporter(d.store).run(ann, {
    bytes: new Uint8Array(readFileSync(`test/fixtures/statements/${name}`)),
    fileName: name,
    options: {},
  });

describe('imports across devices', () => {
  it('a statement imported on one device adds nothing when imported again on another after sync', async () => {
    const laptop = device('laptop');
    laptop.users.create({ name: 'ann', currency: 'EUR', locale: 'en-IE' });
    expect(importFile(laptop, 'overlap-september.csv').added).toBe(4);
    await laptop.sync('ann');

    const phone = device('phone');
    await phone.sync('ann');
    expect(importFile(phone, 'overlap-september.csv')).toMatchObject({ added: 0, duplicates: 4 });
    expect(importFile(phone, 'overlap-october.csv')).toMatchObject({ added: 2, duplicates: 3 });
    await phone.sync('ann');
    await laptop.sync('ann');
    expect(laptop.snapshot('ann')).toEqual(phone.snapshot('ann'));
    expect(laptop.snapshot('ann').expense).toHaveLength(5);
  });

  it('two devices importing the same statement offline converge on one row per transaction', async () => {
    const laptop = device('laptop');
    laptop.users.create({ name: 'ann', currency: 'EUR', locale: 'en-IE' });
    await laptop.sync('ann');
    const phone = device('phone');
    await phone.sync('ann');

    importFile(laptop, 'de-sparkasse-latin1.csv');
    scenario.clock().advance(5000);
    importFile(phone, 'de-sparkasse-latin1.csv');
    await laptop.sync('ann');
    await phone.sync('ann');
    await laptop.sync('ann');
    const snapshot = await centralSnapshot(scenario.central(), 'ann');
    expect(snapshot.expense).toHaveLength(4);
    expect(snapshot.income).toHaveLength(1);
    // Both devices made the same "Uncategorized" categories (ids from the name): one of each kind.
    expect(snapshot.category.filter((c) => c.name === 'Uncategorized')).toHaveLength(2);
    expect(laptop.snapshot('ann')).toEqual(phone.snapshot('ann'));
  });
});

describe('restoring a backup', () => {
  it('a restored device syncs without conflicts and takes edits made elsewhere after the backup', async () => {
    const laptop = device('laptop');
    laptop.users.create({ name: 'ann', currency: 'EUR', locale: 'en-IE' });
    importFile(laptop, 'overlap-september.csv');
    await laptop.sync('ann');
    const backup = JSON.parse(JSON.stringify(takeBackup(laptop.store, ann))) as unknown;

    scenario.clock().advance(60_000);
    const bakery = laptop.expenses.list(ann, { search: 'Bakery' }).items[0];
    laptop.expenses.edit(ann, bakery?.id ?? '', { amount: 330 });
    await laptop.sync('ann');

    const fresh = device('fresh');
    restoreBackup(fresh.store, backup);
    const report = await fresh.sync('ann');
    expect(report.log.status).toBe('Success');
    expect(fresh.conflicts.list(ann)).toEqual([]);
    expect(laptop.conflicts.list(ann)).toEqual([]);
    expect(fresh.expenses.get(ann, bakery?.id ?? '').amount).toBe(330);
    expect(fresh.snapshot('ann')).toEqual(await centralSnapshot(scenario.central(), 'ann'));
    expect(fresh.dirtyCount()).toBe(0);

    // A change made on the restored device wins over the backup's older values everywhere.
    scenario.clock().advance(1000);
    fresh.expenses.edit(ann, bakery?.id ?? '', { note: 'Bakery (restored device)' });
    await fresh.sync('ann');
    await laptop.sync('ann');
    expect(laptop.expenses.get(ann, bakery?.id ?? '').note).toBe('Bakery (restored device)');
  });

  it('a central store rebuilt from nothing gets every row back, tombstones included, from a restored device', async () => {
    const laptop = device('laptop');
    laptop.users.create({ name: 'ann', currency: 'EUR', locale: 'en-IE' });
    importFile(laptop, 'overlap-september.csv');
    const bakery = laptop.expenses.list(ann, { search: 'Bakery' }).items[0];
    laptop.expenses.delete(ann, bakery?.id ?? '');
    const backup = takeBackup(laptop.store, ann);

    const fresh = device('fresh');
    restoreBackup(fresh.store, backup);
    await fresh.sync('ann');
    const snapshot = await centralSnapshot(scenario.central(), 'ann');
    expect(snapshot).toEqual(laptop.snapshot('ann'));
    expect(snapshot.expense.filter((e) => e.deleted === 1)).toHaveLength(1);
  });
});
