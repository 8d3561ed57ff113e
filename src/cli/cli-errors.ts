/** A command line that cannot be run as written: exit code 2, one line on stderr, nothing written. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A sync that did not succeed, or could not start: exit 1 after its report is printed. */
export class SyncFailedError extends Error {
  override name = 'SyncFailedError';
}

/** A reconcile whose balances differ: not bad input and not a failure, so its own exit code (3). */
export class BalanceMismatchError extends Error {
  override name = 'BalanceMismatchError';
}
