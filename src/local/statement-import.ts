import { mainAccountId } from '../domain/accounts.js';
import { createHash } from 'node:crypto';
import { newId } from '../domain/ids.js';
import type { CategoryKind } from '../domain/schemas.js';
import { ValidationError } from '../domain/validation.js';
import { importedRowId, importKeys } from '../import/import-keys.js';
import { ruleMatcher } from '../import/import-rules.js';
import type { CsvLayout } from '../import/csv-statement.js';
import type { LineError } from '../import/statement.js';
import { readStatement, type ReadOptions } from '../import/statement-reader.js';
import { CategoryRepository } from './category-repository.js';
import { ImportHistory, type ImportBatch } from './import-history.js';
import { ImportRuleRepository } from './import-rule-repository.js';
import { requireUsableAccount } from './account-rules.js';
import type { LocalStore } from './local-store.js';
import { RowWriter } from './row-writer.js';
import { UserRepository } from './user-repository.js';

/** The category of lines no rule matches, one per kind, made on the first import that needs it. */
export const UNCATEGORIZED = 'Uncategorized';
// Descriptions longer than a synced row accepts are cut, not refused: banks pad them with reference numbers.
const MAX_DESCRIPTION = 500;
/** The longest payee a row holds (src/domain/schemas.ts payeeText). */
const MAX_PAYEE = 120;
const PROGRESS_EVERY = 2000;
// Control characters from a bank's file (NUL, escape sequences) would corrupt terminal tables and CSV exports.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]+/g;

export interface ImportRequest {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly options: Omit<ReadOptions, 'currency' | 'fileName'>;
  /** Parse and match, report what would happen, write nothing. */
  readonly dryRun?: boolean;
  /** The pfm account the statement's rows go to; the user's first account when omitted. */
  readonly accountId?: string;
  /** Import the good lines of a file that has bad ones (which are reported); else a bad line refuses all. */
  readonly skipBad?: boolean;
  /** Categories a person chose for some lines (by line number), over what the rules would give. */
  readonly categories?: ReadonlyMap<number, string>;
  readonly onProgress?: (done: number, total: number) => void;
}

/** One parsed line as it would be or was imported. */
export interface ImportedLine {
  readonly line: number;
  readonly id: string;
  readonly kind: CategoryKind;
  readonly date: string;
  /** Positive minor units (the kind says which way the money went). */
  readonly amount: number;
  readonly description: string;
  /** Who was paid or who paid, as the statement names them; null when it does not. */
  readonly payee: string | null;
  readonly categoryName: string;
  readonly fitid: string | null;
  /** Already imported (by this device or, through sync, by another): not added again. */
  readonly duplicate: boolean;
}

export interface ImportResult {
  readonly format: 'csv' | 'ofx';
  readonly encoding: string;
  readonly account: string;
  readonly fingerprint: string;
  readonly layout: CsvLayout | null;
  readonly lines: readonly ImportedLine[];
  readonly errors: readonly LineError[];
  readonly added: number;
  readonly duplicates: number;
  readonly skippedBad: number;
  readonly dryRun: boolean;
  /** The import's record in the history; null for a dry run or when nothing was added. */
  readonly batchId: string | null;
  /** Earlier imports of this very file (same bytes) by this user on this device. */
  readonly importedBefore: readonly ImportBatch[];
}

/** A file with bad lines, refused as a whole: every bad line is named so the user can fix or skip them. */
export class BadLinesError extends ValidationError {
  constructor(
    readonly lines: readonly LineError[],
    fileName: string,
  ) {
    super(
      'file',
      `${lines.length} bad line${lines.length === 1 ? '' : 's'} in ${fileName}; nothing was imported ` +
        `(fix them, or skip them with --skip-bad):\n${lines.map((l) => `  line ${l.line}: ${l.reason}`).join('\n')}`,
    );
  }
}

/**
 * Import a bank statement for a user: parse, key each line, file it by the user's rules, and add the lines
 * not already present, in one transaction. Re-importing a file, or an overlapping one, adds nothing twice,
 * because each row's id derives from its duplicate key (import-keys.ts) and is checked before inserting.
 */
export class StatementImporter {
  private readonly users: UserRepository;
  private readonly categories: CategoryRepository;
  private readonly rules: ImportRuleRepository;
  private readonly history: ImportHistory;
  private readonly writer: RowWriter;

  constructor(private readonly store: LocalStore) {
    this.users = new UserRepository(store);
    this.categories = new CategoryRepository(store);
    this.rules = new ImportRuleRepository(store);
    this.history = new ImportHistory(store);
    this.writer = new RowWriter(store);
  }

