import { MAX_CLOCK_DRIFT_MS, formatHlc, parseHlc } from '../domain/hlc.js';
import { SYNCED_TABLES, TABLES, type SyncedTable } from '../domain/tables.js';
import type { LocalStore } from './local-store.js';

/** What a clock recovery did: how far ahead the device's clock had run and how many rows it re-stamped. */
export interface ClockRecovery {
  readonly aheadMs: number;
  readonly rows: number;
  /** Each re-stamped clock and the one it became. */
  readonly restamped: ReadonlyMap<string, string>;
}

/** The largest counter one millisecond holds; re-stamps past it move on to the next millisecond. */
const COUNTER_SPAN = 0x10000;

/**
 * A device whose system clock ran ahead stamped its edits with that future time. The central store (rightly)
 * refuses clocks more than five minutes ahead of its own, and a hybrid logical clock never runs backwards, so
 * without this every later edit would carry the future time too and the device could not sync until real
 * time caught up. Once the wall clock is right again, every unsynced field clock that is too far ahead is
 * re-stamped at the present time, keeping the order of the edits, and the device's clock is moved back.
 *
 * Only unsynced changes carry such clocks: the central store never accepted them, so no other store has seen
 * them and moving them breaks no causal order. Returns null when nothing was ahead (one read of the device
 * row; no table is scanned).
 */
export function recoverClockAhead(store: LocalStore): ClockRecovery | null {
  const nowMillis = store.now().getTime();
  const last = parseHlc(store.lastHlc());
  if (last.millis - nowMillis <= MAX_CLOCK_DRIFT_MS) return null;
  // Clocks sort as text: every clock above this one is too far ahead of the present time.
  const limit = formatHlc({ millis: nowMillis + MAX_CLOCK_DRIFT_MS, counter: 0xffff, node: 'f'.repeat(16) });
  return store.transaction(() => {
    const found: { table: SyncedTable; id: string; clock: Record<string, string> }[] = [];
    const ahead = new Set<string>();
    // The newest clock this device holds that is not too far ahead, of a row or of a version it agreed on
    // with the central store (another device's, a little ahead of this one, may be among them): a re-stamped
    // edit must still come after every version it replaced that anyone else may hold.
    let newest = '';
    for (const table of SYNCED_TABLES) {
      const known = store
        .sql(
          `SELECT max(hlc) AS h FROM ${table} WHERE hlc <= ?
           UNION ALL SELECT max(base_hlc) FROM ${table} WHERE base_hlc <= ?`,
        )
        .all(limit, limit) as { h: string | null }[];
      for (const { h } of known) if (h !== null && h > newest) newest = h;
      const rows = store.sql(`SELECT id, clock FROM ${table} WHERE hlc > ? AND is_synced = 0`).all(limit) as {
        id: string;
        clock: string;
      }[];
      for (const r of rows) {
        const clock = JSON.parse(r.clock) as Record<string, string>;
        for (const c of Object.values(clock)) if (c > limit) ahead.add(c);
        found.push({ table, id: r.id, clock });
      }
    }
    // The i-th distinct future clock becomes the i-th clock after both the present time and that newest
    // clock: order kept, ties impossible.
    const floor = newest === '' ? null : parseHlc(newest);
    const [startMillis, startCounter] =
      floor !== null && floor.millis >= nowMillis ? [floor.millis, floor.counter + 1] : [nowMillis, 0];
    const sorted = [...ahead].sort();
    const restamped = new Map<string, string>();
    sorted.forEach((old, i) => {
      const step = startCounter + i;
      const millis = startMillis + Math.floor(step / COUNTER_SPAN);
      restamped.set(old, formatHlc({ millis, counter: step % COUNTER_SPAN, node: store.deviceId }));
    });
    for (const { table, id, clock } of found) {
      const next: Record<string, string> = {};
      let hlc = '';
      for (const { name } of TABLES[table].fields) {
        const c = clock[name] ?? '';
        next[name] = restamped.get(c) ?? c;
        if (next[name] > hlc) hlc = next[name];
      }
      store.sql(`UPDATE ${table} SET clock = ?, hlc = ? WHERE id = ?`).run(JSON.stringify(next), hlc, id);
    }
    const lastStamp = sorted.length > 0 ? restamped.get(sorted[sorted.length - 1] ?? '') : undefined;
    store.resetClock(
      lastStamp ??
        formatHlc({
          millis: startMillis,
          counter: Math.min(startCounter, COUNTER_SPAN - 1),
          node: store.deviceId,
        }),
    );
    return { aheadMs: last.millis - nowMillis, rows: found.length, restamped };
  });
}
