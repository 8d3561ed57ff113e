import type { RowStatus } from '../domain/accounts.js';
import { MAX_TAGS, normalizeTags, parseTags, serializeTags } from '../domain/tags.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import { requireUsableAccount } from './account-rules.js';
import type { LocalStore } from './local-store.js';
import type { EditOptions } from './reconciled-rows.js';
import { UndoJournal, type UndoOperation } from './undo-journal.js';

/** The most rows one bulk operation changes: a page of a long list, many times over. */
export const MAX_BULK_ROWS = 1000;

/** What to do to every row: any of the changes together, or a delete alone. */
export interface BulkAction {
  readonly categoryId?: string;
  readonly accountId?: string;
  readonly addTags?: readonly string[];
  readonly removeTags?: readonly string[];
  readonly status?: RowStatus;
  readonly delete?: boolean;
}

export interface BulkRequest extends EditOptions {
  readonly kind: 'expense' | 'income';
  readonly ids: readonly string[];
  readonly action: BulkAction;
}

interface TargetRow {
  id: string;
  user_id: string;
  deleted: number;
  status: RowStatus;
  splits: string | null;
  tags: string | null;
  description: string;
  event_date: string;
}

/**
 * One change to many expenses or income rows of one user, in one transaction: every row changes, or none does
 * (an unknown id, another user's row, a split row asked to change category, or a reconciled row without the
 * confirmation refuses the whole operation). What it changed goes to the undo journal as one operation.
 */
export class BulkEditRepository {
  constructor(private readonly store: LocalStore) {}

  apply(userId: string, request: BulkRequest): UndoOperation {
    const { kind, action } = request;
    const ids = [...new Set(request.ids)];
    if (ids.length === 0) throw new ValidationError('ids', 'ids: name at least one row');
    if (ids.length > MAX_BULK_ROWS)
      throw new ValidationError('ids', `ids: at most ${MAX_BULK_ROWS} rows at once (${ids.length} given)`);
    const changes = changeCount(action);
    if (action.delete && changes > 1)
      throw new ValidationError('action', 'action: a delete cannot be combined with other changes');
    if (changes === 0) throw new ValidationError('action', 'action: say what to change');
    const addTags = tagsOf(action.addTags, 'action.addTags');
    const removeTags = new Set(tagsOf(action.removeTags, 'action.removeTags').map((t) => t.toLowerCase()));

    return this.store.transaction(() => {
      const rows = this.rows(userId, kind, ids);
      if (action.categoryId !== undefined) {
        this.requireCategory(userId, kind, action.categoryId);
        const split = rows.find((r) => r.splits !== null);
        if (split)
          throw new ValidationError(
            'ids',
            `ids: the ${kind} of ${split.event_date} (${split.description || split.id}) is split: change the ` +
              'categories of its parts on the row itself, or leave it out; nothing was changed',
          );
      }
      if (action.accountId !== undefined)
        requireUsableAccount(this.store, userId, action.accountId, 'action.account');
      const beyondStatus = changes - (action.status === undefined ? 0 : 1) > 0;
      const reconciled = rows.filter((r) => r.status === 'reconciled');
      if (beyondStatus && reconciled.length > 0 && !request.confirmReconciled) {
        throw new ValidationError(
          'confirmReconciled',
          `${reconciled.length === 1 ? 'one of these rows is' : `${reconciled.length} of these rows are`} ` +
            'reconciled with a bank statement: confirm (confirmReconciled) to change them',
        );
      }
      const table = kind;
      return new UndoJournal(this.store).record(
        userId,
        (count) => labelOf(kind, action, addTags, [...(action.removeTags ?? [])], count, this.names(action)),
        (w) => {
          for (const r of rows) {
            if (action.delete) {
              w.tombstone(table, r.id);
              continue;
            }
            w.update(table, r.id, {
              category_id: action.categoryId,
              account_id: action.accountId,
              status: action.status,
              tags: addTags.length || removeTags.size ? retagged(r, addTags, removeTags) : undefined,
            });
          }
        },
      ).operation;
    });
  }

