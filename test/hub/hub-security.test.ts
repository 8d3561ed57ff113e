import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { newId, userIdFor } from '../../src/domain/ids.js';
import type { SyncedTable } from '../../src/domain/tables.js';
import { hashPassword } from '../../src/domain/password.js';
import { hashDeviceToken, newDeviceToken } from '../../src/server/device-token-secret.js';
import { LocalSyncRows } from '../../src/local/sync-rows.js';
import { HUB_PREFIX } from '../../src/sync/hub-protocol.js';
import { HubError, HttpRemote } from '../../src/sync/http-remote.js';
import { DirectRemote } from '../../src/sync/direct-remote.js';
import type { PushedRow } from '../../src/sync/remote.js';
import { encodePushedRows } from '../../src/sync/wire-rows.js';
import { sqliteHarness } from '../support/central-stores.js';
import { dirtyRows } from '../support/scenario-world.js';
import { Device, TestClock } from '../support/devices.js';
import { issueToken, startHub, type RunningHub } from '../support/hub.js';

/** The default central store: an SQLite file of this test file's own. */
const embedded = sqliteHarness();

/**
 * The hub trusts nothing a device sends: a token reaches its own user's rows only, and cannot even
 * tell whether another user exists; bad tokens, malformed, oversized and replayed batches change nothing;
 * the hub's log never holds a token or a password.
 */

const ANN = userIdFor('ann');
const BOB = userIdFor('bob');
const NOBODY = userIdFor('nobody');
const PASSWORD = 'correct horse battery staple';
const BODY_LIMIT = 8 * 1024 * 1024;

let central: CentralStore;
let hub: RunningHub;
const logLines: string[] = [];
/** Ann's laptop (her rows are pushed from it) and its token. */
let laptop: Device;
let annToken: string;
let bobToken: string;

async function seedUser(name: string): Promise<Device> {
  const d = new Device(name, () => new DirectRemote(central), new TestClock());
  d.users.create({ name, currency: 'EUR', locale: 'en-IE', passwordHash: await hashPassword(PASSWORD) });
  d.expenses.create(userIdFor(name), {
    categoryId: d.categoryId(name, 'Food'),
    amount: 1_000,
    date: '2026-11-10',
  });
  expect((await d.sync(name)).log.status).toBe('Success');
  return d;
}

beforeAll(async () => {
  central = await embedded.setup(() => undefined);
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  hub = await startHub(central, {
    logger: { level: 'debug', stream },
    bodyLimit: BODY_LIMIT,
    loginsPerMinute: 1000,
  });
  laptop = await seedUser('ann');
  (await seedUser('bob')).close();
  annToken = await issueToken(central, ANN, laptop.store.deviceId);
  bobToken = await issueToken(central, BOB, 'b0b0b0b0b0b0b0b0');
}, 60_000);

afterAll(async () => {
  laptop.close();
  await hub.close();
  await embedded.teardown(central);
});

/** Everything the central store holds, as comparable data: nothing written means this does not change. */
async function centralState() {
  const seqs = {
    ann: await central.maxSeq(ANN),
    bob: await central.maxSeq(BOB),
    nobody: await central.maxSeq(NOBODY),
  };
  const bobExpenses = await central.readChanges(BOB, 'expense', 0, 1000);
  return { seqs, bobExpenses };
}

async function call(
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string | null; body?: unknown; raw?: string; contentType?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.raw !== undefined)
    headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${hub.url}${HUB_PREFIX}${path}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>),
  };
}

/** A push as a device of this protocol sends it: the rows in columnar form. */
function pushBody(rows: readonly PushedRow[], table: SyncedTable = 'expense', batchId: string = newId()) {
  return { batchId, deviceId: laptop.store.deviceId, table, ...encodePushedRows(table, rows) };
}

/** A wire batch with one cell replaced. */
function withCell<W extends { rows: (string | number | null)[][] }>(
  wire: W,
  row: number,
  cell: number,
  value: string,
): W {
  return {
    ...wire,
    rows: wire.rows.map((cells, i) => (i === row ? cells.map((c, j) => (j === cell ? value : c)) : cells)),
  };
}

/** Ann's user row as her laptop holds it (password hash included), under another id. */
function annUserRow(id: string): PushedRow {
  const row = new LocalSyncRows(laptop.store).readVersions('app_user', [ANN]).get(ANN);
  if (!row) throw new Error('no user row');
  const { values, clock, hlc, modifiedAt } = row;
  return { id, values, clock, hlc, modifiedAt, base: null };
}

