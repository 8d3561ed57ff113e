import { useTranslation } from 'react-i18next';
import type { Kind } from '../api/answers';
import { useTags } from '../api/queries';
import type { FieldProps } from '../use-form';
import { TextField } from './ui';

// How many of the most used tags are offered as one-click buttons under the field.
const OFFERED = 6;

/** The tags as typed, comma-separated, trimmed, without empty pieces or repeats (ignoring case). */
export function tagsOf(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '' && !seen.has(t.toLowerCase()) && Boolean(seen.add(t.toLowerCase())));
}

/** Tags typed comma-separated, and the most used ones as toggle buttons that add or remove themselves. */
export function TagsField({
  kind,
  onText,
  ...field
}: FieldProps & { kind: Kind; onText: (text: string) => void }) {
  const { t } = useTranslation();
  const current = tagsOf(field.value);
  const has = (tag: string) => current.some((t) => t.toLowerCase() === tag.toLowerCase());
  const offered = (useTags(kind).data ?? []).slice(0, OFFERED);
  const toggle = (tag: string) =>
    onText(
      (has(tag) ? current.filter((t) => t.toLowerCase() !== tag.toLowerCase()) : [...current, tag]).join(
        ', ',
      ),
    );
  return (
    <div className="tags-field">
      <TextField
        {...field}
        label={t('fields.tags')}
        hint={t('fields.tagsHint')}
        autoComplete="off"
        data-testid="tx-tags"
      />
      {offered.length > 0 && (
        <div className="tag-offers" role="group" aria-label={t('fields.tagOffers')}>
          {offered.map(({ tag }) => (
            <button
              key={tag}
              type="button"
              className="tag-chip tag-offer"
              aria-pressed={has(tag)}
              onClick={() => toggle(tag)}
            >
              {tag}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** A row's tags as small chips. */
export function TagChips({ tags }: { tags: readonly string[] }) {
  const { t } = useTranslation();
  if (tags.length === 0) return null;
  return (
    <ul className="tag-list" aria-label={t('fields.tagList')}>
      {tags.map((tag) => (
        <li key={tag} className="tag-chip">
          {tag}
        </li>
      ))}
    </ul>
  );
}
