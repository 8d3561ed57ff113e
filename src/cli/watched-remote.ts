import type { Remote } from '../sync/remote.js';
import { isTransient } from '../sync/retry.js';

/** What a sync command learns from a remote's calls: whether the store was reached, and the last failure. */
export interface RemoteWatch {
  /** The remote to hand to the engine: the same calls, observed. */
  readonly remote: Remote;
  /** Forget what was seen so far (before each user's run). */
  reset(): void;
  /** True once a handshake succeeded since the last reset. */
  readonly reached: boolean;
  /**
   * Whether the central store could not be reached since the last reset: no handshake succeeded, or the
   * last failure was a transient (connection) one. Then other users' runs would only wait for the same.
   */
  readonly unreachable: boolean;
}

// Reports about a run, not the run itself: their failures say nothing about reaching the store.
const UNWATCHED = new Set<PropertyKey>(['recordActivity', 'close']);

/** Observe a remote's calls; `onReached` runs after every successful handshake. */
export function watchRemote(remote: Remote, onReached: () => void): RemoteWatch {
  let reached = false;
  let lastError: unknown = null;
  const watched = new Proxy(remote, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || UNWATCHED.has(property)) return value;
      return (...args: unknown[]): unknown => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (answer: unknown) => {
            if (property === 'handshake') {
              reached = true;
              onReached();
            }
            return answer;
          },
          (e: unknown) => {
            lastError = e;
            throw e;
          },
        );
      };
    },
  });
  return {
    remote: watched,
    reset() {
      reached = false;
      lastError = null;
    },
    get reached() {
      return reached;
    },
    get unreachable() {
      return !reached || (lastError !== null && isTransient(lastError));
    },
  };
}
