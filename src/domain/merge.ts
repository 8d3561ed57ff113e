import { SPLIT_FIELDS } from './splits.js';
import { TABLES, type FieldValue, type SyncedTable } from './tables.js';

/** One version of a synced row: its field values and the HLC of each field's latest change. */
export interface RowVersion {
  readonly id: string;
  readonly values: Readonly<Record<string, FieldValue>>;
  readonly clock: Readonly<Record<string, string>>;
  /** The greatest field clock: the row's latest change. */
  readonly hlc: string;
}

/** A value that lost a merge. It is kept (sync_conflict) so that it can be restored. */
export interface FieldConflict {
  readonly rowId: string;
  readonly field: string;
  readonly keptValue: FieldValue;
  readonly keptHlc: string;
  readonly lostValue: FieldValue;
  readonly lostHlc: string;
  /** Whose value lost: the store doing the merge, or the version that arrived. */
  readonly loser: 'receiver' | 'incoming';
}

export interface MergeResult {
  readonly row: RowVersion;
  readonly conflicts: readonly FieldConflict[];
  /** The merged row differs from the receiver's version (the receiver must write it). */
  readonly receiverChanged: boolean;
  /** The merged row differs from the incoming version (the sender is behind). */
  readonly incomingChanged: boolean;
}

/**
 * Fields set once, when their row is created, that no later write may change through a merge: a user's
 * currency gives every amount of that user its meaning, so a different currency arriving from elsewhere (a
 * second device, a write straight into the central database) keeps the first value and is kept as a conflict.
 * Among such values the earliest clock wins, a rule as deterministic as "latest wins".
 */
const FIXED_FIELDS: Partial<Record<SyncedTable, readonly string[]>> = { app_user: ['currency'] };

/**
 * Fields that merge as one value while either side's row is split: a split's parts must add up to the amount
 * and begin with the row's category, so the amount, the category and the parts all come from the side whose
 * latest change of any of them is the latest (and all three are one conflict). A row split on neither side
 * merges field by field as every other row does.
 */
function mergedTogether(table: SyncedTable, receiver: RowVersion, incoming: RowVersion): readonly string[] {
  if (table !== 'expense' && table !== 'income') return [];
  const split = (v: RowVersion) => (v.values.splits ?? null) !== null;
  return split(receiver) || split(incoming) ? SPLIT_FIELDS : [];
}

/**
 * The merge rule, the same in both directions: per field, the value with the greater HLC wins
 * (last-modified-wins on hybrid logical clocks). Two sides that changed the same field since their common
 * base are in conflict, and the losing value is reported. The base is best given per field (`baseClock`: each
 * field's clock in the version both sides last agreed on): a field changed since then is one whose clock
 * differs from it, however the two devices' wall clocks compare. Without it (rows agreed on before it was kept)
 * the row's HLC then (`base`; null when they never agreed) serves: a clock above it is a change, which misses
 * an edit made on a device whose clock ran behind. A delete wins over concurrent edits of the row: the row stays deleted, the edits
 * are merged into the tombstone, and a conflict on `deleted` keeps the fact, so restoring brings them back.
 * A fixed field (FIXED_FIELDS) keeps its earliest value, and any other value of it is a conflict. A split's fields
 * merge as one value (mergedTogether).
 * Pure: no I/O, no clock; the result does not depend on which side is which (but for `loser`).
 */
