import { oracleReportQueries } from './oracle-report-queries.js';
import { SqlCentralReports } from '../central-reports.js';
import { SYNCED_TABLES, TABLES, type SyncedTable } from '../../domain/tables.js';
import {
  CentralError,
  type CentralReports,
  type DeviceTokenStore,
  type CentralStoreOptions,
  type SyncActivity,
} from '../central-store.js';
import { num } from '../report-rows.js';
import type { CheckedRow } from '../central-rows.js';
import { migratedOrChecked, pendingMigrations } from '../schema-policy.js';
import {
  SqlCentralStore,
  SqlUserWrite,
  type FeedRead,
  type RowsToWrite,
  type WrittenWithHead,
} from '../sql-central-store.js';
import { CENTRAL_TABLE_NAMES } from '../table-names.js';
import {
  loadOracleDriver,
  type OracleBindDef,
  type OracleBinds,
  type OracleConnection,
  type OracleDriver,
  type OracleExecuteOptions,
  type OraclePool,
  type OracleResult,
  type OracleSessionCallback,
} from './oracle-driver.js';
import { OracleDeviceTokens } from './oracle-device-tokens.js';
import { hasOracleCode, isTransientOracleError, toOracleCentralError } from './oracle-errors.js';
import {
  ALREADY_EXISTS,
  COMPILE_ERRORS_SQL,
  DELETE_SCHEMA_VERSIONS_SQL,
  DROP_SCHEMA_STATEMENTS,
  INSERT_SCHEMA_VERSION_SQL,
  INSTANCE_ID_SQL,
  LOCK_INSERT_SQL,
  LOCK_SELECT_SQL,
  MAX_SEQ_SQL,
  ORACLE_MIGRATIONS,
  RECORD_ACTIVITY_SQL,
  RECORD_BATCH_SQL,
  SAVE_BATCH_CONFLICTS_SQL,
  BATCH_CONFLICTS_SQL,
  CENTRAL_NOW_SQL,
  SCHEMA_TABLE_SQL,
  SCHEMA_VERSION_SQL,
  SESSION_SETUP_SQL,
  TABLE_SQL,
  TRUNCATE_STATEMENTS,
  writeBindNames,
  type OracleMigration,
  type OracleStatement,
} from './oracle-sql.js';
import { parseOracleUrl } from './oracle-url.js';

/** Options of `openOracleStore`: the common ones, plus the driver (node-oracledb unless a test passes a fake). */
export interface OracleStoreOptions extends CentralStoreOptions {
  readonly driver?: OracleDriver;
}

export interface OracleStoreConfig {
  /** Already redacted. */
  readonly url: string;
  readonly pool: OraclePool;
  readonly driver: OracleDriver;
  /** Strings that must never appear in an error (the password). */
  readonly secrets: readonly (string | undefined)[];
  readonly onStatement?: (sql: string) => void;
  /** Test seam: the migrations to apply (default ORACLE_MIGRATIONS). */
  readonly migrations?: readonly OracleMigration[];
}

/** Rows fetched per round trip when streaming a digest. */
const DIGEST_FETCH_ROWS = 1000;
/** VARCHAR2 binds in SQL stop at 4000 bytes; longer JSON id lists travel as a CLOB. */
const MAX_VARCHAR_BIND_BYTES = 4000;
/** sync_activity.error_message is VARCHAR2(4000): longer texts are cut (by characters, at most 4 bytes each). */
const MAX_ERROR_MESSAGE_CHARS = 1000;

/**
 * Open the Oracle central store a URL names (`oracle://user[:password]@host[:port]/service`), in
 * node-oracledb Thin mode, migrated to this build's schema unless `migrate: false`. The password comes from
 * the URL, else `options.password` (which the CLI reads from PFM_CENTRAL_PASSWORD), and never appears in an
 * error.
 */
