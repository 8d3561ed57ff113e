import { sqliteReportQueries } from './sqlite-report-queries.js';
import { SqlCentralReports } from '../central-reports.js';
import { digestRows, type TableDigest } from '../../domain/digest.js';
import { SYNCED_TABLES, type SyncRow, type SyncedTable } from '../../domain/tables.js';
import { ValidationError } from '../../domain/validation.js';
import type { CentralMigration } from '../central-migration.js';
import {
  checkedRows,
  foreignRowsError,
  requireText,
  toCentralRow,
  requireFeedRead,
} from '../central-rows.js';
import {
  CentralError,
  CentralSchemaTooNewError,
  type CentralHandshake,
  type CentralReports,
  type CentralRow,
  type CentralStore,
  type CentralUserWrite,
  type SyncActivity,
  type WrittenRow,
} from '../central-store.js';
import { activityValues, num, requireActivity } from '../report-rows.js';
import { runWriteUnit, requireOpenWrite } from '../write-unit.js';
import { requireKnownVersion, latestVersion, migratedOrChecked } from '../schema-policy.js';
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

type Row = Record<string, unknown>;

/**
 * The central store in one SQLite file: the zero-setup default, and a `pfm hub` with no database server to
 * run. Several processes of one machine may use one file at once (sqlite-session.ts says how they are kept
 * in order). The central clock is this machine's clock.
 */
export class SqliteCentralStore implements CentralStore {
  readonly kind = 'sqlite' as const;
  readonly reports: CentralReports;
  readonly deviceTokens: SqliteDeviceTokens;

  private constructor(
    private readonly session: SqliteSession,
    /** Already redacted. */
    readonly url: string,
    private readonly migrations: readonly CentralMigration[],
  ) {
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

  private get knownVersion(): number {
    return latestVersion(this.migrations);
  }

  async migrate(): Promise<number> {
    // Most opens find the schema current: a read says so without taking the write lock other processes use.
    const found = await this.schemaVersion();
    if (found === this.knownVersion) return 0;
    if (found > this.knownVersion) throw new CentralSchemaTooNewError(found, this.knownVersion, this.url);
    // BEGIN IMMEDIATE takes the write lock first: two processes migrating one file take turns, and the second
    // finds the first one's work done.
    return this.session.transaction(async () => {
      this.session.exec(SCHEMA_TABLE_SQL);
      const current = num(this.session.get<{ version: number }>(SCHEMA_VERSION_SQL)?.version);
      if (current > this.knownVersion)
        throw new CentralSchemaTooNewError(current, this.knownVersion, this.url);
      let applied = 0;
      for (const m of this.migrations) {
        if (m.version <= current) continue;
        this.session.exec(m.sql);
        this.session.run(INSERT_SCHEMA_VERSION_SQL, [m.version, m.name]);
        applied++;
      }
      return applied;
    });
  }

  async schemaVersion(): Promise<number> {
    return this.session.serial(() => this.readVersion());
  }

  async checkSchema(): Promise<void> {
    requireKnownVersion(await this.schemaVersion(), this.knownVersion, this.url);
  }

  async handshake(userId?: string): Promise<CentralHandshake> {
    if (userId !== undefined) requireText('userId', userId);
    return this.session.serial(() => {
      const version = this.readVersion();
      requireKnownVersion(version, this.knownVersion, this.url);
      const instanceId = this.session.get<{ instance_id: string }>(INSTANCE_ID_SQL)?.instance_id;
      if (!instanceId)
        throw new CentralError(`the central store at ${this.url} has no instance id`, 'PFM_NO_INSTANCE');
      const now = new Date();
      return userId === undefined ? { instanceId, now } : { instanceId, now, feedHeads: this.heads(userId) };
    });
  }

  async withUserWrite<T>(userId: string, fn: (write: CentralUserWrite) => Promise<T>): Promise<T> {
    requireText('userId', userId);
    return this.session.transaction(async () => {
      return runWriteUnit(new SqliteUserWrite(this.session, userId), fn);
    });
  }

  async readChanges(
    userId: string,
    table: SyncedTable,
    afterSeq: number,
    limit: number,
    upToSeq?: number,
  ): Promise<CentralRow[]> {
    requireFeedRead(userId, afterSeq, limit, upToSeq);
    const sql = tableSql(table);
    return this.session.serial(() =>
      (upToSeq === undefined
        ? this.session.all<Row>(sql.readChanges, [userId, afterSeq, limit])
        : this.session.all<Row>(sql.readChangesUpTo, [userId, afterSeq, upToSeq, limit])
      ).map((r) => toCentralRow(table, r)),
    );
  }

  async readRowsById(userId: string, table: SyncedTable, ids: readonly string[]): Promise<CentralRow[]> {
    requireText('userId', userId);
    const sql = tableSql(table);
    if (ids.length === 0) return [];
    return this.session.serial(() =>
      this.session.all<Row>(sql.readByIds, [userId, JSON.stringify(ids)]).map((r) => toCentralRow(table, r)),
    );
  }

  async now(): Promise<Date> {
    return new Date();
  }

  async instanceId(): Promise<string> {
    return this.session.serial(() => {
      const id = this.session.get<{ instance_id: string }>(INSTANCE_ID_SQL)?.instance_id;
      if (!id)
        throw new CentralError(`the central store at ${this.url} has no instance id`, 'PFM_NO_INSTANCE');
      return id;
    });
  }

  async maxSeq(userId: string): Promise<number> {
    const heads = await this.feedHeads(userId);
    return Math.max(0, ...Object.values(heads));
  }

  async feedHeads(userId: string): Promise<Record<SyncedTable, number>> {
    requireText('userId', userId);
    return this.session.serial(() => this.heads(userId));
  }

  async digest(userId: string, table: SyncedTable): Promise<TableDigest> {
    requireText('userId', userId);
    const sql = tableSql(table);
    return this.session.serial(() =>
      digestRows(
        table,
        this.session.all<Row>(sql.readAllById, [userId]).map((r) => toCentralRow(table, r)),
      ),
    );
  }

  async recordSyncActivity(entry: SyncActivity): Promise<void> {
    requireText('userId', entry.userId);
    requireText('deviceId', entry.deviceId);
    requireActivity(entry);
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
    const row = this.session.get<Row>(FEED_HEADS_SQL, [userId]) ?? {};
    return Object.fromEntries(SYNCED_TABLES.map((t) => [t, num(row[t] as number | undefined)])) as Record<
      SyncedTable,
      number
    >;
  }
}

/**
 * The operations of one open write unit; unusable once it has ended. BEGIN IMMEDIATE took the database's
 * write lock before the first of them: that is the user's lock here (no lock row is needed).
 */
class SqliteUserWrite implements CentralUserWrite {
  open = true;