  /** The live rows of the user with these ids, or one NotFoundError naming every id that is not one. */
  private rows(userId: string, kind: 'expense' | 'income', ids: readonly string[]): TargetRow[] {
    const found = this.store
      .sql(
        `SELECT id, user_id, deleted, status, splits, tags, description, ${kind}_date AS event_date
         FROM ${kind} WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as TargetRow[];
    const live = new Map(found.filter((r) => r.user_id === userId && r.deleted === 0).map((r) => [r.id, r]));
    const missing = ids.filter((id) => !live.has(id));
    if (missing.length > 0) {
      const shown =
        missing.slice(0, 5).join(', ') + (missing.length > 5 ? ` and ${missing.length - 5} more` : '');
      throw new NotFoundError(`ids: no ${kind} with id ${shown}; nothing was changed`);
    }
    return ids.map((id) => live.get(id) as TargetRow);
  }

  private requireCategory(userId: string, kind: 'expense' | 'income', categoryId: string): void {
    const row = this.store
      .sql('SELECT 1 FROM category WHERE id = ? AND user_id = ? AND kind = ? AND deleted = 0')
      .get(categoryId, userId, kind);
    if (!row)
      throw new ValidationError('action.category', `action.category: no ${kind} category ${categoryId}`);
  }

  /** The names of the category and account an action sets, for its label. */
  private names(action: BulkAction): { category?: string; account?: string } {
    const name = (table: 'category' | 'account', id: string | undefined) =>
      id === undefined
        ? undefined
        : (this.store.sql(`SELECT name FROM ${table} WHERE id = ?`).get(id) as { name: string } | undefined)
            ?.name;
    return { category: name('category', action.categoryId), account: name('account', action.accountId) };
  }
}

function changeCount(action: BulkAction): number {
  return [
    action.categoryId,
    action.accountId,
    action.addTags?.length ? action.addTags : undefined,
    action.removeTags?.length ? action.removeTags : undefined,
    action.status,
    action.delete ? true : undefined,
  ].filter((v) => v !== undefined).length;
}

/** Tags a person typed, canonical; a problem names the action's field. */
function tagsOf(tags: readonly string[] | undefined, field: string): string[] {
  try {
    return normalizeTags(tags ?? []);
  } catch (e) {
    if (e instanceof ValidationError) throw new ValidationError(field, `${field}: ${e.reason}`);
    throw e;
  }
}

/** A row's tags with some added and some removed (ignoring case), as stored. */
function retagged(row: TargetRow, add: readonly string[], remove: ReadonlySet<string>): string | null {
  const kept = (parseTags(row.tags) ?? []).filter((t) => !remove.has(t.toLowerCase()));
  const next = [...kept, ...add.filter((t) => !remove.has(t.toLowerCase()))];
  if (new Set(next.map((t) => t.toLowerCase())).size > MAX_TAGS)
    throw new ValidationError(
      'action.addTags',
      `action.addTags: the ${row.event_date} row (${row.description || row.id}) would have more than ${MAX_TAGS} tags`,
    );
  return serializeTags(normalizeTags(next));
}

function labelOf(
  kind: 'expense' | 'income',
  action: BulkAction,
  add: readonly string[],
  remove: readonly string[],
  count: number,
  names: { category?: string; account?: string },
): string {
  const rows = `${count} ${kind === 'expense' ? (count === 1 ? 'expense' : 'expenses') : 'income rows'}`;
  if (action.delete) return `Delete ${rows}`;
  const parts: string[] = [];
  if (action.categoryId !== undefined) parts.push(`category → ${names.category ?? action.categoryId}`);
  if (action.accountId !== undefined) parts.push(`account → ${names.account ?? action.accountId}`);
  if (add.length) parts.push(`add tag ${add.join(', ')}`);
  if (remove.length) parts.push(`remove tag ${remove.join(', ')}`);
  if (action.status !== undefined) parts.push(`status → ${action.status}`);
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} on ${rows}`;
}
