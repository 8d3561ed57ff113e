import { useTranslation } from 'react-i18next';
import type { BudgetStatus } from '../../../../src/domain/reports.js';
import { useCategories } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApp } from '../../context';
import { AmountField } from '../../components/AmountField';
import { Form } from '../../components/Form';
import { CategoryOptions } from '../../components/CategoryOptions';
import { Button, Card, SelectField } from '../../components/ui';
import { amountInput, monthText } from '../../format';
import { readAmount, toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';

/** Sets a category's limit for the month; `initial` fills it in to change an existing budget. */
export function BudgetForm({ month, initial }: { month: string; initial: BudgetStatus | null }) {
  const { t } = useTranslation();
  const { currency, locale } = useApp();
  const categories = useCategories();
  const expenseCategories = (categories.data ?? []).filter((c) => c.kind === 'expense' && !c.deleted);
  const { values, errors, setErrors, set, field, onSubmit } = useForm({
    category: initial?.category ?? '',
    limit: initial ? amountInput(initial.limit, currency, locale) : '',
  });
  const chosen = values.category || expenseCategories[0]?.name || '';
  const limit = readAmount(values.limit, currency, locale, t, t('budgets.limit'));
  const save = useApiMutation({
    mutationFn: (api, budget: { category: string; month: string; limit: string }) =>
      api.post('/api/budgets', budget),
    success: (_, budget) => t('budgets.set', { category: budget.category }),
    onSuccess: () => set({ limit: '' }),
    // A month error names no field here: it shows above the form.
    onError: (e) => setErrors(toFieldErrors(e, ['category', 'limit'])),
  });

  const submit = onSubmit(
    () => ({
      limit: limit.ok ? undefined : limit.error,
      category: chosen ? undefined : t('schedules.pickCategory'),
    }),
    () => limit.ok && save.run({ category: chosen, month, limit: limit.value }),
  );

  return (
    <Card title={t('budgets.setTitle')} data-testid="budget-form-card">
      <Form onSubmit={submit} errors={errors} data-testid="budget-form">
        <SelectField
          {...field('category')}
          value={chosen}
          label={t('schedules.category')}
          data-testid="budget-category"
        >
          <CategoryOptions categories={expenseCategories} />
        </SelectField>
        <AmountField
          {...field('limit')}
          id="budget-limit"
          label={t('budgets.monthlyLimit')}
          hint={t('budgets.limitHint', { month: monthText(month, locale) })}
          // Changing a budget from the list lands here, ready to type the new limit.
          autoFocus={initial !== null}
          data-testid="budget-limit"
        />
        <Button type="submit" variant="primary" busy={save.busy} data-testid="budget-save">
          {t('budgets.save')}
        </Button>
      </Form>
    </Card>
  );
}
