import type { Command } from 'commander';
import type { DeviceToken } from '../../central/central-store.js';
import { UsageError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { formatTable } from '../table-output.js';
import { syncUserId } from '../sync-user-lookup.js';

export interface HubOptions {
  port: string;
  host: string;
  tlsCert?: string;
  tlsKey?: string;
  allowRegistration?: boolean;
  trustProxy?: boolean;
  requestsPerMinute: string;
  loginsPerMinute: string;
  dbConnections: string;
  logLevel: string;
}

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
    .option(
      '--logins-per-minute <n>',
      'log-ins per client address per minute (many devices behind one proxy or NAT need more)',
      '10',
    )
    .option('--db-connections <n>', 'most connections to a central database server', '20')
    .option('--log-level <level>', 'fatal, error, warn, info, debug or silent', 'info')
    .action(
      action<HubOptions>(io, async (ctx, _args, opts) => {
        // The hub's server is loaded by this command only: every other command starts without it.
        const { runHub } = await import('./hub-run.js');
        await runHub(ctx, io, opts);
      }),
    );

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
