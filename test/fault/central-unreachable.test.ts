import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncLogEntry } from '../../src/local/sync-log-repository.js';
import { tempDataDir, type CliResult } from '../support/cli-runner.js';

/**
 * Central unreachable: `pfm sync` retries a refused connection, then exits 1 with one clear line on
 * stderr, leaves a Failed sync_log row, never shows the password, and the device keeps working offline.
 * Every command runs as a real `pfm` process.
 */

const ROOT = new URL('../../', import.meta.url).pathname;

function pfm(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      PFM_DATA: undefined,
      PFM_CENTRAL: undefined,
      PFM_CENTRAL_PASSWORD: undefined,
      ...env,
    },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Every byte this device wrote (the SQLite files and the log), as text, to look for a secret. */
function deviceBytes(dir: string): string {
  return ['pfm.db', 'pfm.db-wal', 'logs/sync_log.txt']
    .map((f) => join(dir, f))
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('latin1'))
    .join('\n');
}

describe('central store unreachable: pfm sync', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => {
    data = tempDataDir();
  });
  afterEach(() => data.dispose());

  it.each<{ how: string; secret: string; url: (port: number) => string; env: Record<string, string> }>([
    {
      how: 'in the URL',
      secret: 's3cret-pw',
      url: (port: number) => `postgres://postgres:s3cret-pw@127.0.0.1:${port}/test`,
      env: {},
    },
    {
      how: 'in PFM_CENTRAL_PASSWORD',
      secret: 'env-s3cret-pw',
      url: (port: number) => `postgres://postgres@127.0.0.1:${port}/test`,
      env: { PFM_CENTRAL_PASSWORD: 'env-s3cret-pw' },
    },
  ])(
    'retries, exits 1 with one line, logs a Failed run, never shows the password ($how), and the device keeps working offline',
    async ({ secret, url, env }) => {
      const dir = data.dir;
      const central = url(await closedPort());
      expect(pfm(['--data', dir, 'user', 'add', 'Una', '--currency', 'EUR']).code).toBe(0);

      const started = Date.now();
      const sync = pfm(
        [
          '--data',
          dir,
          '--central',
          central,
          'sync',
          '--user',
          'Una',
          '--retries',
          '2',
          '--retry-delay',
          '50',
        ],
        env,
      );
      const seconds = (Date.now() - started) / 1000;

      // Exit 1 with ONE clear line on stderr, saying the sync failed and the device works offline.
      expect(sync.code, sync.stderr).toBe(1);
      const errLines = sync.stderr.split('\n').filter((l) => l.trim() !== '');
      expect(errLines, sync.stderr).toHaveLength(1);
      expect(errLines[0]).toMatch(/^pfm: .*sync.*fail/i);
      expect(errLines[0]).toMatch(/ECONNREFUSED|refused|unreachable|connect/i);
      expect(errLines[0]).toMatch(/offline/);
      expect(seconds).toBeLessThan(30);

      // Retried: the log file (logs/sync_log.txt) shows each retry, then the failure. (Soft checks from here
      // on, so one failure does not hide the others.)
      const logFile = join(dir, 'logs', 'sync_log.txt');
      expect.soft(existsSync(logFile)).toBe(true);
      const log = readFileSync(logFile, 'utf8');
      expect.soft(log, log).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - WARNING - Retry 1\b/m);
      expect.soft(log, log).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - WARNING - Retry 2\b/m);
      expect.soft(log).not.toMatch(/Retry 3\b/);
      expect.soft(log).toMatch(/ - ERROR - /);

      // One Failed sync_log row, with the error and the redacted store.
      const history = pfm(['--data', dir, '--json', 'sync', 'log', '--user', 'Una']);
      expect.soft(history.code, history.stderr).toBe(0);
      const entries = JSON.parse(history.stdout) as SyncLogEntry[];
      expect.soft(entries, `sync log after the failed sync: ${history.stdout}`).toHaveLength(1);
      expect.soft(entries[0]).toMatchObject({ status: 'Failed', pushed: 0, pulled: 0 });
      expect.soft(entries[0]?.errorMessage).toMatch(/ECONNREFUSED|refused|connect/i);
      expect.soft(entries[0]?.endTime).not.toBeNull();

      // The device keeps working offline.
      const add = pfm([
        '--data',
        dir,
        'expense',
        'add',
        '--user',
        'Una',
        '--amount',
        '12.50',
        '--category',
        'Food',
        '--date',
        '2026-11-01',
      ]);
      expect(add.code, add.stderr).toBe(0);
      const report = pfm(['--data', dir, 'report', 'monthly', '--user', 'Una', '--month', '2026-11']);
      expect(report.code, report.stderr).toBe(0);
      expect(report.stdout).toMatch(/12\.50/);

      // The password appears nowhere: not on stdout or stderr, not in the log file or the device database.
      for (const [where, text] of [
        ['sync stdout', sync.stdout],
        ['sync stderr', sync.stderr],
        ['sync log --json', history.stdout],
        ['device files', deviceBytes(dir)],
      ] as const) {
        expect.soft(text.includes(secret), `${where} shows the password`).toBe(false);
      }
    },
    60_000,
  );
});
