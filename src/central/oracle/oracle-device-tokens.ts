import type { DeviceToken, DeviceTokenStore, DeviceTokenTarget } from '../central-store.js';
import {
  requireNewToken,
  requireTarget,
  requireText,
  requireTokenHash,
  toDeviceToken,
} from '../device-token-rows.js';
import type { OracleBinds, OracleExecuteOptions, OracleResult } from './oracle-driver.js';
import { DEVICE_TOKEN_SQL } from './oracle-sql.js';

/** What the token statements need of an Oracle session (OracleSession in oracle-store.ts). */
export interface TokenSession {
  exec(sql: string, binds?: OracleBinds, options?: OracleExecuteOptions): Promise<OracleResult>;
  rows<R = Record<string, unknown>>(sql: string, binds?: OracleBinds): Promise<R[]>;
}

const COMMIT = { autoCommit: true } as const;

/** Device tokens on Oracle: one statement per call, each committed on its own. */
export class OracleDeviceTokens implements DeviceTokenStore {
  constructor(private readonly run: <T>(fn: (s: TokenSession) => Promise<T>) => Promise<T>) {}

  async create(token: DeviceToken & { readonly tokenHash: string }): Promise<void> {
    requireNewToken(token);
    await this.run((s) =>
      s.exec(
        DEVICE_TOKEN_SQL.create,
        {
          id: token.id,
          hash: token.tokenHash,
          owner: token.userId,
          device: token.deviceId,
          label: token.label,
          created: token.createdAt,
        },
        COMMIT,
      ),
    );
  }

  async findByHash(tokenHash: string): Promise<DeviceToken | null> {
    requireTokenHash(tokenHash);
    const [row] = await this.run((s) => s.rows(DEVICE_TOKEN_SQL.findByHash, { hash: tokenHash }));
    return row ? toDeviceToken(row) : null;
  }

  async list(userId?: string): Promise<DeviceToken[]> {
    if (userId !== undefined) requireText('userId', userId, 64);
    const rows = await this.run((s) => s.rows(DEVICE_TOKEN_SQL.list, { owner: userId ?? null }));
    return rows.map(toDeviceToken);
  }

  async revoke(target: DeviceTokenTarget, at: string): Promise<number> {
    requireTarget(target);
    requireText('at', at, 40);
    const result = await this.run((s) =>
      'id' in target
        ? s.exec(DEVICE_TOKEN_SQL.revokeById, { stamp: at, id: target.id }, COMMIT)
        : s.exec(
            DEVICE_TOKEN_SQL.revokeByUser,
            { stamp: at, owner: target.userId, device: target.deviceId ?? null },
            COMMIT,
          ),
    );
    return result.rowsAffected ?? 0;
  }

  async touch(id: string, at: string): Promise<void> {
    requireText('id', id, 64);
    requireText('at', at, 40);
    await this.run((s) => s.exec(DEVICE_TOKEN_SQL.touch, { stamp: at, id }, COMMIT));
  }
}