  constructor(
    private readonly session: SqliteSession,
    readonly userId: string,
  ) {}

  async readVersions(table: SyncedTable, ids: readonly string[]): Promise<CentralRow[]> {
    this.requireOpen();
    const sql = tableSql(table);
    if (ids.length === 0) return [];
    const rows = this.session.all<Row>(sql.readByIds, [this.userId, JSON.stringify(ids)]);
    return rows.map((r) => toCentralRow(table, r));
  }

  async writeRows(table: SyncedTable, rows: readonly SyncRow[], origin: string): Promise<WrittenRow[]> {
    return this.write(table, rows, origin, false).written;
  }

  async writeRowsWithHead(
    table: SyncedTable,
    rows: readonly SyncRow[],
    origin: string,
  ): Promise<{ written: WrittenRow[]; head: number }> {
    return this.write(table, rows, origin, true);
  }

  /** Seqs are drawn from the counter first (one statement), then the batch is written by one more, run per row. */
  private write(
    table: SyncedTable,
    rows: readonly SyncRow[],
    origin: string,
    withHead: boolean,
  ): { written: WrittenRow[]; head: number } {
    this.requireOpen();
    const sql = tableSql(table);
    requireText('origin', origin);
    if (rows.length === 0) return { written: [], head: 0 };
    const checked = checkedRows(table, rows, this.userId);
    const head = withHead ? num(this.session.get<{ head: number }>(sql.head, [this.userId])?.head) : 0;
    const last = num(this.session.get<{ value: number }>(DRAW_SEQS_SQL, [checked.length])?.value);
    const first = last - checked.length + 1;
    const changed = this.session.many(
      sql.write,
      checked.map((r, i) => [
        r.id,
        ...r.values,
        r.hlc,
        r.clock,
        r.modifiedAt,
        first + i,
        origin,
        this.userId,
      ]),
    );
    const written = checked.flatMap((r, i) => (changed[i] === 1 ? [{ id: r.id, seq: first + i }] : []));
    if (written.length !== checked.length) {
      // Thrown inside the transaction: it rolls back whole.
      throw foreignRowsError(
        table,
        checked.map((r) => r.id),
        written.map((w) => w.id),
      );
    }
    return { written, head };
  }

  async recordBatch(batchId: string): Promise<boolean> {
    this.requireOpen();
    requireText('batchId', batchId);
    return this.session.all(RECORD_BATCH_SQL, [this.userId, batchId]).length === 1;
  }

  async saveBatchConflicts(batchId: string, conflicts: string): Promise<void> {
    this.requireOpen();
    this.session.run(SAVE_BATCH_CONFLICTS_SQL, [conflicts, this.userId, batchId]);
    return;
  }

  async batchConflicts(batchId: string): Promise<string | null> {
    this.requireOpen();
    const row = this.session.get<{ conflicts: string | null }>(BATCH_CONFLICTS_SQL, [this.userId, batchId]);
    return row?.conflicts ?? null;
  }

  private requireOpen(): void {
    requireOpenWrite(this);
  }
}

function tableSql(table: SyncedTable) {
  const sql = SQLITE_TABLE_SQL[table];
  if (!sql) throw new ValidationError('table', `"${String(table)}" is not a synced table`);
  return sql;
}
