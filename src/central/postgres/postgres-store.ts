import { postgresReportQueries } from './postgres-report-queries.js';
import { SqlCentralReports } from '../central-reports.js';
import { digestRows, type TableDigest } from '../../domain/digest.js';
import { SYNCED_TABLES, TABLES, type SyncRow, type SyncedTable } from '../../domain/tables.js';
import { ValidationError } from '../../domain/validation.js';
import {
  CentralError,
  CentralSchemaTooNewError,
  type CentralKind,
  type CentralReports,
  type CentralRow,
  type CentralStore,
  type CentralUserWrite,
  type DeviceTokenStore,
  type SyncActivity,
  type WrittenRow,
} from '../central-store.js';
import { activityValues, num, requireActivity } from '../report-rows.js';
import {
  checkedRows,
  foreignRowsError,
  requireText,
  toCentralRow,
  requireFeedRead,
} from '../central-rows.js';
import { runWriteUnit, requireOpenWrite } from '../write-unit.js';
import { requireKnownVersion, latestVersion, migratedOrChecked } from '../schema-policy.js';
import type { CentralMigration } from '../central-migration.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import { PostgresDeviceTokens } from './postgres-device-tokens.js';
import {
  FEED_HEADS_SQL,
  INSERT_SCHEMA_VERSION_SQL,
  LOCK_UPSERT_SQL,
  MAX_SEQ_SQL,
  MIGRATION_LOCK_SQL,
  RECORD_ACTIVITY_SQL,
  RECORD_BATCH_SQL,
  LOCK_AND_RECORD_BATCH_SQL,
  SCHEMA_TABLE_SQL,
  SCHEMA_VERSION_SQL,
  TABLE_SQL,
  INSTANCE_ID_SQL,
  SAVE_BATCH_CONFLICTS_SQL,
  BATCH_CONFLICTS_SQL,
  CENTRAL_NOW_SQL,
  HANDSHAKE_SQL,
  HANDSHAKE_HEADS_SQL,
} from './sql.js';
import {
  toCentralError,
  type PooledSession,
  type QueryOptions,
  type SqlPool,
  type SqlSession,
} from './sql-pool.js';

/** The statements every sync sends, prepared once per connection (QueryOptions.prepare). */
const PREPARED: QueryOptions = { prepare: true };

export interface PostgresStoreConfig {
  readonly kind: Extract<CentralKind, 'postgres'>;
  /** Already redacted. */
  readonly url: string;
  readonly pool: SqlPool;
  /** Strings that must never appear in an error (the password). */
  readonly secrets: readonly (string | undefined)[];
  readonly onStatement?: (sql: string) => void;
  /** Test seam: the migrations to apply (default POSTGRES_MIGRATIONS). */
  readonly migrations?: readonly CentralMigration[];
}

/**
 * The central store on a PostgreSQL server, through `pg`.
 */
export class PostgresCentralStore implements CentralStore {
  readonly kind: CentralKind;
  readonly url: string;
  readonly reports: CentralReports;
  readonly deviceTokens: DeviceTokenStore;
  private readonly pool: SqlPool;
  private readonly migrations: readonly CentralMigration[];
  private closed = false;

  private constructor(private readonly config: PostgresStoreConfig) {
    this.kind = config.kind;
    this.url = config.url;
    this.pool = config.pool;
    this.migrations = config.migrations ?? POSTGRES_MIGRATIONS;
    this.reports = new SqlCentralReports((fn) => this.run((s) => fn(postgresReportQueries(s))));
    this.deviceTokens = new PostgresDeviceTokens((fn) => this.run(fn));
  }

  /** A store on an open pool: migrated (default) or only checked. Closes the pool when that fails. */
  static async open(config: PostgresStoreConfig, migrate = true): Promise<PostgresCentralStore> {
    return migratedOrChecked(new PostgresCentralStore(config), migrate);
  }

  get knownVersion(): number {
    return latestVersion(this.migrations);
  }

  async migrate(): Promise<number> {
    return this.transaction(async (s) => {
      await s.query(MIGRATION_LOCK_SQL);
      await s.query(SCHEMA_TABLE_SQL);
      const current = await readVersion(s);
      if (current > this.knownVersion)
        throw new CentralSchemaTooNewError(current, this.knownVersion, this.url);
      let applied = 0;
      for (const m of this.migrations) {
        if (m.version <= current) continue;
        await s.exec(m.sql);
        await s.query(INSERT_SCHEMA_VERSION_SQL, [m.version, m.name]);
        applied++;
      }
      return applied;
    });
  }

