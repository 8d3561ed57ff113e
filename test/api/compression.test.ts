import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { CentralStore } from '../../src/central/central-store.js';
import { openCentral } from '../../src/central/open-central.js';
import { openServer, parseEvents, type Client, type TestServer } from '../support/api-server.js';

describe('compressed API answers', () => {
  let s: TestServer;
  let alice: Client;
  beforeAll(async () => {
    s = await openServer();
    await s.addUser('alice');
    alice = await s.login('alice');
  });
  afterAll(() => s.close());

  const categories = (encoding?: string) =>
    s.app.inject({
      method: 'GET',
      url: '/api/categories',
      headers: { cookie: alice.cookie, ...(encoding ? { 'accept-encoding': encoding } : {}) },
    });

  it('answers JSON with brotli or gzip when asked, the same JSON once decoded', async () => {
    const plain = await categories();
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);

    const br = await categories('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^application\/json/);
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('no-store');
    expect(br.rawPayload.length).toBeLessThan(plain.body.length / 2);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);

    const gz = await categories('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);

    expect((await categories('identity')).headers['content-encoding']).toBeUndefined();
    // q-values are honoured: brotli refused, gzip taken.
    expect((await categories('br;q=0, gzip;q=0.5')).headers['content-encoding']).toBe('gzip');
  });

  it('leaves small answers as they are', async () => {
    const res = await s.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: alice.cookie, 'accept-encoding': 'br' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json<{ user: { name: string } }>().user.name).toBe('alice');
  });
});

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

describe('the sync event stream with compression on', () => {
  let central: CentralStore;
  let s: TestServer;
  let alice: Client;
  const connect = gate();
  const write = gate();
  beforeAll(async () => {
    central = await openCentral('sqlite::memory:');
    // The sync waits at its first central call and again at its first write, while the test reads the stream.
    const gated = new Proxy(central, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        const fn = (value as (...a: unknown[]) => unknown).bind(target);
        const wait =
          prop === 'checkSchema' || prop === 'handshake' ? connect : prop === 'withUserWrite' ? write : null;
        return wait ? async (...a: unknown[]) => (await wait.opened, fn(...a)) : fn;
      },
    });
    s = await openServer({ central: gated });
    await s.addUser('alice');
    alice = await s.login('alice');
    await s.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await s.close();
    await central.close();
  });

  it('is sent uncompressed, each event as it happens', async () => {
    const address = s.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    const res = await fetch(`http://127.0.0.1:${address.port}/api/sync`, {
      method: 'POST',
      headers: {
        cookie: alice.cookie,
        'x-csrf-token': alice.csrfToken,
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'accept-encoding': 'gzip, deflate, br',
      },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('content-encoding')).toBeNull();
    if (!res.body) throw new Error('no body');
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`the stream ended before ${String(pattern)}:\n${text}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    // The opening comment arrives while the sync is held before its first step, and its first progress event
    // while it is held before its first write: nothing waits in a compressor's buffer.
    await readUntil(/^: sync of alice/);
    connect.open();
    await readUntil(/event: progress\ndata: \{[^\n]*"phase":"connect"/);
    expect(text).not.toContain('event: done');
    write.open();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const events = parseEvents(text);
    expect(events.filter((e) => e.event === 'progress').length).toBeGreaterThan(1);
    expect(events.at(-1)?.event).toBe('done');
    expect((events.at(-1)?.data as { status: string }).status).toBe('Success');
  });
});