export async function openOracleStore(url: string, options: OracleStoreOptions = {}): Promise<OracleStore> {
  const parsed = parseOracleUrl(url);
  const password = parsed.password || options.password;
  const secrets = [parsed.password, options.password];
  if (!password) {
    throw new CentralError(
      `central store ${parsed.redacted}: no password: set PFM_CENTRAL_PASSWORD (or put it in the URL)`,
      'PFM_NO_PASSWORD',
    );
  }
  const driver = options.driver ?? loadOracleDriver();
  // Every new session sorts and compares in byte order (oracle-sql.ts).
  const sessionCallback: OracleSessionCallback = (connection, _tag, done) => {
    connection.execute(SESSION_SETUP_SQL).then(
      () => done(),
      (e: unknown) => done(e instanceof Error ? e : new Error(String(e))),
    );
  };
  let pool: OraclePool;
  try {
    pool = await driver.createPool({
      user: parsed.user,
      password,
      connectString: parsed.connectString,
      poolMin: 0,
      poolMax: options.maxConnections ?? 10,
      poolIncrement: 1,
      poolTimeout: 60,
      queueTimeout: 60_000,
      connectTimeout: 10,
      sessionCallback,
    });
  } catch (e) {
    throw toOracleCentralError(e, parsed.redacted, secrets);
  }
  return OracleStore.open(
    { url: parsed.redacted, pool, driver, secrets, onStatement: options.onStatement },
    options.migrate ?? true,
  );
}

type Row = Record<string, unknown>;

/**
 * One pooled Oracle session: every statement goes to onStatement first, every driver error becomes a
 * CentralError, and rows come back as objects with lower-case keys.
 */
class OracleSession {
  constructor(
    private readonly conn: OracleConnection,
    private readonly store: OracleStore,
  ) {}

  /** One statement; its raw result. */
  async exec(
    sql: string,
    binds: OracleBinds = {},
    options: OracleExecuteOptions = {},
  ): Promise<OracleResult> {
    this.store.statement(sql);
    try {
      return await this.conn.execute(sql, binds, options);
    } catch (e) {
      throw this.store.error(e);
    }
  }

  /** One query; its rows. CLOB columns (the clock) are fetched as text. */
  async rows<R = Row>(sql: string, binds: OracleBinds = {}): Promise<R[]> {
    const result = await this.exec(sql, binds, this.queryOptions());
    return (result.rows ?? []).map((r) => lowerKeys(r) as R);
  }

  /** One query read in chunks of `size` rows (one round trip each), handed to `onRows` in order. */
  async stream(sql: string, binds: OracleBinds, size: number, onRows: (rows: Row[]) => void): Promise<void> {
    const result = await this.exec(sql, binds, { ...this.queryOptions(), resultSet: true });
    const rs = result.resultSet;
    if (!rs) throw new CentralError(`central store ${this.store.url}: the driver returned no result set`);
    try {
      for (;;) {
        let chunk: unknown[];
        try {
          chunk = await rs.getRows(size);
        } catch (e) {
          throw this.store.error(e);
        }
        if (chunk.length === 0) break;
        onRows(chunk.map(lowerKeys)); // its own errors (a digest's) pass as they are
        if (chunk.length < size) break;
      }
    } finally {
      await rs.close().catch(() => undefined);
    }
  }

  /** A PL/SQL call whose `:cur` OUT bind is a SYS_REFCURSOR: every row of the cursor. */
  async cursor<R = Row>(sql: string, binds: OracleBinds): Promise<R[]> {
    const { driver } = this.store;
    const result = await this.exec(
      sql,
      { ...binds, cur: { dir: driver.BIND_OUT, type: driver.DB_TYPE_CURSOR } },
      { outFormat: driver.OUT_FORMAT_OBJECT },
    );
    const rs = (result.outBinds as { cur?: OracleResult['resultSet'] } | undefined)?.cur;
    if (!rs) throw new CentralError(`central store ${this.store.url}: the report returned no cursor`);
    try {
      return (await rs.getRows()).map((r) => lowerKeys(r) as R);
    } catch (e) {
      throw this.store.error(e);
    } finally {
      await rs.close().catch(() => undefined);
    }
  }

