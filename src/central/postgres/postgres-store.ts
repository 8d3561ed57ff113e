import { postgresReportQueries } from './postgres-report-queries.js';
import { SqlCentralReports } from '../central-reports.js';
import { TABLES, type SyncedTable } from '../../domain/tables.js';
import {
  CentralError,
  type ParentRead,
  type CentralHandshake,
  type CentralKind,
  type CentralReports,
  type DeviceTokenStore,
  type SyncActivity,
} from '../central-store.js';
import { activityValues, num } from '../report-rows.js';
import { headsOf, requireText, type CheckedRow } from '../central-rows.js';
import { migratedOrChecked, pendingMigrations } from '../schema-policy.js';
import {
  SqlCentralStore,
  type FeedRead,
  type DriverBatchReads,
  type RowsToWrite,
  type WrittenWithHead,
  SqlUserWritePipelined,
  type DriverRow as Row,
  type SqlUserWrite,
} from '../sql-central-store.js';
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
  readonly onStatement?: (sql: string, pipelined?: boolean) => void;
  /** Test seam: the migrations to apply (default POSTGRES_MIGRATIONS). */
  readonly migrations?: readonly CentralMigration[];
}

/**
 * The central store on a PostgreSQL server, through `pg`.
 */
export class PostgresCentralStore extends SqlCentralStore<CentralMigration> {
  readonly kind: CentralKind;
  readonly reports: CentralReports;
  readonly deviceTokens: DeviceTokenStore;
  private readonly pool: SqlPool;
  private closed = false;

  private constructor(private readonly config: PostgresStoreConfig) {
    super(config.url, config.migrations ?? POSTGRES_MIGRATIONS);
    this.kind = config.kind;
    this.pool = config.pool;
    this.reports = new SqlCentralReports((fn) => this.run((s) => fn(postgresReportQueries(s))));
    this.deviceTokens = new PostgresDeviceTokens((fn) => this.run(fn));
  }

  /** A store on an open pool: migrated (default) or only checked. Closes the pool when that fails. */
  static async open(config: PostgresStoreConfig, migrate = true): Promise<PostgresCentralStore> {
    return migratedOrChecked(new PostgresCentralStore(config), migrate);
  }

