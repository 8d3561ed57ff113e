import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_EDIT_NODE } from '../../../src/central/central-store.js';
import { openCentral } from '../../../src/central/open-central.js';
import {
  centralEditHelpersSql,
  centralEditTriggersSql,
} from '../../../src/central/postgres/central-edit-triggers.js';
import { POSTGRES_MIGRATIONS } from '../../../src/central/postgres/migrations.js';
import { PostgresCentralStore } from '../../../src/central/postgres/postgres-store.js';
import { TABLE_SQL } from '../../../src/central/postgres/sql.js';
import {
  CENTRAL_TABLE_NAMES,
  SCHEMA_1_TABLES,
  fieldsAt,
  ownerColumn,
} from '../../../src/central/table-names.js';
import { isHlc, parseHlc } from '../../../src/domain/hlc.js';
import {
  createTestDatabase,
  postgresSkipReason,
  type TestDatabase,
} from '../../support/postgres-test-database.js';
import { SYNCED_TABLES, TABLES } from '../../../src/domain/tables.js';

describe('central edit triggers, PostgreSQL dialect', () => {
  it('are migration 3: the helpers once, then the same triggers on every synced table', () => {
    const v3 = POSTGRES_MIGRATIONS.find((m) => m.version === 3);
    expect(v3?.sql).toBe(
      centralEditHelpersSql() +
        SCHEMA_1_TABLES.map((t) => centralEditTriggersSql(t, fieldsAt(t, 3), 'json')).join(''),
    );
    // The conflicts table, new in version 4, gets the same triggers there.
    expect(POSTGRES_MIGRATIONS.find((m) => m.version === 4)?.sql).toContain(
      centralEditTriggersSql('sync_conflict', fieldsAt('sync_conflict', 4), 'json'),
    );
    // Version 9 makes every table's triggers again, for compact clocks.
    const v9 = POSTGRES_MIGRATIONS.find((m) => m.version === 9)?.sql ?? '';
    for (const t of SYNCED_TABLES) expect(v9).toContain(centralEditTriggersSql(t, fieldsAt(t, 9), 'compact'));
  });

  it.each(SYNCED_TABLES)(
    '%s: skip the sync’s own write by WHEN alone; stamp every field of a plain one',
    (table) => {
      const name = CENTRAL_TABLE_NAMES[table];
      const sql = centralEditTriggersSql(table);
      // The sync's statement always sets server_seq from the sequence, so neither WHEN holds for it.
      expect(TABLE_SQL[table].write).toContain("nextval('pfm_server_seq')");
      expect(TABLE_SQL[table].write).toContain('server_seq = EXCLUDED.server_seq');
      expect(sql).toContain(`BEFORE INSERT ON ${name}\n  FOR EACH ROW WHEN (NEW.server_seq IS NULL) `);
      expect(sql).toContain(
        `BEFORE UPDATE ON ${name}\n  FOR EACH ROW WHEN (NEW.server_seq IS NOT DISTINCT FROM OLD.server_seq) `,
      );
      expect(sql).toContain(`BEFORE DELETE ON ${name}\n  FOR EACH ROW EXECUTE`);
      // A plain INSERT: every field at the row's clock, which the compact form writes as nothing.
      expect(sql).toContain(`NEW.clock := '';`);
      for (const { name: f } of TABLES[table].fields) {
        // A plain UPDATE: a changed field takes the new clock; every other keeps its own, written out.
        expect(sql).toContain(`WHEN '${f}' = ANY(v_fields) THEN '' ELSE ';${f}=' || `);
        expect(sql).toContain(
          `IF NEW.${f} IS DISTINCT FROM OLD.${f} THEN v_fields := v_fields || '${f}'::TEXT;`,
        );
      }
      // The user's lock before any seq is drawn.
      const update = sql.slice(sql.indexOf(`${name}_edit_update()`));
      expect(update.indexOf(`pfm_central_lock(OLD.${ownerColumn(table)})`)).toBeLessThan(
        update.indexOf("nextval('pfm_server_seq')"),
      );
    },
  );
});

const pgSkip = await postgresSkipReason();

