import type { Category } from '../../../src/domain/entities.js';

/** A select's options, one a category, its name as the value; a deleted category says so. */
export function CategoryOptions({ categories }: { categories: readonly Category[] }) {
  return (
    <>
      {categories.map((c) => (
        <option key={c.id} value={c.name}>
          {c.name}
          {c.deleted ? ' (deleted)' : ''}
        </option>
      ))}
    </>
  );
}
