import type { Account } from '../../../src/domain/entities.js';

/** The `<option>`s of a select of accounts, valued by id; archived ones are left to the caller. */
export function AccountOptions({ accounts }: { accounts: readonly Account[] }) {
  return (
    <>
      {accounts.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
          {a.archived ? ' (archived)' : ''}
        </option>
      ))}
    </>
  );
}