  async schemaVersion(): Promise<number> {
    try {
      return await this.run(readVersion);
    } catch (e) {
      if (e instanceof CentralError && e.code === '42P01') return 0; // no schema table yet
      throw e;
    }
  }

  async checkSchema(): Promise<void> {
    this.requireKnownVersion(await this.schemaVersion());
  }

  /**
   * checkSchema, instanceId, now and (for a user) feedHeads in one statement: what a sync reads before it
   * starts. (Beyond the CentralStore contract: the direct remote uses it when the store has it.) A store
   * without the schema's tables fails this statement; checkSchema then says why.
   */
  async handshake(userId?: string): Promise<{
    instanceId: string;
    now: Date;
    feedHeads?: Record<SyncedTable, number>;
  }> {
    if (userId !== undefined) requireText('userId', userId);
    let row: Record<string, unknown> | undefined;
    try {
      const { rows } = await this.run((s) =>
        userId === undefined
          ? s.query(HANDSHAKE_SQL, [], PREPARED)
          : s.query(HANDSHAKE_HEADS_SQL, [userId], PREPARED),
      );
      row = rows[0];
    } catch (e) {
      if (e instanceof CentralError && e.code === '42P01') await this.checkSchema();
      throw e;
    }
    this.requireKnownVersion(num(row?.version as string | number | undefined));
    const instanceId = row?.instance_id;
    if (typeof instanceId !== 'string' || !instanceId)
      throw new CentralError(`the central store at ${this.url} has no instance id`, 'PFM_NO_INSTANCE');
    const now = new Date((row?.now as Date | string | undefined) ?? Date.now());
    if (userId === undefined) return { instanceId, now };
    const feedHeads = Object.fromEntries(
      SYNCED_TABLES.map((t) => [t, num(row?.[t] as string | number | undefined)]),
    ) as Record<SyncedTable, number>;
    return { instanceId, now, feedHeads };
  }

  private requireKnownVersion(version: number): void {
    requireKnownVersion(version, this.knownVersion, this.url);
  }

