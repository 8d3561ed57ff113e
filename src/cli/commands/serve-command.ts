import { join } from 'node:path';
import type { Command } from 'commander';
import { buildServer } from '../../server/app.js';
import { parseHost } from '../../server/host-check.js';
import { UsageError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { isLoopback, listeningUrl, wholeNumber } from '../listen-options.js';
import { untilStopped } from '../until-stopped.js';

interface ServeOptions {
  port: string;
  host: string;
  allowedHost: string[];
  trustProxy?: boolean;
}

/** `pfm serve`: the web UI and its JSON API on this device, until Ctrl-C (SIGINT) or SIGTERM. */
export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('the web UI and its JSON API')
    .option('--port <port>', 'TCP port (0: any free one)', '3000')
    .option('--host <host>', 'address to listen on; the default keeps it to this device', '127.0.0.1')
    .option(
      '--allowed-host <name[:port]>',
      'a further host name browsers may reach this server by (repeatable); others get 421',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option(
      '--trust-proxy',
      'behind a proxy only: believe its X-Forwarded-For, -Proto (Secure cookie) and -Host headers',
    )
    .action(
      action<ServeOptions>(io, async (ctx, _args, opts) => {
        const port = wholeNumber('port', opts.port, 0, 65535);
        for (const name of opts.allowedHost) {
          if (!parseHost(name))
            throw new UsageError(`--allowed-host must be NAME or NAME:PORT, not "${name}"`);
        }
        const app = await buildServer({
          store: ctx.store,
          centralUrl: ctx.centralUrl(),
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
      }),
    );
}
