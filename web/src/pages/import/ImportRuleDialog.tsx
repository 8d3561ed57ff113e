import { useTranslation } from 'react-i18next';
import type { Category } from '../../../../src/domain/entities.js';
import type { ImportPreview } from '../../api/answers';
import { useApiMutation } from '../../api/use-api-mutation';
import { FormDialog } from '../../components/FormDialog';
import { SelectField, TextField } from '../../components/ui';
import { toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';

type Line = ImportPreview['lines'][number];

/** The longest text a rule may look for. */
const MAX_CONTAINS = 200;

/**
 * "Make a rule from this line": the line's description (to shorten to what every such line holds) and its
 * category; once added, the preview is read again, so every line the rule matches shows its category.
 */
export function ImportRuleDialog({
  line,
  categoryId,
  categories,
  onClose,
  onAdded,
}: {
  line: Line;
  /** The category the line has now (chosen or from a rule); '' for none. */
  categoryId: string;
  categories: readonly Category[];
  onClose: () => void;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const { values, errors, setErrors, field, onSubmit } = useForm({
    contains: line.description.trim().slice(0, MAX_CONTAINS),
    categoryId,
  });
  const add = useApiMutation({
    mutationFn: (api, rule: { contains: string; categoryId: string }) => api.post('/api/import/rules', rule),
    success: (_, rule) => t('import.ruleAdded', { text: rule.contains }),
    onSuccess: () => {
      onAdded();
      onClose();
    },
    onError: (e) => setErrors(toFieldErrors(e, ['contains', 'categoryId'])),
  });
  const contains = values.contains.trim();
  const submit = onSubmit(
    () =>
      contains
        ? { categoryId: values.categoryId ? undefined : t('schedules.pickCategory') }
        : { contains: t('import.enterText') },
    () => add.run({ contains, categoryId: values.categoryId }),
  );
  return (
    <FormDialog
      title={t('import.ruleFromLine')}
      onClose={onClose}
      onSubmit={submit}
      errors={errors}
      busy={add.busy}
      submitLabel={t('import.addRule')}
      data-testid="import-rule-dialog"
      submitTestId="import-rule-save"
    >
      <TextField
        {...field('contains')}
        label={t('import.contains')}
        hint={t('import.containsHint')}
        maxLength={MAX_CONTAINS}
        data-testid="import-rule-contains"
      />
      <SelectField
        {...field('categoryId')}
        label={t('schedules.category')}
        data-testid="import-rule-category"
      >
        <option value="">{t('splits.choose')}</option>
        {categories
          .filter((c) => c.kind === line.kind && !c.deleted)
          .map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
      </SelectField>
    </FormDialog>
  );
}
