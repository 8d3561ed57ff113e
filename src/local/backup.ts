import { withAccountFields } from '../domain/rows-before-accounts.js';
import { z } from 'zod';
import { validateSyncRow } from '../domain/row-validation.js';
import {
  SYNCED_TABLES,
  TABLES,
  ownerColumn,
  type FieldValue,
  type SyncRow,
  type SyncedTable,
} from '../domain/tables.js';
import { ValidationError } from '../domain/validation.js';
import type { LocalStore } from './local-store.js';

export const BACKUP_FORMAT = 'pfm-backup';
export const BACKUP_VERSION = 1;

/**
 * Everything of one user on this device: every synced row with its clocks, tombstones included, and the
 * device-local import rules and import history. Rows keep their ids and clocks, so a restored device and the
 * central store agree on what each row is; a tombstone kept in the backup stops a deleted row from coming back
 * when another device still has the live copy.
 */
export interface Backup {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: typeof BACKUP_VERSION;
  readonly userId: string;
  readonly tables: Readonly<Record<SyncedTable, readonly SyncRow[]>>;
  readonly importRules: readonly Record<string, FieldValue>[];
  readonly importBatches: readonly Record<string, FieldValue>[];
  readonly importSources: readonly Record<string, FieldValue>[];
  readonly importAccounts: readonly Record<string, FieldValue>[];
}

// Device-local tables of the backup, with their columns in order; the owner column is user_id in each.
const LOCAL_TABLES = {
  importRules: { table: 'import_rule', columns: ['id', 'pattern', 'category_id', 'position', 'created_at'] },
  importBatches: {
    table: 'import_batch',
    columns: [
      'id',
      'file_name',
      'fingerprint',
      'format',
      'imported_at',
      'added',
      'duplicates',
      'skipped_bad',
    ],
  },
  importSources: {
    table: 'import_source',
    columns: ['row_id', 'row_table', 'batch_id', 'line', 'fitid', 'import_key'],
  },
  // Which pfm account each bank account an OFX file names goes to.
  importAccounts: { table: 'import_account', columns: ['source_account', 'account_id'] },
} as const;
type LocalPart = keyof typeof LOCAL_TABLES;
const LOCAL_PARTS = Object.keys(LOCAL_TABLES) as LocalPart[];

const fieldValue = z.union([z.string(), z.number(), z.null()]);
const localRows = z.array(z.record(z.string(), fieldValue));
const syncRows = z.array(
  z.object({
    id: z.string(),
    values: z.record(z.string(), fieldValue),
    hlc: z.string(),
    clock: z.record(z.string(), z.string()),
    modifiedAt: z.string(),
  }),
);
const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `the file is not a pfm backup (format "${BACKUP_FORMAT}")` }),
  version: z.literal(BACKUP_VERSION, { error: `this pfm reads backups of version ${BACKUP_VERSION}` }),
  userId: z.string(),
  tables: z.object({
    app_user: syncRows,
    category: syncRows,
    // Backups written before accounts existed have none (their rows are upgraded on restore).
    account: syncRows.default([]),
    savings_goal: syncRows,
    expense: syncRows,
    income: syncRows,
    transfer: syncRows.default([]),
    // Backups written before schedules have none.
    schedule: syncRows.default([]),
    budget: syncRows,
    goal_contribution: syncRows,
    // Backups written before conflicts were synced have none.
    sync_conflict: syncRows.default([]),
  } satisfies Record<SyncedTable, z.ZodType<z.output<typeof syncRows>, unknown>>),
  importRules: localRows,
  importBatches: localRows,
  importSources: localRows,
  // Backups written before accounts have none.
  importAccounts: localRows.default([]),
});

