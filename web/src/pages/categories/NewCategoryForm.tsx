import { useTranslation } from 'react-i18next';
import type { Kind } from '../../api/answers';
import { useApiMutation } from '../../api/use-api-mutation';
import { Form } from '../../components/Form';
import { Button, Card, SelectField, TextField } from '../../components/ui';
import { toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';

export function NewCategoryForm() {
  const { t } = useTranslation();
  const { values, errors, setErrors, set, field, onSubmit } = useForm({ name: '', kind: 'expense' });
  const name = values.name.trim();
  const add = useApiMutation({
    mutationFn: (api, category: { name: string; kind: Kind }) => api.post('/api/categories', category),
    success: (_, category) => t('categories.added', { name: category.name }),
    onSuccess: () => {
      set({ name: '' });
      setErrors({});
    },
    onError: (e) => setErrors(toFieldErrors(e, ['name', 'kind'])),
  });

  const submit = onSubmit(
    () => ({ name: name ? undefined : t('categories.enterNameFor') }),
    () => add.run({ name, kind: values.kind as Kind }),
  );

  return (
    <Card title={t('categories.new')}>
      <Form className="inline-form" onSubmit={submit} errors={errors}>
        <TextField
          {...field('name')}
          label={t('accounts.name')}
          placeholder={t('categories.placeholder')}
          data-testid="category-name"
        />
        <SelectField {...field('kind')} label={t('schedules.kind')} data-testid="category-kind">
          <option value="expense">{t('schedules.kinds.expense')}</option>
          <option value="income">{t('schedules.kinds.income')}</option>
        </SelectField>
        <Button type="submit" variant="primary" icon="plus" busy={add.busy} data-testid="category-add">
          {t('common.add')}
        </Button>
      </Form>
    </Card>
  );
}
