import { useState, type FormEvent } from 'react';
import type { Category } from '../../../../src/domain/entities.js';
import { useApiMutation } from '../../api/use-api-mutation';
import { Icon } from '../../components/Icon';
import { Button, TextField } from '../../components/ui';
import { toFieldErrors } from '../../forms';
import { useUndoToast } from '../../app/use-undo-toast';

const ROW_ACTIONS = [
  { mode: 'edit', verb: 'Rename', icon: 'edit' },
  { mode: 'delete', verb: 'Delete', icon: 'trash' },
] as const;

/** A category with rename and delete in place. */
export function CategoryRow({ category }: { category: Category }) {
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [name, setName] = useState(category.name);
  const [error, setError] = useState<string | undefined>();
  const rename = useApiMutation({
    mutationFn: (api, newName: string) => api.patch(`/api/categories/${category.id}`, { name: newName }),
    success: (_, newName) => `Renamed to ${newName}`,
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
    onSuccess: (undo) => undoToast(`Deleted ${category.name}`, undo),
    onError: (e) => setError(toFieldErrors(e, [])['_form']),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError('Enter a name');
    rename.run(name.trim());
  }

  if (mode === 'edit')
    return (
      <li className="category-row editing">
        <form className="inline-form compact" onSubmit={submit} noValidate>
          <TextField
            label={`Rename ${category.name}`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={error}
            autoFocus
          />
          <Button type="submit" variant="primary" busy={rename.busy}>
            Save
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              setMode('view');
              setName(category.name);
              setError(undefined);
            }}
          >
            Cancel
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
          <span className="muted small">Entries keep it, marked deleted.</span>
          <Button variant="danger" onClick={() => remove.run()} busy={remove.busy}>
            Delete
          </Button>
          <Button variant="ghost" onClick={() => setMode('view')}>
            Keep
          </Button>
        </span>
      ) : (
        <span className="row-actions">
          {ROW_ACTIONS.map(({ mode: next, verb, icon }) => (
            <button
              key={next}
              type="button"
              className="icon-btn"
              aria-label={`${verb} ${category.name}`}
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
