import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { DeviceToken } from '../../central/central-store.js';
import { redactUrl } from '../../central/redact.js';
import { buildHub } from '../../server/hub-app.js';
import type { CliContext } from '../cli-context.js';
import { UsageError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { isLoopback, listeningUrl, wholeNumber } from '../listen-options.js';
import { untilStopped } from '../until-stopped.js';
import { formatTable } from '../table-output.js';
import { syncUserId } from './sync-commands.js';

interface HubOptions {
  port: string;
  host: string;
  tlsCert?: string;
  tlsKey?: string;
  allowRegistration?: boolean;
  trustProxy?: boolean;
  requestsPerMinute: string;
  dbConnections: string;
  logLevel: string;
}

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'silent']);

/** `pfm hub`: the sync service in front of the central store; `pfm hub tokens`: its device tokens. */
export function registerHubCommands(program: Command, io: CliIo): void {
  const hub = program
    .command('hub')
    .description('the sync service in front of the central store (devices sync with --central http(s)://...)')
    .option('--port <port>', 'TCP port (0: any free one)', '8080')
    .option(
      '--host <host>',
      'address to listen on (behind a TLS proxy on this machine, keep the default)',
      '127.0.0.1',
    )
    .option('--tls-cert <file>', 'serve HTTPS with this certificate (PEM); else put a TLS proxy in front')
    .option('--tls-key <file>', 'the private key (PEM) of --tls-cert')
    .option('--allow-registration', 'let a device bring a user the central store does not have yet')
    .option('--trust-proxy', 'take client addresses from X-Forwarded-For (rate limits), behind a proxy only')
    .option('--requests-per-minute <n>', 'requests per device token per minute', '1200')
    .option('--db-connections <n>', 'most connections to a central database server', '20')
    .option('--log-level <level>', 'fatal, error, warn, info, debug or silent', 'info')
    .action(action<HubOptions>(io, (ctx, _args, opts) => runHub(ctx, io, opts)));

  const tokens = hub.command('tokens').description("the hub's device tokens (run against the central store)");
  tokens
    .command('list')
    .description('device tokens, live and revoked')
    .option('--user <user>', 'one user (name or id)')
    .action(
      action<{ user?: string }>(io, async (ctx, _args, opts) => {
        const central = await ctx.openCentral();
        try {
          const list = await central.deviceTokens.list(opts.user ? syncUserId(ctx, opts.user) : undefined);
          emit(ctx, list, () => tokenTable(list));
        } finally {
          await central.close();
        }
      }),
    );
  tokens
    .command('revoke')
    .description('cut devices off at once: one token by id, or every token of a user (or of one device)')
    .argument('[id]', 'token id (from pfm hub tokens list)')
    .option('--user <user>', 'every live token of this user (name or id)')
    .option('--device <id>', 'with --user: only this device')
    .action(
      action<{ user?: string; device?: string }>(io, async (ctx, [id], opts) => {
        if (Boolean(id) === Boolean(opts.user))
          throw new UsageError('give a token id or --user U (one of them)');
        if (opts.device && !opts.user) throw new UsageError('--device goes with --user');
        const central = await ctx.openCentral();
        try {
          const at = ctx.store.now().toISOString();
          const target = id
            ? { id }
            : opts.device
              ? { userId: syncUserId(ctx, String(opts.user)), deviceId: opts.device }
              : { userId: syncUserId(ctx, String(opts.user)) };
          const revoked = await central.deviceTokens.revoke(target, at);
          if (id && revoked === 0) throw new UsageError(`no live token ${id}`);
          emit(ctx, { revoked }, () => `Revoked ${revoked} token(s)\n`);
        } finally {
          await central.close();
        }
      }),
    );
}

function tokenTable(list: readonly DeviceToken[]): string {
  const time = (t: string | null) => (t ? t.slice(0, 19).replace('T', ' ') : '');
  return formatTable(
    ['id', 'user', 'device', 'label', 'created', 'last used', 'revoked'],
    list.map((t) => [
      t.id,
      t.userId,
      t.deviceId,
      t.label,
      time(t.createdAt),
      time(t.lastUsedAt),
      time(t.revokedAt),
    ]),
  );
}

async function runHub(ctx: CliContext, io: CliIo, opts: HubOptions): Promise<void> {
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
