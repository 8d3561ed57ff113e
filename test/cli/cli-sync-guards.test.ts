import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PUSH_ROWS } from '../../src/sync/apply-push.js';
import { createTestDatabase, postgresSkipReason } from '../support/postgres-test-database.js';
import { PFM_NODE_ARGS, pfmProcess, tempDataDir } from '../support/cli-runner.js';

const postgresSkip = await postgresSkipReason();

describe('pfm sync refuses what cannot work, up front (real processes)', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => {
    data = tempDataDir();
  });
  afterEach(() => data.dispose());

  it('a --batch-size above the push limit is bad input: exit 2, one line naming the limit, no sync', () => {
    const central = `sqlite:${join(data.dir, 'central.db')}`;
    const r = pfmProcess([
      '--data',
      join(data.dir, 'device'),
      '--central',
      central,
      'sync',
      '--user',
      'sam',
      '--batch-size',
      String(MAX_PUSH_ROWS + 1),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `pfm: --batch-size must be at most ${MAX_PUSH_ROWS} (the most rows a push batch may hold)\n`,
    );
    expect(r.stdout).toBe('');
    expect(existsSync(join(data.dir, 'device', 'logs'))).toBe(false);
    expect(existsSync(join(data.dir, 'central'))).toBe(false);
  });

  it.skipIf(postgresSkip !== null)(
    'a second sync of the device while one runs exits 1 naming the first, writing nothing; a dead one is taken over',
    { timeout: 120_000 },
    async () => {
      const db = await createTestDatabase('synclock');
      // The first sync talks to a server that accepts and never answers: it holds the device's lock meanwhile.
      const sockets: Socket[] = [];
      const silent = createServer((s) => void sockets.push(s));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const port = (silent.address() as { port: number }).port;
      const device = join(data.dir, 'device');
      try {
        expect(pfmProcess(['--data', device, 'user', 'add', 'sam']).code).toBe(0);
        const first = spawn(
          process.execPath,
          [
            ...PFM_NODE_ARGS,
            '--data',
            device,
            '--central',
            `postgres://pfm@127.0.0.1:${port}/x`,
            'sync',
            '--user',
            'sam',
            '--retries',
            '0',
          ],
          { stdio: 'ignore' },
        );
        const lock = join(device, 'sync.lock');
        for (let i = 0; i < 600 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 100));
        expect(existsSync(lock)).toBe(true);
        const logFile = join(device, 'logs', 'sync_log.txt');
        // The first sync's own lines come just after it takes the lock: wait for them before comparing.
        const logged = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
        for (let i = 0; i < 600 && !logged().includes('Central store:'); i++)
          await new Promise((r) => setTimeout(r, 100));
        const logBefore = logged();
        expect(logBefore).toContain('Central store:');
        const second = pfmProcess(['--data', device, '--central', db.url, 'sync', '--user', 'sam']);
        expect(second.code).toBe(1);
        expect(second.stderr).toMatch(
          new RegExp(
            `^pfm: a sync is already running on this device \\(pid ${first.pid}, started \\d\\d:\\d\\d\\)\\n$`,
          ),
        );
        expect(second.stdout).toBe('');
        expect(logged()).toBe(logBefore);
        // Killed, the first leaves its lock behind: the next sync takes it over and runs.
        const gone = new Promise((r) => first.on('exit', r));
        first.kill('SIGKILL');
        await gone;
        expect(existsSync(lock)).toBe(true);
        const third = pfmProcess(['--data', device, '--central', db.url, 'sync', '--user', 'sam']);
        expect(third.code, third.stderr).toBe(0);
        expect(existsSync(lock)).toBe(false);
      } finally {
        for (const s of sockets) s.destroy();
        silent.close();
        await db.drop();
      }
    },
  );
});