/** New expenses of Ann on her laptop, not yet pushed. */
function annExpenses(amounts: number[]): PushedRow[] {
  for (const amount of amounts)
    laptop.expenses.create(ANN, { categoryId: laptop.categoryId('ann', 'Food'), amount, date: '2026-11-11' });
  return dirtyRows(laptop, 'expense', ANN);
}

describe('a token of user A and user B', () => {
  it('cannot read B’s rows, and gets the same answer for B as for a user who does not exist', async () => {
    const own = await call('GET', `/users/${ANN}/tables/expense/changes?after=0&limit=100`, {
      token: annToken,
    });
    expect(own.status).toBe(200);
    expect((own.body?.rows as unknown[]).length).toBe(1);

    const answers = [];
    for (const user of [BOB, NOBODY]) {
      for (const path of [
        `/users/${user}/tables/expense/changes?after=0&limit=100`,
        `/users/${user}/tables/app_user/digest`,
        `/users/${user}/heads`,
        `/users/${user}/handshake`,
      ]) {
        answers.push(await call('GET', path, { token: annToken }));
      }
      answers.push(
        await call('POST', `/users/${user}/tables/expense/fetch`, { token: annToken, body: { ids: [] } }),
      );
    }
    for (const a of answers)
      expect(a).toEqual({
        status: 403,
        body: { error: 'this device token is not for that user', field: 'user' },
      });
  });

  it('cannot push a row owned by B, alone or hidden in a batch of A’s own rows: nothing is written', async () => {
    const before = await centralState();
    const [bobsExpense] = await central.readChanges(BOB, 'expense', 0, 1);
    if (!bobsExpense) throw new Error('bob has no expense');
    const own = annExpenses([2_000, 3_000]);
    const stolen: PushedRow = {
      ...(own[0] as PushedRow),
      id: newId(),
      values: { ...(own[0] as PushedRow).values, user_id: BOB },
    };
    // A's own path, B's row inside; then B's existing row id claimed for A; then B's path.
    const claimed: PushedRow = { ...(own[1] as PushedRow), id: bobsExpense.id };
    const attempts = [
      await call('POST', `/users/${ANN}/push`, { token: annToken, body: pushBody([...own, stolen]) }),
      await call('POST', `/users/${ANN}/push`, {
        token: annToken,
        body: pushBody([own[0] as PushedRow, claimed]),
      }),
      await call('POST', `/users/${BOB}/push`, { token: annToken, body: pushBody([stolen]) }),
    ];
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403]);
    expect(attempts[0]?.body?.error).toMatch(
      /does not belong to this device token's user; nothing was written/,
    );
    expect(attempts[1]?.body?.error).toMatch(/belongs to another user/);
    expect(await centralState()).toEqual(before);
  });

  it('cannot learn whether B exists by logging in: an unknown user and a wrong password get one answer', async () => {
    const login = (userId: string, password: string) =>
      call('POST', '/login', { body: { userId, deviceId: 'abcdefabcdefabcd', password, label: 'probe' } });
    const wrong = await login(BOB, 'not the password');
    const unknown = await login(NOBODY, 'not the password');
    expect(wrong).toEqual({ status: 401, body: { error: 'wrong user or password' } });
    expect(unknown).toEqual(wrong);
    // Registration is closed on this hub: offering a user row for an unknown id changes nothing either.
    const offered = await call('POST', '/login', {
      body: {
        userId: NOBODY,
        deviceId: 'abcdefabcdefabcd',
        password: PASSWORD,
        label: 'probe',
        register: annUserRow(NOBODY),
      },
    });
    expect(offered).toEqual(wrong);
    expect(await central.maxSeq(NOBODY)).toBe(0);
  });
});

