import pg from 'pg';
import { CentralError } from '../central-store.js';
import { scrubSecrets } from '../redact.js';
import { TRANSIENT_NETWORK_CODES } from '../network-errors.js';

/**
 * The small shape the PostgreSQL store runs on: a pool of sessions, each a pg-style client, provided by `pg`.
 * * The store's code sees only this shape.
 */
export interface SqlResult<R> {
  readonly rows: R[];
}

export interface QueryOptions {
  /**
   * Keep the statement prepared on its connection (a named statement), so it is parsed and planned once per
   * connection instead of at every use: for the short statements every sync sends, planning was most of the
   * server's time (the handshake: 0.39 ms a call unnamed, 0.09 ms prepared). Only for statements whose plan
   * does not depend on the values (primary-key and feed-index lookups, batch writes): PostgreSQL may switch a
   * prepared statement to a generic plan. A store without prepared statements ignores it.
   */
  readonly prepare?: boolean;
  /**
   * Open a transaction (BEGIN) just ahead of this statement, on the same session. A pool whose driver pipelines
   * writes both before waiting for either answer: one round trip instead of two for a transaction's first
   * statement. The statement's result is returned only if BEGIN succeeded; either failure is reported as when
   * they were sent one after the other (BEGIN's first).
   */
  readonly begin?: boolean;
}

/** One statement of a pipeline (SqlSession.pipeline). */
export interface PipelinedStatement {
  readonly sql: string;
  readonly params?: readonly unknown[];
  readonly options?: Omit<QueryOptions, 'begin'>;
}

