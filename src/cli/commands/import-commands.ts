import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { toDecimalString } from '../../domain/money.js';
import type { CategoryKind } from '../../domain/schemas.js';
import { validate, ValidationError } from '../../domain/validation.js';
import { COLUMN_ROLES, type ColumnRole } from '../../import/csv-columns.js';
import type { CsvLayout } from '../../import/csv-statement.js';
import { describeOrder } from '../../import/date-formats.js';
import { mainAccountId } from '../../domain/accounts.js';
import type { Account } from '../../domain/entities.js';
import { ImportAccounts } from '../../local/import-accounts.js';
import { ImportHistory } from '../../local/import-history.js';
import { ImportRuleRepository } from '../../local/import-rule-repository.js';
import type { ImportResult } from '../../local/statement-import.js';
import { UsageError } from '../cli-errors.js';
import type { CliContext } from '../cli-context.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { check } from '../input-schemas.js';
import { progressBar } from '../progress-bar.js';
import { formatTable } from '../table-output.js';
import { usableAccount } from '../account-lookup.js';

type ImportFlags = { user: string; dryRun?: boolean; skipBad?: boolean; invert?: boolean } & Partial<
  Record<'format' | 'dateFormat' | 'decimal' | 'delimiter' | 'account' | 'label', string>
> &
  Partial<Record<`${ColumnRole}Column`, string>>;

export function registerImportCommands(program: Command, io: CliIo): void {
  const command = program
    .command('import')
    .description('import a bank statement (CSV, OFX or QFX); lines already imported are never added twice')
    .argument('<file>', 'the statement file')
    .requiredOption('--user <user>', 'user name or id')
    .option('--format <format>', 'csv or ofx (default: from the content)')
    .option('--dry-run', 'show what would be imported, write nothing')
    .option('--skip-bad', 'import the good lines of a file with bad ones (each bad one is still listed)')
    .option(
      '--date-format <format>',
      'ymd, dmy or mdy (or DD.MM.YYYY, MM/DD/YYYY...) when dates are ambiguous',
    )
    .option('--decimal <separator>', 'decimal separator of amounts: "." or ","')
    .option('--delimiter <char>', 'CSV delimiter: , ; | or tab')
    .option('--invert', 'positive amounts are money out (credit card statements)')
    .option(
      '--account <account>',
      "pfm account the rows go to (name or id); remembered for an OFX file's bank account (default: that, or the first account)",
    )
    .option('--label <label>', 'a label keeping apart the lines of several accounts of the same shape');
  for (const role of COLUMN_ROLES) {
    command.option(`--${role}-column <column>`, `the ${role} column: header name or 1-based number`);
  }
  command.action(
    action<ImportFlags>(io, async (ctx, [file], opts) => {
      // The statement readers (CSV, OFX, encodings) are for this command only.
      const { StatementImporter } = await import('../../local/statement-import.js');
      const { importOptionsInput, toReadOptions } = await import('../../import/import-options.js');
      const { statementAccount } = await import('../../import/statement-reader.js');
      const user = ctx.users.resolve(opts.user);
      const columns = Object.fromEntries(
        COLUMN_ROLES.filter((r) => opts[`${r}Column`] !== undefined).map((r) => [r, opts[`${r}Column`]]),
      );
      const input = validate(importOptionsInput, {
        format: opts.format,
        dateFormat: opts.dateFormat,
        decimal: opts.decimal,
        delimiter: opts.delimiter,
        columns: Object.keys(columns).length > 0 ? columns : undefined,
        invert: opts.invert,
        account: opts.label,
      });
      const path = String(file);
      const bytes = readInput(path);
      const readOptions = toReadOptions(input);
      const into = importTarget(
        ctx,
        user.id,
        opts.account,
        statementAccount(bytes, {
          ...readOptions,
          currency: user.currency,
          fileName: basename(path),
        }),
        basename(path),
      );
      const progress = progressBar(ctx.io, 'Importing', !ctx.json);
      let result: ImportResult;
      try {
        result = new StatementImporter(ctx.store).run(user.id, {
          bytes,
          fileName: basename(path),
          options: readOptions,
          dryRun: opts.dryRun === true,
          accountId: into.account.id,
          skipBad: opts.skipBad === true,
          onProgress: (done, total) => progress.update(done, total),
        });
      } finally {
        progress.stop();
      }
      if (into.source !== null && !result.dryRun)
        new ImportAccounts(ctx.store).remember(user.id, into.source, into.account.id);
      const { lines: _lines, ...summary } = result;
      const intoAccount = { id: into.account.id, name: into.account.name };
      emit(ctx, { ...(result.dryRun ? result : summary), intoAccount }, () =>
        describeImport(path, result, user.currency, into.account.name),
      );
    }),
  );

  program
    .command('imports')
    .description("the user's statement imports on this device, newest first")
    .requiredOption('--user <user>', 'user name or id')
    .action(
      action<{ user: string }>(io, (ctx, _args, opts) => {
        const user = ctx.users.resolve(opts.user);
        const batches = new ImportHistory(ctx.store).list(user.id);
        emit(ctx, batches, () =>
          formatTable(
            ['imported at', 'file', 'format', 'added', 'already there', 'bad skipped', 'sha-256'],
            batches.map((b) => [
              b.importedAt,
              b.fileName,
              b.format,
              String(b.added),
              String(b.duplicates),
              String(b.skippedBad),
              b.fingerprint.slice(0, 12),
            ]),
          ),
        );
      }),
    );

  registerRuleCommands(program, io);
}

