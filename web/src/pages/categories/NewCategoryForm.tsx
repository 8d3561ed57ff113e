import type { Kind } from '../../api/answers';
import { useApiMutation } from '../../api/use-api-mutation';
import { Form } from '../../components/Form';
import { Button, Card, SelectField, TextField } from '../../components/ui';
import { toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';

export function NewCategoryForm() {
  const { values, errors, setErrors, set, field, onSubmit } = useForm({ name: '', kind: 'expense' });
  const name = values.name.trim();
  const add = useApiMutation({
    mutationFn: (api, category: { name: string; kind: Kind }) => api.post('/api/categories', category),
    success: (_, category) => `Added ${category.name}`,
    onSuccess: () => {
      set({ name: '' });
      setErrors({});
    },
    onError: (e) => setErrors(toFieldErrors(e, ['name', 'kind'])),
  });

  const submit = onSubmit(
    () => ({ name: name ? undefined : 'Enter a name for the category' }),
    () => add.run({ name, kind: values.kind as Kind }),
  );

  return (
    <Card title="New category">
      <Form className="inline-form" onSubmit={submit} errors={errors}>
        <TextField {...field('name')} label="Name" placeholder="e.g. Groceries" data-testid="category-name" />
        <SelectField {...field('kind')} label="Kind" data-testid="category-kind">
          <option value="expense">Expense</option>
          <option value="income">Income</option>
        </SelectField>
        <Button type="submit" variant="primary" icon="plus" busy={add.busy} data-testid="category-add">
          Add
        </Button>
      </Form>
    </Card>
  );
}
