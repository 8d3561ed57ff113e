import { useTranslation } from 'react-i18next';
import { useState, type FormEvent } from 'react';
import type { Category } from '../../../../src/domain/entities.js';
import { useApiMutation } from '../../api/use-api-mutation';
import { Icon } from '../../components/Icon';
import { Button, TextField } from '../../components/ui';
import { toFieldErrors } from '../../forms';
import { useUndoToast } from '../../app/use-undo-toast';

const ROW_ACTIONS = [
  { mode: 'edit', verb: 'rename', icon: 'edit' },
  { mode: 'delete', verb: 'delete', icon: 'trash' },
] as const;

/** A category with rename and delete in place. */
export function CategoryRow({ category }: { category: Category }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [name, setName] = useState(category.name);
  const [error, setError] = useState<string | undefined>();
  const rename = useApiMutation({
    mutationFn: (api, newName: string) => api.patch(`/api/categories/${category.id}`, { name: newName }),
    success: (_, newName) => t('categories.renamed', { name: newName }),
    onSuccess: () => {
      setMode('view');
      setError(undefined);
    },
    onError: (e) => {
      const found = toFieldErrors(e, ['name']);
      setError(found['name'] ?? found['_form']);
    },
  });
  const undoToast = useUndoToast();
  const remove = useApiMutation({
    mutationFn: (api) => api.delUndoable(`/api/categories/${category.id}`),
    onSuccess: (undo) => undoToast(t('accounts.deleted', { name: category.name }), undo),
    onError: (e) => setError(toFieldErrors(e, [])['_form']),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError(t('categories.enterName'));
    rename.run(name.trim());
  }

  if (mode === 'edit')
    return (
      <li className="category-row editing">
        <form className="inline-form compact" onSubmit={submit} noValidate>
          <TextField
            label={t('categories.rename', { name: category.name })}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={error}
            autoFocus
          />
          <Button type="submit" variant="primary" busy={rename.busy}>
            {t('common.save')}
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              setMode('view');
              setName(category.name);
              setError(undefined);
            }}
          >
            {t('common.cancel')}
          </Button>
        </form>
      </li>
    );
  return (
    <li className="category-row" data-testid="category-row">
      <span className="category-dot" aria-hidden="true">
        {category.name.slice(0, 1).toUpperCase()}
      </span>
      <span className="category-name">{category.name}</span>
      {mode === 'delete' ? (
        <span className="confirm-inline">
          <span className="muted small">{t('categories.entriesKeep')}</span>
          <Button variant="danger" onClick={() => remove.run()} busy={remove.busy}>
            {t('common.delete')}
          </Button>
          <Button variant="ghost" onClick={() => setMode('view')}>
            {t('common.keep')}
          </Button>
        </span>
      ) : (
        <span className="row-actions">
          {ROW_ACTIONS.map(({ mode: next, verb, icon }) => (
            <button
              key={next}
              type="button"
              className="icon-btn"
              aria-label={t(`categories.${verb}`, { name: category.name })}
              onClick={() => setMode(next)}
            >
              <Icon name={icon} size={18} />
            </button>
          ))}
        </span>
      )}
      {error && mode !== 'view' && <p className="field-error">{error}</p>}
    </li>
  );
}
