/** One forward-only step of a dialect's central schema; the highest applied is the store's schema version. */
export interface CentralMigration {
  readonly version: number;
  readonly name: string;
  /** The statements of the step, run in one transaction with the record that it was applied. */
  readonly sql: string;
}
