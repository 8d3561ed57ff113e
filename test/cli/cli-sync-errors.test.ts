import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/postgres-test-database.js';
import { tempDataDir } from '../support/cli-runner.js';
import { closedPort, lines, pfmIntoHead } from '../support/cli-process.js';
import { pfmProcess } from '../support/cli-runner.js';

/**
 * How `pfm sync` fails, as a person sees it (exit code, stdout and stderr lines, the log file), with every
 * command a real `pfm` process against a real PostgreSQL server or a port nothing listens on.
 */

const FAST = ['--retries', '2', '--retry-delay', '100'];
const SECRET = 'cli-s3cret-pw';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('cli_errors');
});
afterAll(async () => {
  await db.drop();
});

let data: ReturnType<typeof tempDataDir>;
beforeEach(() => {
  data = tempDataDir();
});
afterEach(() => data.dispose());

const device = (name: string) => join(data.dir, name);
const pfm = (dev: string, ...args: string[]) => pfmProcess(['--data', device(dev), ...args]);
const logFile = (dev: string) => join(device(dev), 'logs', 'sync_log.txt');
/** The device's sync_log rows (status and error), oldest first, read from its SQLite file. */
const syncLog = (dev: string): { status: string; error_message: string | null }[] => {
  const sqlite = new Database(join(device(dev), 'pfm.db'), { readonly: true });
  try {
    return sqlite
      .prepare('SELECT sync_status AS status, error_message FROM sync_log ORDER BY sync_log_id')
      .all() as {
      status: string;
      error_message: string | null;
    }[];
  } finally {
    sqlite.close();
  }
};

describe('pfm sync of a user not on this device', { timeout: 60_000 }, () => {
  it('exits 1 naming the connection failure (redacted, no password) when the central store is unreachable', async () => {
    const port = await closedPort();
    const url = `postgres://postgres:${SECRET}@127.0.0.1:${port}/test`;
    const r = pfm('new', '--central', url, 'sync', '--user', 'Sam', ...FAST);
    expect(r.code, r.stderr).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(`postgres://postgres:***@127.0.0.1:${port}/test`);
    expect(r.stderr).toMatch(/ECONNREFUSED/);
    expect(r.stderr).not.toMatch(/no user "Sam"/);
    expect(r.stdout + r.stderr + readFileSync(logFile('new'), 'utf8')).not.toContain(SECRET);
  });

  it('refuses a PGlite store of an earlier pfm: exit 2, one line saying how to move', () => {
    const r = pfm('new', '--central', `pglite:${join(data.dir, 'central')}`, 'sync', '--user', 'Sam');
    expect(r.code, r.stderr).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/no longer opens.*sync every device to the new store/);
  });

  it('will not fill an empty default store beside the PGlite directory of an earlier pfm: exit 1, one line', () => {
    mkdirSync(join(data.dir, 'pfm-central'), { recursive: true });
    writeFileSync(join(data.dir, 'pfm-central', 'PG_VERSION'), '17\n');
    const central = `sqlite:${join(data.dir, 'pfm-central.db')}`;
    const r = pfm('new', '--central', central, 'sync', '--user', 'Sam', '--retries', '0');
    expect(r.code, r.stderr).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(
      /earlier pfm \(PGlite\).*rename or remove that directory, then sync every device/,
    );
    expect(existsSync(join(data.dir, 'pfm-central.db'))).toBe(false);
  });

  it('a user neither here nor in the central store: exit 2, one line, nothing written or logged', () => {
    const r = pfm('new', '--central', db.url, 'sync', '--user', 'Typo');
    expect(r.code, r.stderr).toBe(2);
    expect(lines(r.stderr)).toEqual(['pfm: no user "Typo" on this device or in the central store']);
    expect(r.stdout).toBe('');
    expect(existsSync(logFile('new'))).toBe(false);
    expect(syncLog('new')).toEqual([]);
  });

  it('a user the central store has is brought to the new device', () => {
    expect(pfm('laptop', 'user', 'add', 'Nia').code).toBe(0);
    expect(pfm('laptop', '--central', db.url, 'sync', '--user', 'Nia').code).toBe(0);
    const r = pfm('phone', '--central', db.url, 'sync', '--user', 'Nia');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ - INFO - Sync completed: Success/);
    expect(pfm('phone', 'user', 'list').stdout).toContain('Nia');
  });
});

describe('pfm sync --all with the central store down', { timeout: 60_000 }, () => {
  it('retries for the first user only, fails the others at once with the same reason, never says connected', async () => {
    for (const name of ['Ann', 'Ben', 'Cy']) expect(pfm('dev', 'user', 'add', name).code).toBe(0);
    const url = `postgres://postgres@127.0.0.1:${await closedPort()}/test`;
    const r = pfm('dev', '--central', url, 'sync', '--all', ...FAST);
    expect(r.code, r.stderr).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stdout).not.toMatch(/Connected to central store/);
    expect(r.stdout).toContain('❌ SYNCHRONIZATION FAILED');

    // One retry schedule in all: Retry 1 and Retry 2 once each, for the first user.
    const log = readFileSync(logFile('dev'), 'utf8');
    expect(log.match(/ - WARNING - Retry \d/g)).toEqual([' - WARNING - Retry 1', ' - WARNING - Retry 2']);
    expect(log).not.toMatch(/Connected to central store/);

    // Each user's history has a Failed run with the same reason.
    const history = syncLog('dev');
    expect(history.map((h) => h.status)).toEqual(['Failed', 'Failed', 'Failed']);
    const reasons = history.map((h) => h.error_message ?? '');
    expect(reasons[0]).toMatch(/ECONNREFUSED.*\(after 3 attempts\)/);
    expect(reasons[1]).toBe(`not tried: ${reasons[0]}`);
    expect(reasons[2]).toBe(`not tried: ${reasons[0]}`);
    expect(r.stdout).toContain(`Failed: not tried: ${reasons[0]}`);
  });

  it('says connected once per user when the central store answers', () => {
    for (const name of ['Dee', 'Eli']) expect(pfm('dev', 'user', 'add', name).code).toBe(0);
    const r = pfm('dev', '--central', db.url, 'sync', '--all');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/Connected to central store: /g)).toHaveLength(2);
    expect(r.stdout).toContain('✅ SYNCHRONIZATION SUCCESSFUL!');
  });
});

describe('pfm sync | head -1', { timeout: 60_000 }, () => {
  it('finishes the sync when its reader goes away after the first line', async () => {
    expect(pfm('laptop', 'user', 'add', 'Pia', '--currency', 'EUR').code).toBe(0);
    const added = pfm(
      'laptop',
      'expense',
      'add',
      '--user',
      'Pia',
      '--amount',
      '9.99',
      '--category',
      'Food',
      '--note',
      'sent through a closed pipe',
    );
    expect(added.code, added.stderr).toBe(0);

    const r = await pfmIntoHead(['--data', device('laptop'), '--central', db.url, 'sync', '--user', 'Pia']);
    expect(r.firstLine).toMatch(/ - INFO - Connected to SQLite: /);
    expect(r.signal).toBeNull();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);

    // The sync ran to its end: logged, and the data reached the central store.
    expect(readFileSync(logFile('laptop'), 'utf8')).toMatch(/ - INFO - Sync completed: Success/);
    expect(syncLog('laptop').map((h) => h.status)).toEqual(['Success']);
    expect(pfm('phone', '--central', db.url, 'sync', '--user', 'Pia').code).toBe(0);
    expect(pfm('phone', 'expense', 'list', '--user', 'Pia').stdout).toContain('sent through a closed pipe');
  });
});
