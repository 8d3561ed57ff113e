import type { Account } from '../../../src/domain/entities.js';

/** An account a row names that is not among `accounts` (archived or deleted since), so the select can show it. */
export interface NamedAccount {
  readonly id: string;
  readonly name: string;
}

/**
 * The `<option>`s of a select of accounts, valued by id; archived ones are left to the caller. `keep` adds the
 * accounts an edited row names that the list leaves out, so editing it does not move it by accident.
 */
export function AccountOptions({
  accounts,
  keep = [],
}: {
  accounts: readonly Account[];
  keep?: readonly NamedAccount[];
}) {
  const missing = keep.filter((k) => !accounts.some((a) => a.id === k.id));
  return (
    <>
      {missing.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
        </option>
      ))}
      {accounts.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
          {a.archived ? ' (archived)' : ''}
        </option>
      ))}
    </>
  );
}
