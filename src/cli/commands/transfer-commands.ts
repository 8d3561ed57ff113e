import type { Command } from 'commander';
import { formatMoney } from '../../domain/money.js';
import { UsageError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { action, emit } from '../command-runner.js';
import { check } from '../input-schemas.js';
import { usableAccount } from '../account-lookup.js';
import { formatTable, pageLine } from '../table-output.js';
import { withReconciledFlag } from '../reconciled-flag.js';

type TransferFlags = Partial<
  Record<'user' | 'from' | 'to' | 'amount' | 'date' | 'note' | 'account' | 'fromDate' | 'toDate', string>
> & { confirmReconciled?: boolean; limit?: string; offset?: string };

export function registerTransferCommands(program: Command, io: CliIo): void {
  const transfer = program
    .command('transfer')
    .description('money moved between two of your accounts: never spending, never income');

  transfer
    .command('add')
    .requiredOption('--user <user>', 'user name or id')
    .requiredOption('--from <account>', 'account the money leaves (name or id)')
    .requiredOption('--to <account>', 'account the money goes to (name or id)')
    .requiredOption('--amount <amount>', 'amount, e.g. 250 (use --locale for 1.234,50)')
    .option('--date <date>', 'YYYY-MM-DD (default: today)')
    .option('--note <text>', 'free text')
    .action(
      action<TransferFlags>(io, async (ctx, _args, opts) => {
        const user = ctx.users.resolve(String(opts.user));
        const input = await check((s) => s.transferInput(ctx.amountContext(user)), {
          ...opts,
          date: opts.date ?? ctx.today(),
        });
        const from = usableAccount(ctx, user.id, input.from, '--from');
        const to = usableAccount(ctx, user.id, input.to, '--to');
        if (from.id === to.id)
          throw new UsageError(
            `--from and --to are both "${from.name}": a transfer moves money between two accounts`,
          );
        const created = ctx.transfers.create(user.id, {
          fromAccountId: from.id,
          toAccountId: to.id,
          amount: input.amount,
          date: input.date,
          note: input.note,
        });
        emit(
          ctx,
          { ...created, currency: user.currency },
          () =>
            `Moved ${formatMoney(created.amount, user.currency, user.locale)} from ${created.fromAccountName} ` +
            `to ${created.toAccountName} on ${created.date}, id ${created.id}\n`,
        );
      }),
    );

  transfer
    .command('list')
    .requiredOption('--user <user>', 'user name or id')
    .option('--account <account>', 'only transfers out of or into this account')
    .option('--from-date <date>', 'first date, inclusive')
    .option('--to-date <date>', 'last date, inclusive')
    .option('--limit <n>', 'at most this many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .action(
      action<TransferFlags>(io, async (ctx, _args, opts) => {
        const user = ctx.users.resolve(String(opts.user));
        const q = await check((s) => s.listQuery, {
          from: opts.fromDate,
          to: opts.toDate,
          limit: opts.limit,
          offset: opts.offset,
        });
        const accountId = opts.account ? ctx.accounts.resolve(user.id, opts.account).id : undefined;
        const page = ctx.transfers.list(user.id, {
          accountId,
          from: q.from,
          to: q.to,
          limit: q.limit,
          offset: q.offset,
        });
        emit(ctx, { ...page, currency: user.currency }, () => {
          const table = formatTable(
            ['date', 'amount', 'from', 'to', 'note', 'id'],
            page.items.map((t) => [
              t.date,
              formatMoney(t.amount, user.currency, user.locale),
              t.fromAccountName,
              t.toAccountName,
              t.note,
              t.id,
            ]),
          );
          return `${table}${pageLine(page)}`;
        });
      }),
    );

  transfer
    .command('edit')
    .argument('<id>', 'transfer id')
    .option('--from <account>', 'new account the money leaves')
    .option('--to <account>', 'new account the money goes to')
    .option('--amount <amount>', 'new amount')
    .option('--date <date>', 'new date')
    .option('--note <text>', 'new note')
    .option('--confirm-reconciled', 'change it even though a bank statement already agreed on it')
    .action(
      action<TransferFlags>(io, async (ctx, [id], opts) => {
        const user = ctx.users.get(ctx.transfers.ownerOf(String(id)));
        const patch = await check((s) => s.transferPatch(ctx.amountContext(user)), opts);
        const current = ctx.transfers.get(user.id, String(id));
        const moved = (ref: string | undefined, flag: string, was: string) => {
          if (ref === undefined) return undefined;
          const account = ctx.accounts.resolve(user.id, ref);
          return account.id === was ? undefined : usableAccount(ctx, user.id, ref, flag).id;
        };
        const fromAccountId = moved(patch.from, '--from', current.fromAccountId);
        const toAccountId = moved(patch.to, '--to', current.toAccountId);
        if ((fromAccountId ?? current.fromAccountId) === (toAccountId ?? current.toAccountId))
          throw new UsageError(
            '--from and --to would be the same account: a transfer moves money between two',
          );
        const edited = withReconciledFlag(() =>
          ctx.transfers.edit(
            user.id,
            current.id,
            { fromAccountId, toAccountId, amount: patch.amount, date: patch.date, note: patch.note },
            { confirmReconciled: patch.confirmReconciled === true },
          ),
        );
        emit(ctx, { ...edited, currency: user.currency }, () => `Saved transfer ${edited.id}\n`);
      }),
    );

  transfer
    .command('delete')
    .argument('<id>', 'transfer id')
    .option('--confirm-reconciled', 'delete it even though a bank statement already agreed on it')
    .action(
      action<TransferFlags>(io, (ctx, [id], opts) => {
        const owner = ctx.transfers.ownerOf(String(id));
        const undo = withReconciledFlag(() =>
          ctx.transfers.delete(owner, String(id), { confirmReconciled: opts.confirmReconciled === true }),
        );
        emit(
          ctx,
          { deleted: id, undo: undo.id },
          () => `Deleted transfer ${id} (pfm undo ${undo.id} brings it back)\n`,
        );
      }),
    );
}
