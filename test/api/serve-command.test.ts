import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'pfm-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      readStdin: async () => '',
      env: {},
      now: () => new Date(),
      interactive: false,
    },
  };
}

describe('pfm serve', () => {
  it('refuses a bad port with exit code 2', async () => {
    const t = io();
    expect(await main(['--data', dir, 'serve', '--port', 'http'], t.io)).toBe(2);
    expect(t.err.join('')).toContain('--port must be a whole number');
  });

  it('listens on 127.0.0.1, prints the URL, serves the API and the page, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run.ts', '--data', dir, 'serve', '--port', '0'],
      {
        cwd: process.cwd(),
        env: { ...process.env, PFM_CENTRAL: 'postgres://pfm@127.0.0.1:1/pfm' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const m = /pfm is serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
          if (m) {
            clearInterval(timer);
            resolve(m[1] as string);
          }
        }, 50);
        void exited.then(() => reject(new Error(`pfm serve exited: ${stderr}`)));
      });
      const api = await fetch(`${url}api/openapi.json`);
      expect(api.status).toBe(200);
      expect(((await api.json()) as { openapi: string }).openapi).toBe('3.1.0');
      const anonymous = await fetch(`${url}api/expenses`);
      expect(anonymous.status).toBe(401);
      const page = await fetch(url);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toMatch(/npm run build|<div id="root">/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
