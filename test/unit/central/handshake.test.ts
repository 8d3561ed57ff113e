import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CENTRAL_SCHEMA_VERSION,
  CentralError,
  CentralSchemaTooNewError,
  type CentralHandshake,
  type CentralStore,
} from '../../../src/central/central-store.js';
import { openCentral } from '../../../src/central/open-central.js';
import { PostgresCentralStore } from '../../../src/central/postgres/postgres-store.js';
import { SYNCED_TABLES } from '../../../src/domain/tables.js';
import { createTestDatabase, postgresSkipReason } from '../../support/postgres-test-database.js';

/**
 * The one-round-trip handshake of the SQLite and PostgreSQL stores (CentralStore.handshake, used by the direct
 * remote) answers what checkSchema, instanceId, now and feedHeads answer one by one, and fails as checkSchema
 * does.
 */

interface Opened {
  readonly store: CentralStore;
  /** Statements on the store's database outside the store, as an admin would send them. */
  exec(sql: string): Promise<void>;
}

const pgSkip = await postgresSkipReason();
const dir = mkdtempSync(join(tmpdir(), 'pfm-handshake-'));
let files = 0;

const backends: [string, { open(): Promise<Opened> }][] = [
  [
    'SQLite',
    {
      async open() {
        const file = join(dir, `central-${files++}.db`);
        const store = await openCentral(`sqlite:${file}`);
        return {
          store,
          exec: async (sql) => {
            const db = new Database(file);
            try {
              db.exec(sql);
            } finally {
              db.close();
            }
          },
        };
      },
    },
  ],
];
if (pgSkip === null) {
  backends.push([
    'PostgreSQL',
    {
      async open() {
        const db = await createTestDatabase('handshake');
        const opened = await openCentral(db.url, { maxConnections: 2 });
        if (!(opened instanceof PostgresCentralStore)) throw new Error('expected the PostgreSQL store');
        const close = opened.close.bind(opened);
        opened.close = async () => {
          await close();
          await db.drop();
        };
        return { store: opened, exec: (sql) => opened.run((s) => s.exec(sql)) };
      },
    },
  ]);
}

/** The store's handshake, which both of these have. */
function handshake(store: CentralStore, userId?: string): Promise<CentralHandshake> {
  if (!store.handshake) throw new Error(`${store.kind} has no one-round-trip handshake`);
  return store.handshake(userId);
}

const HLC = '2026-01-01T00:00:00.000Z-0000-0123456789abcdef';
const USER = '0190f5e2-0000-7000-8000-000000000001';

describe.each(backends)('the one-round-trip handshake on %s', (_name, backend) => {
  let store: CentralStore;
  beforeAll(async () => {
    store = (await backend.open()).store;
  });
  afterAll(() => store.close());

  it('answers the instance id, a central time and, for a user, the feed heads of every table', async () => {
    const before = Date.now();
    const plain = await handshake(store);
    expect(plain.instanceId).toBe(await store.instanceId());
    expect(plain.now.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(plain).not.toHaveProperty('feedHeads');

    const empty = await handshake(store, USER);
    expect(empty.feedHeads).toEqual(Object.fromEntries(SYNCED_TABLES.map((t) => [t, 0])));

    await store.withUserWrite(USER, (w) =>
      w.writeRows(
        'app_user',
        [
          {
            id: USER,
            values: {
              name: 'Ann',
              currency: 'EUR',
              locale: 'en-IE',
              password_hash: null,
              created_at: '2026-01-01T00:00:00.000Z',
              deleted: 0,
            },
            clock: Object.fromEntries(
              ['name', 'currency', 'locale', 'password_hash', 'created_at', 'deleted'].map((f) => [f, HLC]),
            ),
            hlc: HLC,
            modifiedAt: '2026-01-01T00:00:00.000Z',
          },
        ],
        'device',
      ),
    );
    const heads = (await handshake(store, USER)).feedHeads;
    expect(heads).toEqual(await store.feedHeads?.(USER));
    expect(store.feedHeads).toBeDefined();
    expect(heads?.app_user).toBeGreaterThan(0);
  });

  it('refuses a store whose schema is newer or older than this build, as checkSchema does', async () => {
    const newer = await backend.open();
    const older = await backend.open();
    try {
      await newer.exec(`INSERT INTO pfm_schema_version (version, name) VALUES (9999, 'future')`);
      await expect(handshake(newer.store, USER)).rejects.toBeInstanceOf(CentralSchemaTooNewError);
      await older.exec(`DELETE FROM pfm_schema_version WHERE version = ${CENTRAL_SCHEMA_VERSION}`);
      await expect(handshake(older.store, USER)).rejects.toMatchObject({ code: 'PFM_SCHEMA_TOO_OLD' });
      // No schema at all: the handshake's statement fails on a missing table, and checkSchema says why.
      await older.exec('DROP TABLE pfm_schema_version; DROP TABLE pfm_instance');
      const error = await handshake(older.store).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CentralError);
      expect(error).toMatchObject({ code: 'PFM_SCHEMA_TOO_OLD' });
    } finally {
      await newer.store.close();
      await older.store.close();
    }
  });
});
