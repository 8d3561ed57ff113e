import { useState, type FormEvent } from 'react';
import type { Kind } from '../../api/answers';
import { useApiMutation } from '../../api/use-api-mutation';
import { Alert, Button, Card, SelectField, TextField } from '../../components/ui';
import { toFieldErrors, type FieldErrors } from '../../forms';

export function NewCategoryForm() {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('expense');
  const [errors, setErrors] = useState<FieldErrors>({});
  const add = useApiMutation({
    mutationFn: (api, category: { name: string; kind: Kind }) => api.post('/api/categories', category),
    success: (_, category) => `Added ${category.name}`,
    onSuccess: () => {
      setName('');
      setErrors({});
    },
    onError: (e) => setErrors(toFieldErrors(e, ['name', 'kind'])),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ name: 'Enter a name for the category' });
      return;
    }
    add.run({ name: name.trim(), kind });
  }

  return (
    <Card title="New category">
      <form className="inline-form" onSubmit={submit} noValidate>
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
        <Button type="submit" variant="primary" icon="plus" busy={add.busy} data-testid="category-add">
          Add
        </Button>
      </form>
    </Card>
  );
}
