import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import type { TableDigest } from '../../src/domain/digest.js';
import type { SyncedTable } from '../../src/domain/tables.js';
import type { SyncLogEntry } from '../../src/local/sync-log-repository.js';
import { LocalSyncRows } from '../../src/local/sync-rows.js';
import type {
  Handshake,
  PulledRow,
  PushBatch,
  PushResult,
  PushedRow,
  Remote,
  SyncActivityEntry,
} from '../../src/sync/remote.js';
import type { CentralHarness } from './central-stores.js';
import { startHub, TestTokens, viaHub, type RunningHub } from './hub.js';
import { centralSnapshot, Device, direct, TestClock } from './devices.js';
import { USER, USER_ID as uid } from './test-user.js';

/** The user of every scenario (test/support/test-user.ts) and its id. */
export { USER, uid };

/** A device's wall clock: a shared test clock plus a fixed offset (a machine whose clock runs slow or fast). */
export class OffsetClock extends TestClock {
  constructor(
    readonly base: TestClock,
    readonly offsetMs: number,
  ) {
    super();
    this.now = () => new Date(base.now().getTime() + offsetMs);
  }
  override advance(ms = 1000): void {
    this.base.advance(ms);
  }
}

/** How the devices of a world reach the central store: directly, or through a hub over HTTP on loopback. */
export type Via = 'direct' | 'hub';

/** One central store shared by the cases of a file (reset between cases) and the devices of the current case. */
export interface World {
  readonly via: Via;
  readonly central: CentralStore;
  readonly clock: TestClock;
  readonly devices: Device[];
  /** A new empty device; `clock` defaults to the shared one, `remote` to a direct connection to the central. */
  device(name: string, options?: DeviceOptions): Device;
}

export interface DeviceOptions {
  /** The device's wall clock (default: the world's shared clock). */
  readonly clock?: TestClock;
  /** The time the central side checks clocks against (default: the device's clock, as the direct remote does). */
  readonly centralNow?: () => Date;
  /** Wraps the direct remote (to act while a sync runs). */
  readonly remote?: (inner: Remote) => Remote;
}

/**
 * Registers the hooks of a file or describe block on one central harness; the returned world is valid inside
 * test cases. Devices are closed after each case.
 */
export function useWorld(harness: CentralHarness | (() => CentralHarness), via: Via = 'direct'): World {
  let central: CentralStore | undefined;
  let clock = new TestClock();
  let devices: Device[] = [];
  let hub: RunningHub | undefined;
  const tokens = new TestTokens(() => {
    if (!central) throw new Error('central store not set up');
    return central;
  });
  const h = () => (typeof harness === 'function' ? harness() : harness);
  beforeAll(async () => {
    central = await h().setup(() => undefined);
    // One hub for the whole world, on the world's clock: the central side's time, as `centralNow` gives it.
    if (via === 'hub') hub = await startHub(central, { now: () => clock.now() });
  });
  afterAll(async () => {
    await hub?.close();
    await h().teardown(central);
  });
  beforeEach(async () => {
    if (!central) throw new Error('central store not set up');
    await h().reset(central);
    clock = new TestClock();
    devices = [];
    tokens.reset();
  });
  afterEach(() => devices.forEach((d) => d.close()));
  return {
    get central() {
      if (!central) throw new Error('central store not set up');
      return central;
    },
    get clock() {
      return clock;
    },
    get devices() {
      return devices;
    },
    via,
    device(name, options = {}) {
      const c = options.clock ?? clock;
      const base =
        via === 'hub'
          ? () => {
              if (!hub) throw new Error('hub not started');
              return viaHub(hub.url, tokens, d.store.deviceId);
            }
          : direct(() => this.central, options.centralNow ?? c.now);
      const remote = options.remote ? () => (options.remote as (r: Remote) => Remote)(base()) : base;
      const d: Device = new Device(name, remote, c);
      devices.push(d);
      return d;
    },
  };
}