  run(userId: string, request: ImportRequest): ImportResult {
    const user = this.users.get(userId);
    const parsed = readStatement(request.bytes, {
      ...request.options,
      currency: user.currency,
      fileName: request.fileName,
    });
    if (parsed.errors.length > 0 && request.skipBad !== true) {
      throw new BadLinesError(parsed.errors, request.fileName);
    }
    if (parsed.lines.length === 0 && parsed.errors.length === 0) {
      throw new ValidationError('file', `${request.fileName} holds no transactions`);
    }
    const fingerprint = createHash('sha256').update(request.bytes).digest('hex');
    // The same lines in statements of two of the user's accounts are two transactions. The first account adds
    // nothing to the key, so rows imported before accounts existed keep theirs.
    const intoOther = request.accountId !== undefined && request.accountId !== mainAccountId(userId);
    const keys = importKeys(
      parsed.lines,
      intoOther ? `${parsed.account}\u001f${request.accountId}` : parsed.account,
    );
    const rule = ruleMatcher(this.rules.list(userId));
    const chosen = this.chosenCategories(userId, parsed.lines, request.categories);
    const match = (line: number, description: string, kind: CategoryKind) =>
      chosen.get(line) ?? rule(description, kind);
    const dryRun = request.dryRun === true;

    return this.store.transaction(() => {
      const exists = {
        expense: this.store.sql('SELECT 1 FROM expense WHERE id = ?'),
        income: this.store.sql('SELECT 1 FROM income WHERE id = ?'),
      };
      const names = new Map(this.categories.list(userId).map((c) => [c.id, c.name]));
      const seen = new Set<string>();
      // The rule's category of each line (null: Uncategorized), beside the lines rather than in them, so the
      // lines are returned as they are: a 100,000-line import makes no second copy of each.
      const categoryIds: (string | null)[] = [];
      const lines = parsed.lines.map((l, i): ImportedLine => {
        const kind: CategoryKind = l.amount < 0 ? 'expense' : 'income';
        const id = importedRowId(userId, keys[i] ?? '');
        const categoryId = match(l.line, l.description, kind);
        categoryIds.push(categoryId);
        // A row deleted after an earlier import is still a duplicate: deleting it must not bring it back.
        const duplicate = seen.has(id) || exists[kind].get(id) !== undefined;
        seen.add(id);
        return {
          line: l.line,
          id,
          kind,
          date: l.date,
          amount: Math.abs(l.amount),
          description: l.description.replace(CONTROL, ' ').slice(0, MAX_DESCRIPTION),
          payee: l.payee ? l.payee.replace(CONTROL, ' ').trim().slice(0, MAX_PAYEE) || null : null,
          categoryName: (categoryId && names.get(categoryId)) ?? UNCATEGORIZED,
          fitid: l.fitid ?? null,
          duplicate,
        };
      });
      const fresh = lines.flatMap((l, i) => (l.duplicate ? [] : [i]));
      const result = {
        format: parsed.format,
        encoding: parsed.encoding,
        account: parsed.account,
        fingerprint,
        layout: parsed.layout ?? null,
        errors: parsed.errors,
        added: fresh.length,
        duplicates: lines.length - fresh.length,
        skippedBad: parsed.errors.length,
        dryRun,
        importedBefore: this.history.ofFile(userId, fingerprint),
      };
      if (dryRun || fresh.length === 0) return { ...result, lines, batchId: null };

      const batchId = newId();
      this.store
        .sql(
          `INSERT INTO import_batch (id, user_id, file_name, fingerprint, format, imported_at, added, duplicates,
             skipped_bad) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          batchId,
          userId,
          request.fileName,
          fingerprint,
          parsed.format,
          this.store.now().toISOString(),
          result.added,
          result.duplicates,
          result.skippedBad,
        );
      const source = this.store.sql(
        `INSERT INTO import_source (row_id, row_table, user_id, batch_id, line, fitid, import_key)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      const fallback = new Map<CategoryKind, string>();
      const uncategorized = (kind: CategoryKind) => {
        let id = fallback.get(kind);
        if (id === undefined) fallback.set(kind, (id = this.uncategorized(userId, kind)));
        return id;
      };
      const accountId = request.accountId ?? mainAccountId(userId);
      requireUsableAccount(this.store, userId, accountId, 'account');
      const insert = { expense: this.writer.inserter('expense'), income: this.writer.inserter('income') };
      fresh.forEach((i, n) => {
        const l = lines[i];
        if (!l) return;
        insert[l.kind](l.id, {
          user_id: userId,
          category_id: categoryIds[i] ?? uncategorized(l.kind),
          amount: l.amount,
          [l.kind === 'expense' ? 'expense_date' : 'income_date']: l.date,
          description: l.description,
          payee: l.payee,
          account_id: accountId,
          status: 'uncleared',
        });
        source.run(l.id, l.kind, userId, batchId, l.line, l.fitid, keys[i] ?? '');
        if (n % PROGRESS_EVERY === 0) request.onProgress?.(n, fresh.length);
      });
      request.onProgress?.(fresh.length, fresh.length);
      return { ...result, lines, batchId };
    });
  }

  /**
   * The categories chosen for lines, checked: each names a line of the file and a live category of the
   * user of that line's kind; else one ValidationError naming `categories`.
   */
  private chosenCategories(
    userId: string,
    lines: readonly { readonly line: number; readonly amount: number }[],
    categories: ReadonlyMap<number, string> | undefined,
  ): ReadonlyMap<number, string> {
    if (!categories || categories.size === 0) return new Map();
    const kinds = new Map(lines.map((l) => [l.line, l.amount < 0 ? 'expense' : 'income'] as const));
    const live = new Map(this.categories.list(userId).map((c) => [c.id, c]));
    for (const [line, categoryId] of categories) {
      const kind = kinds.get(line);
      if (!kind)
        throw new ValidationError('categories', `categories: line ${line} is not a transaction of this file`);
      const category = live.get(categoryId);
      if (!category || category.deleted)
        throw new ValidationError(
          'categories',
          `categories: line ${line} names no category of yours (${categoryId})`,
        );
      if (category.kind !== kind)
        throw new ValidationError(
          'categories',
          `categories: line ${line} is ${kind === 'expense' ? 'an expense' : 'income'}, but "${category.name}" is an ${category.kind} category`,
        );
    }
    return categories;
  }

  /** The user's live "Uncategorized" category of a kind, created on the first import that needs it. */
  private uncategorized(userId: string, kind: CategoryKind): string {
    // create() derives its id from the name, so devices that both create it offline converge on one category.
    return (
      this.categories.find(userId, UNCATEGORIZED, kind)?.id ??
      this.categories.create(userId, UNCATEGORIZED, kind).id
    );
  }
}
