import { z } from 'zod';
import type {
  AccountBalance,
  AccountBalanceReport,
  NetWorthMonth,
  NetWorthReport,
} from '../../domain/accounts.js';
import type { Account, RegisterEntry, Transfer } from '../../domain/entities.js';
import { accountKind, rowStatus } from '../../domain/schemas.js';
import type { ReconcileOutcome } from '../../local/account-repository.js';
import { count, currency, list, minor, text } from './answer-schemas.js';
import type { SameFields } from './same-fields.js';

// The answers about accounts, transfers, registers and reconciles, after src/domain/entities.ts and
// src/domain/accounts.ts. Amounts are integer minor units of `currency`.

const account = z.object({
  id: text,
  userId: text,
  name: text,
  kind: accountKind,
  openingBalance: minor,
  openingDate: text.nullable(),
  onBudget: z.boolean(),
  archived: z.boolean(),
  deleted: z.boolean(),
  balance: minor.describe('the balance at the end of today'),
  clearedBalance: minor.describe('the opening balance and the rows cleared or reconciled'),
});

const transfer = z.object({
  id: text,
  userId: text,
  fromAccountId: text,
  fromAccountName: text,
  toAccountId: text,
  toAccountName: text,
  amount: minor,
  date: text,
  note: text,
  fromStatus: rowStatus,
  toStatus: rowStatus,
  modifiedAt: text,
});

const registerEntry = z.object({
  kind: z.enum(['opening', 'expense', 'income', 'transfer']),
  id: text,
  date: text,
  amount: minor.describe('signed: money in positive, out negative'),
  counterpart: text.describe('the category, or for a transfer the other account'),
  note: text,
  status: rowStatus,
  balance: minor.describe("the account's balance after this row"),
});

const reconcileOutcome = z.object({
  statementBalance: minor,
  clearedBalance: minor,
  difference: minor.describe('statementBalance - clearedBalance: zero means pfm and the bank agree'),
  reconciled: count.describe('cleared rows that became reconciled (0 unless the difference is zero)'),
});

const accountBalance = z.object({
  accountId: text,
  name: text,
  kind: accountKind,
  archived: z.boolean(),
  balance: minor,
});
const balances = z.object({ asOf: text, currency, accounts: list(accountBalance), total: minor });

const netWorthMonth = z.object({ month: text, balances: list(minor), total: minor });
const netWorthAccount = z.object({ accountId: text, name: text, kind: accountKind });
const netWorth = z.object({
  from: text,
  to: text,
  currency,
  accounts: list(netWorthAccount),
  months: list(netWorthMonth),
});

export const accountAnswers = {
  accounts: z.object({
    items: z.array(account),
    netWorth: minor.describe('the sum of every account balance today, archived ones too'),
    currency,
  }),
  account: z.object({ account, currency }),
  register: z.object({
    account,
    items: z.array(registerEntry),
    total: count,
    limit: count,
    offset: count,
    currency,
  }),
  reconcile: z.object({ reconcile: reconcileOutcome, account, currency }),
  transfers: z.object({ items: z.array(transfer), total: count, limit: count, offset: count, currency }),
  transfer: z.object({ transfer, currency }),
  balances: balances.describe("balances: each account's balance at the end of a day, and the net worth"),
  netWorth: netWorth.describe('networth: each account and the total at the end of every month'),
};

export const sameFields: [
  SameFields<typeof account, Account>,
  SameFields<typeof transfer, Transfer>,
  SameFields<typeof registerEntry, RegisterEntry>,
  SameFields<typeof reconcileOutcome, ReconcileOutcome>,
  SameFields<typeof accountBalance, AccountBalance>,
  SameFields<typeof balances, AccountBalanceReport>,
  SameFields<typeof netWorthMonth, NetWorthMonth>,
  SameFields<typeof netWorth, NetWorthReport>,
] = [true, true, true, true, true, true, true, true];
