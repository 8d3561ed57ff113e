/** A command line that cannot be run as written: exit code 2, one line on stderr, nothing written. */
export class UsageError extends Error {
  override name = 'UsageError';
}
