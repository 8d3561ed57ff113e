import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCentral } from '../../src/central/open-central.js';
import { categoryIdFor, userIdFor } from '../../src/domain/ids.js';
import { ExpenseRepository } from '../../src/local/expense-repository.js';
import { LocalStore } from '../../src/local/local-store.js';
import { SyncLogRepository } from '../../src/local/sync-log-repository.js';
import { UserRepository } from '../../src/local/user-repository.js';
import { PFM_NODE_ARGS, tempDataDir, type CliResult } from '../support/cli-runner.js';

/**
 * Two `pfm sync` processes of two users, each on its own device, against one central SQLite file at the same
 * time: SQLite lets one of them write at a time, and both finish with everything stored.
 */

const ROWS = 6_000;
let root: ReturnType<typeof tempDataDir>;
beforeAll(() => {
  root = tempDataDir();
});
afterAll(() => root.dispose());

/** A device folder with one user and ROWS expenses, made through the app's own repositories. */
function deviceWith(folder: string, name: string): void {
  const store = LocalStore.open({ path: join(root.dir, folder, 'pfm.db') });
  try {
    const user = new UserRepository(store).create({ name, currency: 'EUR', locale: 'en-IE' });
    const expenses = new ExpenseRepository(store);
    store.transaction(() => {
      for (let i = 0; i < ROWS; i++) {
        expenses.create(user.id, {
          categoryId: categoryIdFor(user.id, 'expense', 'Food'),
          amount: 100 + i,
          date: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
          note: `${name} ${i}`,
        });
      }
    });
  } finally {
    store.close();
  }
}

function pfm(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...PFM_NODE_ARGS, ...args], {
      env: { ...process.env, PFM_DATA: undefined, PFM_CENTRAL: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The last sync of a user on a device: when it started and ended (ms), and its status. */
function lastSync(folder: string, name: string): { start: number; end: number; status: string } {
  const store = LocalStore.open({ path: join(root.dir, folder, 'pfm.db') });
  try {
    const [entry] = new SyncLogRepository(store).list(userIdFor(name), 1);
    if (!entry?.endTime) throw new Error(`${name} has no finished sync on ${folder}`);
    return { start: Date.parse(entry.startTime), end: Date.parse(entry.endTime), status: entry.status };
  } finally {
    store.close();
  }
}

describe('two pfm sync processes on one central SQLite file', { timeout: 240_000 }, () => {
  it('both succeed at once, and the central store holds every row of both users', async () => {
    deviceWith('laptop', 'ann');
    deviceWith('phone', 'bob');
    const central = `sqlite:${join(root.dir, 'central.db')}`;
    const sync = (folder: string, name: string) =>
      pfm([
        '--data',
        join(root.dir, folder),
        '--central',
        central,
        'sync',
        '--user',
        name,
        '--batch-size',
        '500',
      ]);
    const [ann, bob] = await Promise.all([sync('laptop', 'ann'), sync('phone', 'bob')]);
    expect(ann.code, ann.stderr).toBe(0);
    expect(bob.code, bob.stderr).toBe(0);
    const a = lastSync('laptop', 'ann');
    const b = lastSync('phone', 'bob');
    expect([a.status, b.status]).toEqual(['Success', 'Success']);
    // They ran at the same time: each started before the other ended.
    expect(a.start < b.end && b.start < a.end, JSON.stringify({ a, b })).toBe(true);

    const store = await openCentral(central);
    try {
      const counts = await store.reports.recordCounts();
      const live = Object.fromEntries(counts.map((c) => [c.name, c.tables.expense.live]));
      expect(live).toEqual({ ann: ROWS, bob: ROWS });
    } finally {
      await store.close();
    }
  });
});
