import type { DeviceTokenTarget } from '../central-store.js';
import { SqlDeviceTokens, type NewDeviceToken } from '../sql-device-tokens.js';
import type { OracleBinds, OracleExecuteOptions, OracleResult } from './oracle-driver.js';
import { DEVICE_TOKEN_SQL } from './oracle-sql.js';

/** What the token statements need of an Oracle session (OracleSession in oracle-store.ts). */
export interface TokenSession {
  exec(sql: string, binds?: OracleBinds, options?: OracleExecuteOptions): Promise<OracleResult>;
  rows<R = Record<string, unknown>>(sql: string, binds?: OracleBinds): Promise<R[]>;
}

const COMMIT = { autoCommit: true } as const;

/** Device tokens on Oracle: one statement per call, each committed on its own. */
export class OracleDeviceTokens extends SqlDeviceTokens {
  constructor(private readonly run: <T>(fn: (s: TokenSession) => Promise<T>) => Promise<T>) {
    super();
  }

  protected async insertToken(token: NewDeviceToken): Promise<void> {
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

  protected async rowByHash(tokenHash: string): Promise<Record<string, unknown> | undefined> {
    const [row] = await this.run((s) => s.rows(DEVICE_TOKEN_SQL.findByHash, { hash: tokenHash }));
    return row;
  }

  protected async rowsOf(userId: string | null): Promise<Record<string, unknown>[]> {
    return this.run((s) => s.rows(DEVICE_TOKEN_SQL.list, { owner: userId }));
  }

  protected async revokeTokens(target: DeviceTokenTarget, at: string): Promise<number> {
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

  protected async touchToken(id: string, at: string): Promise<void> {
    await this.run((s) => s.exec(DEVICE_TOKEN_SQL.touch, { stamp: at, id }, COMMIT));
  }
}
