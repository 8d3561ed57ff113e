import { createRequire } from 'node:module';

/**
 * The small part of node-oracledb the Oracle store uses, as an interface: the real module satisfies it
 * structurally, and the unit tests pass a recording fake (no Oracle server can run on our machines).
 * Thin mode only: nothing here loads Oracle Client libraries, and nothing may call `initOracleClient`.
 */
export interface OracleBindDef {
  readonly dir?: number;
  readonly type?: unknown;
  readonly maxSize?: number;
  readonly val?: unknown;
}

export type OracleBinds = Readonly<Record<string, unknown>>;

export interface OracleExecuteOptions {
  readonly outFormat?: number;
  readonly autoCommit?: boolean;
  readonly resultSet?: boolean;
  readonly fetchInfo?: Readonly<Record<string, { readonly type: unknown }>>;
}

export interface OracleExecuteManyOptions {
  readonly autoCommit?: boolean;
  readonly bindDefs?: Readonly<Record<string, OracleBindDef>>;
}

export interface OracleResultSet {
  /** The next `n` rows (all remaining rows when `n` is omitted); an empty array at the end. */
  getRows(n?: number): Promise<unknown[]>;
  close(): Promise<void>;
}

export interface OracleResult {
  readonly rows?: unknown[];
  readonly outBinds?: unknown;
  readonly resultSet?: OracleResultSet;
  readonly rowsAffected?: number;
  /** Success with a warning, e.g. ORA-24344 "success with compilation error" for PL/SQL DDL. */
  readonly warning?: { readonly message?: string; readonly code?: string; readonly errorNum?: number };
}

export interface OracleManyResult {
  /** One object of OUT bind values per input row. */
  readonly outBinds?: unknown[];
  readonly rowsAffected?: number;
}

export interface OracleConnection {
  execute(sql: string, binds?: OracleBinds, options?: OracleExecuteOptions): Promise<OracleResult>;
  executeMany(
    sql: string,
    binds: OracleBinds[],
    options?: OracleExecuteManyOptions,
  ): Promise<OracleManyResult>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Back to the pool; `drop` discards a session whose connection broke. */
  close(options?: { readonly drop?: boolean }): Promise<void>;
}

export interface OraclePool {
  getConnection(): Promise<OracleConnection>;
  /** Seconds to wait for busy connections before closing them. */
  close(drainTime?: number): Promise<void>;
}

export type OracleSessionCallback = (
  connection: OracleConnection,
  requestedTag: string,
  done: (error?: Error) => void,
) => void;

export interface OraclePoolAttributes {
  readonly user: string;
  readonly password: string;
  readonly connectString: string;
  readonly poolMin: number;
  readonly poolMax: number;
  readonly poolIncrement: number;
  /** Seconds an idle connection stays open. */
  readonly poolTimeout: number;
  /** Milliseconds a getConnection() waits for a free connection (NJS-040 after). */
  readonly queueTimeout: number;
  /** Seconds to establish a connection (Thin mode). */
  readonly connectTimeout: number;
  /** Run on every new session. */
  readonly sessionCallback: OracleSessionCallback;
}

export interface OracleDriver {
  createPool(attributes: OraclePoolAttributes): Promise<OraclePool>;
  readonly OUT_FORMAT_OBJECT: number;
  readonly BIND_OUT: number;
  readonly DB_TYPE_VARCHAR: unknown;
  readonly DB_TYPE_NUMBER: unknown;
  readonly DB_TYPE_CLOB: unknown;
  readonly DB_TYPE_CURSOR: unknown;
}

/**
 * node-oracledb itself, loaded on first use (commands that never open an Oracle store do not load it). It
 * is a CommonJS module without type declarations, hence `require` and the structural interface above.
 */
export function loadOracleDriver(): OracleDriver {
  const require = createRequire(import.meta.url);
  return require('oracledb') as OracleDriver;
}
