import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { redactUrl } from '../../central/redact.js';
import { buildHub } from '../../server/hub/app.js';
import type { CliContext } from '../cli-context.js';
import { UsageError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { emit } from '../command-runner.js';
import { isLoopback, listeningUrl, wholeNumber } from '../listen-options.js';
import { untilStopped } from '../until-stopped.js';
import type { HubOptions } from './hub-commands.js';

// `pfm hub` itself, loaded when it runs (see hub-commands.ts): the hub's server and its web framework.

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'silent']);

/** Serve the sync protocol in front of the central store until Ctrl-C (SIGINT) or SIGTERM. */
export async function runHub(ctx: CliContext, io: CliIo, opts: HubOptions): Promise<void> {
  const port = wholeNumber('port', opts.port, 0, 65535);
  const requestsPerMinute = wholeNumber('requests-per-minute', opts.requestsPerMinute, 1, 1_000_000);
  if (!LOG_LEVELS.has(opts.logLevel))
    throw new UsageError(`--log-level must be one of ${[...LOG_LEVELS].join(', ')}`);
  if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey))
    throw new UsageError('give --tls-cert and --tls-key together');
  const https =
    opts.tlsCert && opts.tlsKey
      ? { cert: readPem('tls-cert', opts.tlsCert), key: readPem('tls-key', opts.tlsKey) }
      : undefined;
  const loginsPerMinute = wholeNumber('logins-per-minute', opts.loginsPerMinute, 1, 100_000);
  const maxConnections = wholeNumber('db-connections', opts.dbConnections, 1, 1000);
  // Every request of every device goes through this pool: sized for the hub, not for one device's sync.
  const central = await ctx.openCentral({ maxConnections });
  let app: FastifyInstance;
  try {
    app = await buildHub({
      central,
      https,
      allowRegistration: opts.allowRegistration === true,
      trustProxy: opts.trustProxy === true,
      requestsPerMinute,
      loginsPerMinute,
      // Request lines and failures on stderr: stdout is for the URL (and --json).
      logger: { level: opts.logLevel, stream: { write: (line: string) => io.stderr(line) } },
    });
  } catch (e) {
    await central.close();
    throw e;
  }
  const stopped = untilStopped();
  try {
    await app.listen({ port, host: opts.host });
    const url = listeningUrl(app, https ? 'https' : 'http');
    emit(
      ctx,
      { url, central: redactUrl(central.url) },
      () => `pfm hub is serving ${url} for ${redactUrl(central.url)} (Ctrl-C to stop)\n`,
    );
    if (!https && !isLoopback(opts.host))
      io.stderr(
        `pfm: warning: plain HTTP on ${opts.host}: tokens and passwords cross the network unencrypted; use --tls-cert/--tls-key or a TLS proxy\n`,
      );
    await stopped;
  } finally {
    await app.close();
  }
}

function readPem(option: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UsageError(
      `--${option}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}
