import type { DeviceToken, DeviceTokenStore, DeviceTokenTarget } from './central-store.js';
import {
  requireNewToken,
  requireTarget,
  requireText,
  requireTokenHash,
  toDeviceToken,
} from './device-token-rows.js';

/** A new token as every dialect's insert takes it. */
export type NewDeviceToken = DeviceToken & { readonly tokenHash: string };

/**
 * The hub's device tokens once for every database: the checks and the row mapping. Each database supplies
 * one statement per member (the protected abstract ones), outside any user's write lock.
 */
export abstract class SqlDeviceTokens implements DeviceTokenStore {
  protected abstract insertToken(token: NewDeviceToken): Promise<void>;
  protected abstract rowByHash(tokenHash: string): Promise<Record<string, unknown> | undefined>;
  /** Tokens of one user, or of every user for null; ordered by user, then creation, then id. */
  protected abstract rowsOf(userId: string | null): Promise<Record<string, unknown>[]>;
  /** Mark the target's live tokens revoked; returns how many were. */
  protected abstract revokeTokens(target: DeviceTokenTarget, at: string): Promise<number>;
  protected abstract touchToken(id: string, at: string): Promise<void>;

  async create(token: NewDeviceToken): Promise<void> {
    requireNewToken(token);
    await this.insertToken(token);
  }

  async findByHash(tokenHash: string): Promise<DeviceToken | null> {
    requireTokenHash(tokenHash);
    const row = await this.rowByHash(tokenHash);
    return row ? toDeviceToken(row) : null;
  }

  async list(userId?: string): Promise<DeviceToken[]> {
    if (userId !== undefined) requireText('userId', userId, 64);
    return (await this.rowsOf(userId ?? null)).map(toDeviceToken);
  }

  async revoke(target: DeviceTokenTarget, at: string): Promise<number> {
    requireTarget(target);
    requireText('at', at, 40);
    return this.revokeTokens(target, at);
  }

  async touch(id: string, at: string): Promise<void> {
    requireText('id', id, 64);
    requireText('at', at, 40);
    await this.touchToken(id, at);
  }
}
