import type { DeviceToken, DeviceTokenStore, DeviceTokenTarget } from '../central-store.js';
import {
  newTokenValues,
  requireNewToken,
  requireTarget,
  requireText,
  requireTokenHash,
  toDeviceToken,
} from '../device-token-rows.js';
import type { SqliteSession } from './sqlite-session.js';
import { SQLITE_DEVICE_TOKEN_SQL as SQL } from './sqlite-sql.js';

/** Device tokens in the SQLite central store: one statement per call. */
export class SqliteDeviceTokens implements DeviceTokenStore {
  constructor(private readonly session: SqliteSession) {}

  async create(token: DeviceToken & { readonly tokenHash: string }): Promise<void> {
    requireNewToken(token);
    return this.session.serial(() => {
      this.session.run(SQL.create, newTokenValues(token));
    });
  }

  async findByHash(tokenHash: string): Promise<DeviceToken | null> {
    requireTokenHash(tokenHash);
    return this.session.serial(() => {
      const row = this.session.get<Record<string, unknown>>(SQL.findByHash, [tokenHash]);
      return row ? toDeviceToken(row) : null;
    });
  }

  async list(userId?: string): Promise<DeviceToken[]> {
    if (userId !== undefined) requireText('userId', userId, 64);
    return this.session.serial(() =>
      this.session.all<Record<string, unknown>>(SQL.list, [userId ?? null]).map(toDeviceToken),
    );
  }

  async revoke(target: DeviceTokenTarget, at: string): Promise<number> {
    requireTarget(target);
    requireText('at', at, 40);
    return this.session.serial(() =>
      'id' in target
        ? this.session.run(SQL.revokeById, [at, target.id])
        : this.session.run(SQL.revokeByUser, [at, target.userId, target.deviceId ?? null]),
    );
  }

  async touch(id: string, at: string): Promise<void> {
    requireText('id', id, 64);
    requireText('at', at, 40);
    return this.session.serial(() => {
      this.session.run(SQL.touch, [at, id]);
    });
  }
}
