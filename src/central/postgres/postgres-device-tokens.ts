import type { DeviceToken, DeviceTokenStore, DeviceTokenTarget } from '../central-store.js';
import {
  newTokenValues,
  requireNewToken,
  requireTarget,
  requireText,
  requireTokenHash,
  toDeviceToken,
} from '../device-token-rows.js';
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
export class PostgresDeviceTokens implements DeviceTokenStore {
  constructor(private readonly run: <T>(fn: (s: SqlSession) => Promise<T>) => Promise<T>) {}

  async create(token: DeviceToken & { readonly tokenHash: string }): Promise<void> {
    requireNewToken(token);
    await this.run((s) => s.query(DEVICE_TOKEN_SQL.create, newTokenValues(token)));
  }

  async findByHash(tokenHash: string): Promise<DeviceToken | null> {
    requireTokenHash(tokenHash);
    const { rows } = await this.run((s) => s.query(DEVICE_TOKEN_SQL.findByHash, [tokenHash]));
    const [row] = rows;
    return row ? toDeviceToken(row) : null;
  }

  async list(userId?: string): Promise<DeviceToken[]> {
    if (userId !== undefined) requireText('userId', userId, 64);
    const { rows } = await this.run((s) => s.query(DEVICE_TOKEN_SQL.list, [userId ?? null]));
    return rows.map(toDeviceToken);
  }

  async revoke(target: DeviceTokenTarget, at: string): Promise<number> {
    requireTarget(target);
    requireText('at', at, 40);
    const { rows } = await this.run((s) =>
      'id' in target
        ? s.query(DEVICE_TOKEN_SQL.revokeById, [at, target.id])
        : s.query(DEVICE_TOKEN_SQL.revokeByUser, [at, target.userId, target.deviceId ?? null]),
    );
    return rows.length;
  }

  async touch(id: string, at: string): Promise<void> {
    requireText('id', id, 64);
    requireText('at', at, 40);
    await this.run((s) => s.query(DEVICE_TOKEN_SQL.touch, [at, id]));
  }
}
