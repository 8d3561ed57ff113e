import { hostname } from 'node:os';
import type { Command } from 'commander';
import { redactUrl } from '../../central/redact.js';
import { isHubUrl } from '../../sync/hub-token-file.js';
import type { CliContext } from '../cli-context.js';
import { UsageError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { promptPassword } from '../password-prompt.js';
import { syncUserId } from '../sync-user-lookup.js';

interface LoginOptions {
  user: string;
  passwordStdin?: boolean;
  label?: string;
}

/** `pfm login` / `pfm logout`: get (or forget) this device's token for a user at a hub. */
export function registerLoginCommands(program: Command, io: CliIo): void {
  program
    .command('login')
    .description('get a device token from a hub (--central https://...), so this device can sync through it')
    .requiredOption('--user <user>', 'user name or id')
    .option('--password-stdin', 'read the password from standard input (else a prompt on a terminal)')
    .option('--label <text>', 'what the hub lists this device as (default: this host name)')
    .action(action<LoginOptions>(io, (ctx, _args, opts) => login(ctx, io, opts)));

  program
    .command('logout')
    .description(
      "forget this device's token for a user at a hub (revoke it on the hub with pfm hub tokens revoke)",
    )
    .requiredOption('--user <user>', 'user name or id')
    .action(
      action<{ user: string }>(io, async (ctx, _args, opts) => {
        const url = await hubUrl(ctx);
        const userId = syncUserId(ctx, opts.user);
        const removed = ctx.hubTokens().remove(url, userId);
        emit(ctx, { removed }, () =>
          removed ? `Logged out of ${redactUrl(url)}\n` : `Not logged in to ${redactUrl(url)}\n`,
        );
      }),
    );
}

async function hubUrl(ctx: CliContext): Promise<string> {
  const url = await ctx.centralUrl();
  if (!isHubUrl(url)) throw new UsageError('give the hub with --central https://host (or PFM_CENTRAL)');
  return url;
}

async function readPassword(io: CliIo, fromStdin: boolean): Promise<string> {
  if (fromStdin) return (await io.readStdin()).replace(/\r?\n$/, '');
  if (!process.stdin.isTTY) throw new UsageError('give --password-stdin to read the password from a pipe');
  return promptPassword('Password: ');
}

async function login(ctx: CliContext, io: CliIo, opts: LoginOptions): Promise<void> {
  const url = await hubUrl(ctx);
  const shown = redactUrl(url);
  const userId = syncUserId(ctx, opts.user);
  const password = await readPassword(io, opts.passwordStdin === true);
  if (password === '') throw new UsageError('the password is empty');
  // The hub client (HTTP, its protocol's schemas) is for this command only.
  const { logInToHub } = await import('../../sync/hub-login-client.js');
  const { deviceId, tokenId } = await logInToHub({
    hubUrl: url,
    store: ctx.store,
    tokens: ctx.hubTokens(),
    userId,
    password,
    label: opts.label ?? hostname(),
  });
  emit(
    ctx,
    { hub: shown, userId, deviceId, tokenId },
    () => `Logged in to ${shown} as ${opts.user} (device ${deviceId}); sync with --central ${shown}\n`,
  );
}
