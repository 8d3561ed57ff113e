import type { AccountBalanceReport, NetWorthReport } from '../../domain/accounts.js';
import { toDecimalString } from '../../domain/money.js';
import { csvText } from '../../import/csv-writer.js';

// CSV of the account reports, like report-csv.ts: one header line, money as exact decimal text in major units,
// the currency on every row.

/** One line per account, then the net worth as a line of its own (account "Net worth"). */
export function balancesCsv(r: AccountBalanceReport): string {
  const money = (minor: number) => toDecimalString(minor, r.currency);
  return csvText([
    ['as_of', 'account', 'kind', 'archived', 'balance', 'currency'],
    ...r.accounts.map((a) => [r.asOf, a.name, a.kind, a.archived, money(a.balance), r.currency]),
    [r.asOf, 'Net worth', '', '', money(r.total), r.currency],
  ]);
}

/** One line per month: each account's balance in a column of its own, then the total. */
export function netWorthCsv(r: NetWorthReport): string {
  const money = (minor: number) => toDecimalString(minor, r.currency);
  return csvText([
    ['month', ...r.accounts.map((a) => a.name), 'net_worth', 'currency'],
    ...r.months.map((m) => [m.month, ...m.balances.map(money), money(m.total), r.currency]),
  ]);
}
