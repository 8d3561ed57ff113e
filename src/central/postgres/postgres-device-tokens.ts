import type { DeviceTokenTarget } from '../central-store.js';
import { newTokenValues } from '../device-token-rows.js';
import { SqlDeviceTokens, type NewDeviceToken } from '../sql-device-tokens.js';
import type { SqlSession } from './sql-pool.js';

const COLUMNS = 'id, user_id, device_id, label, created_at, last_used_at, revoked_at';

export const DEVICE_TOKEN_SQL = {
  /** $1 id, $2 hash, $3 user, $4 device, $5 label, $6 created_at */
  create:
    'INSERT INTO sync_device_token (id, token_hash, user_id, device_id, label, created_at) ' +
    'VALUES ($1, $2, $3, $4, $5, $6)',
  /** $1 hash */
  findByHash: `SELECT ${COLUMNS} FROM sync_device_token WHERE token_hash = $1`,
  /** $1 user, or NULL for every user */
  list: `SELECT ${COLUMNS} FROM sync_device_token WHERE $1::text IS NULL OR user_id = $1 ORDER BY user_id, created_at, id`,
  /** $1 at, $2 id */
  revokeById:
    'UPDATE sync_device_token SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id',
  /** $1 at, $2 user, $3 device or NULL for every device */
  revokeByUser:
    'UPDATE sync_device_token SET revoked_at = $1 ' +
    'WHERE user_id = $2 AND ($3::text IS NULL OR device_id = $3) AND revoked_at IS NULL RETURNING id',
  /** $1 at, $2 id */
  touch: 'UPDATE sync_device_token SET last_used_at = $1 WHERE id = $2',
} as const;

/** Device tokens on the PostgreSQL family: one statement per call, outside any user's write lock. */
export class PostgresDeviceTokens extends SqlDeviceTokens {
  constructor(private readonly run: <T>(fn: (s: SqlSession) => Promise<T>) => Promise<T>) {
    super();
  }

  protected async insertToken(token: NewDeviceToken): Promise<void> {
    await this.run((s) => s.query(DEVICE_TOKEN_SQL.create, newTokenValues(token)));
  }

  protected async rowByHash(tokenHash: string): Promise<Record<string, unknown> | undefined> {
    const { rows } = await this.run((s) => s.query(DEVICE_TOKEN_SQL.findByHash, [tokenHash]));
    return rows[0];
  }

  protected async rowsOf(userId: string | null): Promise<Record<string, unknown>[]> {
    const { rows } = await this.run((s) => s.query(DEVICE_TOKEN_SQL.list, [userId]));
    return rows;
  }

  protected async revokeTokens(target: DeviceTokenTarget, at: string): Promise<number> {
    const { rows } = await this.run((s) =>
      'id' in target
        ? s.query(DEVICE_TOKEN_SQL.revokeById, [at, target.id])
        : s.query(DEVICE_TOKEN_SQL.revokeByUser, [at, target.userId, target.deviceId ?? null]),
    );
    return rows.length;
  }

  protected async touchToken(id: string, at: string): Promise<void> {
    await this.run((s) => s.query(DEVICE_TOKEN_SQL.touch, [at, id]));
  }
}