describe('tokens', () => {
  it('the right password gets a token that works; the device’s earlier token is revoked', async () => {
    const deviceId = 'feedfacefeedface';
    const login = () =>
      call('POST', '/login', { body: { userId: BOB, deviceId, password: PASSWORD, label: 'phone' } });
    const first = await login();
    expect(first.status).toBe(200);
    const token = String(first.body?.token);
    expect(token).toMatch(/^pfm1_[A-Za-z0-9_-]{43}$/);
    // The central store keeps only the hash.
    const stored = await central.deviceTokens.findByHash(hashDeviceToken(token));
    expect(stored).toMatchObject({ userId: BOB, deviceId, label: 'phone', revokedAt: null });
    expect(JSON.stringify(await central.deviceTokens.list())).not.toContain(token);
    expect((await call('GET', `/users/${BOB}/heads`, { token })).status).toBe(200);

    const second = await login();
    expect((await call('GET', `/users/${BOB}/heads`, { token })).status).toBe(401);
    expect((await call('GET', `/users/${BOB}/heads`, { token: String(second.body?.token) })).status).toBe(
      200,
    );
  });

  it('a revoked, forged, malformed or missing token gets 401 and a "log in again" answer', async () => {
    const revoked = await issueToken(central, ANN, 'a1a1a1a1a1a1a1a1');
    expect((await call('GET', `/users/${ANN}/heads`, { token: revoked })).status).toBe(200);
    await central.deviceTokens.revoke(
      { userId: ANN, deviceId: 'a1a1a1a1a1a1a1a1' },
      new Date().toISOString(),
    );
    const forged = newDeviceToken().secret;
    for (const token of [revoked, forged, 'pfm1_short', `${annToken}x`, null]) {
      const answer = await call('GET', `/users/${ANN}/heads`, { token });
      expect(answer.status, String(token)).toBe(401);
      expect(answer.body?.error).toMatch(/run pfm login again/);
    }
  });

  it('the device remote turns a 401 into a permanent error that says to log in again', async () => {
    const remote = new HttpRemote({ url: hub.url, tokens: () => newDeviceToken().secret });
    const error = await remote.feedHeads(ANN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ status: 401, transient: false });
    expect((error as Error).message).toMatch(/pfm login/);
  });

  it('a token is bound to its device: a push or activity report naming another device is refused', async () => {
    const before = await centralState();
    const rows = annExpenses([4_000]);
    const other = { ...pushBody(rows), deviceId: 'ffffffffffffffff' };
    const answer = await call('POST', `/users/${ANN}/push`, { token: annToken, body: other });
    expect(answer).toMatchObject({ status: 403, body: { field: 'deviceId' } });
    expect(await centralState()).toEqual(before);
  });
});

describe('batches', () => {
  let before: Awaited<ReturnType<typeof centralState>>;
  beforeEach(async () => {
    before = await centralState();
  });

  const malformed: [string, number, () => { raw?: string; contentType?: string; body?: unknown }][] = [
    ['not JSON', 400, () => ({ raw: '{"batchId": ' })],
    ['text/plain', 415, () => ({ raw: '{}', contentType: 'text/plain' })],
    ['an unknown field', 400, () => ({ body: { ...pushBody([]), extra: 1 } })],
    ['an unknown table', 400, () => ({ body: { ...pushBody([]), table: 'finance_user' } })],
    ['a row without clocks', 400, () => ({ body: { ...pushBody([]), rows: [[newId()]] } })],
  ];
  it.each(malformed)(
    'a malformed batch (%s) is refused with %i, nothing written',
    async (_name, status, make) => {
      const answer = await call('POST', `/users/${ANN}/push`, { token: annToken, ...make() });
      expect(answer.status).toBe(status);
      expect(typeof answer.body?.error).toBe('string');
      expect(await centralState()).toEqual(before);
    },
  );

  it('a row with a bad value is refused whole, naming the field, nothing written', async () => {
    const rows = annExpenses([5_000, 6_000]);
    const bad = rows.map((r, i) => (i === 1 ? { ...r, values: { ...r.values, amount: -5 } } : r));
    const answer = await call('POST', `/users/${ANN}/push`, { token: annToken, body: pushBody(bad) });
    expect(answer).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/amount must be a positive whole number/), field: 'amount' },
    });
    expect(await centralState()).toEqual(before);
  });

  // Columnar rows (protocol 2): a batch whose columns do not fit is refused whole, naming the cell at fault,
  // though its other rows are good.
  type Wire = ReturnType<typeof pushBody>;
  const badLayouts: [string, string, (wire: Wire) => Wire][] = [
    ['a cell short', 'rows.1', (w) => ({ ...w, rows: [w.rows[0], w.rows[1]?.slice(1)] as Wire['rows'] })],
    ['a row clock that is no clock', 'rows.1.hlc', (w) => withCell(w, 1, 1, '2026-11-11')],
    [
      'clock text naming no field',
      'rows.1.clock',
      (w) => withCell(w, 1, 3, `colour=${String(w.rows[1]?.[1])}`),
    ],
    ['a base clock without a base', 'rows.1.baseClock', (w) => withCell(w, 1, 5, '')],
    ['a field the table lacks', 'fields.0', (w) => ({ ...w, fields: ['colour', ...w.fields.slice(1)] })],
    ['a field left out', 'fields', (w) => ({ ...w, fields: w.fields.slice(0, -1) })],
  ];
  it.each(badLayouts)(
    'a batch with %s is refused whole with 400 naming %s, nothing written',
    async (_name, field, spoil) => {
      const body = spoil(pushBody(annExpenses([5_100, 5_200])));
      const answer = await call('POST', `/users/${ANN}/push`, { token: annToken, body });
      expect(answer).toEqual({ status: 400, body: { error: expect.stringContaining(field), field } });
      expect(await centralState()).toEqual(before);
    },
  );

  it('an oversized body gets 413 and a batch over the row limit 400, nothing written', async () => {
    const big = await call('POST', `/users/${ANN}/push`, {
      token: annToken,
      raw: JSON.stringify({ pad: 'x'.repeat(BODY_LIMIT + 1) }),
    });
    expect(big.status).toBe(413);
    const row = annExpenses([7_000])[0] as PushedRow;
    const many = Array.from({ length: 5001 }, () => ({ ...row, id: newId() }));
    const tooMany = await call('POST', `/users/${ANN}/push`, { token: annToken, body: pushBody(many) });
    expect(tooMany).toMatchObject({ status: 400, body: { field: 'rows' } });
    expect(await centralState()).toEqual(before);
  });

  it('a replayed batch id writes nothing the second time, even with other values', async () => {
    const rows = annExpenses([8_000, 9_000]);
    const body = pushBody(rows);
    const first = await call('POST', `/users/${ANN}/push`, { token: annToken, body });
    expect(first).toMatchObject({ status: 200, body: { replayed: false } });
    const after = await centralState();
    expect(after.seqs.ann).toBeGreaterThan(before.seqs.ann);
    const changed = rows.map((r) => ({ ...r, values: { ...r.values, amount: 1 } }));
    const again = await call('POST', `/users/${ANN}/push`, {
      token: annToken,
      body: { ...body, rows: pushBody(changed).rows },
    });
    expect(again).toMatchObject({ status: 200, body: { replayed: true } });
    expect(await centralState()).toEqual(after);
    const stored = await central.readRowsById(
      ANN,
      'expense',
      rows.map((r) => r.id),
    );
    const amounts = (list: readonly { id: string; values: Readonly<Record<string, unknown>> }[]) =>
      Object.fromEntries(list.map((r) => [r.id, r.values.amount]));
    expect(amounts(stored)).toEqual(amounts(rows));
  });
});

