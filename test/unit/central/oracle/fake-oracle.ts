import { createRequire } from 'node:module';
import type {
  OracleBinds,
  OracleConnection,
  OracleDriver,
  OracleExecuteManyOptions,
  OracleExecuteOptions,
  OracleManyResult,
  OraclePool,
  OraclePoolAttributes,
  OracleResult,
  OracleResultSet,
} from '../../../../src/central/oracle/oracle-driver.js';
import { CENTRAL_SCHEMA_VERSION } from '../../../../src/central/central-store.js';
import { encodeClock } from '../../../../src/domain/clock-codec.js';
import { TABLES, type SyncRow, type SyncedTable } from '../../../../src/domain/tables.js';

/**
 * A recording stand-in for node-oracledb (no Oracle server can run here): every call on every connection is
 * recorded in order, and replies come from handlers matched on the statement text, or sensible defaults.
 */
export interface Call {
  readonly method:
    'execute' | 'executeMany' | 'commit' | 'rollback' | 'close' | 'getConnection' | 'poolClose';
  readonly connection: number;
  readonly sql?: string;
  readonly binds?: unknown;
  readonly options?: unknown;
}

type Reply =
  OracleResult | OracleManyResult | Error | ((call: Call) => OracleResult | OracleManyResult | Error);

interface Handler {
  readonly match: (call: Call) => boolean;
  readonly reply: Reply;
  times: number;
}

/** An error shaped as node-oracledb raises them. */
export function oraError(errorNum: number, text: string): Error {
  const code = `ORA-${String(errorNum).padStart(5, '0')}`;
  return Object.assign(new Error(`${code}: ${text}`), { errorNum, code });
}

export function njsError(code: string, text: string, errorNum?: number): Error {
  return Object.assign(new Error(`${code}: ${text}`), { code, ...(errorNum ? { errorNum } : {}) });
}

/** A result set over fixed rows, recording how it was read. */
export class FakeResultSet implements OracleResultSet {
  closed = false;
  readonly fetches: (number | undefined)[] = [];
  private pos = 0;

  constructor(private readonly data: unknown[]) {}

  async getRows(n?: number): Promise<unknown[]> {
    this.fetches.push(n);
    const end = n === undefined ? this.data.length : Math.min(this.pos + n, this.data.length);
    const out = this.data.slice(this.pos, end);
    this.pos = end;
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export class FakeOracle implements OracleDriver {
  readonly OUT_FORMAT_OBJECT = 4002;
  readonly BIND_OUT = 3003;
  readonly DB_TYPE_VARCHAR = 'DB_TYPE_VARCHAR';
  readonly DB_TYPE_NUMBER = 'DB_TYPE_NUMBER';
  readonly DB_TYPE_CLOB = 'DB_TYPE_CLOB';
  readonly DB_TYPE_CURSOR = 'DB_TYPE_CURSOR';

  readonly calls: Call[] = [];
  poolAttributes: OraclePoolAttributes | undefined;
  createPoolError: Error | undefined;
  getConnectionError: Error | undefined;
  /** The schema version the fake database reports. */
  schemaVersion = CENTRAL_SCHEMA_VERSION;
  private handlers: Handler[] = [];
  private connections = 0;
  private nextSeq = 100;

  /** Reply to the statements `match` selects (a substring or a test), `times` times (default: always). */
  on(match: string | RegExp | ((call: Call) => boolean), reply: Reply, times = Infinity): this {
    const test =
      typeof match === 'function'
        ? match
        : (call: Call) =>
            call.sql !== undefined &&
            (typeof match === 'string' ? call.sql.includes(match) : match.test(call.sql));
    this.handlers.unshift({ match: test, reply, times });
    return this;
  }

  /** Statements sent (execute and executeMany), in order. */
  get statements(): string[] {
    return this.calls.filter((c) => c.sql !== undefined).map((c) => c.sql as string);
  }

  callsOf(method: Call['method']): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls.length = 0;
  }

  async createPool(attributes: OraclePoolAttributes): Promise<OraclePool> {
    if (this.createPoolError) throw this.createPoolError;
    this.poolAttributes = attributes;
    return {
      getConnection: async () => {
        const id = ++this.connections;
        this.calls.push({ method: 'getConnection', connection: id });
        if (this.getConnectionError) throw this.getConnectionError;
        return this.connection(id);
      },
      close: async (drainTime?: number) => {
        this.calls.push({ method: 'poolClose', connection: 0, options: drainTime });
      },
    };
  }

  /** A connection as the pool's sessionCallback sees it (not recorded in `calls` beyond its statements). */
  connection(id: number): OracleConnection {
    return {
      execute: async (sql: string, binds?: OracleBinds, options?: OracleExecuteOptions) =>
        this.reply({ method: 'execute', connection: id, sql, binds, options }, () =>
          this.defaultExecute(sql),
        ),
      executeMany: async (sql: string, binds: OracleBinds[], options?: OracleExecuteManyOptions) =>
        this.reply({ method: 'executeMany', connection: id, sql, binds, options }, () => ({
          outBinds: binds.map(() => ({ seq: ++this.nextSeq })),
          rowsAffected: binds.length,
        })),
      commit: async () => {
        await this.reply({ method: 'commit', connection: id }, () => ({}));
      },
      rollback: async () => {
        await this.reply({ method: 'rollback', connection: id }, () => ({}));
      },
      close: async (options?: { drop?: boolean }) => {
        this.calls.push({ method: 'close', connection: id, options });
      },
    };
  }

  private async reply<R>(call: Call, fallback: () => R): Promise<R> {
    this.calls.push(call);
    const handler = this.handlers.find((h) => h.times > 0 && h.match(call));
    if (!handler) return fallback();
    handler.times--;
    const out = typeof handler.reply === 'function' ? handler.reply(call) : handler.reply;
    if (out instanceof Error) throw out;
    return out as R;
  }

  private defaultExecute(sql: string): OracleResult {
    if (/^SELECT NVL\(MAX\(version\), 0\)/.test(sql)) return { rows: [{ VERSION: this.schemaVersion }] };
    if (/FOR UPDATE$/.test(sql)) return { rows: [{ USER_ID: 'locked' }] };
    return { rows: [] };
  }
}

/** A synced row as node-oracledb returns it: upper-case column names, the clock compact, '' as NULL. */
export function oracleRow(
  table: SyncedTable,
  row: SyncRow,
  seq: number,
  origin = 'device0000000001',
): unknown {
  const out: Record<string, unknown> = { ID: row.id };
  for (const f of TABLES[table].fields) {
    const v = row.values[f.name];
    out[f.name.toUpperCase()] = v === '' || v === undefined ? null : v;
  }
  return {
    ...out,
    HLC: row.hlc,
    CLOCK: encodeClock(row.clock, row.hlc) || null,
    MODIFIED_AT: row.modifiedAt,
    SERVER_SEQ: seq,
    ORIGIN: origin,
  };
}

/**
 * The bind names node-oracledb's own Thin-mode parser finds in a statement (upper case, each once): what a
 * server-less test can check of whether the driver would accept the binds we pass (NJS-097/NJS-098).
 */
export function thinBindNames(sql: string): string[] {
  const require = createRequire(import.meta.url);
  const { Statement } = require('oracledb/lib/thin/statement.js') as {
    Statement: new () => { _prepare(sql: string): void; bindInfoDict: Map<string, unknown> };
  };
  const statement = new Statement();
  statement._prepare(sql);
  return [...statement.bindInfoDict.keys()];
}
