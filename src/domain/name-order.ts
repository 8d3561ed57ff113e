/**
 * Report order for rows sorted in TypeScript: name case-insensitively, then id. Every store's rows are
 * sorted by this one function, so no database's collation decides the order.
 */
export function byNameThenId(a: { name: string; id: string }, b: { name: string; id: string }): number {
  const byName = a.name.toLowerCase().localeCompare(b.name.toLowerCase(), 'en');
  return byName !== 0 ? byName : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