  /** One statement run once per bind row, in one round trip. */
  async many(sql: string, binds: OracleBinds[], bindDefs: Record<string, OracleBindDef>): Promise<unknown[]> {
    this.store.statement(sql);
    try {
      const result = await this.conn.executeMany(sql, binds, { bindDefs, autoCommit: false });
      return result.outBinds ?? [];
    } catch (e) {
      throw this.store.error(e);
    }
  }

  /** Commit and rollback are round trips too: onStatement hears of them, as it hears BEGIN/COMMIT on Postgres. */
  async commit(): Promise<void> {
    this.store.statement('COMMIT');
    try {
      await this.conn.commit();
    } catch (e) {
      throw this.store.error(e);
    }
  }

  async rollback(): Promise<void> {
    this.store.statement('ROLLBACK');
    await this.conn.rollback();
  }

  async release(broken: boolean): Promise<void> {
    await this.conn.close(broken ? { drop: true } : undefined).catch(() => undefined);
  }

  private queryOptions(): OracleExecuteOptions {
    const { driver } = this.store;
    return {
      outFormat: driver.OUT_FORMAT_OBJECT,
      fetchInfo: { CLOCK: { type: driver.DB_TYPE_VARCHAR }, CONFLICTS: { type: driver.DB_TYPE_VARCHAR } },
    };
  }
}

/** The central store on Oracle Database (node-oracledb Thin mode); its SQL is in oracle-sql.ts. */
export class OracleStore extends SqlCentralStore<OracleMigration> {
  readonly kind = 'oracle' as const;
  readonly reports: CentralReports;
  readonly deviceTokens: DeviceTokenStore;
  readonly driver: OracleDriver;
  private readonly pool: OraclePool;
  private closed = false;

  private constructor(private readonly config: OracleStoreConfig) {
    super(config.url, config.migrations ?? ORACLE_MIGRATIONS);
    this.pool = config.pool;
    this.driver = config.driver;
    this.reports = new SqlCentralReports((fn) => this.run((s) => fn(oracleReportQueries(s))));
    this.deviceTokens = new OracleDeviceTokens((fn) => this.run(fn));
  }

  /** A store on an open pool: migrated (default) or only checked. Closes the pool when that fails. */
  static async open(config: OracleStoreConfig, migrate = true): Promise<OracleStore> {
    return migratedOrChecked(new OracleStore(config), migrate);
  }

  /**
   * Oracle DDL commits as it goes and cannot be serialized by a transaction, so each migration is a list of
   * idempotent statements ("already exists" is success) and the version row is recorded last: a concurrent
   * or interrupted migration is simply run again.
   */
  async migrate(): Promise<number> {
    return this.run(async (s) => {
      // The steady state is one statement; the version table is created only when it is missing.
      let current: number;
      try {
        current = await readVersion(s);
      } catch (e) {
        if (!hasOracleCode(e, 'ORA-00942')) throw e;
        await this.runStatement(s, { sql: SCHEMA_TABLE_SQL, ignore: ALREADY_EXISTS });
        current = await readVersion(s);
      }
      let applied = 0;
      for (const m of pendingMigrations(this.migrations, current, this.url)) {
        for (const statement of m.statements) await this.runStatement(s, statement);
        try {
          await s.exec(INSERT_SCHEMA_VERSION_SQL, { version: m.version, name: m.name }, { autoCommit: true });
          applied++;
        } catch (e) {
          if (!hasOracleCode(e, 'ORA-00001')) throw e; // a concurrent migration recorded it first
        }
      }
      if (applied > 0) await this.probeTables(s);
      return applied;
    });
  }

  async schemaVersion(): Promise<number> {
    try {
      return await this.run(readVersion);
    } catch (e) {
      if (hasOracleCode(e, 'ORA-00942')) return 0; // no schema table yet
      throw e;
    }
  }

