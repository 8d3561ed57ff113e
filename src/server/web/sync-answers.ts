import { z } from 'zod';
import { DATA_TABLES } from '../../domain/tables.js';
import type { SyncConflict } from '../../local/conflict-repository.js';
import type { SyncLogEntry } from '../../local/sync-log-repository.js';
import { count, list, text } from './answer-schemas.js';
import type { SameFields } from './same-fields.js';

// The sync log's and the conflicts' answers, after src/local/sync-log-repository.ts and conflict-repository.ts.

const logEntry = z.object({
  id: count,
  userId: text,
  startTime: text,
  endTime: text.nullable(),
  recordsSynced: count,
  status: z.enum(['Running', 'Success', 'Failed', 'Partial']),
  errorMessage: text.nullable(),
  syncType: z.enum(['Manual', 'Automatic']),
  pushed: count,
  pulled: count,
  conflicts: count,
  remote: text.nullable().describe('the central store synced with, without its password'),
  durationSeconds: z.number().nullable().describe('null while running'),
});

const fieldValue = z.union([z.string(), z.number(), z.null()]);

const conflict = z.object({
  id: text,
  userId: text,
  table: z.enum(DATA_TABLES),
  rowId: text,
  field: text,
  keptValue: fieldValue,
  keptHlc: text,
  lostValue: fieldValue,
  lostHlc: text,
  lostSide: z
    .enum(['local', 'central'])
    .describe("whose value lost: this device's own, or one from elsewhere"),
  lostDevice: text.describe('the device that wrote the losing value'),
  detectedAt: text,
  resolvedAt: text.nullable(),
  resolution: z.enum(['restored', 'dismissed']).nullable(),
  subject: z
    .object({ date: text.nullable(), amount: z.number().int().nullable(), text })
    .nullable()
    .describe(
      'the row it is about, as it is now (day, amount in minor units, name or note); null when it is not on this device',
    ),
});

export const syncAnswers = {
  log: z.object({ items: list(logEntry) }),
  conflicts: z.object({ items: list(conflict) }),
  conflict: z.object({ conflict }),
};

export const sameFields: [
  SameFields<typeof logEntry, SyncLogEntry>,
  SameFields<typeof conflict, SyncConflict>,
] = [true, true];
