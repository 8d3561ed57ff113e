import { userIdFor } from '../../src/domain/ids.js';
import { between, pick } from '../../src/domain/seeded-random.js';
import { type Device, TestClock } from './devices.js';

/** The wall clock as it is: devices under load live in real time, as the hub and the database do. */
export class WallClock extends TestClock {
  override now = (): Date => new Date();
  override advance(): void {
    // real time moves by itself
  }
}

const EXPENSE = ['Food', 'Housing', 'Transport', 'Utilities', 'Health', 'Entertainment'];

/**
 * `count` random changes on a device (default 1–4) in one transaction: new expenses mostly, edits and deletes of
 * any of the user's expenses, so that devices of one user contend for the same rows.
 */
export function editAtRandom(
  d: Device,
  user: string,
  random: () => number,
  count = between(random, 1, 4),
): void {
  const userId = userIdFor(user);
  d.store.transaction(() => {
    for (let i = count; i > 0; i--) {
      const roll = random();
      const some = d.store.db
        .prepare('SELECT id FROM expense WHERE user_id = ? AND deleted = 0 ORDER BY random() LIMIT 1')
        .get(userId) as { id: string } | undefined;
      if (roll < 0.6 || !some) {
        d.expenses.create(userId, {
          categoryId: d.categoryId(user, pick(random, EXPENSE)),
          amount: between(random, 100, 90_000),
          date: `2026-11-${String(between(random, 1, 28)).padStart(2, '0')}`,
          note: `load ${d.name}`,
        });
      } else if (roll < 0.9) {
        d.expenses.edit(userId, some.id, {
          amount: between(random, 100, 90_000),
          note: `edited on ${d.name}`,
        });
      } else {
        d.expenses.delete(userId, some.id);
      }
    }
  });
}