/**
 * The pfm account a statement goes to, and the bank account it names (`source`, OFX only) to remember it for:
 * --account when given; else the account remembered for that bank account; else, when there is no choice to
 * make (a CSV file, or a user with one account), the first account. An OFX file of an unknown bank account
 * with several accounts to choose from is refused, asking for --account once.
 */
function importTarget(
  ctx: CliContext,
  userId: string,
  ref: string | undefined,
  source: string | null,
  fileName: string,
): { account: Account; source: string | null } {
  if (ref !== undefined) return { account: usableAccount(ctx, userId, ref, '--account'), source };
  const remembered = source === null ? null : new ImportAccounts(ctx.store).get(userId, source);
  if (remembered !== null)
    return { account: usableAccount(ctx, userId, remembered, 'the remembered account'), source };
  const live = ctx.accounts.list(userId);
  if (source !== null && live.length > 1)
    throw new UsageError(
      `${fileName} is from bank account ${source}, which is not linked to a pfm account yet: ` +
        'pass --account ACCOUNT once, and later statements of it go there',
    );
  const first = live.find((a) => a.id === mainAccountId(userId)) ?? live[0];
  return { account: usableAccount(ctx, userId, first?.id ?? mainAccountId(userId), '--account'), source };
}

function readInput(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `no file ${path}` : `cannot read ${path}: ${(e as Error).message}`,
    );
  }
}

// A dry run shows this many lines as a table; --json gives them all.
const PREVIEW_ROWS = 100;

function describeImport(path: string, r: ImportResult, currency: string, into: string): string {
  const how = r.layout ? describeLayout(r.layout) : `OFX, account ${r.account || 'unnamed'}`;
  const verb = r.dryRun ? 'Would import' : 'Imported';
  const out = [`Read ${basename(path)} as ${how} (${r.encoding}), into account ${into}`];
  for (const b of r.importedBefore) {
    out.push(`This file was imported before, at ${b.importedAt} (${b.added} added then)`);
  }
  if (r.dryRun && r.lines.length > 0) {
    out.push(
      formatTable(
        ['line', 'date', 'kind', 'amount', 'category', 'description', 'status'],
        r.lines
          .slice(0, PREVIEW_ROWS)
          .map((l) => [
            String(l.line),
            l.date,
            l.kind,
            toDecimalString(l.kind === 'expense' ? -l.amount : l.amount, currency),
            l.categoryName,
            l.description.slice(0, 50),
            l.duplicate ? 'already imported' : 'new',
          ]),
      ).trimEnd(),
    );
    if (r.lines.length > PREVIEW_ROWS)
      out.push(`... and ${r.lines.length - PREVIEW_ROWS} more lines (--json lists all)`);
  }
  for (const e of r.errors) out.push(`  skipped line ${e.line}: ${e.reason}`);
  out.push(
    `${verb} ${r.added} new row${r.added === 1 ? '' : 's'}; ${r.duplicates} already imported` +
      (r.skippedBad > 0 ? `; ${r.skippedBad} bad line${r.skippedBad === 1 ? '' : 's'} skipped` : ''),
  );
  return `${out.join('\n')}\n`;
}

