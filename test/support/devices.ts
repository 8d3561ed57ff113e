import type { CentralStore } from '../../src/central/central-store.js';
import { userIdFor } from '../../src/domain/ids.js';
import { SYNCED_TABLES, TABLES, ownerColumn, type SyncedTable } from '../../src/domain/tables.js';
import { ConflictRepository } from '../../src/local/conflict-repository.js';
import { LocalStore } from '../../src/local/local-store.js';
import { LocalRepositories } from '../../src/local/repositories.js';
import { SyncLogRepository } from '../../src/local/sync-log-repository.js';
import { DirectRemote } from '../../src/sync/direct-remote.js';
import type { Remote } from '../../src/sync/remote.js';
import { SyncEngine, type SyncOptions, type SyncReport } from '../../src/sync/sync-engine.js';

/** A wall clock a test moves by hand, shared by the devices of one scenario. */
export class TestClock {
  constructor(private millis = Date.parse('2026-11-20T09:00:00.000Z')) {}
  now = (): Date => new Date(this.millis);
  advance(ms = 1000): void {
    this.millis += ms;
  }
}

/** One device: its own SQLite store and repositories, syncing with a remote. */
export class Device extends LocalRepositories {
  readonly conflicts: ConflictRepository;
  readonly logs: SyncLogRepository;

  constructor(
    readonly name: string,
    private readonly remote: () => Remote,
    readonly clock: TestClock,
    path = ':memory:',
  ) {
    super(LocalStore.open({ path, now: clock.now }));
    this.conflicts = new ConflictRepository(this.store);
    this.logs = new SyncLogRepository(this.store);
  }

  sync(userName: string, options: SyncOptions = {}): Promise<SyncReport> {
    this.clock.advance(10);
    return new SyncEngine(this.store, this.remote(), {
      retry: { retries: 0, baseDelayMs: 1, jitter: 0 },
      ...options,
    }).syncUser(userIdFor(userName));
  }

  categoryId(userName: string, name: string, kind: 'expense' | 'income' = 'expense'): string {
    return this.categories.resolve(userIdFor(userName), name, kind).id;
  }

  /** Every synced row of the user, table by table, as comparable plain data (sync bookkeeping left out). */
  snapshot(userName: string): Record<SyncedTable, Record<string, unknown>[]> {
    const userId = userIdFor(userName);
    const out = {} as Record<SyncedTable, Record<string, unknown>[]>;
    for (const table of SYNCED_TABLES) {
      const owner = ownerColumn(table);
      const cols = ['id', ...TABLES[table].fields.map((f) => f.name), 'clock'];
      out[table] = this.store.db
        .prepare(`SELECT ${cols.join(', ')} FROM ${table} WHERE ${owner} = ? ORDER BY id`)
        .all(userId) as Record<string, unknown>[];
      for (const row of out[table]) row.clock = JSON.parse(String(row.clock)) as unknown;
    }
    return out;
  }

  dirtyCount(): number {
    return SYNCED_TABLES.reduce(
      (n, t) =>
        n +
        (this.store.db.prepare(`SELECT count(*) AS n FROM ${t} WHERE is_synced = 0`).get() as { n: number })
          .n,
      0,
    );
  }

  close(): void {
    this.store.close();
  }
}

/** The central store's rows of a user, in the same shape as Device.snapshot. */
export async function centralSnapshot(
  central: CentralStore,
  userName: string,
): Promise<Record<SyncedTable, Record<string, unknown>[]>> {
  const userId = userIdFor(userName);
  const out = {} as Record<SyncedTable, Record<string, unknown>[]>;
  for (const table of SYNCED_TABLES) {
    const rows = await central.readChanges(userId, table, 0, 100_000);
    out[table] = rows
      .map((r) => ({ id: r.id, ...r.values, clock: r.clock }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return out;
}

export function direct(central: () => CentralStore, now: () => Date): () => Remote {
  return () => new DirectRemote(central(), now);
}
