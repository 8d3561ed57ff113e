import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, openServer, type TestServer } from '../support/api-server.js';

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
