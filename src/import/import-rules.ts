import type { CategoryKind } from '../domain/schemas.js';

/** "Description contains `pattern` -> category": the user's rules, tried in order, the first match wins. */
export interface ImportRule {
  readonly id: string;
  readonly pattern: string;
  readonly categoryId: string;
  readonly categoryName: string;
  readonly kind: CategoryKind;
  readonly position: number;
}

/** Case and accents do not matter: "CAFÉ" matches a rule for "cafe". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * A matcher over the rules, folded once: a 100,000-line import calls it per line. A rule only applies to
 * lines of its category's kind (a grocery rule never files a refund as an expense).
 */
export function ruleMatcher(
  rules: readonly ImportRule[],
): (description: string, kind: CategoryKind) => string | null {
  const folded = [...rules]
    .sort((a, b) => a.position - b.position)
    .map((r) => ({ needle: foldText(r.pattern), kind: r.kind, categoryId: r.categoryId }));
  return (description, kind) => {
    const hay = foldText(description);
    return folded.find((r) => r.kind === kind && hay.includes(r.needle))?.categoryId ?? null;
  };
}
