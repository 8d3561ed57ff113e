/**
 * Free tags on expenses and income. A row's tags are one stored value: a JSON array, trimmed, unique ignoring
 * case (the first spelling stays), sorted ignoring case; no tags is null. Pure: no I/O.
 */
import { ValidationError } from './validation.js';

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

/** The canonical list of what a person typed; throws one ValidationError naming `tags`. */
export function normalizeTags(input: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of input) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    if (tag === '') throw new ValidationError('tags', 'a tag cannot be empty');
    if (tag.length > MAX_TAG_LENGTH) {
      throw new ValidationError(
        'tags',
        `a tag may be at most ${MAX_TAG_LENGTH} characters: "${tag.slice(0, 20)}…"`,
      );
    }
    if (tag.includes(',')) throw new ValidationError('tags', `a tag cannot contain a comma: "${tag}"`);
    const key = tag.toLowerCase();
    if (!seen.has(key)) seen.set(key, tag);
  }
  if (seen.size > MAX_TAGS) throw new ValidationError('tags', `a row may have at most ${MAX_TAGS} tags`);
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, tag]) => tag);
}

/** The stored form of a canonical list: null for none. */
export function serializeTags(tags: readonly string[]): string | null {
  return tags.length === 0 ? null : JSON.stringify(tags);
}

/** The tags of a stored value ([] for null), or null when it is not a canonical list. */
export function parseTags(text: string | null): string[] | null {
  if (text === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((t) => typeof t === 'string'))
    return null;
  try {
    const canonical = normalizeTags(parsed as string[]);
    return JSON.stringify(canonical) === text ? canonical : null;
  } catch {
    return null;
  }
}

/** Tags typed as one line, separated by commas ("food, holiday"). */
export function tagsFromText(text: string): string[] {
  return normalizeTags(
    text
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
  );
}
