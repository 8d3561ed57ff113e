/**
 * Every live movement of a user's accounts as one SQL relation (account_id, date, amount, status): expenses
 * out, income in, and each transfer twice, out of one account and into the other. Balances, net worth and
 * reconciles all read it. Takes the user id four times.
 */
export const MOVEMENTS_SQL = `
  SELECT account_id, expense_date AS date, -amount AS amount, status FROM expense
    WHERE user_id = ? AND deleted = 0
  UNION ALL
  SELECT account_id, income_date, amount, status FROM income WHERE user_id = ? AND deleted = 0
  UNION ALL
  SELECT from_account_id, transfer_date, -amount, from_status FROM transfer WHERE user_id = ? AND deleted = 0
  UNION ALL
  SELECT to_account_id, transfer_date, amount, to_status FROM transfer WHERE user_id = ? AND deleted = 0`;

/** The parameters of MOVEMENTS_SQL for one user. */
export function movementParams(userId: string): string[] {
  return [userId, userId, userId, userId];
}
