import { Command, CommanderError } from 'commander';
import { packageVersion } from '../package-version.js';
import { ClockError } from '../domain/hlc.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import { SchemaTooNewError } from '../local/sqlite-database.js';
import { BalanceMismatchError, SyncFailedError, UsageError } from './cli-errors.js';
import { processIo, type CliIo } from './cli-io.js';
import { centralArgument, centralSecrets, scrubbingIo } from './secret-scrub.js';
import { registerAccountCommands } from './commands/account-commands.js';
import { registerBackupCommands } from './commands/backup-commands.js';
import { registerBudgetCommands } from './commands/budget-commands.js';
import { registerBulkCommands } from './commands/bulk-commands.js';
import { registerCategoryCommands } from './commands/category-commands.js';
import { registerDemoCommands } from './commands/demo-commands.js';
import { registerGoalCommands } from './commands/goal-commands.js';
import { registerImportCommands } from './commands/import-commands.js';
import { registerMoneyEventCommands } from './commands/money-event-commands.js';
import { registerReconcileCommands } from './commands/reconcile-commands.js';
import { registerReportCommands } from './commands/report-commands.js';
import { registerServeCommand } from './commands/serve-command.js';
import { registerHubCommands } from './commands/hub-commands.js';
import { registerLoginCommands } from './commands/login-command.js';
import { registerUserCommands } from './commands/user-commands.js';
import { registerSyncCommands } from './commands/sync-commands.js';
import { registerTransferCommands } from './commands/transfer-commands.js';
import { registerScheduleCommands } from './commands/schedule-commands.js';

/**
 * Exit codes (docs/architecture.md): 0 done, 1 failure, 2 bad input (nothing was written), 3 a reconcile whose
 * balances differ (shown; nothing was marked).
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, mismatch: 3 } as const;

export function buildProgram(io: CliIo): Command {
  const program = new Command('pfm')
    .description('pfm: local-first personal finance manager')
    .version(packageVersion(), '--version', 'print the version of pfm')
    .option('--data <dir>', "this device's folder (env PFM_DATA; default ./pfm-data)")
    .option(
      '--central [url]',
      'central store: sqlite:PATH | postgres://... | oracle://... | https://hub (env PFM_CENTRAL; default sqlite:./pfm-central.db)',
    )
    .option('--json', 'machine-readable JSON on stdout')
    .option('--locale <tag>', 'read amounts written for this locale, e.g. de-DE for 1.234,50')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: () => undefined, // main() prints the one error line itself
    });
  keepCentralUrl(program);
  registerDemoCommands(program, io);
  registerUserCommands(program, io);
  registerCategoryCommands(program, io);
  registerAccountCommands(program, io);
  registerMoneyEventCommands(program, io);
  registerBulkCommands(program, io);
  registerTransferCommands(program, io);
  registerScheduleCommands(program, io);
  registerReconcileCommands(program, io);
  registerBudgetCommands(program, io);
  registerGoalCommands(program, io);
  registerReportCommands(program, io);
  registerImportCommands(program, io);
  registerBackupCommands(program, io);
  registerSyncCommands(program, io);
  registerServeCommand(program, io);
  registerHubCommands(program, io);
  registerLoginCommands(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * `pfm --central URL report ... --central`: the bare flag asks for the central store, which the URL already
 * names. Commander would set the option to true over the URL (then the default embedded store was opened),
 * so a URL given anywhere on the line is kept.
 */
function keepCentralUrl(program: Command): void {
  let url: string | undefined;
  program.on('option:central', (value: unknown) => {
    if (typeof value === 'string') url = value;
    else if (url !== undefined) program.setOptionValueWithSource('central', url, 'cli');
  });
}

function exitOverrideAll(command: Command): void {
  command.exitOverride();
  command.configureOutput({ outputError: () => undefined });
  for (const sub of command.commands) exitOverrideAll(sub);
}

/** Run one command line; returns the exit code. Errors become one line on stderr. */
export async function main(argv: readonly string[], rawIo: CliIo = processIo()): Promise<number> {
  const io = scrubbingIo(rawIo, centralSecrets(centralArgument(argv) ?? rawIo.env.PFM_CENTRAL, rawIo.env));
  const program = buildProgram(io);
  exitOverrideAll(program);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      ) {
        return EXIT.ok;
      }
      io.stderr(`pfm: ${e.message.replace(/^error: /, '')}\n`);
      return EXIT.usage;
    }
    if (e instanceof ValidationError || e instanceof NotFoundError || e instanceof UsageError) {
      io.stderr(`pfm: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof BalanceMismatchError) {
      io.stderr(`pfm: ${e.message}\n`);
      return EXIT.mismatch;
    }
    if (e instanceof SchemaTooNewError || e instanceof ClockError || e instanceof SyncFailedError) {
      io.stderr(`pfm: ${e.message}\n`);
      return EXIT.failure;
    }
    if (String((e as { code?: unknown }).code).startsWith('SQLITE_READONLY')) {
      // Opened read-only (openDeviceStore) because its folder cannot be written: say so, not just SQLite's words.
      io.stderr(`pfm: cannot write the device database: its folder is read-only (${(e as Error).message})\n`);
      return EXIT.failure;
    }
    io.stderr(`pfm: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failure;
  }
}
