import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useApp } from '../context';
import { Icon } from '../components/Icon';
import {
  Alert,
  Button,
  Card,
  EmptyState,
  ErrorNote,
  Loading,
  PageHeader,
  SelectField,
  TextField,
} from '../components/ui';
import { itemsOf } from '../components/TransactionForm';
import { toFieldErrors, type FieldErrors } from '../forms';
import { useResource } from '../hooks';
import type { Category, Items, Kind } from '../types';

export function CategoriesPage() {
  const { toast } = useApp();
  const list = useResource<Items<Category> | Category[]>('/api/categories');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('expense');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const all = itemsOf(list.data);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ name: 'Enter a name for the category' });
      return;
    }
    setBusy(true);
    try {
      await api.post('/api/categories', { name: name.trim(), kind });
      toast(`Added ${name.trim()}`);
      setName('');
      setErrors({});
      list.reload();
    } catch (e) {
      setErrors(toFieldErrors(e, ['name', 'kind']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page" data-testid="page-categories">
      <PageHeader title="Categories" subtitle="Group your spending and income the way you think about it." />
      <Card title="New category">
        <form className="inline-form" onSubmit={add} noValidate>
          {errors['_form'] && <Alert tone="error">{errors['_form']}</Alert>}
          <TextField
            label="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors['name']}
            placeholder="e.g. Groceries"
            data-testid="category-name"
          />
          <SelectField
            label="Kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
            error={errors['kind']}
            data-testid="category-kind"
          >
            <option value="expense">Expense</option>
            <option value="income">Income</option>
          </SelectField>
          <Button type="submit" variant="primary" icon="plus" busy={busy} data-testid="category-add">
            Add
          </Button>
        </form>
      </Card>
      {list.error && <ErrorNote error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error ? (
        <Loading />
      ) : (
        <div className="grid-2">
          {(['expense', 'income'] as const).map((k) => (
            <Card
              key={k}
              title={k === 'expense' ? 'Expense categories' : 'Income categories'}
              data-testid={`categories-${k}`}
            >
              <CategoryList
                categories={all.filter((c) => c.kind === k && !c.deleted)}
                onChanged={list.reload}
              />
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}

function CategoryList({ categories, onChanged }: { categories: Category[]; onChanged: () => void }) {
  if (categories.length === 0) return <EmptyState icon="categories" title="None yet" />;
  return (
    <ul className="category-list">
      {[...categories]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((c) => (
          <CategoryRow key={c.id} category={c} onChanged={onChanged} />
        ))}
    </ul>
  );
}

function CategoryRow({ category, onChanged }: { category: Category; onChanged: () => void }) {
  const { toast } = useApp();
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [name, setName] = useState(category.name);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function rename(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError('Enter a name');
    setBusy(true);
    try {
      await api.patch(`/api/categories/${category.id}`, { name: name.trim() });
      toast(`Renamed to ${name.trim()}`);
      setMode('view');
      setError(undefined);
      onChanged();
    } catch (e) {
      const found = toFieldErrors(e, ['name']);
      setError(found['name'] ?? found['_form']);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      await api.del(`/api/categories/${category.id}`);
      toast(`Deleted ${category.name}`);
      onChanged();
    } catch (e) {
      const found = toFieldErrors(e, []);
      setError(found['_form']);
      setBusy(false);
    }
  }

  if (mode === 'edit')
    return (
      <li className="category-row editing">
        <form className="inline-form compact" onSubmit={rename} noValidate>
          <TextField
            label={`Rename ${category.name}`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={error}
            autoFocus
          />
          <Button type="submit" variant="primary" busy={busy}>
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
          <Button variant="danger" onClick={remove} busy={busy}>
            Delete
          </Button>
          <Button variant="ghost" onClick={() => setMode('view')}>
            Keep
          </Button>
        </span>
      ) : (
        <span className="row-actions">
          <button
            type="button"
            className="icon-btn"
            aria-label={`Rename ${category.name}`}
            onClick={() => setMode('edit')}
          >
            <Icon name="edit" size={18} />
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label={`Delete ${category.name}`}
            onClick={() => setMode('delete')}
          >
            <Icon name="trash" size={18} />
          </button>
        </span>
      )}
      {error && mode !== 'view' && <p className="field-error">{error}</p>}
    </li>
  );
}
