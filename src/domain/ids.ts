import { randomBytes } from 'node:crypto';
import { v5 as uuidv5, v7 as uuidv7, validate } from 'uuid';

// A fixed namespace so every device derives the same id from the same natural key.
const PFM_NAMESPACE = '6f1d0c2e-5b8a-4c7e-9a43-2f6e8d1b7c90';

/** A new time-ordered id, made on the device (UUIDv7: no collisions across devices, index-friendly). */
export function newId(): string {
  return uuidv7();
}

/**
 * The id of a row with a natural key, the same on every device, so that two devices creating "the same"
 * row offline converge on one row (a user's category by name, a budget for one category and month).
 */
export function naturalId(kind: string, ...parts: string[]): string {
  return uuidv5([kind, ...parts].join('\u001f'), PFM_NAMESPACE);
}

export function userIdFor(name: string): string {
  return naturalId('app_user', name.trim().toLowerCase());
}

export function categoryIdFor(userId: string, kind: string, name: string): string {
  return naturalId('category', userId, kind, name.trim().toLowerCase());
}

export function budgetIdFor(userId: string, categoryId: string, month: string): string {
  return naturalId('budget', userId, categoryId, month);
}

export function isId(value: string): boolean {
  return validate(value);
}

/** A device id: 16 lowercase hex digits, the tail of every HLC this device makes. */
export function newDeviceId(): string {
  return randomBytes(8).toString('hex');
}
