import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildServer } from '../../server/app.js';
import { UsageError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { untilStopped } from '../until-stopped.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** `pfm serve`: the web UI and its JSON API on this device, until Ctrl-C (SIGINT) or SIGTERM. */
export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('the web UI and its JSON API')
    .option('--port <port>', 'TCP port (0: any free one)', '3000')
    .option('--host <host>', 'address to listen on; the default keeps it to this device', '127.0.0.1')
    .action(
      action<{ port: string; host: string }>(io, async (ctx, _args, opts) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new UsageError('--port must be a whole number from 0 to 65535');
        }
        const app = await buildServer({
          store: ctx.store,
          centralUrl: ctx.centralUrl(),
          password: io.env.PFM_CENTRAL_PASSWORD,
          syncLogFile: join(ctx.options.dataDir, 'logs', 'sync_log.txt'),
          hubTokenFile: ctx.hubTokens().path,
          syncLockFile: join(ctx.options.dataDir, 'sync.lock'),
          // Only the server's own failures, on stderr: stdout is for the URL (and --json).
          logger: { level: 'error', stream: { write: (line: string) => io.stderr(line) } },
        });
        const stopped = untilStopped();
        try {
          await app.listen({ port, host: opts.host });
          const address = app.server.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          const url = `http://${host}:${address.port}/`;
          emit(ctx, { url, dataDir: ctx.options.dataDir }, () => `pfm is serving ${url} (Ctrl-C to stop)\n`);
          if (!LOOPBACK.has(opts.host)) {
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