  async migrate(): Promise<number> {
    return this.transaction(async (s) => {
      await s.query(MIGRATION_LOCK_SQL);
      await s.query(SCHEMA_TABLE_SQL);
      const pending = pendingMigrations(this.migrations, await readVersion(s), this.url);
      for (const m of pending) {
        await s.exec(m.sql);
        await s.query(INSERT_SCHEMA_VERSION_SQL, [m.version, m.name]);
      }
      return pending.length;
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

  /**
   * checkSchema, instanceId, now and (for a user) feedHeads in one statement: what a sync reads before it
   * starts. A store without the schema's tables fails this statement; checkSchema then says why.
   */
  async handshake(userId?: string): Promise<CentralHandshake> {
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
    const instanceId = this.requireInstanceId(row?.instance_id);
    const now = new Date((row?.now as Date | string | undefined) ?? Date.now());
    return userId === undefined ? { instanceId, now } : { instanceId, now, feedHeads: headsOf(row) };
  }

  protected async userWriteUnit<T>(userId: string, fn: (write: SqlUserWrite) => Promise<T>): Promise<T> {
    // The unit's first statement takes the user's lock (UserWrite.lock): every other writer of this user
    // waits on it until this transaction ends, and nothing is read before it is held.
    return this.transaction((s) => fn(new UserWrite(s, userId)));
  }

  protected async feedRows(
    table: SyncedTable,
    { userId, afterSeq, limit, upToSeq }: FeedRead,
  ): Promise<Row[]> {
    const sql = TABLE_SQL[table];
    const { rows } = await this.run((s) => {
      if (upToSeq === undefined) return s.query<Row>(sql.readChanges, [userId, afterSeq, limit]);
      return s.query<Row>(sql.readChangesUpTo, [userId, afterSeq, upToSeq, limit]);
    });
    return rows;
  }

  protected async rowsById(table: SyncedTable, userId: string, ids: readonly string[]): Promise<Row[]> {
    const { rows } = await this.run((s) => s.query<Row>(TABLE_SQL[table].readByIds, [userId, [...ids]]));
    return rows;
  }

  protected async eachRow(table: SyncedTable, userId: string, take: (rows: readonly Row[]) => void) {
    const { rows } = await this.run((s) => s.query<Row>(TABLE_SQL[table].readAllById, [userId]));
    take(rows);
  }

  async now(): Promise<Date> {
    const { rows } = await this.run((s) => s.query<{ now: Date | string }>(CENTRAL_NOW_SQL, []));
    return new Date(rows[0]?.now ?? Date.now());
  }

  protected async readInstanceId(): Promise<string | undefined> {
    const { rows } = await this.run((s) => s.query<{ instance_id: string }>(INSTANCE_ID_SQL, []));
    return rows[0]?.instance_id;
  }

  protected async readMaxSeq(userId: string): Promise<number> {
    const { rows } = await this.run((s) => s.query<{ max_seq: string | number }>(MAX_SEQ_SQL, [userId]));
    return num(rows[0]?.max_seq);
  }

  /** The highest `server_seq` of the user's rows in each table, 0 where there is none: one statement. */
  async feedHeads(userId: string): Promise<Record<SyncedTable, number>> {
    requireText('userId', userId);
    const { rows } = await this.run((s) => s.query<Row>(FEED_HEADS_SQL, [userId], PREPARED));
    return headsOf(rows[0]);
  }

  protected async insertActivity(entry: SyncActivity): Promise<void> {
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
      pipeline: (statements, options) => s.pipeline(statements, opening(options)),
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
        onStatement?.(sql, options?.begin === true);
        try {
          return await inner.query<R>(sql, params, options);
        } catch (e) {
          throw this.error(e);
        }
      },
      pipeline: async (statements, options) => {
        if (options?.begin) onStatement?.('BEGIN');
        statements.forEach((st, i) => onStatement?.(st.sql, i > 0 || options?.begin === true));
        try {
          return await inner.pipeline(statements, options);
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
class UserWrite extends SqlUserWritePipelined {
  private locked = false;

  constructor(
    private readonly s: SqlSession,
    userId: string,
  ) {
    super(userId);
  }

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

  protected async versionRows(table: SyncedTable, ids: readonly string[]): Promise<Row[]> {
    await this.lock();
    const { rows } = await this.s.query<Row>(TABLE_SQL[table].readByIds, [this.userId, [...ids]], PREPARED);
    return rows;
  }

  /**
   * One statement writes the batch; `withHead` has the same statement also read the user's highest server_seq
   * of the table before the write. With the user's lock held, every row of the table with a seq above it is
   * one of these: the sync uses it to move the pushing device's cursor past its own writes.
   */
  protected async insertRows(
    table: SyncedTable,
    { rows, origin, withHead }: RowsToWrite,
  ): Promise<WrittenWithHead> {
    const sql = TABLE_SQL[table];
    await this.lock();
    const result = await this.s.query<{ id: string; server_seq: string | number; head?: string | number }>(
      withHead ? sql.writeWithHead : sql.write,
      [...columnArrays(table, rows), origin, this.userId],
      PREPARED,
    );
    return {
      written: result.rows.map((r) => ({ id: r.id, seq: num(r.server_seq) })),
      head: num(result.rows[0]?.head ?? 0),
    };
  }

  protected async insertBatch(batchId: string): Promise<boolean> {
    const { rows } = await this.s.query(
      this.locked ? RECORD_BATCH_SQL : LOCK_AND_RECORD_BATCH_SQL,
      [this.userId, batchId],
      PREPARED,
    );
    this.locked = true;
    return rows.length === 1;
  }

  /**
   * The lock with the batch record (or the record alone once locked), the batch's versions and each parent's
   * ids, written at once: one round trip. The server runs them in order, so the reads wait for the lock and
   * see every write committed before it was granted.
   */
  protected async batchReads(
    batchId: string,
    table: SyncedTable,
    ids: readonly string[],
    parents: readonly ParentRead[],
  ): Promise<DriverBatchReads> {
    const [batch, current, ...found] = await this.s.pipeline([
      {
        sql: this.locked ? RECORD_BATCH_SQL : LOCK_AND_RECORD_BATCH_SQL,
        params: [this.userId, batchId],
        options: PREPARED,
      },
      { sql: TABLE_SQL[table].readByIds, params: [this.userId, [...ids]], options: PREPARED },
      ...parents.map((p) => ({
        sql: TABLE_SQL[p.table].existingIds,
        params: [this.userId, [...p.ids]],
        options: PREPARED,
      })),
    ]);
    this.locked = true;
    return {
      fresh: batch?.rows.length === 1,
      current: current?.rows ?? [],
      parents: found.map((r) => r.rows),
    };
  }

  protected async updateBatchConflicts(batchId: string, conflicts: string): Promise<void> {
    await this.lock();
    await this.s.query(SAVE_BATCH_CONFLICTS_SQL, [this.userId, batchId, conflicts]);
  }

  protected async readBatchConflicts(batchId: string): Promise<string | null> {
    await this.lock();
    const { rows } = await this.s.query<{ conflicts: string | null }>(BATCH_CONFLICTS_SQL, [
      this.userId,
      batchId,
    ]);
    return rows[0]?.conflicts ?? null;
  }
}

async function readVersion(s: SqlSession): Promise<number> {
  const { rows } = await s.query<{ version: number | string }>(SCHEMA_VERSION_SQL);
  return num(rows[0]?.version);
}

/** The bind arrays of a checked batch, one per written column (id, each field, hlc, clock, modified_at). */
export function columnArrays(table: SyncedTable, checked: readonly CheckedRow[]): unknown[][] {
  const width = TABLES[table].fields.length;
  return [
    checked.map((r) => r.id),
    ...Array.from({ length: width }, (_, i) => checked.map((r) => r.values[i])),
    checked.map((r) => r.hlc),
    checked.map((r) => r.clock),
    checked.map((r) => r.modifiedAt),
  ];
}
