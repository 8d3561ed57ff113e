import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/postgres-test-database.js';
import { pfmProcess } from '../support/cli-runner.js';

/**
 * `pfm --central URL report ... --central`: the bare flag after the command asks the central store the URL
 * names, never the default embedded store in the working directory. Real processes, real PostgreSQL.
 */

let db: TestDatabase;
let cwd: string;
beforeAll(async () => {
  db = await createTestDatabase('cli_central_flag');
  cwd = mkdtempSync(join(tmpdir(), 'pfm-cli-cwd-'));
});
afterAll(async () => {
  rmSync(cwd, { recursive: true, force: true });
  await db.drop();
});

describe('report --central with a global --central URL', { timeout: 60_000 }, () => {
  it('reports from the PostgreSQL store and creates no ./pfm-central', () => {
    const pfm = (...args: string[]) => pfmProcess(['--data', join(cwd, 'dev'), ...args], { cwd });
    expect(pfm('user', 'add', 'alice', '--currency', 'EUR').code).toBe(0);
    const add = ['expense', 'add', '--user', 'alice', '--category', 'Food', '--date', '2026-10-07'];
    expect(pfm(...add, '--amount', '40').code).toBe(0);
    expect(pfm('--central', db.url, 'sync', '--user', 'alice').code).toBe(0);
    // Recorded after the sync: only this device has it, so a report with it is not the central one.
    expect(pfm(...add, '--amount', '2').code).toBe(0);

    const r = pfm(
      '--central',
      db.url,
      '--json',
      'report',
      'monthly',
      '--user',
      'alice',
      '--month',
      '2026-10',
      '--central',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ month: '2026-10', expenses: 4000 });
    expect(existsSync(join(cwd, 'pfm-central'))).toBe(false);
    expect(readdirSync(cwd)).toEqual(['dev']);

    const local = pfm('--json', 'report', 'monthly', '--user', 'alice', '--month', '2026-10');
    expect(JSON.parse(local.stdout)).toMatchObject({ expenses: 4200 });
  });
});
