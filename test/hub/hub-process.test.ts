import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../cli/cli-harness.js';

// `pfm hub` as a real process, as an admin runs it: it prints its URL, serves logins and syncs of real `pfm`
// processes, logs each request on stderr without a token or a password in it, and stops cleanly on SIGTERM.
const PASSWORD = 'a-long-household-passphrase';
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pfm-hub-process-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('pfm hub, a real process', { timeout: 120_000 }, () => {
  it('serves login and sync to real pfm processes and logs no secret', async () => {
    const central = `pglite:${join(root, 'central')}`;
    const device = (...args: string[]) => spawnCli(['--data', join(root, 'laptop'), ...args], PASSWORD);
    expect(device('user', 'add', 'sam', '--password-stdin').code).toBe(0);

    const hub = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/run.ts',
        '--central',
        central,
        'hub',
        '--port',
        '0',
        '--allow-registration',
      ],
      { env: { ...process.env, PFM_DATA: join(root, 'hub-host'), PFM_CENTRAL: undefined } },
    );
    let stdout = '';
    let stderr = '';
    hub.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    hub.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => hub.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL from pfm hub: ${stderr}`)), 60_000);
        hub.stdout.on('data', () => {
          const m = /serving (http:\/\/\S+)/.exec(stdout);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      const login = device('login', '--user', 'sam', '--password-stdin', '--central', url);
      expect(login.code, login.stderr).toBe(0);
      const sync = device('sync', '--user', 'sam', '--central', url);
      expect(sync.code, sync.stderr).toBe(0);
      expect(sync.stdout).toMatch(/Sync Success: pushed \d+/);

      const token = (
        Object.values(
          JSON.parse(readFileSync(join(root, 'laptop', 'hub-tokens.json'), 'utf8')).tokens,
        )[0] as { token: string }
      ).token;
      hub.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).toMatch(/"url":"\/sync\/v1\/users\/[^"]+\/push"/); // requests are logged
      expect(stderr).not.toContain(token);
      expect(stderr).not.toContain(PASSWORD);
    } finally {
      if (hub.exitCode === null) hub.kill('SIGKILL');
    }
  });
});
