import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/postgres-test-database.js';
import { tempDataDir } from '../support/cli-runner.js';
import { lines } from '../support/cli-process.js';
import { pfmProcess } from '../support/cli-runner.js';

/**
 * Sync log lines carry the machine's local time, in the original specification's format. Real processes, real
 * PostgreSQL.
 */

let db: TestDatabase;
let data: ReturnType<typeof tempDataDir>;
beforeAll(async () => {
  db = await createTestDatabase('cli_log_time');
  data = tempDataDir();
});
afterAll(async () => {
  data.dispose();
  await db.drop();
});

/** `YYYY-MM-DD HH` of an instant in Tokyo (UTC+9 all year, no daylight saving). */
const tokyoHour = (ms: number) => new Date(ms + 9 * 3600_000).toISOString().slice(0, 13).replace('T', ' ');

describe('sync log times', { timeout: 60_000 }, () => {
  it('are local time, `2025-10-20 14:30:00 - INFO - ...`, on stdout and in logs/sync_log.txt', () => {
    const env = { TZ: 'Asia/Tokyo' };
    const dev = join(data.dir, 'dev');
    expect(pfmProcess(['--data', dev, 'user', 'add', 'Kei', '--currency', 'JPY'], { env }).code).toBe(0);
    const before = Date.now();
    const r = pfmProcess(['--data', dev, '--central', db.url, 'sync', '--user', 'Kei'], { env });
    const after = Date.now();
    expect(r.code, r.stderr).toBe(0);

    const hours = new Set([tokyoHour(before), tokyoHour(after)]);
    const file = lines(readFileSync(join(dev, 'logs', 'sync_log.txt'), 'utf8'));
    for (const line of [...lines(r.stdout).filter((l) => / - INFO - /.test(l)), ...file]) {
      expect(line).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - (INFO|WARNING|ERROR) - \S/);
      expect(hours, line).toContain(line.slice(0, 13));
    }
    expect(file.some((l) => / - INFO - Sync completed: Success/.test(l))).toBe(true);
  });
});