  protected async userWriteUnit<T>(userId: string, fn: (write: SqlUserWrite) => Promise<T>): Promise<T> {
    return this.transaction(async (s) => {
      // In the steady state the lock row exists and one statement takes it. The first write of a user
      // creates it; a concurrent first writer waits on that insert, then gets ORA-00001 and takes the lock.
      const locked = await s.rows(LOCK_SELECT_SQL, { owner: userId });
      if (locked.length === 0) {
        try {
          await s.exec(LOCK_INSERT_SQL, { owner: userId });
        } catch (e) {
          if (!hasOracleCode(e, 'ORA-00001')) throw e;
        }
        await s.rows(LOCK_SELECT_SQL, { owner: userId });
      }
      return fn(new OracleUserWrite(s, userId, this.driver));
    });
  }

  protected async feedRows(
    table: SyncedTable,
    { userId, afterSeq, limit, upToSeq }: FeedRead,
  ): Promise<Row[]> {
    const sql = TABLE_SQL[table];
    return this.run((s) =>
      upToSeq === undefined
        ? s.rows(sql.readChanges, { owner: userId, after: afterSeq, n: limit })
        : s.rows(sql.readChangesUpTo, { owner: userId, after: afterSeq, upto: upToSeq, n: limit }),
    );
  }

  protected async rowsById(table: SyncedTable, userId: string, ids: readonly string[]): Promise<Row[]> {
    const bind = idsBind(this.driver, ids);
    return this.run((s) => s.rows(TABLE_SQL[table].readByIds, { owner: userId, ids: bind }));
  }

  /** Streamed: a large user's digest never holds every row at once. */
  protected async eachRow(table: SyncedTable, userId: string, take: (rows: readonly Row[]) => void) {
    const sql = TABLE_SQL[table].readAllById;
    await this.run((s) => s.stream(sql, { owner: userId }, DIGEST_FETCH_ROWS, take));
  }

  async now(): Promise<Date> {
    const rows = await this.run((s) => s.rows<{ now: Date }>(CENTRAL_NOW_SQL));
    return new Date(rows[0]?.now ?? Date.now());
  }

  protected async readInstanceId(): Promise<string | undefined> {
    const rows = await this.run((s) => s.rows<{ instance_id: string }>(INSTANCE_ID_SQL));
    return rows[0]?.instance_id;
  }

  protected async readMaxSeq(userId: string): Promise<number> {
    const rows = await this.run((s) => s.rows<{ max_seq: number }>(MAX_SEQ_SQL, { owner: userId }));
    return num(rows[0]?.max_seq);
  }

  protected async insertActivity(entry: SyncActivity): Promise<void> {
    const errorMessage =
      entry.errorMessage === null ? null : entry.errorMessage.slice(0, MAX_ERROR_MESSAGE_CHARS);
    await this.run((s) =>
      s.exec(
        RECORD_ACTIVITY_SQL,
        {
          owner: entry.userId,
          device: entry.deviceId,
          sync_type: entry.syncType,
          status: entry.status,
          started_at: entry.startedAt,
          finished_at: entry.finishedAt,
          pushed: entry.pushed,
          pulled: entry.pulled,
          conflicts: entry.conflicts,
          error_message: errorMessage,
        },
        { autoCommit: true },
      ),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.pool.close(10);
    } catch (e) {
      throw this.error(e);
    }
  }

  /** Drop every object the migrations create (test schemas only; missing objects are skipped). */
  async dropSchema(): Promise<void> {
    await this.run(async (s) => {
      for (const statement of DROP_SCHEMA_STATEMENTS) await this.runStatement(s, statement);
    });
  }

  /**
   * Test schemas only (the contract suite): empty every table and forget schema versions above `keepUpTo`.
   * TRUNCATE is DDL and commits; the server_seq sequence keeps counting, as it does on PostgreSQL.
   */
  async resetForTests(keepUpTo = this.knownVersion): Promise<void> {
    await this.run(async (s) => {
      for (const sql of TRUNCATE_STATEMENTS) await s.exec(sql);
      await s.exec(DELETE_SCHEMA_VERSIONS_SQL, { version: keepUpTo }, { autoCommit: true });
    });
  }