/** Take one user's backup. Rows are in id order, so two backups of the same data are byte-identical. */
export function takeBackup(store: LocalStore, userId: string): Backup {
  return store.transaction(() => {
    const tables = Object.fromEntries(
      SYNCED_TABLES.map((table) => {
        const fields = TABLES[table].fields.map((f) => f.name);
        const rows = store
          .sql(`SELECT * FROM ${table} WHERE ${ownerColumn(table)} = ? ORDER BY id`)
          .all(userId) as Record<string, FieldValue>[];
        return [
          table,
          rows.map((r): SyncRow => ({
            id: String(r.id),
            values: Object.fromEntries(fields.map((f) => [f, r[f] ?? null])),
            hlc: String(r.hlc),
            clock: JSON.parse(String(r.clock)) as Record<string, string>,
            modifiedAt: String(r.modified_at),
          })),
        ];
      }),
    ) as Record<SyncedTable, SyncRow[]>;
    const local = Object.fromEntries(
      LOCAL_PARTS.map((part) => {
        const { table, columns } = LOCAL_TABLES[part];
        const rows = store
          .sql(`SELECT ${columns.join(', ')} FROM ${table} WHERE user_id = ? ORDER BY ${columns[0]}`)
          .all(userId) as Record<string, FieldValue>[];
        return [part, rows];
      }),
    ) as Record<LocalPart, Record<string, FieldValue>[]>;
    return { format: BACKUP_FORMAT, version: BACKUP_VERSION, userId, tables, ...local };
  });
}

/** The number of rows restored, per synced table. */
export type RestoreCounts = Readonly<Record<SyncedTable, number>>;

/**
 * Load a backup into an empty device, in one transaction. Every row is checked as strictly as a row arriving
 * by sync. Rows keep their clocks and are marked changed, with this device's agreement with the central store
 * set at their own clock: the next sync pushes them (a central store rebuilt from nothing gets them all back),
 * and where the central store already holds newer edits those simply win, with no false conflicts.
 */
export function restoreBackup(store: LocalStore, input: unknown): RestoreCounts {
  const result = backupSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.map(String).join('.') ?? '';
    throw new ValidationError(
      'backup',
      `the backup is not valid: ${where ? `${where}: ` : ''}${issue?.message}`,
    );
  }
  const backup = result.data;
  try {
    return load(store, backup);
  } catch (e) {
    // A backup edited by hand can name a category or an import batch it does not hold, or one id twice.
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
      throw new ValidationError(
        'backup',
        `the backup is not consistent: ${(e as Error).message}; nothing was restored`,
      );
    }
    throw e;
  }
}

function load(store: LocalStore, backup: z.output<typeof backupSchema>): RestoreCounts {
  return store.transaction(() => {
    const present = store.sql('SELECT name FROM app_user LIMIT 1').get() as { name: string } | undefined;
    if (present) {
      throw new ValidationError(
        'device',
        `this device already holds data (user ${present.name}): restore into an empty device (a new --data folder)`,
      );
    }
    let latest = '';
    const counts = {} as Record<SyncedTable, number>;
    // A backup taken before accounts existed restores as today's rows (domain/rows-before-accounts.ts).
    const tables = withAccountFields(backup.userId, backup.tables);
    for (const table of SYNCED_TABLES) {
      const fields = TABLES[table].fields.map((f) => f.name);
      const columns = ['id', ...fields, 'hlc', 'clock', 'modified_at', 'is_synced', 'base_hlc', 'base_clock'];
      const insert = store.sql(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      for (const row of tables[table]) {
        validateSyncRow(table, backup.userId, row);
        insert.run(
          row.id,
          ...fields.map((f) => row.values[f] ?? null),
          row.hlc,
          JSON.stringify(row.clock),
          row.modifiedAt,
          0,
          row.hlc,
          JSON.stringify(row.clock),
        );
        if (row.hlc > latest) latest = row.hlc;
      }
      counts[table] = tables[table].length;
    }
    if (counts.app_user !== 1) throw new ValidationError('backup', 'the backup must hold exactly one user');
    for (const part of LOCAL_PARTS) {
      const { table, columns } = LOCAL_TABLES[part];
      const all = ['user_id', ...columns];
      const insert = store.sql(
        `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`,
      );
      for (const row of backup[part]) insert.run(backup.userId, ...columns.map((c) => row[c] ?? null));
    }
    // This device's next change must be newer than anything in the backup, or it could lose to an old value.
    if (latest) store.observeHlc(latest);
    return counts;
  });
}