function describeLayout(layout: CsvLayout): string {
  const delimiter = layout.delimiter === '\t' ? 'tab' : `"${layout.delimiter}"`;
  const order = describeOrder(layout.dateOrder);
  const columns = Object.entries(layout.mapping)
    .map(([role, index]) => `${role}="${layout.header[index] ?? index + 1}"`)
    .join(', ');
  return (
    `CSV, ${delimiter}-separated, ${layout.headerLine === 0 ? 'no header row' : `header on line ${layout.headerLine}`}, dates ${order}, ` +
    `decimal "${layout.decimal}"${layout.invert ? ', signs inverted' : ''}; ${columns}`
  );
}

function registerRuleCommands(program: Command, io: CliIo): void {
  const rule = program
    .command('rule')
    .description('import rules: "description contains X" files a line under Y');

  rule
    .command('add')
    .requiredOption('--user <user>', 'user name or id')
    .requiredOption('--contains <text>', 'text the description contains (case and accents ignored)')
    .requiredOption('--category <category>', 'category name or id')
    .option('--kind <kind>', 'expense or income, when both kinds have a category of that name')
    .action(
      action<{ user: string; contains: string; category: string; kind?: string }>(
        io,
        async (ctx, _args, opts) => {
          const user = ctx.users.resolve(opts.user);
          const kind = opts.kind === undefined ? undefined : await check((s) => s.categoryKind, opts.kind);
          const categoryId = resolveRuleCategory(ctx, user.id, opts.category, kind);
          const added = new ImportRuleRepository(ctx.store).add(user.id, opts.contains, categoryId);
          emit(
            ctx,
            added,
            () =>
              `Added rule ${added.id}: contains "${added.pattern}" -> ${added.kind} ${added.categoryName}\n`,
          );
        },
      ),
    );

  rule
    .command('list')
    .requiredOption('--user <user>', 'user name or id')
    .action(
      action<{ user: string }>(io, (ctx, _args, opts) => {
        const user = ctx.users.resolve(opts.user);
        const rules = new ImportRuleRepository(ctx.store).list(user.id);
        emit(ctx, rules, () =>
          formatTable(
            ['#', 'contains', 'kind', 'category', 'id'],
            rules.map((r, i) => [String(i + 1), r.pattern, r.kind, r.categoryName, r.id]),
          ),
        );
      }),
    );

  rule
    .command('delete')
    .argument('<id>', 'rule id')
    .requiredOption('--user <user>', 'user name or id')
    .action(
      action<{ user: string }>(io, (ctx, [id], opts) => {
        const user = ctx.users.resolve(opts.user);
        new ImportRuleRepository(ctx.store).remove(user.id, String(id));
        emit(ctx, { deleted: id }, () => `Deleted rule ${id}\n`);
      }),
    );
}

/** A category by name or id; with no --kind, the name must be unique across both kinds. */
function resolveRuleCategory(ctx: CliContext, userId: string, nameOrId: string, kind?: CategoryKind): string {
  if (kind) return ctx.categories.resolve(userId, nameOrId, kind).id;
  const found = (['expense', 'income'] as const).flatMap((k) => {
    try {
      return [ctx.categories.resolve(userId, nameOrId, k)];
    } catch {
      return [];
    }
  });
  if (found.length === 1 && found[0]) return found[0].id;
  if (found.length > 1) {
    throw new ValidationError(
      'kind',
      `both an expense and an income category are named "${nameOrId}": add --kind`,
    );
  }
  // Neither kind has it: let the expense lookup say which names exist.
  return ctx.categories.resolve(userId, nameOrId, 'expense').id;
}
