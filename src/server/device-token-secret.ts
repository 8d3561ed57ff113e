import { createHash, randomBytes } from 'node:crypto';

/**
 * Device token secrets. A token is `pfm1_` and 32 random bytes in base64url: the prefix lets secret scanners
 * and people recognise one, the bytes make guessing hopeless. The hub keeps only the SHA-256 of a token:
 * a fast hash is right here (unlike passwords), since 256 random bits need no stretching.
 */
const PREFIX = 'pfm1_';
const SHAPE = /^pfm1_[A-Za-z0-9_-]{43}$/;

export interface NewDeviceToken {
  /** Given to the device once, never stored by the hub. */
  readonly secret: string;
  /** What the central store keeps. */
  readonly hash: string;
}

export function newDeviceToken(): NewDeviceToken {
  const secret = PREFIX + randomBytes(32).toString('base64url');
  return { secret, hash: hashDeviceToken(secret) };
}

export function hashDeviceToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether a presented string could be a token at all (anything else is refused without a lookup). */
export function isDeviceTokenShape(secret: string): boolean {
  return SHAPE.test(secret);
}