  /** Test schemas only: record a schema version as applied (a version "from the future", for "upgrade pfm"). */
  async recordSchemaVersionForTests(version: number, name: string): Promise<void> {
    await this.run((s) => s.exec(INSERT_SCHEMA_VERSION_SQL, { version, name }, { autoCommit: true }));
  }

  /** Run `fn` on one session outside any transaction (statements that write commit on their own). */
  async run<T>(fn: (s: OracleSession) => Promise<T>): Promise<T> {
    const s = await this.checkout();
    let broken = false;
    try {
      return await fn(s);
    } catch (e) {
      broken = isTransientOracleError(e);
      throw e;
    } finally {
      await s.release(broken);
    }
  }

  /** Run `fn` in one transaction: commit when it resolves, roll back when it throws. */
  async transaction<T>(fn: (s: OracleSession) => Promise<T>): Promise<T> {
    const s = await this.checkout();
    let broken = false;
    try {
      const result = await fn(s);
      await s.commit();
      return result;
    } catch (e) {
      try {
        await s.rollback();
      } catch {
        broken = true;
      }
      broken ||= isTransientOracleError(e);
      throw e;
    } finally {
      await s.release(broken);
    }
  }

  /** @internal Report a statement about to be sent. */
  statement(sql: string): void {
    this.config.onStatement?.(sql);
  }

  /** @internal A driver error as a scrubbed CentralError. */
  error(e: unknown): CentralError {
    return toOracleCentralError(e, this.url, this.config.secrets);
  }

  private async checkout(): Promise<OracleSession> {
    if (this.closed) throw new CentralError(`the central store ${this.url} is closed`, 'PFM_CLOSED');
    try {
      return new OracleSession(await this.pool.getConnection(), this);
    } catch (e) {
      throw this.error(e);
    }
  }

  /** One migration statement: "already done" codes are success; a PL/SQL unit must compile. */
  private async runStatement(s: OracleSession, statement: OracleStatement): Promise<void> {
    let result: OracleResult;
    try {
      result = await s.exec(statement.sql, {}, { autoCommit: true });
    } catch (e) {
      if (statement.ignore?.some((code) => hasOracleCode(e, code))) return;
      throw e;
    }
    if (statement.plsqlUnit && result.warning) {
      const errors = await s.rows<{ line: number; position: number; text: string }>(COMPILE_ERRORS_SQL, {
        name: statement.plsqlUnit,
      });
      const detail = errors.map((e) => `line ${e.line}:${e.position} ${String(e.text).trim()}`).join('; ');
      throw new CentralError(
        `central store ${this.url}: ${statement.plsqlUnit} did not compile: ${detail || 'see USER_ERRORS'}`,
        'PFM_MIGRATION',
      );
    }
  }

  /** Tables that existed before (another application's `finance_*` tables) must have pfm's columns. */
  private async probeTables(s: OracleSession): Promise<void> {
    for (const table of SYNCED_TABLES) {
      try {
        await s.rows(TABLE_SQL[table].probe);
      } catch (e) {
        if (!hasOracleCode(e, 'ORA-00904')) throw e;
        throw new CentralError(
          `central store ${this.url}: table ${CENTRAL_TABLE_NAMES[table]} exists but lacks the columns pfm ` +
            'needs (a table of another application?); use a schema of its own for pfm',
          'PFM_SCHEMA_CONFLICT',
        );
      }
    }
  }
}

/** The operations of one open write unit; unusable once its transaction has ended. */
class OracleUserWrite extends SqlUserWrite {
  constructor(
    private readonly s: OracleSession,
    userId: string,
    private readonly driver: OracleDriver,
  ) {
    super(userId);
  }

  protected async versionRows(table: SyncedTable, ids: readonly string[]): Promise<Row[]> {
    return this.s.rows(TABLE_SQL[table].readByIds, { owner: this.userId, ids: idsBind(this.driver, ids) });
  }

