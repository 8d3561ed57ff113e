import type { CliContext } from './cli-context.js';

/** A category's name as lists show it: a deleted one is marked, since its entries and budgets still count. */
export function categoryLabel(name: string, deleted: boolean): string {
  return deleted ? `${name} (deleted)` : name;
}

/** Labels by category id for one user, for rows (budgets) that carry only the category's id and name. */
export function categoryLabeller(
  ctx: CliContext,
  userId: string,
): (categoryId: string, name: string) => string {
  const deleted = new Set(
    ctx.categories
      .list(userId, undefined, true)
      .filter((c) => c.deleted)
      .map((c) => c.id),
  );
  return (categoryId, name) => categoryLabel(name, deleted.has(categoryId));
}
