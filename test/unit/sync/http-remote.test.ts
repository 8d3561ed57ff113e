import { describe, expect, it } from 'vitest';
import { HubError, HttpRemote } from '../../../src/sync/http-remote.js';
import { DEFAULT_RETRY, isTransient, withRetry } from '../../../src/sync/retry.js';
import { encodePulledRows } from '../../../src/sync/wire-rows.js';

/** A hub that answers every request with one canned response (or fails to connect). */
function remoteAnswering(answer: () => Response | Promise<Response>, seen: Request[] = []) {
  const fake: typeof fetch = async (input, init) => {
    seen.push(new Request(input as string, init));
    return answer();
  };
  return new HttpRemote({ url: 'https://hub.example.org/', tokens: () => 'pfm1_secret', fetch: fake });
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const HANDSHAKE = { protocol: 2, remoteId: 'store-1', schemaVersion: 2, limits: { push: 5000, pull: 5000 } };

describe('HttpRemote', () => {
  it('sends the token as a bearer header to the versioned path, and none with the handshake', async () => {
    const seen: Request[] = [];
    const remote = remoteAnswering(() => json(200, HANDSHAKE), seen);
    await remote.handshake();
    await remoteAnswering(() => json(200, encodePulledRows('expense', [])), seen).pull(
      'u1',
      'expense',
      7,
      100,
    );
    expect(seen[0]?.url).toBe('https://hub.example.org/sync/v2/handshake');
    expect(seen[0]?.headers.get('authorization')).toBeNull();
    expect(seen[1]?.url).toBe(
      'https://hub.example.org/sync/v2/users/u1/tables/expense/changes?after=7&limit=100',
    );
    expect(seen[1]?.headers.get('authorization')).toBe('Bearer pfm1_secret');
  });

  it('a handshake for a user goes with the user’s token and brings the user’s feed heads back', async () => {
    const seen: Request[] = [];
    const heads = {
      app_user: 1,
      category: 2,
      account: 3,
      savings_goal: 0,
      expense: 9,
      income: 0,
      transfer: 5,
      schedule: 0,
      budget: 0,
      goal_contribution: 0,
      sync_conflict: 4,
    };
    const remote = remoteAnswering(() => json(200, { ...HANDSHAKE, feedHeads: heads }), seen);
    expect(await remote.handshake('u1')).toEqual({ remoteId: 'store-1', schemaVersion: 2, feedHeads: heads });
    expect(seen[0]?.url).toBe('https://hub.example.org/sync/v2/users/u1/handshake');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer pfm1_secret');
  });

  it.each([
    [503, true],
    [502, true],
    [429, true],
    [400, false],
    [403, false],
    [404, false],
  ])('an HTTP %i answer is transient: %s, with the hub’s message and field', async (status, transient) => {
    const remote = remoteAnswering(() => json(status, { error: 'the reason', field: 'rows.3' }));
    const error = await remote.digest('u1', 'expense').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ status, transient, field: 'rows.3', message: 'the reason' });
    expect(isTransient(error)).toBe(transient);
  });

  it('a refused connection is transient, and retried by the engine’s policy until the hub answers', async () => {
    let calls = 0;
    const fake: typeof fetch = async () => {
      calls++;
      if (calls < 3) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      return json(200, HANDSHAKE);
    };
    const remote = new HttpRemote({ url: 'http://127.0.0.1:1', tokens: () => null, fetch: fake });
    const first = await remote.handshake().catch((e: unknown) => e);
    expect(first).toMatchObject({ status: 0, transient: true });
    expect((first as Error).message).toBe('cannot reach the hub at http://127.0.0.1:1 (ECONNREFUSED)');
    const retried = await withRetry({ retries: 3, baseDelayMs: 0, jitter: 0 }, () => remote.handshake());
    expect(retried).toEqual({ remoteId: 'store-1', schemaVersion: 2 });
  });

  it('a 401 says to log in again, and no token at all fails before any request', async () => {
    const unauthorized = remoteAnswering(() => json(401, { error: 'run pfm login again' }));
    await expect(unauthorized.feedHeads('u1')).rejects.toMatchObject({ status: 401, transient: false });
    let called = false;
    const none = new HttpRemote({
      url: 'https://hub.example.org',
      tokens: () => null,
      fetch: async () => {
        called = true;
        return json(200, {});
      },
    });
    await expect(none.feedHeads('u1')).rejects.toThrow(
      /not logged in to the hub at https:\/\/hub\.example\.org.*pfm login/,
    );
    expect(called).toBe(false);
  });

  it('refuses a malformed answer, an HTML error page and another protocol version rather than use them', async () => {
    await expect(
      remoteAnswering(() => json(200, { rows: [{ id: 1 }] })).fetch('u1', 'expense', ['a']),
    ).rejects.toThrow(/malformed answer/);
    await expect(
      remoteAnswering(() => new Response('<html>Bad gateway</html>', { status: 502 })).handshake(),
    ).rejects.toMatchObject({
      status: 502,
      transient: true,
      message: expect.stringMatching(/answered HTTP 502/),
    });
    await expect(remoteAnswering(() => json(200, { ...HANDSHAKE, protocol: 3 })).handshake()).rejects.toThrow(
      /speaks sync protocol 3, newer than this device's 2: upgrade pfm on this device/,
    );
  });

  it('a 426 (the hub speaks a newer protocol) fails at once with the hub’s message as it is, never retried', async () => {
    let calls = 0;
    const remote = remoteAnswering(() => {
      calls++;
      return json(426, { error: 'This hub speaks sync protocol 3; upgrade pfm on this device', protocol: 3 });
    });
    const waits: number[] = [];
    const error = await withRetry(DEFAULT_RETRY, () => remote.handshake('u1'), {
      sleep: async (ms) => void waits.push(ms),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({
      status: 426,
      transient: false,
      protocol: 3,
      message: 'This hub speaks sync protocol 3; upgrade pfm on this device',
    });
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
    // A proxy's page in place of the hub's answer still says what to do.
    await expect(
      remoteAnswering(() => new Response('Upgrade Required', { status: 426 })).handshake(),
    ).rejects.toThrow(
      "the hub at https://hub.example.org/ speaks a newer sync protocol than this device's 2",
    );
  });

  it('a transient failure is still retried by the specification’s policy: 3 retries after 1 s, 2 s and 4 s', async () => {
    let calls = 0;
    const remote = remoteAnswering(() => {
      calls++;
      return json(503, { error: 'the hub cannot reach its central store just now; try again' });
    });
    const waits: number[] = [];
    const error = await withRetry(DEFAULT_RETRY, () => remote.handshake('u1'), {
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5, // no jitter
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, transient: true });
    expect(calls).toBe(4);
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it('a hub older than this device (no route of protocol 2) is named, with what to upgrade', async () => {
    // What a hub of protocol 1 answers: 404 to every /sync/v2 route, its handshake at /sync/v1.
    const hubOfProtocol1 = (url: string) =>
      url.includes('/sync/v1/handshake')
        ? json(200, { ...HANDSHAKE, protocol: 1 })
        : json(404, { error: `no such hub route: GET ${new URL(url).pathname}` });
    const seen: Request[] = [];
    const older = remoteAnswering(() => hubOfProtocol1(seen[seen.length - 1]?.url ?? ''), seen);
    const error = await older.handshake('u1').catch((e: unknown) => e);
    expect(error).toMatchObject({
      transient: false,
      message:
        "the hub at https://hub.example.org/ speaks sync protocol 1, older than this device's 2: upgrade pfm on the hub",
    });
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual([
      '/sync/v2/users/u1/handshake',
      '/sync/v1/handshake',
    ]);
    // Not a hub at all: its own 404 is the answer.
    const nothing = remoteAnswering(() => json(404, { error: 'not found' }));
    await expect(nothing.handshake()).rejects.toMatchObject({ status: 404, message: 'not found' });
  });

  it('never puts the token in an error message', async () => {
    const remote = remoteAnswering(() => json(500, { error: 'boom' }));
    const error = (await remote.feedHeads('u1').catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('pfm1_secret');
  });
});
