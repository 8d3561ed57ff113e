import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-runner.js';

// One embedded central store (an SQLite file) for the whole file.
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pfm-cli-sync-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// The central store is named by PFM_CENTRAL, as a user would set it once; reports stay local unless --central.
// Each command runs a second after the previous one, as a person at two machines would.
let clock = Date.parse('2026-11-20T12:00:00Z');
const on = (device: string, ...args: string[]) =>
  runCli(['--data', join(root, device), ...args], {
    env: { PFM_CENTRAL: `sqlite:${join(root, 'central.db')}` },
    now: new Date((clock += 1000)),
  });
const json = async <T>(device: string, ...args: string[]): Promise<T> => {
  const r = await on(device, '--json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};

describe('pfm sync between two device folders', { timeout: 240_000 }, () => {
  it('sync --all prints the step-by-step report, a new device gets the user, and both agree', async () => {
    await json('laptop', 'demo');
    const all = await on('laptop', 'sync', '--all');
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain('AUTOMATED SYNCHRONIZATION TEST');
    expect(all.stdout).toMatch(/Found 6 users to sync/);
    expect(all.stdout).toMatch(/Step 5: Syncing expenses\.\.\. Expenses synced: \d+/);
    expect(all.stdout).toContain('✅ SYNCHRONIZATION SUCCESSFUL!');

    const first = await on('phone', 'sync', '--user', 'carol');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - INFO - Pulled \d+ expense rows/);
    const log = readFileSync(join(root, 'phone', 'logs', 'sync_log.txt'), 'utf8');
    expect(log).toMatch(/ - INFO - Sync completed: Success/);

    for (const report of ['monthly', 'categories', 'budgets', 'goals', 'trend', 'balances', 'networth']) {
      const laptop = await json(
        report === 'goals' ? 'laptop' : 'laptop',
        'report',
        report,
        '--user',
        'carol',
      );
      const phone = await json('phone', 'report', report, '--user', 'carol');
      expect(phone, report).toEqual(laptop);
    }
    for (const report of ['monthly', 'balances', 'networth']) {
      const central = await json('phone', 'report', report, '--user', 'carol', '--central');
      expect(central, report).toEqual(await json('laptop', 'report', report, '--user', 'carol'));
    }

    // An edit on the phone reaches the laptop.
    const added = await json<{ id: string }>(
      'phone',
      'expense',
      'add',
      '--user',
      'carol',
      '--amount',
      '7.25',
      '--category',
      'Food',
      '--note',
      'from phone',
    );
    await json('phone', 'sync', '--user', 'carol');
    await json('laptop', 'sync', '--user', 'carol');
    const list = await json<{ items: { id: string; note: string }[] }>(
      'laptop',
      'expense',
      'list',
      '--user',
      'carol',
      '--search',
      'from phone',
    );
    expect(list.items.map((i) => i.id)).toEqual([added.id]);

    const history = await json<{ status: string; pulled: number }[]>(
      'laptop',
      'sync',
      'log',
      '--user',
      'carol',
    );
    expect(history[0]).toMatchObject({ status: 'Success', pulled: 1 });
  });

  it('a conflict is listed and restoring it wins at the next sync everywhere', async () => {
    await json('a', 'user', 'add', 'Rita');
    await json('a', 'sync', '--user', 'rita');
    await json('b', 'sync', '--user', 'rita');
    const e = await json<{ id: string }>(
      'a',
      'expense',
      'add',
      '--user',
      'rita',
      '--amount',
      '10',
      '--category',
      'Food',
    );
    await json('a', 'sync', '--user', 'rita');
    await json('b', 'sync', '--user', 'rita');
    await json('a', 'expense', 'edit', e.id, '--note', 'from a');
    await json('b', 'expense', 'edit', e.id, '--note', 'from b');
    await json('a', 'sync', '--user', 'rita');
    await json('b', 'sync', '--user', 'rita'); // b's later edit wins; a's note is kept as a conflict
    await json('a', 'sync', '--user', 'rita');
    const onB = await json<{ id: string; field: string; lostValue: string }[]>(
      'b',
      'conflicts',
      'list',
      '--user',
      'rita',
    );
    expect(onB).toEqual([expect.objectContaining({ field: 'description', lostValue: 'from a' })]);
    await json('b', 'conflicts', 'restore', onB[0]?.id ?? '');
    await json('b', 'sync', '--user', 'rita');
    await json('a', 'sync', '--user', 'rita');
    const onA = await json<{ items: { note: string }[] }>('a', 'expense', 'list', '--user', 'rita');
    expect(onA.items[0]?.note).toBe('from a');
    expect(await json('b', 'conflicts', 'list', '--user', 'rita')).toEqual([]);
  });

  it('bad sync command lines exit 2 and change nothing', async () => {
    const neither = await on('a', 'sync');
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/--user U or --all/);
    const badUrl = await runCli([
      '--data',
      join(root, 'a'),
      '--central',
      'mysql://x',
      'sync',
      '--user',
      'rita',
    ]);
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr.trim().split('\n')).toHaveLength(1);
  });
});