  /** One statement, run per row (executeMany); a row of another user's id gets no seq back. */
  protected async insertRows(table: SyncedTable, { rows, origin }: RowsToWrite): Promise<WrittenWithHead> {
    const binds = writeBinds(table, rows, this.userId, origin);
    const outBinds = await this.s.many(
      TABLE_SQL[table].write,
      binds,
      writeBindDefs(this.driver, table, binds),
    );
    const written = rows.flatMap((r, i) => {
      const seq = (outBinds[i] as { seq?: unknown } | undefined)?.seq;
      return seq === null || seq === undefined ? [] : [{ id: r.id, seq: num(seq as number) }];
    });
    return { written, head: 0 };
  }

  protected async insertBatch(batchId: string): Promise<boolean> {
    try {
      await this.s.exec(RECORD_BATCH_SQL, { owner: this.userId, batch: batchId });
      return true;
    } catch (e) {
      // Only this statement is undone; the transaction goes on (and the caller writes nothing).
      if (hasOracleCode(e, 'ORA-00001')) return false;
      throw e;
    }
  }

  protected async updateBatchConflicts(batchId: string, conflicts: string): Promise<void> {
    await this.s.exec(SAVE_BATCH_CONFLICTS_SQL, {
      owner: this.userId,
      batch: batchId,
      conflicts: { val: conflicts, type: this.driver.DB_TYPE_CLOB },
    });
  }

  protected async readBatchConflicts(batchId: string): Promise<string | null> {
    const rows = await this.s.rows<{ conflicts: string | null }>(BATCH_CONFLICTS_SQL, {
      owner: this.userId,
      batch: batchId,
    });
    return rows[0]?.conflicts ?? null;
  }
}

async function readVersion(s: OracleSession): Promise<number> {
  const rows = await s.rows<{ version: number }>(SCHEMA_VERSION_SQL);
  return num(rows[0]?.version);
}

function lowerKeys(row: unknown): Row {
  return Object.fromEntries(Object.entries(row as Row).map(([k, v]) => [k.toLowerCase(), v]));
}

/** A list of ids as one bind: a JSON array, read by JSON_TABLE; as a CLOB when too long for VARCHAR2. */
function idsBind(driver: OracleDriver, ids: readonly string[]): OracleBindDef {
  const json = JSON.stringify(ids);
  const type =
    Buffer.byteLength(json) > MAX_VARCHAR_BIND_BYTES ? driver.DB_TYPE_CLOB : driver.DB_TYPE_VARCHAR;
  return { val: json, type };
}

/** The bind rows of a checked write: one object per row, named as `writeBindNames`. */
export function writeBinds(
  table: SyncedTable,
  rows: readonly CheckedRow[],
  userId: string,
  origin: string,
): Row[] {
  const fields = TABLES[table].fields;
  return rows.map((row) => {
    const bind: Row = { id: row.id };
    fields.forEach((f, i) => (bind[f.name] = row.values[i] ?? null));
    bind.hlc = row.hlc;
    bind.clock = row.clock;
    bind.modified_at = row.modifiedAt;
    bind.origin = origin;
    bind.owner = userId;
    return bind;
  });
}

/** Bind definitions of a write: NUMBER for integer fields, VARCHAR2 sized to the longest value, :seq OUT. */
export function writeBindDefs(
  driver: OracleDriver,
  table: SyncedTable,
  binds: readonly Row[],
): Record<string, OracleBindDef> {
  const integers = new Set(TABLES[table].fields.filter((f) => f.type === 'integer').map((f) => f.name));
  const defs: Record<string, OracleBindDef> = {};
  for (const name of writeBindNames(table)) {
    if (integers.has(name)) {
      defs[name] = { type: driver.DB_TYPE_NUMBER };
      continue;
    }
    let maxSize = 1;
    for (const b of binds) {
      const v = b[name];
      if (typeof v === 'string') maxSize = Math.max(maxSize, Buffer.byteLength(v));
    }
    defs[name] = { type: driver.DB_TYPE_VARCHAR, maxSize };
  }
  defs.seq = { dir: driver.BIND_OUT, type: driver.DB_TYPE_NUMBER };
  return defs;
}