  async withUserWrite<T>(userId: string, fn: (write: CentralUserWrite) => Promise<T>): Promise<T> {
    requireText('userId', userId);
    return this.transaction(async (s) => {
      // The unit's first statement takes the user's lock (UserWrite.lock): every other writer of this user
      // waits on it until this transaction ends, and nothing is read before it is held.
      return runWriteUnit(new UserWrite(s, userId), fn);
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
    const { rows } = await this.run((s) => {
      if (upToSeq === undefined) return s.query(sql.readChanges, [userId, afterSeq, limit]);
      return s.query(sql.readChangesUpTo, [userId, afterSeq, upToSeq, limit]);
    });
    return rows.map((r) => toCentralRow(table, r));
  }

  async readRowsById(userId: string, table: SyncedTable, ids: readonly string[]): Promise<CentralRow[]> {
    requireText('userId', userId);
    const sql = tableSql(table);
    if (ids.length === 0) return [];
    const { rows } = await this.run((s) => s.query(sql.readByIds, [userId, [...ids]]));
    return rows.map((r) => toCentralRow(table, r));
  }

  async now(): Promise<Date> {
    const { rows } = await this.run((s) => s.query<{ now: Date | string }>(CENTRAL_NOW_SQL, []));
    return new Date(rows[0]?.now ?? Date.now());
  }

  async instanceId(): Promise<string> {
    const { rows } = await this.run((s) => s.query<{ instance_id: string }>(INSTANCE_ID_SQL, []));
    const id = rows[0]?.instance_id;
    if (!id) throw new CentralError(`the central store at ${this.url} has no instance id`, 'PFM_NO_INSTANCE');
    return id;
  }

  async maxSeq(userId: string): Promise<number> {
    requireText('userId', userId);
    const { rows } = await this.run((s) => s.query<{ max_seq: string | number }>(MAX_SEQ_SQL, [userId]));
    return num(rows[0]?.max_seq);
  }

  /**
   * The highest `server_seq` of the user's rows in each table, 0 where there is none: one statement. (Beyond
   * the CentralStore contract: the direct remote uses it when the store has it, see sync/direct-remote.ts.)
   */
  async feedHeads(userId: string): Promise<Record<SyncedTable, number>> {
    requireText('userId', userId);
    const { rows } = await this.run((s) =>
      s.query<Record<string, string | number>>(FEED_HEADS_SQL, [userId], PREPARED),
    );
    const row = rows[0] ?? {};
    return Object.fromEntries(SYNCED_TABLES.map((t) => [t, num(row[t])])) as Record<SyncedTable, number>;
  }

  async digest(userId: string, table: SyncedTable): Promise<TableDigest> {
    requireText('userId', userId);
    const sql = tableSql(table);
    const { rows } = await this.run((s) => s.query(sql.readAllById, [userId]));
    return digestRows(
      table,
      rows.map((r) => toCentralRow(table, r)),
    );
  }

  async recordSyncActivity(entry: SyncActivity): Promise<void> {
    requireText('userId', entry.userId);
    requireText('deviceId', entry.deviceId);
    requireActivity(entry);
    await this.run((s) => s.query(RECORD_ACTIVITY_SQL, activityValues(entry), PREPARED));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** Run `fn` on one session outside any transaction (each statement commits on its own). */
  async run<T>(fn: (s: SqlSession) => Promise<T>): Promise<T> {
    const s = await this.checkout();
    let broken = false;
    try {
      return await fn(s);
    } catch (e) {
      broken = e instanceof CentralError && e.transient;
      throw e;
    } finally {
      s.release(broken);
    }
  }

  /**
   * Run `fn` in one transaction: commit when it resolves, roll back when it throws. BEGIN travels with the
   * transaction's first statement (QueryOptions.begin): one round trip fewer for every write unit, such as
   * each push batch. Nothing is sent before BEGIN, so every statement of `fn` still runs inside it.
   */
  async transaction<T>(fn: (s: SqlSession) => Promise<T>): Promise<T> {
    const s = await this.checkout();
    let broken = false;
    // Whether BEGIN has been sent (it may have failed: then ROLLBACK, a no-op outside a transaction, is too).
    let begun = false;
    const opening = (options?: QueryOptions): QueryOptions | undefined => {
      if (begun) return options;
      begun = true;
      return { ...options, begin: true };
    };
    const session: SqlSession = {
      query: <R>(sql: string, params?: readonly unknown[], options?: QueryOptions) =>
        s.query<R>(sql, params, opening(options)),
      exec: async (sql: string) => {
        // Several statements at once cannot carry BEGIN: it goes alone first.
        if (!begun) {
          begun = true;
          await s.query('BEGIN');
        }
        await s.exec(sql);
      },
    };
    try {
      const result = await fn(session);
      if (!begun) await s.query('BEGIN');
      await s.query('COMMIT');
      return result;
    } catch (e) {
      if (!begun) throw e;
      try {
        await s.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw e;
    } finally {
      s.release(broken);
    }
  }

  /** A session whose statements are reported to onStatement and whose driver errors become CentralErrors. */
  private async checkout(): Promise<PooledSession> {
    if (this.closed) throw new CentralError(`the central store ${this.url} is closed`, 'PFM_CLOSED');
    const { onStatement } = this.config;
    let inner: PooledSession;
    try {
      inner = await this.pool.connect();
    } catch (e) {
      throw this.error(e);
    }
    return {
      query: async <R>(sql: string, params?: readonly unknown[], options?: QueryOptions) => {
        if (options?.begin) onStatement?.('BEGIN'); // still a statement, though it shares the round trip
        onStatement?.(sql);
        try {
          return await inner.query<R>(sql, params, options);
        } catch (e) {
          throw this.error(e);
        }
      },
      exec: async (sql: string) => {
        onStatement?.(sql);
        try {
          await inner.exec(sql);
        } catch (e) {
          throw this.error(e);
        }
      },
      release: (broken?: boolean) => inner.release(broken),
    };
  }

  private error(e: unknown): CentralError {
    return toCentralError(e, this.url, this.config.secrets);
  }
}

/** The operations of one open write unit; unusable once its transaction has ended. */
class UserWrite implements CentralUserWrite {
  open = true;
  private locked = false;

  constructor(
    private readonly s: SqlSession,
    readonly userId: string,
  ) {}

  /**
   * Take the user's lock before this unit's first statement: one statement makes the lock row if it does not
   * exist yet and locks it (on its key while it is new). recordBatch, a push's first step, takes it in the
   * same statement as it records the batch (one round trip fewer per push).
   */
  private async lock(): Promise<void> {
    if (this.locked) return;
    await this.s.query(LOCK_UPSERT_SQL, [this.userId], PREPARED);
    this.locked = true;
  }

  async readVersions(table: SyncedTable, ids: readonly string[]): Promise<CentralRow[]> {
    this.requireOpen();
    const sql = tableSql(table);
    if (ids.length === 0) return [];
    await this.lock();
    const { rows } = await this.s.query(sql.readByIds, [this.userId, [...ids]], PREPARED);
    return rows.map((r) => toCentralRow(table, r));
  }

  async writeRows(table: SyncedTable, rows: readonly SyncRow[], origin: string): Promise<WrittenRow[]> {
    return (await this.write(table, rows, origin, false)).written;
  }

  /**
   * writeRows, in the same one statement also reading the user's highest server_seq of the table before the
   * write (0 when none): with the user's lock held, every row of the table with a seq above it is one of these.
   * The sync uses it to move the pushing device's cursor past its own writes (FeedAwareWrite in sync/).
   */
  async writeRowsWithHead(
    table: SyncedTable,
    rows: readonly SyncRow[],
    origin: string,
  ): Promise<{ written: WrittenRow[]; head: number }> {
    return this.write(table, rows, origin, true);
  }

  private async write(
    table: SyncedTable,
    rows: readonly SyncRow[],
    origin: string,
    withHead: boolean,
  ): Promise<{ written: WrittenRow[]; head: number }> {
    this.requireOpen();
    const sql = tableSql(table);
    requireText('origin', origin);
    if (rows.length === 0) return { written: [], head: 0 };
    const params = columnArrays(table, rows, this.userId);
    await this.lock();
    const result = await this.s.query<{ id: string; server_seq: string | number; head?: string | number }>(
      withHead ? sql.writeWithHead : sql.write,
      [...params, origin, this.userId],
      PREPARED,
    );
    if (result.rows.length !== rows.length) {
      throw foreignRowsError(
        table,
        rows.map((r) => r.id),
        result.rows.map((r) => r.id),
      );
    }
    return {
      written: result.rows.map((r) => ({ id: r.id, seq: num(r.server_seq) })),
      head: num(result.rows[0]?.head ?? 0),
    };
  }

  async recordBatch(batchId: string): Promise<boolean> {
    this.requireOpen();
    requireText('batchId', batchId);
    const { rows } = await this.s.query(
      this.locked ? RECORD_BATCH_SQL : LOCK_AND_RECORD_BATCH_SQL,
      [this.userId, batchId],
      PREPARED,
    );
    this.locked = true;
    return rows.length === 1;
  }

  async saveBatchConflicts(batchId: string, conflicts: string): Promise<void> {
    this.requireOpen();
    await this.lock();
    await this.s.query(SAVE_BATCH_CONFLICTS_SQL, [this.userId, batchId, conflicts]);
  }

  async batchConflicts(batchId: string): Promise<string | null> {
    this.requireOpen();
    await this.lock();
    const { rows } = await this.s.query<{ conflicts: string | null }>(BATCH_CONFLICTS_SQL, [
      this.userId,
      batchId,
    ]);
    return rows[0]?.conflicts ?? null;
  }

  private requireOpen(): void {
    requireOpenWrite(this);
  }
}

async function readVersion(s: SqlSession): Promise<number> {
  const { rows } = await s.query<{ version: number | string }>(SCHEMA_VERSION_SQL);
  return num(rows[0]?.version);
}

function tableSql(table: SyncedTable) {
  const sql = TABLE_SQL[table];
  if (!sql) throw new ValidationError('table', `"${String(table)}" is not a synced table`);
  return sql;
}

/**
 * The bind arrays of a batch, one per written column (id, each field, hlc, clock, modified_at), after the
 * checks every store makes (central-rows.ts).
 */
export function columnArrays(table: SyncedTable, rows: readonly SyncRow[], userId: string): unknown[][] {
  const checked = checkedRows(table, rows, userId);
  const width = TABLES[table].fields.length;
  return [
    checked.map((r) => r.id),
    ...Array.from({ length: width }, (_, i) => checked.map((r) => r.values[i])),
    checked.map((r) => r.hlc),
    checked.map((r) => r.clock),
    checked.map((r) => r.modifiedAt),
  ];
}
