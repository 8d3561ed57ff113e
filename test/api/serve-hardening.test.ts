import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHost } from '../../src/server/host-check.js';
import {
  expectError,
  openServer,
  PASSWORD,
  seedData,
  snapshot,
  type Client,
  type TestServer,
} from '../support/api-server.js';

const LOGIN = JSON.stringify({ name: 'ann', password: PASSWORD });

describe('the session cookie behind a TLS proxy', () => {
  let plain: TestServer;
  let proxied: TestServer;
  beforeAll(async () => {
    plain = await openServer();
    proxied = await openServer({ trustProxy: true });
    await plain.addUser('ann');
    await proxied.addUser('ann');
  });
  afterAll(async () => {
    await plain.close();
    await proxied.close();
  });

  const logIn = (s: TestServer, headers: Record<string, string>) =>
    s.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json', ...headers },
      payload: LOGIN,
    });

  it('is Secure when a trusted proxy says the request came over https, and cleared the same way', async () => {
    const res = await logIn(proxied, { 'x-forwarded-proto': 'https' });
    expect(res.statusCode, res.body).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    const cookie = String(res.headers['set-cookie']).split(';')[0] as string;
    const out = await proxied.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: {
        cookie,
        'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken,
        'x-forwarded-proto': 'https',
      },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('is not Secure over plain http behind the proxy', async () => {
    const res = await logIn(proxied, { 'x-forwarded-proto': 'http' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).not.toContain('Secure');
  });

  it('ignores X-Forwarded-Proto without trustProxy (anyone could send it)', async () => {
    const res = await logIn(plain, { 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).not.toContain('Secure');
  });
});

describe('the Host check (DNS rebinding)', () => {
  const root = mkdtempSync(join(tmpdir(), 'pfm-web-'));
  let s: TestServer;
  let proxied: TestServer;
  let ann: Client;
  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
    s = await openServer({
      webRoot: root,
      listenHost: '192.168.1.5',
      allowedHosts: ['pfm.example.org', 'lan.example:8443'],
    });
    await s.addUser('ann');
    ann = await s.login('ann');
    proxied = await openServer({ trustProxy: true, allowedHosts: ['pfm.example.org'] });
  });
  afterAll(async () => {
    await s.close();
    await proxied.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (app: TestServer, url: string, headers: Record<string, string>) =>
    app.app.inject({ method: 'GET', url, headers: { cookie: ann.cookie, ...headers } });

  it('refuses another site name with 421 and {error, field: host} on every kind of route', async () => {
    for (const url of [
      '/api/session',
      '/api/openapi.json',
      '/api/expenses',
      '/',
      '/assets/app-1234.js',
      '/nope',
    ]) {
      for (const host of [
        'evil.example',
        'evil.example:3000',
        'pfm.example.org.evil.example',
        'lan.example:3000',
      ]) {
        const body = expectError(await get(s, url, { host }), 421, 'host');
        expect(body.error, `${host} ${url}`).toContain('--allowed-host');
      }
    }
    const register = await s.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { host: 'evil.example' },
      payload: { name: 'eve', password: PASSWORD, currency: 'EUR', locale: 'en-US' },
    });
    expectError(register, 421, 'host');
    expect(s.store.db.prepare("SELECT count(*) AS n FROM app_user WHERE name = 'eve'").get()).toEqual({
      n: 0,
    });
  });

  it('answers the loopback names, the listening address and the allowed names', async () => {
    const hosts = [
      'localhost:80',
      '127.0.0.1:3000',
      '[::1]:3000',
      'LOCALHOST:3000',
      '192.168.1.5:3000',
      'pfm.example.org',
      'pfm.example.org:443',
      'lan.example:8443',
    ];
    for (const host of hosts) {
      expect((await get(s, '/api/session', { host })).statusCode, host).toBe(200);
      expect((await get(s, '/assets/app-1234.js', { host })).statusCode, host).toBe(200);
    }
  });

  it('checks the X-Forwarded-Host of a trusted proxy as well as its Host, and ignores it otherwise', async () => {
    const via = (app: TestServer, host: string, forwarded: string) =>
      app.app.inject({
        method: 'GET',
        url: '/api/openapi.json',
        headers: { host, 'x-forwarded-host': forwarded },
      });
    expect((await via(proxied, '127.0.0.1:3000', 'pfm.example.org')).statusCode).toBe(200);
    expect((await via(proxied, 'pfm.example.org', 'pfm.example.org')).statusCode).toBe(200);
    expectError(await via(proxied, '127.0.0.1:3000', 'evil.example'), 421, 'host');
    expectError(await via(proxied, 'evil.example', 'pfm.example.org'), 421, 'host');
    // Without trustProxy the header is not believed, so it cannot smuggle a name in or out.
    expect((await via(s, 'localhost:3000', 'evil.example')).statusCode).toBe(200);
    expectError(await via(s, 'evil.example', 'localhost:3000'), 421, 'host');
  });

  it('parses NAME[:PORT] and refuses anything else', () => {
    expect(parseHost('Pfm.Example.org:8443')).toEqual({ name: 'pfm.example.org', port: 8443 });
    expect(parseHost('[::1]')).toEqual({ name: '[::1]', port: null });
    for (const bad of ['', 'a b', 'x:0', 'x:65536', 'x:', '::1', 'user@x', 'x/y', 'http://x']) {
      expect(parseHost(bad), bad).toBeNull();
    }
  });
});

describe('JSON bodies that are not UTF-8', () => {
  let s: TestServer;
  let ann: Client;
  let category: string;
  beforeAll(async () => {
    s = await openServer();
    category = seedData(s.store, (await s.addUser('ann')).id).category;
    ann = await s.login('ann');
  });
  afterAll(() => s.close());

  const send = (method: 'POST' | 'PATCH', url: string, payload: Buffer) =>
    s.app.inject({
      method,
      url,
      headers: { cookie: ann.cookie, 'x-csrf-token': ann.csrfToken, 'content-type': 'application/json' },
      payload,
    });

  it('are refused with 400 and {error, field: body}, and nothing is written', async () => {
    const before = snapshot(s.store, ann.user.id);
    // "Café" in Latin-1: the é is the lone byte 0xE9, which UTF-8 does not allow.
    const latin1 = Buffer.from('{"name": "Caf\u00e9", "kind": "expense"}', 'latin1');
    const body = expectError(await send('POST', '/api/categories', latin1), 400, 'body');
    expect(body.error).toBe('the request body is not valid UTF-8');
    const truncated = Buffer.concat([
      Buffer.from('{"name": "x'),
      Buffer.from([0xe2, 0x82]),
      Buffer.from('"}'),
    ]);
    expectError(await send('PATCH', `/api/categories/${category}`, truncated), 400, 'body');
    expectError(await send('POST', '/api/categories', Buffer.from([0xff, 0xfe, 0x7b, 0x7d])), 400, 'body');
    expect(snapshot(s.store, ann.user.id)).toBe(before);
  });

  it('still takes UTF-8 (multi-byte included), an empty body, and the size limit', async () => {
    const cafe = Buffer.from(JSON.stringify({ name: 'Café 💸', kind: 'expense' }), 'utf8');
    const res = await send('POST', '/api/categories', cafe);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ category: { name: string } }>().category.name).toBe('Café 💸');
    const huge = Buffer.from(
      JSON.stringify({ name: 'x', kind: 'expense', note: 'é'.repeat(40_000) }),
      'utf8',
    );
    expectError(await send('POST', '/api/categories', huge), 413);
  });
});
