import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Account, Category } from '../../../../src/domain/entities.js';
import type { Kind } from '../../api/answers';
import { ApiError } from '../../api/client';
import { useApiMutation } from '../../api/use-api-mutation';
import { useUndoToast } from '../../app/use-undo-toast';
import { AccountOptions } from '../../components/AccountOptions';
import { CategoryOptions } from '../../components/CategoryOptions';
import { Alert, Button } from '../../components/ui';
import './bulk.css';

type BulkChoice = 'category' | 'account' | 'tag' | 'delete';

interface BulkBody {
  readonly action: Record<string, unknown>;
  readonly confirmReconciled?: boolean;
}

const CHOICES: readonly BulkChoice[] = ['category', 'account', 'tag', 'delete'];

/**
 * Above the list: select every row of the page, and one change for the rows selected (all of them or none),
 * then a toast to undo it. Plain form controls, so it works by keyboard alike.
 */
export function BulkActionBar({
  kind,
  pageIds,
  selected,
  onSelect,
  categories,
  accounts,
}: {
  kind: Kind;
  pageIds: readonly string[];
  selected: readonly string[];
  onSelect: (ids: readonly string[]) => void;
  categories: readonly Category[];
  accounts: readonly Account[];
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<BulkChoice>('category');
  const [category, setCategory] = useState('');
  const [account, setAccount] = useState('');
  const [tag, setTag] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmReconciled, setConfirmReconciled] = useState<BulkBody | null>(null);
  const undoToast = useUndoToast();
  const all = useRef<HTMLInputElement>(null);
  const count = selected.length;
  const some = count > 0 && count < pageIds.length;
  useEffect(() => {
    if (all.current) all.current.indeterminate = some;
  }, [some]);

  const usable = categories.filter((c) => c.kind === kind && !c.deleted);
  const open = accounts.filter((a) => !a.archived && !a.deleted);
  const apply = useApiMutation({
    mutationFn: (api, body: BulkBody) =>
      api.post<{ operation: { id: string; label: string } }>('/api/transactions/bulk', {
        kind,
        ids: selected,
        ...body,
      }),
    onSuccess: ({ operation }) => {
      setError(null);
      setConfirmReconciled(null);
      setTag('');
      onSelect([]);
      undoToast(operation.label, operation.id);
    },
    onError: (e, body) => {
      if (e instanceof ApiError && e.field === 'confirmReconciled' && !body.confirmReconciled) {
        setError(null);
        setConfirmReconciled(body);
      } else setError(e instanceof Error ? e.message : String(e));
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setConfirmReconciled(null);
    const action =
      choice === 'category'
        ? category && { category }
        : choice === 'account'
          ? account && { account }
          : choice === 'tag'
            ? tag.trim() && {
                addTags: tag
                  .split(',')
                  .map((x) => x.trim())
                  .filter(Boolean),
              }
            : { delete: true };
    if (!action) {
      setError(
        choice === 'tag'
          ? t('bulk.typeTag')
          : choice === 'category'
            ? t('schedules.pickCategory')
            : t('bulk.pickAccount'),
      );
      return;
    }
    setError(null);
    apply.run({ action });
  };

  return (
    <form className="bulk-bar" aria-label={t('bulk.label')} onSubmit={submit} data-testid="bulk-bar">
      <label className="bulk-all">
        <input
          ref={all}
          type="checkbox"
          checked={pageIds.length > 0 && count === pageIds.length}
          onChange={(e) => onSelect(e.target.checked ? pageIds : [])}
          data-testid="select-all"
        />
        {t('bulk.selectAll')}
      </label>
      <span className="bulk-count" aria-live="polite" data-testid="bulk-count">
        {count > 0 ? t('bulk.selected', { count }) : ''}
      </span>
      {count > 0 && (
        <div className="bulk-controls">
          <select
            aria-label={t('bulk.changeToMake')}
            value={choice}
            onChange={(e) => {
              setChoice(e.target.value as BulkChoice);
              setError(null);
            }}
            data-testid="bulk-choice"
          >
            {CHOICES.map((c) => (
              <option key={c} value={c}>
                {t(`bulk.choices.${c}`)}
              </option>
            ))}
          </select>
          {choice === 'category' && (
            <select
              aria-label={t('bulk.newCategory')}
              value={category}
              onChange={(e) => setCategory(e.target.value)}
              data-testid="bulk-category"
            >
              <option value="">{t('bulk.categoryPick')}</option>
              <CategoryOptions categories={usable} />
            </select>
          )}
          {choice === 'account' && (
            <select
              aria-label={t('bulk.accountTo')}
              value={account}
              onChange={(e) => setAccount(e.target.value)}
              data-testid="bulk-account"
            >
              <option value="">{t('bulk.accountPick')}</option>
              <AccountOptions accounts={open} />
            </select>
          )}
          {choice === 'tag' && (
            <input
              aria-label={t('bulk.tagToAdd')}
              placeholder={t('filters.tag')}
              value={tag}
              onChange={(e) => setTag(e.target.value)}
              maxLength={200}
              data-testid="bulk-tag"
            />
          )}
          <Button
            type="submit"
            variant={choice === 'delete' ? 'danger' : 'primary'}
            busy={apply.busy}
            data-testid="bulk-apply"
          >
            {choice === 'delete' ? t('bulk.deleteRows', { count }) : t('bulk.apply')}
          </Button>
        </div>
      )}
      {error && (
        <div className="bulk-message">
          <Alert tone="error" data-testid="bulk-error">
            {error}
          </Alert>
        </div>
      )}
      {confirmReconciled && (
        <div className="bulk-message">
          <Alert tone="warning">
            {t('bulk.someReconciled')}{' '}
            <Button
              onClick={() => apply.run({ ...confirmReconciled, confirmReconciled: true })}
              busy={apply.busy}
              data-testid="bulk-confirm-reconciled"
            >
              {t('bulk.changeAnyway')}
            </Button>
          </Alert>
        </div>
      )}
    </form>
  );
}
