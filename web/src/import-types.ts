import type { ColumnRole } from '../../src/import/csv-columns.js';
import type { DateOrder } from '../../src/import/date-formats.js';

/** The shapes of /api/import answers, as the Import page reads them. */
export interface ImportLayout {
  delimiter: string;
  headerLine: number;
  header: string[];
  mapping: Partial<Record<ColumnRole, number>>;
  dateOrder: DateOrder;
  decimal: '.' | ',';
  invert: boolean;
}

export interface ImportLine {
  line: number;
  id: string;
  kind: 'expense' | 'income';
  date: string;
  amount: number;
  description: string;
  categoryName: string;
  fitid: string | null;
  duplicate: boolean;
}

export interface ImportPreview {
  format: 'csv' | 'ofx';
  encoding: string;
  account: string;
  layout: ImportLayout | null;
  lines: ImportLine[];
  lineCount: number;
  errors: { line: number; reason: string }[];
  added: number;
  duplicates: number;
  importedBefore: ImportBatch[];
}

/** One earlier import of a statement file on this device. */
export interface ImportBatch {
  id: string;
  fileName: string;
  fingerprint: string;
  format: 'csv' | 'ofx';
  importedAt: string;
  added: number;
  duplicates: number;
  skippedBad: number;
}

/** What the user changed of the detected layout; sent as `options` with the file. */
export interface ImportChoices {
  dateFormat?: DateOrder;
  decimal?: '.' | ',';
  invert?: boolean;
  columns?: Partial<Record<ColumnRole, string>>;
}

export interface ImportRule {
  id: string;
  pattern: string;
  categoryId: string;
  categoryName: string;
  kind: 'expense' | 'income';
}