/** `count` devices of one user: the first creates the user, then each syncs once, so all start converged. */
export async function startDevices(world: World, count: number): Promise<Device[]> {
  const names = ['laptop', 'phone', 'tablet', 'desktop'];
  const devices = Array.from({ length: count }, (_, i) => world.device(names[i] ?? `device${i}`));
  const [first] = devices as [Device];
  first.users.create({ name: 'Ann', currency: 'EUR', locale: 'en-IE' });
  for (const d of devices) expect((await d.sync(USER)).log.status).toBe('Success');
  await expectConverged(world, devices);
  return devices;
}

/** Every device's snapshot equals the central store's. */
export async function expectConverged(
  world: World,
  devices: readonly Device[] = world.devices,
): Promise<void> {
  const central = await centralSnapshot(world.central, USER);
  for (const d of devices)
    expect(d.snapshot(USER), `${d.name} differs from the central store`).toEqual(central);
}

/** Each device syncs in turn, `rounds` times; every run must succeed. */
export async function syncAll(devices: readonly Device[], rounds = 2): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    for (const d of devices) {
      const { log } = await d.sync(USER);
      expect(log.status, `${d.name}: ${log.errorMessage ?? ''}`).toBe('Success');
    }
  }
}

/** The newest sync_log row of a device. */
export function lastLog(d: Device): SyncLogEntry {
  const [entry] = d.logs.list(uid, 1);
  if (!entry) throw new Error(`${d.name} has no sync log row`);
  return entry;
}

/** The sync_log row's counts in a comparable shape. */
export function logCounts(entry: SyncLogEntry) {
  return {
    status: entry.status,
    pushed: entry.pushed,
    pulled: entry.pulled,
    recordsSynced: entry.recordsSynced,
    conflicts: entry.conflicts,
    errorMessage: entry.errorMessage,
  };
}

/** A raw local row, tombstones included (the repositories hide deleted rows). */
export function rawRow(d: Device, table: SyncedTable, id: string): Record<string, unknown> | undefined {
  return d.store.db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as
    Record<string, unknown> | undefined;
}

/** The central version of one row. */
export async function centralRow(
  central: CentralStore,
  table: SyncedTable,
  id: string,
): Promise<PulledRow | undefined> {
  const [row] = await central.readRowsById(uid, table, [id]);
  return row;
}

/** The device's changed rows of a table as they would be pushed. */
export function dirtyRows(d: Device, table: SyncedTable, userId = uid): PushedRow[] {
  return new LocalSyncRows(d.store)
    .readDirty(table, userId, '', 10_000)
    .map(({ id, values, clock, hlc, modifiedAt, base }) => ({ id, values, clock, hlc, modifiedAt, base }));
}

/** A Remote that delegates to another, with hooks around push and pull (to act "while a sync runs"). */
export class InterceptRemote implements Remote {
  constructor(
    private readonly inner: Remote,
    private readonly hooks: {
      afterPush?: (batch: PushBatch, result: PushResult) => Promise<PushResult> | PushResult;
      beforePull?: (table: SyncedTable) => Promise<void> | void;
    },
  ) {}
  handshake(): Promise<Handshake> {
    return this.inner.handshake();
  }
  async push(batch: PushBatch): Promise<PushResult> {
    const result = await this.inner.push(batch);
    return this.hooks.afterPush ? this.hooks.afterPush(batch, result) : result;
  }
  async pull(userId: string, table: SyncedTable, afterSeq: number, limit: number): Promise<PulledRow[]> {
    await this.hooks.beforePull?.(table);
    return this.inner.pull(userId, table, afterSeq, limit);
  }
  fetch(userId: string, table: SyncedTable, ids: readonly string[]): Promise<PulledRow[]> {
    return this.inner.fetch(userId, table, ids);
  }
  digest(userId: string, table: SyncedTable): Promise<TableDigest> {
    return this.inner.digest(userId, table);
  }
  recordActivity(entry: SyncActivityEntry): Promise<void> {
    return this.inner.recordActivity(entry);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
