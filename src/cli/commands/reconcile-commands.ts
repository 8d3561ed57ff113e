import type { Command } from 'commander';
import type { RegisterEntry } from '../../domain/entities.js';
import { formatMoney } from '../../domain/money.js';
import { BalanceMismatchError, UsageError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { check } from '../input-schemas.js';
import { formatTable } from '../table-output.js';

const ROW_KINDS = ['expense', 'income', 'transfer'] as const;

export function registerReconcileCommands(program: Command, io: CliIo): void {
  program
    .command('reconcile')
    .description("compare a bank statement's balance with the account's cleared rows; mark them reconciled")
    .requiredOption('--user <user>', 'user name or id')
    .requiredOption('--account <account>', 'account name or id')
    .requiredOption(
      '--balance <amount>',
      "the statement's closing balance, e.g. 1234.56 or -80 for a card owed",
    )
    .option('--dry-run', 'only compare: mark nothing')
    .addHelpText(
      'after',
      '\nExit codes: 0 the balances agree (and the cleared rows are now reconciled, unless --dry-run);\n' +
        '3 they differ (nothing is marked; the difference is shown); 2 bad input.',
    )
    .action(
      action<{ user: string; account: string; balance: string; dryRun?: boolean }>(
        io,
        async (ctx, _a, opts) => {
          const user = ctx.users.resolve(opts.user);
          const input = await check((s) => s.reconcileInput(ctx.amountContext(user)), {
            balance: opts.balance,
            dryRun: opts.dryRun === true,
          });
          const account = ctx.accounts.resolve(user.id, opts.account);
          const outcome = ctx.accounts.reconcile(user.id, account.id, input.balance, !input.dryRun);
          const fmt = (n: number) => formatMoney(n, user.currency, user.locale);
          const explains =
            outcome.difference === 0
              ? []
              : explaining(
                  ctx.accounts.register(user.id, account.id, { limit: Number.MAX_SAFE_INTEGER }).items,
                  outcome.difference,
                );
          emit(ctx, { ...outcome, dryRun: input.dryRun, account, explains, currency: user.currency }, () => {
            const out = [
              formatTable(
                [account.name, 'balance'],
                [
                  ['statement', fmt(outcome.statementBalance)],
                  ['cleared', fmt(outcome.clearedBalance)],
                  ['difference', fmt(outcome.difference)],
                ],
              ).trimEnd(),
            ];
            if (outcome.difference === 0) {
              out.push(
                input.dryRun
                  ? 'They agree; run again without --dry-run to mark the cleared rows reconciled'
                  : `They agree: ${outcome.reconciled} cleared row${outcome.reconciled === 1 ? '' : 's'} marked reconciled`,
              );
            } else {
              out.push(
                `They differ by ${fmt(outcome.difference)}; nothing was marked. Look for a row on the statement ` +
                  'that is not cleared here (pfm clear), a row cleared here that the statement lacks, ' +
                  `or an amount typed differently (pfm account register "${account.name}").`,
              );
              for (const e of explains)
                out.push(
                  `  the ${e.status} ${e.kind} of ${fmt(Math.abs(e.amount))} on ${e.date} (${e.counterpart}${e.note ? `, ${e.note}` : ''}, id ${e.id}) would explain it`,
                );
            }
            return `${out.join('\n')}\n`;
          });
          if (outcome.difference !== 0)
            throw new BalanceMismatchError(
              `the statement and the cleared balance differ by ${fmt(outcome.difference)}`,
            );
        },
      ),
    );

  program
    .command('clear')
    .description("mark a row as seen on the bank statement (this account's side of it)")
    .argument('<account>', 'account name or id')
    .argument('<kind>', 'expense, income or transfer')
    .argument('<id>', 'the row id (pfm account register shows it)')
    .requiredOption('--user <user>', 'user name or id')
    .option('--uncleared', 'mark it not cleared instead')
    .action(
      action<{ user: string; uncleared?: boolean }>(io, (ctx, [ref, kind, id], opts) => {
        const rowKind = ROW_KINDS.find((k) => k === kind);
        if (!rowKind) throw new UsageError(`kind must be expense, income or transfer, not "${kind}"`);
        const user = ctx.users.resolve(opts.user);
        const account = ctx.accounts.resolve(user.id, String(ref));
        const status = opts.uncleared ? 'uncleared' : 'cleared';
        ctx.accounts.setStatus(user.id, account.id, rowKind, String(id), status);
        emit(
          ctx,
          { account: account.id, kind: rowKind, id, status },
          () => `Marked ${rowKind} ${id} ${status} in ${account.name}\n`,
        );
      }),
    );
}

/**
 * Rows one of which alone accounts for the difference: an uncleared one the statement may show, or a
 * cleared one it may not. Amounts are signed (money in positive), as is the difference (statement - cleared).
 */
function explaining(entries: readonly RegisterEntry[], difference: number): RegisterEntry[] {
  return entries
    .filter(
      (e) =>
        e.kind !== 'opening' &&
        ((e.status === 'uncleared' && e.amount === difference) ||
          (e.status === 'cleared' && e.amount === -difference)),
    )
    .slice(0, 5);
}
