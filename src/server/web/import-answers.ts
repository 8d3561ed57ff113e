import { z } from 'zod';
import { categoryKind } from '../../domain/schemas.js';
import { COLUMN_ROLES, type ColumnRole } from '../../import/csv-columns.js';
import type { CsvLayout } from '../../import/csv-statement.js';
import type { ImportRule } from '../../import/import-rules.js';
import type { LineError } from '../../import/statement.js';
import type { ImportBatch } from '../../local/import-history.js';
import type { ImportedLine, ImportResult } from '../../local/statement-import.js';
import { apiErrorSchema } from '../http-errors.js';
import { count, list, minor, text } from './answer-schemas.js';
import type { SameFields } from './same-fields.js';

// The statement import's answers, after src/local/statement-import.ts and the types it uses.

const format = z.enum(['csv', 'ofx']);

const batch = z.object({
  id: text,
  fileName: text,
  fingerprint: text.describe("SHA-256 of the file's bytes"),
  format,
  importedAt: text,
  added: count,
  duplicates: count,
  skippedBad: count,
});

const layout = z.object({
  delimiter: text,
  headerLine: count.describe('1-based line of the header row; 0 for a file without one'),
  header: list(text),
  mapping: z
    .partialRecord(z.enum(COLUMN_ROLES as [ColumnRole, ...ColumnRole[]]), count)
    .describe('the 0-based column of each role the file has'),
  dateOrder: z.enum(['ymd', 'dmy', 'mdy']),
  decimal: z.enum(['.', ',']),
  invert: z.boolean(),
});

const line = z.object({
  line: count,
  id: text,
  kind: categoryKind,
  date: text,
  amount: minor.describe('positive: the kind says which way the money went'),
  description: text,
  payee: text.nullable().describe("the statement's payee or counterparty, when it names one"),
  categoryName: text,
  fitid: text.nullable(),
  duplicate: z.boolean().describe('imported before: not added again'),
});

const lineError = z.object({ line: count, reason: text });

/** What an import did (or, for a preview, would do), without its lines. */
const summary = z.object({
  format,
  encoding: text,
  account: text,
  fingerprint: text,
  layout: layout.nullable(),
  errors: list(lineError),
  added: count,
  duplicates: count,
  skippedBad: count,
  dryRun: z.boolean(),
  batchId: text.nullable(),
  importedBefore: list(batch),
});
const result = summary.extend({ lines: list(line) });

const rule = z.object({
  id: text,
  pattern: text,
  categoryId: text,
  categoryName: text,
  kind: categoryKind,
  position: count,
});

export const importAnswers = {
  preview: z.object({
    preview: result.extend({
      lines: list(line).describe('the first lines only'),
      lineCount: count.describe('lines in the whole file'),
    }),
  }),
  import: z.object({ import: summary }),
  badLines: apiErrorSchema.extend({ lines: list(lineError) }),
  history: z.object({ items: list(batch) }),
  rules: z.object({ items: list(rule) }),
  rule: z.object({ rule }),
};

export const sameFields: [
  SameFields<typeof batch, ImportBatch>,
  SameFields<typeof layout, CsvLayout>,
  SameFields<typeof line, ImportedLine>,
  SameFields<typeof lineError, LineError>,
  SameFields<typeof result, ImportResult>,
  SameFields<typeof rule, ImportRule>,
] = [true, true, true, true, true, true];