describe('health', () => {
  it('answers a load balancer’s check without a token, saying nothing but ok', async () => {
    const response = await fetch(`${hub.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('limits', () => {
  it('an address that keeps presenting bad tokens is slowed down, and log-in guesses for one user too', async () => {
    const strict = await startHub(central, { tokenFailuresPerMinute: 3, loginFailuresPerMinute: 2 });
    try {
      const heads = (token: string) =>
        fetch(`${strict.url}${HUB_PREFIX}/users/${ANN}/heads`, {
          headers: { authorization: `Bearer ${token}` },
        });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await heads(newDeviceToken().secret)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      // Guessing Bob's password: after two failures even the right password waits.
      const login = (password: string) =>
        fetch(`${strict.url}${HUB_PREFIX}/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: BOB, deviceId: 'dddddddddddddddd', password, label: 'guess' }),
        });
      const guesses = [(await login('guess one')).status, (await login('guess two')).status];
      const right = await login(PASSWORD);
      expect([...guesses, right.status]).toEqual([401, 401, 429]);
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await strict.close();
    }
  });

  it('too many requests get 429, which the device remote retries as transient', async () => {
    const limited = await startHub(central, { requestsPerMinute: 3 });
    try {
      const remote = new HttpRemote({ url: limited.url, tokens: () => annToken });
      for (let i = 0; i < 3; i++) await remote.feedHeads(ANN);
      const error = await remote.feedHeads(ANN).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 429, transient: true });
    } finally {
      await limited.close();
    }
  });
});

describe('the hub log', () => {
  it('holds no token and no password, though requests carried both', async () => {
    await call('POST', '/login', {
      body: { userId: ANN, deviceId: 'c0c0c0c0c0c0c0c0', password: PASSWORD, label: 'log' },
    });
    await call('POST', '/login', {
      body: { userId: ANN, deviceId: 'c0c0c0c0c0c0c0c0', password: `${PASSWORD}!`, label: 'log' },
    });
    await call('GET', `/users/${ANN}/heads`, { token: annToken });
    await call('GET', `/users/${BOB}/heads`, { token: annToken });
    const log = logLines.join('');
    expect(log).toContain('device token issued'); // the log is captured at all
    expect(log).toContain(`/users/${ANN}/heads`);
    for (const secret of [annToken, bobToken, PASSWORD, annToken.slice(5, 25)])
      expect(log).not.toContain(secret);
  });
});
