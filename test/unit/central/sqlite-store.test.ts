import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CentralError } from '../../../src/central/central-store.js';
import { openCentral } from '../../../src/central/open-central.js';
import { SQLITE_TABLE_SQL } from '../../../src/central/sqlite/sqlite-sql.js';
import { SYNCED_TABLES, TABLES, type SyncRow } from '../../../src/domain/tables.js';
import { ValidationError } from '../../../src/domain/validation.js';

const root = mkdtempSync(join(tmpdir(), 'pfm-sqlite-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HLC = '2026-01-01T00:00:00.000Z-0000-0123456789abcdef';
const user = (id: string, name: string): SyncRow => ({
  id,
  values: { name, currency: 'EUR', locale: 'en', password_hash: null, created_at: HLC, deleted: 0 },
  hlc: HLC,
  clock: Object.fromEntries(TABLES.app_user.fields.map((f) => [f.name, HLC])),
  modifiedAt: '2026-01-01T00:00:00.000Z',
});

describe('the SQLite central store in a file (the zero-setup default)', () => {
  it('makes its folder, keeps its rows across a reopen, and lets two stores share the file', async () => {
    const url = `sqlite:${join(root, 'new', 'folder', 'central.db')}`;
    const first = await openCentral(url);
    const second = await openCentral(url);
    try {
      await first.withUserWrite('u1', (w) => w.writeRows('app_user', [user('u1', 'Ann')], 'device-1'));
      // The other connection (as another process would) sees the committed row and writes after it.
      expect((await second.readRowsById('u1', 'app_user', ['u1']))[0]?.values.name).toBe('Ann');
      await second.withUserWrite('u2', (w) => w.writeRows('app_user', [user('u2', 'Bob')], 'device-2'));
      expect(await first.maxSeq('u2')).toBeGreaterThan(await first.maxSeq('u1'));
      expect(await first.instanceId()).toBe(await second.instanceId());
    } finally {
      await first.close();
      await second.close();
    }
    const again = await openCentral(url);
    try {
      expect((await again.readRowsById('u2', 'app_user', ['u2']))[0]?.values.name).toBe('Bob');
      expect(await again.migrate()).toBe(0);
    } finally {
      await again.close();
    }
  });

  it('queues one process’s work: a read waits for a write unit in flight, and sees it whole or not at all', async () => {
    const store = await openCentral(`sqlite:${join(root, 'queue.db')}`);
    try {
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      const write = store.withUserWrite('u1', async (w) => {
        await w.writeRows('app_user', [user('u1', 'Ann')], 'device-1');
        await held;
        throw new Error('the unit fails after writing');
      });
      const read = store.readRowsById('u1', 'app_user', ['u1']);
      release();
      await expect(write).rejects.toThrow('the unit fails after writing');
      expect(await read).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('refuses a pglite: URL, saying how to move to the new store', async () => {
    const error = await openCentral('pglite:./pfm-central').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String((error as Error).message)).toMatch(
      /no longer opens.*sqlite:\.\/pfm-central\.db.*sync every device/,
    );
  });

  it('will not start an empty store beside the PGlite directory of an earlier pfm', async () => {
    const dir = join(root, 'upgrade');
    mkdirSync(join(dir, 'pfm-central'), { recursive: true });
    writeFileSync(join(dir, 'pfm-central', 'PG_VERSION'), '17\n');
    const error = await openCentral(`sqlite:${join(dir, 'pfm-central.db')}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CentralError);
    expect(error).toMatchObject({ code: 'PFM_EARLIER_STORE' });
    expect(String((error as Error).message)).toMatch(
      /rename or remove that directory, then sync every device/,
    );
  });

  it('finds rows by id through the primary key, never by walking all of the owner’s rows', async () => {
    const file = join(root, 'plans.db');
    await (await openCentral(`sqlite:${file}`)).close();
    const db = new Database(file, { readonly: true });
    try {
      for (const table of SYNCED_TABLES) {
        const plan = db
          .prepare(`EXPLAIN QUERY PLAN ${SQLITE_TABLE_SQL[table].readByIds}`)
          .all({ 1: 'user', 2: '["id"]' }) as { detail: string }[];
        expect(plan[0]?.detail, table).toMatch(/^SEARCH t USING INDEX sqlite_autoindex_\w+ \(id=\?\)$/);
      }
    } finally {
      db.close();
    }
  });

  it('needs a file name', async () => {
    await expect(openCentral('sqlite:')).rejects.toBeInstanceOf(ValidationError);
  });
});
