import type { LocalStore } from './local-store.js';

/**
 * Which pfm account a bank account named in a statement (an OFX file's BANKID/ACCTID) goes to, per user on
 * this device: asked once, then remembered, so later statements of that bank account need no flag.
 */
export class ImportAccounts {
  constructor(private readonly store: LocalStore) {}

  /** The remembered account, or null when this bank account was never mapped. */
  get(userId: string, sourceAccount: string): string | null {
    const row = this.store
      .sql('SELECT account_id FROM import_account WHERE user_id = ? AND source_account = ?')
      .get(userId, sourceAccount) as { account_id: string } | undefined;
    return row?.account_id ?? null;
  }

  remember(userId: string, sourceAccount: string, accountId: string): void {
    this.store
      .sql(
        `INSERT INTO import_account (user_id, source_account, account_id) VALUES (?, ?, ?)
         ON CONFLICT (user_id, source_account) DO UPDATE SET account_id = excluded.account_id`,
      )
      .run(userId, sourceAccount, accountId);
  }
}
