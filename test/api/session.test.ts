import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/domain/password.js';
import { DEMO_PASSWORD } from '../../src/cli/commands/demo-commands.js';
import { createDemoData } from '../../src/local/demo-data.js';
import { expectError, openServer, PASSWORD, sessionCookie, type TestServer } from '../support/api-server.js';

describe('register, log in, log out', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await openServer();
    await s.addUser('ann');
    await s.addUser('bea');
  });
  afterAll(() => s.close());

  const post = (url: string, payload: unknown, remoteAddress?: string) =>
    s.app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      ...(remoteAddress ? { remoteAddress } : {}),
    });

  it('registers a user with the default categories, who can then log in', async () => {
    const res = await post('/api/users', {
      name: 'Zoe',
      password: 'a long password',
      currency: 'jpy',
      locale: 'ja-JP',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { user } = res.json<{ user: Record<string, unknown> }>();
    expect(user).toMatchObject({ name: 'Zoe', currency: 'JPY', locale: 'ja-JP', hasPassword: true });
    expect(JSON.stringify(user)).not.toContain('scrypt'); // never the hash
    expect(res.headers['set-cookie']).toBeUndefined(); // registering does not log in

    const zoe = await s.login('zoe', 'a long password');
    const cats = await zoe.json<{ items: { name: string; kind: string }[] }>('/api/categories');
    expect(cats.items.filter((c) => c.kind === 'expense').map((c) => c.name)).toContain('Food');
    expect(cats.items).toHaveLength(12);
  });

  it('registers and logs in with one request when asked to (one password hash)', async () => {
    const res = await post('/api/users', { name: 'Yan', password: 'a long password', signIn: true });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ user: { name: string }; csrfToken: string }>();
    expect(body.user.name).toBe('Yan');
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = sessionCookie(res);
    const session = await s.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json<{ user: { name: string }; csrfToken: string }>()).toMatchObject({
      user: { name: 'Yan' },
      csrfToken: body.csrfToken,
    });
    expectError(
      await post('/api/users', { name: 'Yan2', password: 'a long password', signIn: 'yes' }),
      400,
      'signIn',
    );
  });

  it('refuses a taken name (any case) with 409 on the name', async () => {
    expectError(await post('/api/users', { name: 'ANN', password: 'another password' }), 409, 'name');
  });

  it.each([
    [{ password: 'long enough pw' }, 'name'],
    [{ name: '', password: 'long enough pw' }, 'name'],
    [{ name: 42, password: 'long enough pw' }, 'name'],
    [{ name: 'kim' }, 'password'],
    [{ name: 'kim', password: 'short' }, 'password'],
    [{ name: 'kim', password: 'long enough pw', currency: 'XYZ' }, 'currency'],
    [{ name: 'kim', password: 'long enough pw', locale: 'not a locale!' }, 'locale'],
    [{ name: 'kim', password: 'long enough pw', admin: true }, 'admin'],
  ])('registration %j is a 400 on %s', async (body, field) => {
    expectError(await post('/api/users', body), 400, field);
  });

  it('refuses a registration body that is not an object', async () => {
    expectError(await post('/api/users', [1, 2]), 400);
    expectError(
      await s.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { 'content-type': 'application/json' },
        payload: '"x"',
      }),
      400,
    );
  });

  it('logs in with a session cookie that is HttpOnly, SameSite=Strict, Path=/ and a 256-bit id', async () => {
    const res = await post('/api/session', { name: 'ann', password: PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/^pfm_session=[A-Za-z0-9_-]{43};/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
    expect(header).toContain('Path=/');
    expect(header).not.toContain('Secure'); // plain http on 127.0.0.1
    const body = res.json<{ user: { name: string }; csrfToken: string }>();
    expect(body.user.name).toBe('ann');
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('gives a new session id at every log-in and drops the one the browser had', async () => {
    const first = await s.login('ann');
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { cookie: first.cookie },
      payload: { name: 'ann', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(res)).not.toBe(first.cookie);
    expectError(await first.get('/api/session'), 401);
  });

  it('refuses a wrong password or an unknown name with the same 401, and sets no cookie', async () => {
    const wrong = expectError(
      await post('/api/session', { name: 'ann', password: 'not the password' }, '10.0.0.9'),
      401,
    );
    const unknown = expectError(
      await post('/api/session', { name: 'nobody', password: PASSWORD }, '10.0.0.9'),
      401,
    );
    expect(wrong.error).toMatch(/^wrong user name or password/);
    expect(unknown.error).toMatch(/^wrong user name or password/);
    const res = await post('/api/session', { name: 'ann', password: 'nope nope' }, '10.0.0.9');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('validates the log-in body', async () => {
    expectError(await post('/api/session', { name: 'ann' }), 400, 'password');
    expectError(await post('/api/session', { password: PASSWORD }), 400, 'name');
    expectError(await post('/api/session', { name: 'ann', password: 7 }), 400, 'password');
  });

  it('answers GET /api/session with the user and CSRF token, or 401', async () => {
    const ann = await s.login('ann');
    const res = await ann.get('/api/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { name: 'ann' }, csrfToken: ann.csrfToken });
    expectError(await s.app.inject({ method: 'GET', url: '/api/session' }), 401);
    expectError(
      await s.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: 'pfm_session=forged' } }),
      401,
    );
  });

  it('saves the locale with PATCH /api/session/user, marked to travel to other devices', async () => {
    const ann = await s.login('ann');
    const res = await ann.patch('/api/session/user', { locale: 'de-de' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ user: { name: 'ann', locale: 'de-DE' } });
    expect(await ann.json('/api/session')).toMatchObject({ user: { locale: 'de-DE' } });
    const row = s.store
      .sql('SELECT locale, is_synced, clock FROM app_user WHERE id = ?')
      .get(ann.user.id) as {
      locale: string;
      is_synced: number;
      clock: string;
    };
    expect(row).toMatchObject({ locale: 'de-DE', is_synced: 0 });
    const clock = JSON.parse(row.clock) as Record<string, string>;
    expect(String(clock.locale) > String(clock.name)).toBe(true); // a fresh clock on the changed field only
  });

  it.each([
    [{}, 'locale'],
    [{ locale: 'not a locale!' }, 'locale'],
    [{ locale: 7 }, 'locale'],
    [{ locale: 'de-DE', currency: 'EUR' }, 'currency'],
  ])('PATCH /api/session/user %j is a 400 on %s and changes nothing', async (body, field) => {
    const bea = await s.login('bea');
    expectError(await bea.patch('/api/session/user', body), 400, field);
    expect(await bea.json('/api/session')).toMatchObject({ user: { locale: 'en-US' } });
  });

  it('needs a session and the CSRF token to change the locale', async () => {
    const bea = await s.login('bea');
    expectError(await bea.patch('/api/session/user', { locale: 'de-DE' }, { csrf: false }), 403);
    expectError(
      await s.app.inject({ method: 'PATCH', url: '/api/session/user', payload: { locale: 'de-DE' } }),
      401,
    );
    expect(await bea.json('/api/session')).toMatchObject({ user: { locale: 'en-US' } });
  });

  it('logs out with DELETE /api/session (CSRF token needed), which ends the session', async () => {
    const ann = await s.login('ann');
    expectError(await ann.delete('/api/session', { csrf: false }), 403);
    expectError(await ann.delete('/api/session', { csrf: 'wrong-token' }), 403);
    expect((await ann.get('/api/session')).statusCode).toBe(200); // still logged in
    expectError(await s.app.inject({ method: 'DELETE', url: '/api/session' }), 401);
    const res = await ann.delete('/api/session');
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/pfm_session=;.*Expires=Thu, 01 Jan 1970/);
    expectError(await ann.get('/api/session'), 401);
  });

  it('expires an idle session', async () => {
    const ann = await s.login('ann');
    s.clock.advance(13 * 3600_000);
    expectError(await ann.get('/api/session'), 401);
  });

  it('keeps sessions per server instance: a cookie of one server means nothing to another', async () => {
    const other = await openServer();
    try {
      const ann = await s.login('ann');
      const res = await other.app.inject({
        method: 'GET',
        url: '/api/session',
        headers: { cookie: ann.cookie },
      });
      expectError(res, 401);
    } finally {
      await other.close();
    }
  });
});

describe('log-in rate limit', () => {
  it('refuses a name from an address after 5 failures in a minute (429 + Retry-After), then lets it in again', async () => {
    const s = await openServer();
    try {
      await s.addUser('ann');
      const attempt = (password: string, remoteAddress = '10.1.1.1', name = 'ann') =>
        s.app.inject({ method: 'POST', url: '/api/session', payload: { name, password }, remoteAddress });
      for (let i = 0; i < 5; i++) expectError(await attempt(`wrong password ${i}`), 401);
      const blocked = await attempt(PASSWORD);
      expectError(blocked, 429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.headers['set-cookie']).toBeUndefined();
      // Another address, and another name from the same address, are not blocked.
      expect((await attempt(PASSWORD, '10.1.1.2')).statusCode).toBe(200);
      expectError(await attempt('whatever', '10.1.1.1', 'bob'), 401);
      s.clock.advance(61_000);
      expect((await attempt(PASSWORD)).statusCode).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('counts parallel guesses too: of 8 at once, at most 5 are checked', async () => {
    const s = await openServer();
    try {
      await s.addUser('ann');
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          s.app.inject({
            method: 'POST',
            url: '/api/session',
            payload: { name: 'ann', password: `guess number ${i}` },
            remoteAddress: '10.3.3.3',
          }),
        ),
      );
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    } finally {
      await s.close();
    }
  });

  it('limits registrations per address', async () => {
    const s = await openServer({ registerPerMinute: 2 });
    try {
      const reg = (name: string) =>
        s.app.inject({
          method: 'POST',
          url: '/api/users',
          payload: { name, password: 'x' },
          remoteAddress: '10.2.2.2',
        });
      expectError(await reg('a1'), 400, 'password');
      expectError(await reg('a2'), 400, 'password');
      const res = await reg('a3');
      expectError(res, 429);
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await s.close();
    }
  });
});

describe('demo users', () => {
  it('log in with the password `pfm demo` prints', async () => {
    const s = await openServer();
    try {
      createDemoData(s.store, { passwordHash: await hashPassword(DEMO_PASSWORD), months: 1 });
      const alice = await s.login('alice', DEMO_PASSWORD);
      const page = await alice.json<{ total: number; currency: string }>('/api/expenses');
      expect(page.total).toBeGreaterThan(0);
      expect(page.currency).toBe('EUR');
    } finally {
      await s.close();
    }
  });
});

describe('security headers', () => {
  it('sets CSP, frame, sniffing and referrer headers on API and page responses, and no-store on the API', async () => {
    const s = await openServer();
    try {
      for (const url of ['/', '/api/openapi.json', '/api/session']) {
        const res = await s.app.inject({ method: 'GET', url });
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).not.toContain('upgrade-insecure-requests');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
        expect(res.headers['strict-transport-security']).toBeUndefined();
        if (url.startsWith('/api/')) expect(res.headers['cache-control']).toBe('no-store');
      }
    } finally {
      await s.close();
    }
  });
});
