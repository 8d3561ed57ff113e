import { ValidationError } from '../domain/validation.js';
import type { DeviceToken, DeviceTokenTarget } from './central-store.js';

/**
 * Checks and row mapping shared by every store's device tokens, so PostgreSQL and Oracle accept and return
 * exactly the same thing (the contract suite runs both).
 */

const HASH = /^[0-9a-f]{64}$/;

export function requireText(field: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > max)
    throw new ValidationError(field, `must be text of 1 to ${max} characters`);
}

/** A token hash is hex SHA-256: anything else is a caller's bug, never a lookup. */
export function requireTokenHash(tokenHash: string): void {
  if (typeof tokenHash !== 'string' || !HASH.test(tokenHash))
    throw new ValidationError('tokenHash', 'must be a hex SHA-256');
}

export function requireNewToken(token: DeviceToken & { readonly tokenHash: string }): void {
  requireTokenHash(token.tokenHash);
  requireText('id', token.id, 64);
  requireText('userId', token.userId, 64);
  requireText('deviceId', token.deviceId, 64);
  requireText('label', token.label, 200);
  requireText('createdAt', token.createdAt, 40);
}

/** A revoke names a token or a user: never "every token" by an empty filter. */
export function requireTarget(target: DeviceTokenTarget): void {
  if ('id' in target) requireText('id', target.id, 64);
  else {
    requireText('userId', target.userId, 64);
    if (target.deviceId !== undefined) requireText('deviceId', target.deviceId, 64);
  }
}

const text = (v: unknown): string => String(v);
const optional = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** A row of the token table (column names in either case: Oracle reports them upper case). */
export function toDeviceToken(row: Record<string, unknown>): DeviceToken {
  const get = (name: string): unknown => row[name] ?? row[name.toUpperCase()];
  return {
    id: text(get('id')),
    userId: text(get('user_id')),
    deviceId: text(get('device_id')),
    label: text(get('label')),
    createdAt: text(get('created_at')),
    lastUsedAt: optional(get('last_used_at')),
    revokedAt: optional(get('revoked_at')),
  };
}

/** A new token's values in the order of every dialect's insert: id, hash, user, device, label, created at. */
export function newTokenValues(token: DeviceToken & { readonly tokenHash: string }): string[] {
  return [token.id, token.tokenHash, token.userId, token.deviceId, token.label, token.createdAt];
}