export function mergeRow(
  table: SyncedTable,
  receiver: RowVersion | undefined,
  incoming: RowVersion,
  base: string | null,
  baseClock: Readonly<Record<string, string>> | null = null,
): MergeResult {
  if (!receiver) return { row: incoming, conflicts: [], receiverChanged: true, incomingChanged: false };
  const since = base ?? '';
  const changed = baseClock
    ? (field: string, hlc: string) => hlc !== (baseClock[field] ?? '')
    : (_field: string, hlc: string) => hlc > since;
  const values: Record<string, FieldValue> = {};
  const clock: Record<string, string> = {};
  const conflicts: FieldConflict[] = [];
  let receiverChanged = false;
  let incomingChanged = false;

  const together = mergedTogether(table, receiver, incoming);
  const group = together.length > 0 ? groupOutcome(together, receiver, incoming, changed) : null;

  for (const { name } of TABLES[table].fields) {
    const r = { value: receiver.values[name] ?? null, hlc: receiver.clock[name] ?? '' };
    const i = { value: incoming.values[name] ?? null, hlc: incoming.clock[name] ?? '' };
    const fixed = FIXED_FIELDS[table]?.includes(name) === true && i.hlc !== '' && r.hlc !== '';
    if (group && together.includes(name)) {
      const [win, lose] = group.incomingWins ? [i, r] : [r, i];
      values[name] = win.value;
      clock[name] = win.hlc;
      if (i.hlc !== r.hlc || i.value !== r.value) {
        if (group.incomingWins) receiverChanged = true;
        else incomingChanged = true;
      }
      if (group.conflict && win.value !== lose.value) {
        conflicts.push({
          rowId: incoming.id,
          field: name,
          keptValue: win.value,
          keptHlc: group.incomingWins ? group.incomingHlc : group.receiverHlc,
          lostValue: lose.value,
          lostHlc: group.incomingWins ? group.receiverHlc : group.incomingHlc,
          loser: group.incomingWins ? 'receiver' : 'incoming',
        });
      }
      continue;
    }
    const incomingWins = fixed
      ? i.hlc < r.hlc || (i.hlc === r.hlc && compareValues(i.value, r.value) > 0)
      : i.hlc > r.hlc || (i.hlc === r.hlc && compareValues(i.value, r.value) > 0);
    const [win, lose] = incomingWins ? [i, r] : [r, i];
    values[name] = win.value;
    clock[name] = win.hlc;
    if (incomingWins && (i.hlc !== r.hlc || i.value !== r.value)) receiverChanged = true;
    if (!incomingWins && (i.hlc !== r.hlc || i.value !== r.value)) incomingChanged = true;
    if (win.value !== lose.value && (fixed || (changed(name, r.hlc) && changed(name, i.hlc)))) {
      conflicts.push({
        rowId: incoming.id,
        field: name,
        keptValue: win.value,
        keptHlc: win.hlc,
        lostValue: lose.value,
        lostHlc: lose.hlc,
        loser: incomingWins ? 'receiver' : 'incoming',
      });
    }
  }

  if (values.deleted === 1) {
    // A side whose own `deleted` already lost (a restore against a delete) is reported once, above.
    const reported = new Set(conflicts.filter((c) => c.field === 'deleted').map((c) => c.loser));
    for (const c of deleteConflicts(table, receiver, incoming, changed, clock.deleted ?? '')) {
      if (!reported.has(c.loser)) conflicts.push(c);
    }
  }
  const hlc = Object.values(clock).reduce((a, b) => (b > a ? b : a), '');
  return { row: { id: incoming.id, values, clock, hlc }, conflicts, receiverChanged, incomingChanged };
}

/**
 * Which side wins fields that merge as one value: the side whose latest change of any of them is the later
 * (a tie broken by the values, as for one field). Both sides changing any of them since the base, to different
 * values, is one conflict; each of its conflict rows carries the sides' group clocks, so a restore finds them all.
 */
function groupOutcome(
  fields: readonly string[],
  receiver: RowVersion,
  incoming: RowVersion,
  changed: (field: string, hlc: string) => boolean,
): { incomingWins: boolean; conflict: boolean; receiverHlc: string; incomingHlc: string } {
  const latest = (v: RowVersion) =>
    fields.reduce((a, f) => ((v.clock[f] ?? '') > a ? (v.clock[f] ?? '') : a), '');
  const pick = (v: RowVersion) => fields.map((f) => v.values[f] ?? null);
  const receiverHlc = latest(receiver);
  const incomingHlc = latest(incoming);
  const incomingWins =
    incomingHlc > receiverHlc ||
    (incomingHlc === receiverHlc &&
      compareValues(JSON.stringify(pick(incoming)), JSON.stringify(pick(receiver))) > 0);
  const differs = fields.some((f) => (receiver.values[f] ?? null) !== (incoming.values[f] ?? null));
  const edited = (v: RowVersion) => fields.some((f) => changed(f, v.clock[f] ?? ''));
  return {
    incomingWins,
    conflict: differs && edited(receiver) && edited(incoming),
    receiverHlc,
    incomingHlc,
  };
}

/** The side that kept the row alive and edited it since the base, while the other side deleted it. */
function deleteConflicts(
  table: SyncedTable,
  receiver: RowVersion,
  incoming: RowVersion,
  changed: (field: string, hlc: string) => boolean,
  deletedHlc: string,
): FieldConflict[] {
  if (!changed('deleted', deletedHlc)) return [];
  const found: FieldConflict[] = [];
  for (const [side, loser] of [
    [receiver, 'receiver'],
    [incoming, 'incoming'],
  ] as const) {
    if (side.values.deleted === 1) continue;
    const edits = TABLES[table].fields
      .filter((f) => f.name !== 'deleted' && changed(f.name, side.clock[f.name] ?? ''))
      .map((f) => side.clock[f.name] ?? '');
    if (edits.length === 0) continue;
    found.push({
      rowId: incoming.id,
      field: 'deleted',
      keptValue: 1,
      keptHlc: deletedHlc,
      lostValue: 0,
      lostHlc: edits.reduce((a, b) => (b > a ? b : a)),
      loser,
    });
  }
  return found;
}

/** A total order on values, only to break the tie of two different values under one clock. */
function compareValues(a: FieldValue, b: FieldValue): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
