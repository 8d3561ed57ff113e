import { useTranslation } from 'react-i18next';
import type { ImportRule } from '../../../../src/import/import-rules.js';
import { useCategories, useImportRules } from '../../api/queries';
import { useApiMutation } from '../../api/use-api-mutation';
import { Icon } from '../../components/Icon';
import { Form } from '../../components/Form';
import { Button, Card, EmptyState, SelectField, TextField } from '../../components/ui';
import { toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';

/** "Description contains X -> category Y": applied to every import, first match first. */
export function ImportRules({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const rules = useImportRules();
  const categories = useCategories();
  const { values, errors, setErrors, set, field, onSubmit } = useForm({ contains: '', categoryId: '' });
  const contains = values.contains.trim();
  const live = (categories.data ?? []).filter((c) => !c.deleted);
  const add = useApiMutation({
    mutationFn: (api, rule: { contains: string; categoryId: string }) => api.post('/api/import/rules', rule),
    success: (_, rule) => t('import.ruleAdded', { text: rule.contains }),
    onSuccess: () => {
      set({ contains: '' });
      setErrors({});
      onChanged();
    },
    onError: (e) => setErrors(toFieldErrors(e, ['contains', 'categoryId'])),
  });
  const remove = useApiMutation({
    mutationFn: (api, rule: ImportRule) => api.del(`/api/import/rules/${rule.id}`),
    success: (_, rule) => t('import.ruleDeleted', { text: rule.pattern }),
    onSuccess: onChanged,
  });

  // One problem at a time: the text first, then the category.
  const submit = onSubmit(
    () =>
      contains
        ? { categoryId: values.categoryId ? undefined : t('schedules.pickCategory') }
        : { contains: t('import.enterText') },
    () => add.run({ contains, categoryId: values.categoryId }),
  );

  return (
    <Card title={t('import.rules')} data-testid="import-rules">
      <p className="muted small">{t('import.rulesHint')}</p>
      <Form className="inline-form" onSubmit={submit} errors={errors}>
        <TextField
          {...field('contains')}
          label={t('import.contains')}
          placeholder={t('import.containsPlaceholder')}
          data-testid="rule-contains"
        />
        <SelectField {...field('categoryId')} label={t('schedules.category')} data-testid="rule-category">
          <option value="">{t('splits.choose')}</option>
          {(['expense', 'income'] as const).map((kind) => (
            <optgroup key={kind} label={kind === 'expense' ? t('nav.expenses') : t('nav.income')}>
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
        <Button type="submit" variant="primary" icon="plus" busy={add.busy} data-testid="rule-add">
          {t('import.addRule')}
        </Button>
      </Form>
      {rules.data && rules.data.length === 0 ? (
        <EmptyState icon="categories" title={t('import.noRules')} />
      ) : (
        <ul className="category-list">
          {(rules.data ?? []).map((r) => (
            <li key={r.id} className="category-row" data-testid="rule-row">
              <span className="category-name">
                “{r.pattern}” → {r.categoryName}{' '}
                <span className="muted small">({t(`schedules.kinds.${r.kind}`)})</span>
              </span>
              <span className="row-actions">
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={t('import.deleteRule', { text: r.pattern })}
                  onClick={() => remove.run(r)}
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
