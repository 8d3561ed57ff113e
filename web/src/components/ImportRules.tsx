import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useApp } from '../context';
import { toFieldErrors, type FieldErrors } from '../forms';
import { useResource } from '../hooks';
import type { ImportRule } from '../import-types';
import type { Category, Items } from '../types';
import { Icon } from './Icon';
import { Alert, Button, Card, EmptyState, SelectField, TextField } from './ui';

/** "Description contains X -> category Y": applied to every import, first match first. */
export function ImportRules({ onChanged }: { onChanged: () => void }) {
  const { toast } = useApp();
  const rules = useResource<Items<ImportRule>>('/api/import/rules');
  const categories = useResource<Items<Category>>('/api/categories');
  const [contains, setContains] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const live = (categories.data?.items ?? []).filter((c) => !c.deleted);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!contains.trim()) return setErrors({ contains: 'Enter the text to look for' });
    if (!categoryId) return setErrors({ categoryId: 'Choose a category' });
    setBusy(true);
    try {
      await api.post('/api/import/rules', { contains: contains.trim(), categoryId });
      toast(`Added a rule for "${contains.trim()}"`);
      setContains('');
      setErrors({});
      rules.reload();
      onChanged();
    } catch (e) {
      setErrors(toFieldErrors(e, ['contains', 'categoryId']));
    } finally {
      setBusy(false);
    }
  }

  async function remove(rule: ImportRule) {
    await api.del(`/api/import/rules/${rule.id}`);
    toast(`Deleted the rule for "${rule.pattern}"`);
    rules.reload();
    onChanged();
  }

  return (
    <Card title="Category rules" data-testid="import-rules">
      <p className="muted small">
        Lines whose description contains the text go to the category; the first matching rule wins, and lines
        no rule matches go to Uncategorized. Case and accents do not matter.
      </p>
      <form className="inline-form" onSubmit={add} noValidate>
        {errors['_form'] && <Alert tone="error">{errors['_form']}</Alert>}
        <TextField
          label="Description contains"
          value={contains}
          onChange={(e) => setContains(e.target.value)}
          error={errors['contains']}
          placeholder="e.g. REWE"
          data-testid="rule-contains"
        />
        <SelectField
          label="Category"
          value={categoryId}
          onChange={(e) => setCategoryId(e.target.value)}
          error={errors['categoryId']}
          data-testid="rule-category"
        >
          <option value="">Choose…</option>
          {(['expense', 'income'] as const).map((kind) => (
            <optgroup key={kind} label={kind === 'expense' ? 'Expenses' : 'Income'}>
              {live
                .filter((c) => c.kind === kind)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>
        <Button type="submit" variant="primary" icon="plus" busy={busy} data-testid="rule-add">
          Add rule
        </Button>
      </form>
      {rules.data && rules.data.items.length === 0 ? (
        <EmptyState icon="categories" title="No rules yet" />
      ) : (
        <ul className="category-list">
          {(rules.data?.items ?? []).map((r) => (
            <li key={r.id} className="category-row" data-testid="rule-row">
              <span className="category-name">
                “{r.pattern}” → {r.categoryName} <span className="muted small">({r.kind})</span>
              </span>
              <span className="row-actions">
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={`Delete the rule for ${r.pattern}`}
                  onClick={() => void remove(r)}
                >
                  <Icon name="trash" size={18} />
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
