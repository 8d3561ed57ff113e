import { sqliteReportQueries } from './sqlite-report-queries.js';
import { SqlCentralReports } from '../central-reports.js';
import type { SyncedTable } from '../../domain/tables.js';
import type { CentralMigration } from '../central-migration.js';
import { headsOf, requireText } from '../central-rows.js';
import type { CentralHandshake, CentralReports, SyncActivity } from '../central-store.js';
import { activityValues, num } from '../report-rows.js';
import { migratedOrChecked, pendingMigrations } from '../schema-policy.js';
import {
  SqlCentralStore,
  type FeedRead,
  type RowsToWrite,
  type WrittenWithHead,
  SqlUserWriteWithHead,
  type DriverRow as Row,
  type SqlUserWrite,
} from '../sql-central-store.js';
import { SqliteDeviceTokens } from './sqlite-device-tokens.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import type { SqliteSession } from './sqlite-session.js';
import {
  BATCH_CONFLICTS_SQL,
  DRAW_SEQS_SQL,
  FEED_HEADS_SQL,
  HAS_SCHEMA_TABLE_SQL,
  INSERT_SCHEMA_VERSION_SQL,
  INSTANCE_ID_SQL,
  RECORD_ACTIVITY_SQL,
  RECORD_BATCH_SQL,
  SAVE_BATCH_CONFLICTS_SQL,
  SCHEMA_TABLE_SQL,
  SCHEMA_VERSION_SQL,
  SQLITE_TABLE_SQL,
} from './sqlite-sql.js';

/**
 * The central store in one SQLite file: the zero-setup default, and a `pfm hub` with no database server to
 * run. Several processes of one machine may use one file at once (sqlite-session.ts says how they are kept
 * in order). The central clock is this machine's clock.
 */
export class SqliteCentralStore extends SqlCentralStore<CentralMigration> {
  readonly kind = 'sqlite' as const;
  readonly reports: CentralReports;
  readonly deviceTokens: SqliteDeviceTokens;

  private constructor(
    private readonly session: SqliteSession,
    url: string,
    migrations: readonly CentralMigration[],
  ) {
    super(url, migrations);
    this.reports = new SqlCentralReports((fn) => session.serial(() => fn(sqliteReportQueries(session))));
    this.deviceTokens = new SqliteDeviceTokens(session);
  }

  /** A store on an open session: migrated (default) or only checked. Closes the session when that fails. */
  static async open(
    session: SqliteSession,
    url: string,
    migrate = true,
    migrations: readonly CentralMigration[] = SQLITE_MIGRATIONS,
  ): Promise<SqliteCentralStore> {
    return migratedOrChecked(new SqliteCentralStore(session, url, migrations), migrate);
  }

  async migrate(): Promise<number> {
    // Most opens find the schema current: a read says so without taking the write lock other processes use.
    if (pendingMigrations(this.migrations, await this.schemaVersion(), this.url).length === 0) return 0;
    // BEGIN IMMEDIATE takes the write lock first: two processes migrating one file take turns, and the second
    // finds the first one's work done.
    return this.session.transaction(async () => {
      this.session.exec(SCHEMA_TABLE_SQL);
      const current = num(this.session.get<{ version: number }>(SCHEMA_VERSION_SQL)?.version);
      const pending = pendingMigrations(this.migrations, current, this.url);
      for (const m of pending) {
        this.session.exec(m.sql);
        this.session.run(INSERT_SCHEMA_VERSION_SQL, [m.version, m.name]);
      }
      return pending.length;
    });
  }

  async schemaVersion(): Promise<number> {
    return this.session.serial(() => this.readVersion());
  }

  async handshake(userId?: string): Promise<CentralHandshake> {
    if (userId !== undefined) requireText('userId', userId);
    return this.session.serial(() => {
      this.requireKnownVersion(this.readVersion());
      const instanceId = this.requireInstanceId(
        this.session.get<{ instance_id: string }>(INSTANCE_ID_SQL)?.instance_id,
      );
      const now = new Date();
      return userId === undefined ? { instanceId, now } : { instanceId, now, feedHeads: this.heads(userId) };
    });
  }

  protected async userWriteUnit<T>(userId: string, fn: (write: SqlUserWrite) => Promise<T>): Promise<T> {
    return this.session.transaction(() => fn(new SqliteUserWrite(this.session, userId)));
  }

