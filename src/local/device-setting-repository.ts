import type { LocalStore } from './local-store.js';

/** The settings this device keeps per user. Never synced: another device of the same user decides its own. */
export const DEVICE_SETTINGS = ['auto_sync_minutes'] as const;
export type DeviceSetting = (typeof DEVICE_SETTINGS)[number];

/** This device's settings per user (`device_setting`), as text. */
export class DeviceSettingRepository {
  constructor(private readonly store: LocalStore) {}

  get(userId: string, name: DeviceSetting): string | null {
    const row = this.store
      .sql('SELECT value FROM device_setting WHERE user_id = ? AND name = ?')
      .get(userId, name) as { value: string } | undefined;
    return row?.value ?? null;
  }

  /** Set a value; null removes it (back to the default). */
  set(userId: string, name: DeviceSetting, value: string | null): void {
    if (value === null) {
      this.store.sql('DELETE FROM device_setting WHERE user_id = ? AND name = ?').run(userId, name);
      return;
    }
    this.store
      .sql(
        `INSERT INTO device_setting (user_id, name, value) VALUES (?, ?, ?)
         ON CONFLICT (user_id, name) DO UPDATE SET value = excluded.value`,
      )
      .run(userId, name, value);
  }

  /** Every user's value of one setting. */
  all(name: DeviceSetting): { userId: string; value: string }[] {
    return this.store
      .sql('SELECT user_id AS userId, value FROM device_setting WHERE name = ? ORDER BY user_id')
      .all(name) as { userId: string; value: string }[];
  }
}
