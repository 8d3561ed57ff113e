import { describe, expect, it } from 'vitest';
import { newId, userIdFor } from '../../src/domain/ids.js';
import { SyncLogRepository } from '../../src/local/sync-log-repository.js';
import { LocalSyncRows } from '../../src/local/sync-rows.js';
import { applyPush } from '../../src/sync/apply-push.js';
import { UserIdentityError } from '../../src/sync/user-identity.js';
import { embeddedScenario } from './embedded-scenario.js';
import { centralSnapshot, type Device } from '../support/devices.js';

/**
 * One person, one user: two people who pick the same name on two devices are never merged. Whoever reaches
 * the central store first keeps the name; the other is refused before anything moves, and neither person's
 * data changes, on either device or centrally.
 */
const world = embeddedScenario();
const kim = userIdFor('kim');

function spend(d: Device, amount: number, note: string) {
  return d.expenses.create(kim, {
    categoryId: d.categoryId('kim', 'Food'),
    amount,
    date: '2026-11-05',
    note,
  });
}

const amounts = (d: Device) =>
  d.expenses
    .list(kim, {})
    .items.map((e) => [e.amount, e.note])
    .sort();

describe('two people choose the same name on two devices', () => {
  it('neither one’s data changes: the second is refused with nothing written, on either side', async () => {
    const laptop = world.device('laptop');
    const phone = world.device('phone');
    laptop.users.create({ name: 'Kim', currency: 'JPY', locale: 'ja-JP' });
    spend(laptop, 1500, 'ramen');
    phone.users.create({ name: 'Kim', currency: 'EUR', locale: 'de-DE' });
    spend(phone, 1250, 'Mittagessen');

    expect((await laptop.sync('Kim')).log.status).toBe('Success');
    const central = await centralSnapshot(world.central(), 'Kim');
    await expect(phone.sync('Kim')).rejects.toBeInstanceOf(UserIdentityError);
    expect(await centralSnapshot(world.central(), 'Kim')).toEqual(central);
    expect(new SyncLogRepository(phone.store).list(kim, 10)).toEqual([]);

    expect((await laptop.sync('Kim')).log.status).toBe('Success');
    expect(laptop.users.get(kim).currency).toBe('JPY');
    expect(amounts(laptop)).toEqual([[1500, 'ramen']]);
    expect(laptop.conflicts.list(kim)).toEqual([]);
    expect(phone.users.get(kim).currency).toBe('EUR');
    expect(amounts(phone)).toEqual([[1250, 'Mittagessen']]);

    // A device that does not check (an older pfm, a hostile client) is refused by the central side too.
    const [row] = new LocalSyncRows(phone.store).readDirty('app_user', kim, '', 10);
    await expect(
      applyPush(
        world.central(),
        {
          batchId: newId(),
          userId: kim,
          deviceId: phone.store.deviceId,
          table: 'app_user',
          rows: [{ ...(row as NonNullable<typeof row>), base: null }],
        },
        world.clock().now().getTime(),
      ),
    ).rejects.toBeInstanceOf(UserIdentityError);
    expect(await centralSnapshot(world.central(), 'Kim')).toEqual(central);
  });

  it('a second device where the same person only added the user adopts the central one, currency included', async () => {
    const laptop = world.device('laptop');
    const phone = world.device('phone');
    laptop.users.create({ name: 'Kim', currency: 'JPY', locale: 'ja-JP' });
    spend(laptop, 1500, 'ramen');
    await laptop.sync('Kim');
    phone.users.create({ name: 'Kim', currency: 'EUR', locale: 'de-DE' });
    expect((await phone.sync('Kim')).log.status).toBe('Success');
    expect(phone.users.get(kim)).toMatchObject({ currency: 'JPY', locale: 'ja-JP' });
    expect(amounts(phone)).toEqual([[1500, 'ramen']]);
    await laptop.sync('Kim');
    expect(laptop.users.get(kim).currency).toBe('JPY');
    for (const d of [laptop, phone]) expect(d.conflicts.list(kim), d.name).toEqual([]);
  });
});
