import { CentralError } from '../central/central-store.js';

/** The original specification's retry policy by default: 3 retries after 1 s, 2 s and 4 s, with jitter. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly retries: number;
  /** Wait before the first retry; doubled each time. */
  readonly baseDelayMs: number;
  /** Each wait is scaled by a random factor in [1 - jitter, 1 + jitter], so many devices do not retry in step. */
  readonly jitter: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 1000, jitter: 0.2 };

// Node socket errors that mean "the network or the server went away", worth another try.
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Transient: connection refused/reset, timeouts, server restarts. Permanent: everything else. */
export function isTransient(error: unknown): boolean {
  if (error instanceof CentralError) return error.transient;
  if (error instanceof TransientError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TRANSIENT_NODE_CODES.has(code)) return true;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause !== undefined && cause !== error && isTransient(cause);
}

/** An error a remote marks as worth retrying (e.g. an HTTP 503 from a hub). */
export class TransientError extends Error {
  override name = 'TransientError';
}

export interface RetryHooks {
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Called before each wait: attempt number (1-based) that failed, the wait, the error. */
  readonly onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

/** Run `fn`, retrying transient failures with exponential backoff and jitter; permanent ones fail at once. */
export async function withRetry<T>(
  policy: RetryPolicy,
  fn: (attempt: number) => Promise<T>,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = hooks.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (attempt > policy.retries || !isTransient(e)) throw e;
      const delay = Math.round(
        policy.baseDelayMs * 2 ** (attempt - 1) * (1 + policy.jitter * (2 * random() - 1)),
      );
      hooks.onRetry?.(attempt, delay, e);
      await sleep(delay);
    }
  }
}
