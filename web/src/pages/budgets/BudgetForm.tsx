import { useState, type FormEvent } from 'react';
import type { BudgetStatus } from '../../../../src/domain/reports.js';
import { useCategories } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { AmountField } from '../../components/AmountField';
import { Alert, Button, Card, SelectField } from '../../components/ui';
import { amountInput, monthText } from '../../format';
import { readAmount, toFieldErrors, type FieldErrors } from '../../forms';

/** Sets a category's limit for the month; `initial` fills it in to change an existing budget. */
export function BudgetForm({ month, initial }: { month: string; initial: BudgetStatus | null }) {
  const { currency, locale } = useApp();
  const categories = useCategories();
  const expenseCategories = (categories.data ?? []).filter((c) => c.kind === 'expense' && !c.deleted);
  const [category, setCategory] = useState(initial?.category ?? '');
  const [limit, setLimit] = useState(initial ? amountInput(initial.limit, currency, locale) : '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const chosen = category || expenseCategories[0]?.name || '';
  const save = useApiMutation({
    mutationFn: (api, budget: { category: string; month: string; limit: string }) =>
      api.post('/api/budgets', budget),
    success: (_, budget) => `Budget for ${budget.category} set`,
    onSuccess: () => setLimit(''),
    onError: (e) => setErrors(toFieldErrors(e, ['category', 'limit', 'month'])),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const e: FieldErrors = {};
    const read = readAmount(limit, currency, locale, 'Limit');
    if (!read.ok) e['limit'] = read.error;
    if (!chosen) e['category'] = 'Pick a category';
    setErrors(e);
    if (Object.keys(e).length || !read.ok) return;
    save.run({ category: chosen, month, limit: read.value });
  }

  return (
    <Card title="Set a budget" data-testid="budget-form-card">
      <form className="form" onSubmit={submit} noValidate data-testid="budget-form">
        {errors['_form'] && <Alert tone="error">{errors['_form']}</Alert>}
        {errors['month'] && <Alert tone="error">{errors['month']}</Alert>}
        <SelectField
          label="Category"
          value={chosen}
          onChange={(e) => setCategory(e.target.value)}
          error={errors['category']}
          data-testid="budget-category"
        >
          {expenseCategories.map((c) => (
            <option key={c.id} value={c.name}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <AmountField
          id="budget-limit"
          label="Monthly limit"
          value={limit}
          onValue={setLimit}
          error={errors['limit']}
          hint={`For ${monthText(month, locale)}. Setting it again changes the limit.`}
          // Changing a budget from the list lands here, ready to type the new limit.
          autoFocus={initial !== null}
          data-testid="budget-limit"
        />
        <Button type="submit" variant="primary" busy={save.busy} data-testid="budget-save">
          Save budget
        </Button>
      </form>
    </Card>
  );
}
