import type { User } from '../domain/entities.js';
import { categoryIdFor, userIdFor } from '../domain/ids.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import type { LocalStore } from './local-store.js';
import { AccountRepository } from './account-repository.js';
import { RowWriter } from './row-writer.js';

interface UserRow {
  id: string;
  name: string;
  currency: string;
  locale: string;
  password_hash: string | null;
  created_at: string;
}

/** Categories every new user starts with; their ids derive from the name, so every device agrees on them. */
export const DEFAULT_CATEGORIES = {
  expense: ['Food', 'Housing', 'Transport', 'Utilities', 'Health', 'Entertainment', 'Shopping', 'Other'],
  income: ['Salary', 'Freelance', 'Investments', 'Other income'],
} as const;

export interface NewUser {
  readonly name: string;
  readonly currency: string;
  readonly locale: string;
  readonly passwordHash?: string | null;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  name: r.name,
  currency: r.currency,
  locale: r.locale,
  createdAt: r.created_at,
  hasPassword: r.password_hash !== null,
});

export class UserRepository {
  private readonly writer: RowWriter;
  constructor(private readonly store: LocalStore) {
    this.writer = new RowWriter(store);
  }

  /** A new user with the default categories. User names are unique (case-insensitively) across devices. */
  create(input: NewUser): User {
    const id = userIdFor(input.name);
    return this.store.transaction(() => {
      if (this.store.sql('SELECT 1 FROM app_user WHERE id = ?').get(id)) {
        throw new ValidationError('name', `a user named "${input.name}" already exists`);
      }
      this.writer.insert('app_user', id, {
        name: input.name,
        currency: input.currency,
        locale: input.locale,
        password_hash: input.passwordHash ?? null,
        created_at: this.store.now().toISOString(),
      });
      for (const kind of ['expense', 'income'] as const) {
        for (const name of DEFAULT_CATEGORIES[kind]) {
          this.writer.insert('category', categoryIdFor(id, kind, name), { user_id: id, name, kind });
        }
      }
      new AccountRepository(this.store).createMain(id);
      return this.get(id);
    });
  }

  get(id: string): User {
    const row = this.store.sql('SELECT * FROM app_user WHERE id = ? AND deleted = 0').get(id) as
      UserRow | undefined;
    if (!row) throw new NotFoundError(`no user with id ${id}`);
    return toUser(row);
  }

  /** A user by name (case-insensitive) or id, or a NotFoundError naming what was asked for. */
  resolve(nameOrId: string): User {
    const row = this.store
      .sql('SELECT * FROM app_user WHERE (id = ? OR id = ?) AND deleted = 0')
      .get(userIdFor(nameOrId), nameOrId.trim()) as UserRow | undefined;
    if (!row) throw new NotFoundError(`no user named "${nameOrId}" on this device`);
    return toUser(row);
  }

  list(): User[] {
    return (this.store.sql('SELECT * FROM app_user WHERE deleted = 0 ORDER BY name').all() as UserRow[]).map(
      toUser,
    );
  }

  passwordHash(id: string): string | null {
    const row = this.store.sql('SELECT password_hash FROM app_user WHERE id = ?').get(id) as
      { password_hash: string | null } | undefined;
    return row?.password_hash ?? null;
  }

  /** The language and region the user reads pfm in (a BCP 47 tag); synced like the user's other fields. */
  setLocale(id: string, locale: string): User {
    this.get(id);
    this.writer.update('app_user', id, { locale });
    return this.get(id);
  }

  setPasswordHash(id: string, hash: string): void {
    this.writer.update('app_user', id, { password_hash: hash });
  }
}
