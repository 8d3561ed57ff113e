import { copyFileSync, existsSync } from 'node:fs';
import type { CentralStore } from '../src/central/central-store.js';
import { LocalStore } from '../src/local/local-store.js';
import { RowWriter } from '../src/local/row-writer.js';
import { DirectRemote } from '../src/sync/direct-remote.js';
import type { Remote } from '../src/sync/remote.js';
import { SyncEngine, type SyncReport } from '../src/sync/sync-engine.js';
import { seededRandom } from '../src/domain/seeded-random.js';
import { BENCH_USER_ID, loadDevice } from './data.js';

/** A device file of `rows` new rows of the bench user, made once and copied for every run that needs it. */
export function makeTemplate(path: string, rows: number): void {
  const store = LocalStore.open({ path });
  try {
    loadDevice(store, rows);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    store.close();
  }
}

/** A copy of a template device (the SQLite file; the WAL was checkpointed and removed on close). */
export function copyDevice(template: string, path: string): LocalStore {
  copyFileSync(template, path);
  for (const suffix of ['-wal', '-shm'])
    if (existsSync(template + suffix)) copyFileSync(template + suffix, path + suffix);
  return LocalStore.open({ path });
}

export interface SyncOptionsForBench {
  readonly batchSize?: number;
}

/** One pfm sync of the bench user over a direct connection; throws unless it succeeded. */
export function pfmSync(
  local: LocalStore,
  central: CentralStore,
  options: SyncOptionsForBench = {},
): Promise<SyncReport> {
  return syncThrough(local, new DirectRemote(central), options);
}

/** One pfm sync of the bench user through any remote (a hub's, say); throws unless it succeeded. */
export async function syncThrough(
  local: LocalStore,
  remote: Remote,
  options: SyncOptionsForBench = {},
): Promise<SyncReport> {
  const engine = new SyncEngine(local, remote, {
    retry: { retries: 0, baseDelayMs: 1, jitter: 0 },
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
  const report = await engine.syncUser(BENCH_USER_ID);
  if (report.log.status !== 'Success')
    throw new Error(`sync failed: ${report.log.errorMessage ?? report.log.status}`);
  return report;
}

/** Edit `count` random expenses of the device (new amounts), as a person would between two syncs. */
export function editExpenses(local: LocalStore, count: number, seed: number): string[] {
  const ids = (local.db.prepare('SELECT id FROM expense ORDER BY id').pluck().all() as string[]) ?? [];
  const rand = seededRandom(seed);
  const chosen = new Set<string>();
  while (chosen.size < Math.min(count, ids.length))
    chosen.add(ids[Math.floor(rand() * ids.length)] as string);
  const writer = new RowWriter(local);
  local.transaction(() => {
    for (const id of chosen) writer.update('expense', id, { amount: 100 + Math.floor(rand() * 99_900) });
  });
  return [...chosen];
}
