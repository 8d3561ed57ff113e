import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, openServer, type TestServer } from '../support/api-server.js';

const BIG_JS = Array.from({ length: 400 }, (_, i) => `export const value${i} = ${i} * 2;`).join('\n');
const BIG_CSS = Array.from({ length: 200 }, (_, i) => `.c${i} { color: var(--text); margin: ${i}px; }`).join(
  '\n',
);

describe('the built web UI', () => {
  const root = mkdtempSync(join(tmpdir(), 'pfm-web-'));
  let s: TestServer;
  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><div id="root"></div><script src="/assets/app-1234.js"></script>',
    );
    writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
    // As `vite build` leaves them: brotli and gzip copies beside a large file, and (in a debug build) its map.
    writeFileSync(join(root, 'assets', 'big-5678.js'), BIG_JS);
    writeFileSync(join(root, 'assets', 'big-5678.js.br'), brotliCompressSync(BIG_JS));
    writeFileSync(join(root, 'assets', 'big-5678.js.gz'), gzipSync(BIG_JS));
    writeFileSync(join(root, 'assets', 'big-5678.js.map'), '{"version":3,"sources":["secret.ts"]}');
    // A large file without copies (an older build): compressed as it is sent.
    writeFileSync(join(root, 'assets', 'style-9abc.css'), BIG_CSS);
    s = await openServer({ webRoot: root });
  });
  afterAll(async () => {
    await s.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at / and for the UI own paths, revalidated every time', async () => {
    for (const url of ['/', '/expenses', '/sync?x=1']) {
      const res = await s.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets as immutable, and 404s for missing files, traversal and unknown API routes', async () => {
    const asset = await s.app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await s.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'GET', url: '/../../etc/passwd' })).body).not.toContain('root:');
    expect((await s.app.inject({ method: 'GET', url: '/%2e%2e/%2e%2e/etc/passwd' })).body).not.toContain(
      'root:',
    );
    expectError(await s.app.inject({ method: 'GET', url: '/api/nothing' }), 404);
    expectError(await s.app.inject({ method: 'POST', url: '/elsewhere' }), 404);
  });

  it("sends the build's brotli or gzip copy of a file when the browser accepts it, cached for a year", async () => {
    const br = await s.app.inject({
      method: 'GET',
      url: '/assets/big-5678.js',
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.length).toBeLessThan(BIG_JS.length / 3);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(BIG_JS);

    const gz = await s.app.inject({
      method: 'GET',
      url: '/assets/big-5678.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(BIG_JS);

    const plain = await s.app.inject({ method: 'GET', url: '/assets/big-5678.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(BIG_JS);
  });

  it('compresses a large file that has no pre-compressed copy as it sends it', async () => {
    const res = await s.app.inject({
      method: 'GET',
      url: '/assets/style-9abc.css',
      headers: { 'accept-encoding': 'br;q=0, gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(res.rawPayload).toString()).toBe(BIG_CSS);
  });

  it('never sends a source map, even one left in the folder', async () => {
    for (const headers of [{}, { 'accept-encoding': 'br' }]) {
      const res = await s.app.inject({ method: 'GET', url: '/assets/big-5678.js.map', headers });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('secret.ts');
    }
  });

  it('says how to build the UI when it is not built', async () => {
    const bare = await openServer({ webRoot: join(root, 'missing') });
    try {
      const res = await bare.app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });
});