export interface SqlSession {
  /** One statement with bind parameters ($1, $2, ...). */
  query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<SqlResult<R>>;
  /**
   * Several statements written before any answer is awaited (one round trip where the driver pipelines),
   * run by the server one after the other; their results in order. The first failure, in order, is the one
   * reported (in a transaction, the statements after it fail as aborted). `begin`: BEGIN goes first.
   */
  pipeline(
    statements: readonly PipelinedStatement[],
    options?: { readonly begin?: boolean },
  ): Promise<SqlResult<Record<string, unknown>>[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface PooledSession extends SqlSession {
  /** Give the session back; `broken` discards it (its connection failed mid-way). */
  release(broken?: boolean): void;
}

export interface SqlPool {
  /** Check out a session (waits while all are busy). */
  connect(): Promise<PooledSession>;
  /** Close every session. */
  end(): Promise<void>;
}

// Transient: connection exceptions (class 08), admin/crash shutdown, cannot connect now, too many
// connections, serialization failure, deadlock and lock timeout (the transaction can simply be run again),
// and the Node network errors of a connection refused, reset or timed out.
const TRANSIENT_CODES = new Set([
  '55P03',
  '25P03',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '40001',
  '40P01',
  // Node network errors underneath.
  ...TRANSIENT_NETWORK_CODES,
]);
const TRANSIENT_MESSAGES =
  /connection terminated|timeout expired|connection timeout|terminating connection|Connection ended/i;

export function isTransient(code: string | undefined, message: string): boolean {
  if (code && (code.startsWith('08') || TRANSIENT_CODES.has(code))) return true;
  return TRANSIENT_MESSAGES.test(message);
}

/**
 * A driver error as a CentralError: the message scrubbed of the password and of any URL credentials, the
 * SQLSTATE or Node code kept, and nothing else of the original (drivers attach the query and its
 * parameters to their errors).
 */
export function toCentralError(
  e: unknown,
  url: string,
  secrets: readonly (string | undefined)[],
): CentralError {
  if (e instanceof CentralError) return e;
  const err = e as { message?: unknown; code?: unknown; errors?: { message?: unknown; code?: unknown }[] };
  // An AggregateError (several addresses tried) has no message of its own: take its first inner error.
  const inner = !err?.message && Array.isArray(err?.errors) ? err.errors[0] : undefined;
  const message = String(err?.message || inner?.message || e);
  const code =
    typeof err?.code === 'string' ? err.code : typeof inner?.code === 'string' ? inner.code : undefined;
  const text = scrubSecrets(`central store ${url}: ${message}`, secrets);
  return new CentralError(text, code, isTransient(code, message));
}

/**
 * An array parameter as the PostgreSQL array literal `pg` would send for it, byte for byte, made faster: a
 * batch write binds one array per column, thousands of elements each, and `pg` escapes every element with
 * two regular expressions. Arrays of anything but text, numbers, booleans and nulls are left to `pg`.
 */
export function arrayParam(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  let out = '{';
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'string')
      out +=
        v.includes('"') || v.includes('\\') ? `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `"${v}"`;
    else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean')
      out += `"${String(v)}"`;
    else return value;
  }
  return out + '}';
}

/**
 * The error of a statement that never left this process: written to a socket the peer had already reset or
 * closed, or given to a client that had already seen its connection fail. Safe to send again elsewhere.
 */
function isStaleConnection(e: unknown): boolean {
  const message = String((e as { message?: unknown })?.message ?? '');
  return /^write (ECONNRESET|EPIPE)\b|not queryable/.test(message);
}

export interface PgPoolOptions {
  readonly connectionString: string;
  readonly password: string | undefined;
  readonly max: number;
}

/** A pool of connections to a PostgreSQL server through `pg`. */
export class PgSqlPool implements SqlPool {
  private readonly pool: pg.Pool;
  /** The name of each statement prepared through this pool (one per text, the same on every connection). */
  private readonly statementNames = new Map<string, string>();

  constructor(options: PgPoolOptions) {
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      // The URL's own password wins; otherwise the one given (the CLI's PFM_CENTRAL_PASSWORD).
      ...(options.password !== undefined ? { password: options.password } : {}),
      max: options.max,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: 'pfm',
      // A writer waits at most this long for a user's lock (another device's batch), then fails transiently
      // and is retried; a session that dies mid-transaction (a crashed hub) gives the lock back soon.
      lock_timeout: 30_000,
      idle_in_transaction_session_timeout: 60_000,
      // A statement sent while another is unanswered goes out at once instead of waiting for its answer
      // (QueryOptions.begin: BEGIN and a transaction's first statement; SqlSession.pipeline). Everything else
      // waits for each answer before sending the next statement, so nothing else changes.
      pipeline: true,
    });
    // An idle connection that dies (server restart) must not crash the process; the next use reconnects.
    this.pool.on('error', () => undefined);
  }

  async connect(): Promise<PooledSession> {
    let client = await this.pool.connect();
    const onError = () => undefined;
    client.on('error', onError);
    let sent = false; // has a statement reached the server on this session yet?
    interface Named {
      readonly sql: string;
      readonly params: unknown[] | undefined;
      readonly name: string | undefined;
    }
    const sendOne = ({ sql, params, name }: Named) =>
      name === undefined ? client.query(sql, params) : client.query({ name, text: sql, values: params });
    // Every statement is written before any answer arrives (pipeline mode); the results count only if all
    // succeeded, and the first failure in order is the one reported, as if they had been sent one by one.
    const send = async (statements: readonly Named[], begin: boolean): Promise<pg.QueryResult[]> => {
      if (statements.length === 1 && !begin) return [await sendOne(statements[0] as Named)];
      const settled = await Promise.allSettled([
        ...(begin ? [client.query('BEGIN')] : []),
        ...statements.map(sendOne),
      ]);
      const results: pg.QueryResult[] = [];
      for (const s of settled) {
        if (s.status === 'rejected') throw s.reason;
        results.push(s.value);
      }
      return begin ? results.slice(1) : results;
    };
    const run = async (statements: readonly Named[], begin = false): Promise<pg.QueryResult[]> => {
      try {
        const results = await send(statements, begin);
        sent = true;
        return results;
      } catch (e) {
        // A pooled connection that died while idle (a network cut, a server restart) fails its first write
        // before anything reaches the server: that session is replaced by a new connection, once, and the
        // statements sent there. Any later failure is the caller's to handle.
        if (sent || !isStaleConnection(e)) throw e;
        sent = true;
        client.off('error', onError);
        client.release(true);
        client = await this.pool.connect();
        client.on('error', onError);
        return send(statements, begin);
      }
    };
    const named = (sql: string, params?: readonly unknown[], options?: QueryOptions): Named => ({
      sql,
      params: params?.map(arrayParam),
      name: options?.prepare ? this.nameOf(sql) : undefined,
    });
    return {
      query: async <R>(sql: string, params?: readonly unknown[], options?: QueryOptions) => {
        const [result] = await run([named(sql, params, options)], options?.begin === true);
        return { rows: (result?.rows ?? []) as R[] };
      },
      pipeline: async (statements, options) => {
        const results = await run(
          statements.map((s) => named(s.sql, s.params, s.options)),
          options?.begin === true,
        );
        return results.map((r) => ({ rows: r.rows as Record<string, unknown>[] }));
      },
      exec: async (sql: string) => {
        await run([{ sql, params: undefined, name: undefined }]);
      },
      release: (broken?: boolean) => {
        client.off('error', onError);
        client.release(broken === true);
      },
    };
  }

  async end(): Promise<void> {
    await this.pool.end();
  }

  /** `pg` prepares a named statement once per connection and refuses one name for two texts: one name per text. */
  private nameOf(sql: string): string {
    let name = this.statementNames.get(sql);
    if (name === undefined) {
      name = `pfm_${this.statementNames.size + 1}`;
      this.statementNames.set(sql, name);
    }
    return name;
  }
}
