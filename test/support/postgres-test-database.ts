import pg from 'pg';

/**
 * The PostgreSQL server of the tests (PFM_TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test) and
 * throw-away databases on it: one per run and purpose, named `<prefix>_<pid>_<random>`, so parallel runs never
 * collide and databases of runs whose process is gone are dropped by the next one.
 */
export const POSTGRES_TEST_URL =
  process.env.PFM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** In CI the server must be there: suites run and fail loudly rather than skipping. */
export const inCi = process.env.CI === 'true';

/** null when the server answers, else why not. */
export async function probePostgres(url = POSTGRES_TEST_URL): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return `${(e as Error).message || String((e as { code?: string }).code)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why the PostgreSQL tests of a file are skipped (the server is unreachable outside CI), or null. */
export async function postgresSkipReason(): Promise<string | null> {
  const unreachable = await probePostgres();
  if (unreachable === null || inCi) return null;
  return `PostgreSQL at ${new URL(POSTGRES_TEST_URL).host} unreachable (${unreachable}); start it or set CI=true`;
}

/** The test server's URL with another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A fresh database name for this process: `<prefix>_<pid>_<random>` (the prefix has one underscore). */
export function newDatabaseName(prefix: 'pfm_fault' | 'pfm_contract', tag?: string): string {
  return `${prefix}_${process.pid}_${tag === undefined ? '' : `${tag}_`}${Math.floor(Math.random() * 1e6)}`;
}

/** Create a database named by newDatabaseName, first dropping those of its prefix whose process is gone. */
export async function createDatabase(prefix: 'pfm_fault' | 'pfm_contract', name: string): Promise<void> {
  await admin(async (c) => {
    // Databases left by earlier runs whose process is gone (killed mid-run).
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${prefix.replace('_', '\\_')}\\_%'`,
    );
    for (const { datname } of rows) {
      const pid = Number(datname.split('_')[2]);
      if (pid !== process.pid && !alive(pid))
        await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await c.query(`CREATE DATABASE ${name}`);
  });
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** A dedicated database on the test server: its name and URLs. */
export interface TestDatabase {
  readonly name: string;
  /** The database through the test server's own address. */
  readonly url: string;
  /** The database's URL on another port of 127.0.0.1 (a proxy in front of the server). */
  urlOnPort(port: number): string;
  drop(): Promise<void>;
}

export async function createTestDatabase(tag: string): Promise<TestDatabase> {
  const name = newDatabaseName('pfm_fault', tag);
  await createDatabase('pfm_fault', name);
  const base = new URL(POSTGRES_TEST_URL);
  const at = (port: string) => {
    const u = new URL(base.toString());
    u.port = port;
    u.pathname = `/${name}`;
    return u.toString();
  };
  return {
    name,
    url: at(base.port || '5432'),
    urlOnPort: (port) => {
      const u = new URL(at(String(port)));
      u.hostname = '127.0.0.1';
      return u.toString();
    },
    drop: () => dropDatabase(name),
  };
}

/** The PostgreSQL server the test databases live on, as host and port (what a proxy forwards to). */
export function postgresTarget(): { host: string; port: number } {
  const u = new URL(POSTGRES_TEST_URL);
  return { host: u.hostname, port: Number(u.port || 5432) };
}
