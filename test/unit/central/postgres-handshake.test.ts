import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentralError, CentralSchemaTooNewError } from '../../../src/central/central-store.js';
import { openCentral } from '../../../src/central/open-central.js';
import { POSTGRES_MIGRATIONS } from '../../../src/central/postgres/migrations.js';
import { PostgresCentralStore } from '../../../src/central/postgres/postgres-store.js';
import { SYNCED_TABLES } from '../../../src/domain/tables.js';

/**
 * The PostgreSQL family's one-statement handshake (PostgresCentralStore.handshake, used by the direct remote)
 * answers what checkSchema, instanceId, now and feedHeads answer one by one, and fails as checkSchema does.
 */

let store: PostgresCentralStore;
beforeAll(async () => {
  const opened = await openCentral('pglite:memory:');
  if (!(opened instanceof PostgresCentralStore)) throw new Error('expected the PostgreSQL-family store');
  store = opened;
});
afterAll(() => store.close());

const HLC = '2026-01-01T00:00:00.000Z-0000-0123456789abcdef';
const USER = '0190f5e2-0000-7000-8000-000000000001';

describe('the one-statement handshake', () => {
  it('answers the instance id, a central time and, for a user, the feed heads of every table', async () => {
    const before = Date.now();
    const plain = await store.handshake();
    expect(plain.instanceId).toBe(await store.instanceId());
    expect(plain.now.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(plain).not.toHaveProperty('feedHeads');

    const empty = await store.handshake(USER);
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
    const heads = (await store.handshake(USER)).feedHeads;
    expect(heads).toEqual(await store.feedHeads(USER));
    expect(heads?.app_user).toBeGreaterThan(0);
  });

  it('refuses a store whose schema is newer or older than this build, as checkSchema does', async () => {
    const newer = await openCentral('pglite:memory:');
    const older = await openCentral('pglite:memory:');
    try {
      if (!(newer instanceof PostgresCentralStore) || !(older instanceof PostgresCentralStore))
        throw new Error('expected the PostgreSQL-family store');
      await newer.run((s) =>
        s.exec(`INSERT INTO pfm_schema_version (version, name) VALUES (9999, 'future')`),
      );
      await expect(newer.handshake(USER)).rejects.toBeInstanceOf(CentralSchemaTooNewError);
      const last = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]?.version ?? 0;
      await older.run((s) => s.exec(`DELETE FROM pfm_schema_version WHERE version = ${last}`));
      await expect(older.handshake(USER)).rejects.toMatchObject({ code: 'PFM_SCHEMA_TOO_OLD' });
      // No schema at all: the handshake's statement fails on a missing table, and checkSchema says why.
      await older.run((s) => s.exec('DROP TABLE pfm_schema_version, pfm_instance'));
      const error = await older.handshake().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CentralError);
      expect(error).toMatchObject({ code: 'PFM_SCHEMA_TOO_OLD' });
    } finally {
      await newer.close();
      await older.close();
    }
  });
});
