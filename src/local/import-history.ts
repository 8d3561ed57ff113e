import type { LocalStore } from './local-store.js';

/** One import of a statement file on this device: what came in and what was already there. */
export interface ImportBatch {
  readonly id: string;
  readonly fileName: string;
  /** SHA-256 of the file's bytes. */
  readonly fingerprint: string;
  readonly format: 'csv' | 'ofx';
  readonly importedAt: string;
  readonly added: number;
  readonly duplicates: number;
  readonly skippedBad: number;
}

interface BatchRow {
  id: string;
  file_name: string;
  fingerprint: string;
  format: 'csv' | 'ofx';
  imported_at: string;
  added: number;
  duplicates: number;
  skipped_bad: number;
}

const toBatch = (r: BatchRow): ImportBatch => ({
  id: r.id,
  fileName: r.file_name,
  fingerprint: r.fingerprint,
  format: r.format,
  importedAt: r.imported_at,
  added: r.added,
  duplicates: r.duplicates,
  skippedBad: r.skipped_bad,
});

/** The user's imports on this device, newest first (imports that added nothing leave no record). */
export class ImportHistory {
  constructor(private readonly store: LocalStore) {}

  list(userId: string, limit = 100): ImportBatch[] {
    const rows = this.store
      .sql('SELECT * FROM import_batch WHERE user_id = ? ORDER BY imported_at DESC, id DESC LIMIT ?')
      .all(userId, limit) as BatchRow[];
    return rows.map(toBatch);
  }

  /** Earlier imports of exactly this file (same bytes), so the user can be told before anything is added. */
  ofFile(userId: string, fingerprint: string): ImportBatch[] {
    const rows = this.store
      .sql('SELECT * FROM import_batch WHERE user_id = ? AND fingerprint = ? ORDER BY imported_at, id')
      .all(userId, fingerprint) as BatchRow[];
    return rows.map(toBatch);
  }
}
