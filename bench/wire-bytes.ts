import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openCentral } from '../src/central/open-central.js';
import type { CentralStore } from '../src/central/central-store.js';
import { newId } from '../src/domain/ids.js';
import { hashPassword } from '../src/domain/password.js';
import { seededRandom } from '../src/domain/seeded-random.js';
import { SYNCED_TABLES, type FieldValue, type SyncedTable } from '../src/domain/tables.js';
import { createDemoData, DEMO_USERS } from '../src/local/demo-data.js';
import { LocalStore } from '../src/local/local-store.js';
import { RowWriter } from '../src/local/row-writer.js';
import { LocalSyncRows } from '../src/local/sync-rows.js';
import { DirectRemote } from '../src/sync/direct-remote.js';
import type { PulledRow, PushedRow } from '../src/sync/remote.js';
import { SyncEngine } from '../src/sync/sync-engine.js';
import { encodePulledRows, encodePushedRows, encodeSyncedRows } from '../src/sync/wire-rows.js';

/**
 * Bytes per row on the hub's wire, protocol 1 (rows as objects) against protocol 2 (columnar rows, compact
 * clocks), on the demo data (`pfm demo`: six users, a year of finances), as JSON bodies of 1,000-row batches,
 * the engine's first batch size. Three moments of a device's life:
 *
 *   first push     every row new (no base), each written in one change: its fields share one clock
 *   pull           the same rows as the central store gives them to another device (seq, origin)
 *   edit push      after a sync, one field of a fifth of the expenses and income edited: rows with a base
 *                  and base clock, and one field clock newer than the others
 *
 * Uncompressed: the hub does not compress (a TLS proxy in front may). `npx tsx bench/wire-bytes.ts`
 */
const BATCH = 1000;
const DEVICE = '00000000000000b1';

interface Tally {
  rows: number;
  v1: number;
  v2: number;
  /** The same bodies gzipped, as a compressing proxy in front of the hub would send them. */
  v1z: number;
  v2z: number;
}

const tally = (): Tally => ({ rows: 0, v1: 0, v2: 0, v1z: 0, v2z: 0 });
const json = (body: unknown) => Buffer.from(JSON.stringify(body));

/** Protocol 1's rows, as its device sent them: objects, a base clock only when known (undefined is left out). */
const v1Pushed = (rows: readonly PushedRow[]) =>
  rows.map((row) => (row.baseClock ? row : { ...row, baseClock: undefined }));

function count(t: Tally, rows: number, v1Body: unknown, v2Body: unknown): void {
  const [v1, v2] = [json(v1Body), json(v2Body)];
  t.rows += rows;
  t.v1 += v1.length;
  t.v2 += v2.length;
  t.v1z += gzipSync(v1).length;
  t.v2z += gzipSync(v2).length;
}

function batches<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}

/** Every dirty row of a user's table, as the engine reads it for a push. */
function dirtyRows(store: LocalStore, table: SyncedTable, userId: string): PushedRow[] {
  const rows: PushedRow[] = [];
  for (let last = 0; ;) {
    const batch = new LocalSyncRows(store).readDirtyBatch(table, userId, last, BATCH);
    if (batch.rows.length === 0) return rows;
    // What the engine pushes: the row without the device's own bookkeeping.
    rows.push(...batch.rows.map(({ isSynced: _synced, ...row }) => row));
    last = batch.last;
  }
}

/** A push of these rows and the hub's answer to it (the central versions; no conflicts among new rows). */
function tallyPush(push: Tally, answer: Tally, table: SyncedTable, rows: readonly PushedRow[]): void {
  for (const batch of batches(rows)) {
    const head = { batchId: newId(), deviceId: DEVICE, table };
    count(
      push,
      batch.length,
      { ...head, rows: v1Pushed(batch) },
      { ...head, ...encodePushedRows(table, batch) },
    );
    const synced = batch.map(({ id, values, clock, hlc, modifiedAt }) => ({
      id,
      values,
      clock,
      hlc,
      modifiedAt,
    }));
    const tail = { conflicts: [], replayed: false, feed: { after: 0, upTo: batch.length } };
    count(answer, batch.length, { rows: synced, ...tail }, { ...encodeSyncedRows(table, synced), ...tail });
  }
}

async function tallyPull(
  central: CentralStore,
  userId: string,
  table: SyncedTable,
  pull: Tally,
): Promise<void> {
  for (let after = 0; ;) {
    const rows: PulledRow[] = await central.readChanges(userId, table, after, BATCH);
    if (rows.length === 0) return;
    count(pull, rows.length, { rows }, encodePulledRows(table, rows));
    after = rows[rows.length - 1]?.seq ?? after;
  }
}

/** One field of a fifth of the user's expenses and income changed, as a person editing them would. */
function editSome(store: LocalStore, userId: string, seed: number): void {
  const random = seededRandom(seed);
  const writer = new RowWriter(store);
  for (const table of ['expense', 'income'] as const) {
    const ids = store.sql(`SELECT id FROM ${table} WHERE user_id = ?`).all(userId) as { id: string }[];
    for (const { id } of ids) {
      if (random() >= 0.2) continue;
      const patch: Record<string, FieldValue> =
        random() < 0.5
          ? { description: `edited ${id.slice(-4)}` }
          : { amount: 100 + Math.floor(random() * 9000) };
      writer.update(table, id, patch);
    }
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pfm-wire-bytes-'));
  const store = LocalStore.open({ path: join(dir, 'device.db') });
  const central = await openCentral(`sqlite:${join(dir, 'central.db')}`);
  try {
    createDemoData(store, { passwordHash: await hashPassword('wire-bytes-demo'), seed: 42 });
    const users = DEMO_USERS.map(
      (u) => store.sql('SELECT id FROM app_user WHERE name = ?').get(u.name) as { id: string },
    );
    const first = tally();
    const answer = tally();
    const pull = tally();
    const edit = tally();
    const editAnswer = tally();
    const engine = new SyncEngine(store, new DirectRemote(central), {});
    for (const [i, { id }] of users.entries()) {
      for (const table of SYNCED_TABLES) tallyPush(first, answer, table, dirtyRows(store, table, id));
      await engine.syncUser(id);
      for (const table of SYNCED_TABLES) await tallyPull(central, id, table, pull);
      editSome(store, id, 7 + i);
      for (const table of SYNCED_TABLES) tallyPush(edit, editAnswer, table, dirtyRows(store, table, id));
    }
    const perRow = (t: Tally, v1: number, v2: number) =>
      `${(v1 / t.rows).toFixed(0)} | ${(v2 / t.rows).toFixed(0)} | ${(100 * (1 - v2 / v1)).toFixed(0)} %`;
    const line = (name: string, t: Tally) =>
      `| ${name} | ${t.rows.toLocaleString('en')} | ${perRow(t, t.v1, t.v2)} | ${perRow(t, t.v1z, t.v2z)} |`;
    console.log(
      '| message | rows | protocol 1 | protocol 2 | saved | protocol 1, gzip | protocol 2, gzip | saved |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    console.log(line('first push', first));
    console.log(line("first push's answer", answer));
    console.log(line('pull', pull));
    console.log(line('edit push', edit));
    console.log(line("edit push's answer", editAnswer));
  } finally {
    await central.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
