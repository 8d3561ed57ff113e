import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
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

  it('refuses a malformed --allowed-host with exit code 2', async () => {
    const t = io();
    expect(await main(['--data', dir, 'serve', '--allowed-host', 'http://x/'], t.io)).toBe(2);
    expect(t.err.join('')).toContain('--allowed-host must be NAME or NAME:PORT');
  });

  it('listens on 127.0.0.1, prints the URL, serves the API and the page, and stops on SIGTERM', async () => {
    const serve = await startServe([]);
    try {
      const url = serve.url;
      const api = await fetch(`${url}api/openapi.json`);
      expect(api.status).toBe(200);
      expect(((await api.json()) as { openapi: string }).openapi).toBe('3.1.0');
      const anonymous = await fetch(`${url}api/expenses`);
      expect(anonymous.status).toBe(401);
      const page = await fetch(url);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toMatch(/npm run build|<div id="root">/);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  }, 60_000);

  it('answers only its own host names (421 otherwise), refuses non-UTF-8 JSON, and trusts a proxy when told', async () => {
    const serve = await startServe(['--allowed-host', 'pfm.example.org', '--trust-proxy']);
    const port = serve.port;
    try {
      const refused = await send(port, 'GET', '/api/openapi.json', { host: `evil.example:${port}` });
      expect(refused.status).toBe(421);
      expect(JSON.parse(refused.body)).toMatchObject({ field: 'host' });
      expect((await send(port, 'GET', '/', { host: `evil.example:${port}` })).status).toBe(421);
      // The loopback names count only at the port the request arrived on.
      expect((await send(port, 'GET', '/api/openapi.json', { host: 'localhost:1' })).status).toBe(421);
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, 'pfm.example.org']) {
        expect((await send(port, 'GET', '/api/openapi.json', { host })).status, host).toBe(200);
      }
      const json = { host: `127.0.0.1:${port}`, 'content-type': 'application/json' };
      const latin1 = Buffer.from('{"name": "Jos\u00e9", "password": "a long password"}', 'latin1');
      const bad = await send(port, 'POST', '/api/users', json, latin1);
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body)).toMatchObject({ field: 'body' });
      const user = JSON.stringify({ name: 'José', password: 'a long password', currency: 'EUR' });
      expect((await send(port, 'POST', '/api/users', json, Buffer.from(user))).status).toBe(201);
      const login = Buffer.from(JSON.stringify({ name: 'José', password: 'a long password' }));
      const https = await send(
        port,
        'POST',
        '/api/session',
        { ...json, 'x-forwarded-proto': 'https' },
        login,
      );
      expect(https.status).toBe(200);
      expect(String(https.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  }, 60_000);
});

/** A real `pfm serve --port 0` process, once it has printed its URL. */
async function startServe(args: string[]) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/run.ts',
      '--data',
      mkdtempSync(join(dir, 'd-')),
      'serve',
      '--port',
      '0',
      ...args,
    ],
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
      void exited.then(() => {
        clearInterval(timer);
        reject(new Error(`pfm serve exited: ${stderr}`));
      });
    });
    return {
      url,
      port: Number(new URL(url).port),
      stop: async () => {
        child.kill('SIGTERM');
        return exited;
      },
    };
  } catch (e) {
    child.kill('SIGTERM');
    throw e;
  }
}

/** A request with the headers given as they are (fetch would not send another Host). */
function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
