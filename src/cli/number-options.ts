import { UsageError } from './cli-errors.js';

/** A whole-number option of at least `min`, e.g. --retries or --batch-size. */
export function positiveInt(name: string, raw: string, min = 1): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min)
    throw new UsageError(`--${name} must be a whole number of at least ${min}`);
  return n;
}
