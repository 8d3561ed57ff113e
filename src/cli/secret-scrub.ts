import { replaceSecrets, scrubSecrets, urlSecrets } from '../central/redact.js';
import type { SyncLogger } from '../sync/sync-logger.js';
import type { CliIo } from './cli-io.js';

/**
 * The last line of defence behind redaction: whatever a command prints or logs, the central store's known
 * password (from its URL, in any form, or PFM_CENTRAL_PASSWORD) is replaced by `***`.
 */

/** The secrets of a central URL and of PFM_CENTRAL_PASSWORD. */
export function centralSecrets(
  centralUrl: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const found = centralUrl ? urlSecrets(centralUrl) : [];
  if (env.PFM_CENTRAL_PASSWORD) found.push(env.PFM_CENTRAL_PASSWORD);
  // A password of a few characters would turn every such run of letters in the output into `***`.
  return found.filter((s) => s.length >= 4);
}

/** The --central value of a command line, before commander has parsed it (errors of parsing need it too). */
export function centralArgument(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  argv.forEach((arg, i) => {
    if (arg.startsWith('--central=')) found = arg.slice('--central='.length);
    else if (arg === '--central' && argv[i + 1] && !argv[i + 1]?.startsWith('--')) found = argv[i + 1];
  });
  return found;
}

/**
 * `io` with the secrets replaced on stdout and stderr; stderr (messages, never data) also loses any password
 * a URL or connection string in it carries. Stdout keeps other text as is: it carries the user's data.
 */
export function scrubbingIo(io: CliIo, secrets: readonly string[]): CliIo {
  return {
    ...io,
    stdout: secrets.length === 0 ? io.stdout : (text) => io.stdout(replaceSecrets(text, secrets)),
    stderr: (text) => io.stderr(scrubSecrets(text, secrets)),
  };
}

/** A sync logger whose messages lose the secrets before any sink sees them. */
export function scrubbingLogger(logger: SyncLogger, secrets: readonly string[]): SyncLogger {
  return { log: (level, message) => logger.log(level, scrubSecrets(message, secrets)) };
}
