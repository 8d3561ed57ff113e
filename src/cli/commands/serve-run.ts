import { join } from 'node:path';
import { buildServer } from '../../server/web/app.js';
import { parseHost } from '../../server/host-check.js';
import type { CliContext } from '../cli-context.js';
import { UsageError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { emit } from '../command-runner.js';
import { isLoopback, listeningUrl, wholeNumber } from '../listen-options.js';
import { untilStopped } from '../until-stopped.js';
import type { ServeOptions } from './serve-command.js';

// `pfm serve` itself, loaded when it runs (see serve-command.ts): the server and its web framework.

/** Serve the web UI and its API until Ctrl-C (SIGINT) or SIGTERM. */
export async function runServe(ctx: CliContext, io: CliIo, opts: ServeOptions): Promise<void> {
  const port = wholeNumber('port', opts.port, 0, 65535);
  for (const name of opts.allowedHost) {
    if (!parseHost(name)) throw new UsageError(`--allowed-host must be NAME or NAME:PORT, not "${name}"`);
  }
  const app = await buildServer({
    store: ctx.store,
    centralUrl: await ctx.centralUrl(),
    password: io.env.PFM_CENTRAL_PASSWORD,
    syncLogFile: join(ctx.options.dataDir, 'logs', 'sync_log.txt'),
    hubTokenFile: ctx.hubTokens().path,
    syncLockFile: join(ctx.options.dataDir, 'sync.lock'),
    trustProxy: opts.trustProxy === true,
    listenHost: opts.host,
    allowedHosts: opts.allowedHost,
    // Only the server's own failures, on stderr: stdout is for the URL (and --json).
    logger: { level: 'error', stream: { write: (line: string) => io.stderr(line) } },
  });
  const stopped = untilStopped();
  try {
    await app.listen({ port, host: opts.host });
    const url = `${listeningUrl(app, 'http')}/`;
    emit(ctx, { url, dataDir: ctx.options.dataDir }, () => `pfm is serving ${url} (Ctrl-C to stop)\n`);
    if (!isLoopback(opts.host)) {
      io.stderr(
        `pfm: warning: listening on ${opts.host}: other machines on the network can reach this server\n`,
      );
    }
    await stopped;
  } finally {
    await app.close();
  }
}
