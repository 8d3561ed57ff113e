import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { action } from '../command-runner.js';

export interface ServeOptions {
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
        // The server is loaded by this command only: every other command starts without it.
        const { runServe } = await import('./serve-run.js');
        await runServe(ctx, io, opts);
      }),
    );
}
