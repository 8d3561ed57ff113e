import type { DeviceTokenTarget } from '../central-store.js';
import { newTokenValues } from '../device-token-rows.js';
import { SqlDeviceTokens, type NewDeviceToken } from '../sql-device-tokens.js';
import type { SqliteSession } from './sqlite-session.js';
import { SQLITE_DEVICE_TOKEN_SQL as SQL } from './sqlite-sql.js';

/** Device tokens in the SQLite central store: one statement per call. */
export class SqliteDeviceTokens extends SqlDeviceTokens {
  constructor(private readonly session: SqliteSession) {
    super();
  }

  protected async insertToken(token: NewDeviceToken): Promise<void> {
    await this.session.serial(() => this.session.run(SQL.create, newTokenValues(token)));
  }

  protected async rowByHash(tokenHash: string): Promise<Record<string, unknown> | undefined> {
    return this.session.serial(() => this.session.get<Record<string, unknown>>(SQL.findByHash, [tokenHash]));
  }

  protected async rowsOf(userId: string | null): Promise<Record<string, unknown>[]> {
    return this.session.serial(() => this.session.all<Record<string, unknown>>(SQL.list, [userId]));
  }

  protected async revokeTokens(target: DeviceTokenTarget, at: string): Promise<number> {
    return this.session.serial(() =>
      'id' in target
        ? this.session.run(SQL.revokeById, [at, target.id])
        : this.session.run(SQL.revokeByUser, [at, target.userId, target.deviceId ?? null]),
    );
  }

  protected async touchToken(id: string, at: string): Promise<void> {
    await this.session.serial(() => this.session.run(SQL.touch, [at, id]));
  }
}
