import { CentralError } from './central-store.js';

/** What every dialect's write unit has: whether its transaction is still open. */
export interface ClosableWrite {
  open: boolean;
}

/**
 * Run `fn` with a write unit, and mark the unit closed when `fn` ends: its transaction is then over, and a
 * write kept by mistake and used later must fail rather than run outside it.
 */
export async function runWriteUnit<W extends ClosableWrite, T>(
  write: W,
  fn: (write: W) => Promise<T>,
): Promise<T> {
  try {
    return await fn(write);
  } finally {
    write.open = false;
  }
}

/** Throws when a write unit is used after its transaction ended. */
export function requireOpenWrite(write: ClosableWrite): void {
  if (!write.open)
    throw new CentralError('a central write was used after its transaction ended', 'PFM_CLOSED');
}