  protected async feedRows(
    table: SyncedTable,
    { userId, afterSeq, limit, upToSeq }: FeedRead,
  ): Promise<Row[]> {
    const sql = SQLITE_TABLE_SQL[table];
    return this.session.serial(() =>
      upToSeq === undefined
        ? this.session.all<Row>(sql.readChanges, [userId, afterSeq, limit])
        : this.session.all<Row>(sql.readChangesUpTo, [userId, afterSeq, upToSeq, limit]),
    );
  }

  protected async rowsById(table: SyncedTable, userId: string, ids: readonly string[]): Promise<Row[]> {
    const sql = SQLITE_TABLE_SQL[table].readByIds;
    return this.session.serial(() => this.session.all<Row>(sql, [userId, JSON.stringify(ids)]));
  }

  protected async eachRow(table: SyncedTable, userId: string, take: (rows: readonly Row[]) => void) {
    const sql = SQLITE_TABLE_SQL[table].readAllById;
    await this.session.serial(() => take(this.session.all<Row>(sql, [userId])));
  }

  async now(): Promise<Date> {
    return new Date();
  }

  protected async readInstanceId(): Promise<string | undefined> {
    return this.session.serial(() => this.session.get<{ instance_id: string }>(INSTANCE_ID_SQL)?.instance_id);
  }

  protected async readMaxSeq(userId: string): Promise<number> {
    const heads = await this.feedHeads(userId);
    return Math.max(0, ...Object.values(heads));
  }

  async feedHeads(userId: string): Promise<Record<SyncedTable, number>> {
    requireText('userId', userId);
    return this.session.serial(() => this.heads(userId));
  }

  protected async insertActivity(entry: SyncActivity): Promise<void> {
    return this.session.serial(() => {
      this.session.run(RECORD_ACTIVITY_SQL, activityValues(entry));
    });
  }

  async close(): Promise<void> {
    return this.session.close();
  }

  private readVersion(): number {
    if (num(this.session.get<{ n: number }>(HAS_SCHEMA_TABLE_SQL)?.n) === 0) return 0;
    return num(this.session.get<{ version: number }>(SCHEMA_VERSION_SQL)?.version);
  }

  private heads(userId: string): Record<SyncedTable, number> {
    return headsOf(this.session.get<Row>(FEED_HEADS_SQL, [userId]));
  }
}

/**
 * The operations of one open write unit; unusable once it has ended. BEGIN IMMEDIATE took the database's
 * write lock before the first of them: that is the user's lock here (no lock row is needed).
 */
class SqliteUserWrite extends SqlUserWriteWithHead {
  constructor(
    private readonly session: SqliteSession,
    userId: string,
  ) {
    super(userId);
  }

  protected async versionRows(table: SyncedTable, ids: readonly string[]): Promise<Row[]> {
    return this.session.all<Row>(SQLITE_TABLE_SQL[table].readByIds, [this.userId, JSON.stringify(ids)]);
  }

  /** Seqs are drawn from the counter first (one statement), then the batch is written by one more, run per row. */
  protected async insertRows(
    table: SyncedTable,
    { rows, origin, withHead }: RowsToWrite,
  ): Promise<WrittenWithHead> {
    const sql = SQLITE_TABLE_SQL[table];
    const head = withHead ? num(this.session.get<{ head: number }>(sql.head, [this.userId])?.head) : 0;
    const last = num(this.session.get<{ value: number }>(DRAW_SEQS_SQL, [rows.length])?.value);
    const first = last - rows.length + 1;
    const changed = this.session.many(
      sql.write,
      rows.map((r, i) => [r.id, ...r.values, r.hlc, r.clock, r.modifiedAt, first + i, origin, this.userId]),
    );
    const written = rows.flatMap((r, i) => (changed[i] === 1 ? [{ id: r.id, seq: first + i }] : []));
    return { written, head };
  }

  protected async insertBatch(batchId: string): Promise<boolean> {
    return this.session.all(RECORD_BATCH_SQL, [this.userId, batchId]).length === 1;
  }

  protected async updateBatchConflicts(batchId: string, conflicts: string): Promise<void> {
    this.session.run(SAVE_BATCH_CONFLICTS_SQL, [conflicts, this.userId, batchId]);
  }

  protected async readBatchConflicts(batchId: string): Promise<string | null> {
    const row = this.session.get<{ conflicts: string | null }>(BATCH_CONFLICTS_SQL, [this.userId, batchId]);
    return row?.conflicts ?? null;
  }
}
