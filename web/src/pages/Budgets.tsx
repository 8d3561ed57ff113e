import { useState, type FormEvent } from 'react';
import { api, withQuery } from '../api';
import { useApp } from '../context';
import { Icon } from '../components/Icon';
import {
  Alert,
  Badge,
  Button,
  Card,
  EmptyState,
  ErrorNote,
  Loading,
  MonthPicker,
  PageHeader,
  ProgressBar,
  SelectField,
  TextField,
  budgetTone,
} from '../components/ui';
import { itemsOf } from '../components/TransactionForm';
import {
  addMonths,
  amountInput,
  amountPlaceholder,
  amountText,
  money,
  monthText,
  percentText,
  thisMonth,
} from '../format';
import { readAmount, toFieldErrors, type FieldErrors } from '../forms';
import { useResource } from '../hooks';
import type { Budget, BudgetReport, BudgetStatus, Category, Items } from '../types';

export function BudgetsPage() {
  const { currency, locale, toast } = useApp();
  const [month, setMonth] = useState(thisMonth());
  const report = useResource<BudgetReport>(withQuery('/api/reports/budgets', { month }));
  const categories = useResource<Items<Category> | Category[]>('/api/categories');
  const expenseCategories = itemsOf(categories.data).filter((c) => c.kind === 'expense' && !c.deleted);
  const [category, setCategory] = useState('');
  const [limit, setLimit] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [copying, setCopying] = useState(false);
  const fmt = (n: number) => money(n, currency, locale);
  const budgets = report.data?.budgets ?? [];
  const totalLimit = budgets.reduce((s, b) => s + b.limit, 0);
  const totalSpent = budgets.reduce((s, b) => s + b.spent, 0);
  const chosen = category || expenseCategories[0]?.name || '';

  async function save(event: FormEvent) {
    event.preventDefault();
    const e: FieldErrors = {};
    const read = readAmount(limit, currency, locale, 'Limit');
    if (!read.ok) e['limit'] = read.error;
    if (!chosen) e['category'] = 'Pick a category';
    setErrors(e);
    if (Object.keys(e).length || !read.ok) return;
    setBusy(true);
    try {
      await api.post('/api/budgets', { category: chosen, month, limit: read.value });
      toast(`Budget for ${chosen} set`);
      setLimit('');
      report.reload();
    } catch (err) {
      setErrors(toFieldErrors(err, ['category', 'limit', 'month']));
    } finally {
      setBusy(false);
    }
  }

  async function remove(b: BudgetStatus) {
    try {
      await api.del(`/api/budgets/${b.budgetId}`);
      toast(`Removed the ${b.category} budget`);
      report.reload();
    } catch (err) {
      toast(err instanceof Error ? err.message : String(err), 'error');
    }
  }

  async function copyPrevious() {
    setCopying(true);
    try {
      const previous = itemsOf(
        await api.get<Items<Budget> | Budget[]>('/api/budgets', { month: addMonths(month, -1) }),
      );
      if (previous.length === 0)
        toast(`No budgets in ${monthText(addMonths(month, -1), locale)} to copy`, 'info');
      for (const b of previous)
        await api.post('/api/budgets', {
          category: b.categoryName,
          month,
          limit: amountText(b.limit, currency),
        });
      if (previous.length) toast(`Copied ${previous.length} budgets`);
      report.reload();
    } catch (err) {
      toast(err instanceof Error ? err.message : String(err), 'error');
    } finally {
      setCopying(false);
    }
  }

  function edit(b: BudgetStatus) {
    setCategory(b.category);
    setLimit(amountInput(b.limit, currency, locale));
    setErrors({});
    document.getElementById('budget-limit')?.focus();
  }

  return (
    <div className="page" data-testid="page-budgets">
      <PageHeader
        title="Budgets"
        subtitle="Set a monthly limit per category and see how much is left."
        actions={<MonthPicker month={month} onChange={setMonth} locale={locale} />}
      />
      <div className="grid-sidebar">
        <div className="stack">
          <Card title={`${monthText(month, locale)}`} data-testid="budget-list">
            {report.error ? (
              <ErrorNote error={report.error} onRetry={report.reload} />
            ) : !report.data ? (
              <Loading />
            ) : budgets.length === 0 ? (
              <EmptyState icon="budgets" title="No budgets for this month">
                <p>Set one with the form, or start from last month&apos;s.</p>
                <Button icon="restore" onClick={copyPrevious} busy={copying}>
                  Copy {monthText(addMonths(month, -1), locale)}
                </Button>
              </EmptyState>
            ) : (
              <>
                <div className="budget-summary">
                  <div>
                    <span className="muted small">Budgeted</span>
                    <strong>{fmt(totalLimit)}</strong>
                  </div>
                  <div>
                    <span className="muted small">Spent</span>
                    <strong>{fmt(totalSpent)}</strong>
                  </div>
                  <div>
                    <span className="muted small">{totalLimit - totalSpent < 0 ? 'Over' : 'Left'}</span>
                    <strong className={totalLimit - totalSpent < 0 ? 'negative' : 'positive'}>
                      {fmt(Math.abs(totalLimit - totalSpent))}
                    </strong>
                  </div>
                </div>
                <ul className="budget-list">
                  {budgets.map((b) => (
                    <li key={b.budgetId} className="budget-row" data-testid="budget-row">
                      <div className="budget-top">
                        <span className="budget-name">{b.category}</span>
                        <Badge tone={budgetTone(b.percent)}>{percentText(b.percent, locale)}</Badge>
                        <span className="spacer" />
                        <span className="budget-amounts">
                          <strong>{fmt(b.spent)}</strong> <span className="muted">of {fmt(b.limit)}</span>
                        </span>
                        <span className="row-actions">
                          <button
                            type="button"
                            className="icon-btn"
                            aria-label={`Change the ${b.category} budget`}
                            onClick={() => edit(b)}
                          >
                            <Icon name="edit" size={18} />
                          </button>
                          <button
                            type="button"
                            className="icon-btn"
                            aria-label={`Remove the ${b.category} budget`}
                            onClick={() => remove(b)}
                          >
                            <Icon name="trash" size={18} />
                          </button>
                        </span>
                      </div>
                      <ProgressBar
                        percent={b.percent}
                        tone={budgetTone(b.percent)}
                        label={`${b.category}: ${percentText(b.percent, locale)} of the limit used`}
                      />
                      <div
                        className={b.remaining < 0 ? 'budget-remaining negative' : 'budget-remaining muted'}
                      >
                        {b.remaining < 0 ? `${fmt(-b.remaining)} over the limit` : `${fmt(b.remaining)} left`}
                      </div>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Card>
        </div>
        <Card title="Set a budget" data-testid="budget-form-card">
          <form className="form" onSubmit={save} noValidate data-testid="budget-form">
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
            <TextField
              id="budget-limit"
              label={`Monthly limit (${currency})`}
              inputMode="decimal"
              placeholder={amountPlaceholder(currency, locale)}
              value={limit}
              onChange={(e) => setLimit(e.target.value)}
              error={errors['limit']}
              hint={`For ${monthText(month, locale)}. Setting it again changes the limit.`}
              data-testid="budget-limit"
            />
            <Button type="submit" variant="primary" busy={busy} data-testid="budget-save">
              Save budget
            </Button>
          </form>
        </Card>
      </div>
    </div>
  );
}
