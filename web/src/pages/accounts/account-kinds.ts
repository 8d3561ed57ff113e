import type { AccountKind } from '../../../../src/domain/accounts.js';

/** What each kind of account is called on screen. */
export const KIND_LABELS: Record<AccountKind, string> = {
  checking: 'Checking',
  savings: 'Savings',
  credit_card: 'Credit card',
  cash: 'Cash',
  loan: 'Loan',
  investment: 'Investment',
};