describe.skipIf(pgSkip !== null)(
  `pfm_central_hlc on the PostgreSQL server${pgSkip ? ` (${pgSkip})` : ''}`,
  () => {
    let store: PostgresCentralStore;
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase('hlc');
      const opened = await openCentral(db.url, { maxConnections: 1 });
      if (!(opened instanceof PostgresCentralStore)) throw new Error('expected the PostgreSQL store');
      store = opened;
    });
    afterAll(async () => {
      await store.close();
      await db.drop();
    });
    const next = async (after: string | null) =>
      (await store.run((s) => s.query<{ h: string }>('SELECT pfm_central_hlc($1) AS h', [after]))).rows[0]
        ?.h ?? '';

    it('is now, counter 0, central node; and always after the clock given, even one ahead of the server', async () => {
      const now = await next(null);
      expect(isHlc(now)).toBe(true);
      expect(now).toMatch(new RegExp(`-0000-${CENTRAL_EDIT_NODE}$`));
      expect(Math.abs(parseHlc(now).millis - Date.now())).toBeLessThan(60_000);
      expect(await next('2020-01-01T00:00:00.000Z-0005-0123456789abcdef')).toMatch(/-0000-/);
      const ahead = '2099-03-04T05:06:07.089Z-00AF-0123456789abcdef';
      expect(await next(ahead)).toBe(`2099-03-04T05:06:07.089Z-00B0-${CENTRAL_EDIT_NODE}`);
      // A full counter moves to the next millisecond.
      expect(await next('2099-12-31T23:59:59.999Z-FFFF-0123456789abcdef')).toBe(
        `2100-01-01T00:00:00.000Z-0000-${CENTRAL_EDIT_NODE}`,
      );
    });
  },
);

describe('central edit clocks on SQLite (plain SQL in the triggers)', () => {
  const HLC_AHEAD = '2099-03-04T05:06:07.089Z-00AF-0123456789abcdef';
  const FULL = '2099-12-31T23:59:59.999Z-FFFF-0123456789abcdef';
  const PAST = '2020-01-01T00:00:00.000Z-0005-0123456789abcdef';
  const edited = async (hlc: string): Promise<string> => {
    const dir = mkdtempSync(join(tmpdir(), 'pfm-sqlite-clock-'));
    const file = join(dir, 'central.db');
    const store = await openCentral(`sqlite:${file}`);
    try {
      const row = {
        id: 'u1',
        values: {
          name: 'Ann',
          currency: 'EUR',
          locale: 'en',
          password_hash: null,
          created_at: hlc,
          deleted: 0,
        },
        hlc,
        clock: Object.fromEntries(TABLES.app_user.fields.map((f) => [f.name, hlc])),
        modifiedAt: '2026-01-01T00:00:00.000Z',
      };
      await store.withUserWrite('u1', (w) => w.writeRows('app_user', [row], '0123456789abcdef'));
      const admin = new Database(file);
      admin.prepare("UPDATE finance_user SET locale = 'de' WHERE id = 'u1'").run();
      admin.close();
      const [after] = await store.readRowsById('u1', 'app_user', ['u1']);
      expect(after?.clock.locale).toBe(after?.hlc);
      expect(after?.clock.name).toBe(hlc);
      return after?.hlc ?? '';
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('is now, counter 0, central node, after a clock in the past', async () => {
    const now = await edited(PAST);
    expect(isHlc(now)).toBe(true);
    expect(now).toMatch(new RegExp(`-0000-${CENTRAL_EDIT_NODE}$`));
    expect(Math.abs(parseHlc(now).millis - Date.now())).toBeLessThan(60_000);
  });

  it('comes after a clock ahead of this machine: the same time, the next counter', async () => {
    expect(await edited(HLC_AHEAD)).toBe(`2099-03-04T05:06:07.089Z-00B0-${CENTRAL_EDIT_NODE}`);
  });

  it('moves to the next millisecond when the counter is full', async () => {
    expect(await edited(FULL)).toBe(`2100-01-01T00:00:00.000Z-0000-${CENTRAL_EDIT_NODE}`);
  });
});
