import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { Kind, MoneyEvent } from '../../api/answers';
import { useAccounts, useCategories, useMoneyEvents } from '../../api/queries';
import { useApp } from '../../context';
import { QueryState } from '../../components/QueryState';
import { Button, Card, EmptyState } from '../../components/ui';
import { numberText } from '../../format';
import { BulkActionBar } from './BulkActionBar';
import { Pager } from './Pager';
import { TransactionFiltersBar } from './TransactionFilters';
import { TransactionForm } from './TransactionForm';
import { TransactionTable } from './TransactionTable';
import { useTransactionFilters } from './use-transaction-filters';
import { PageFrame } from '../../components/PageFrame';
import { useMoney } from '../../use-money';
import { withQuery, type Query } from '../../api/client';

/** The CSV download of what the list's filter keeps (every match, not a page). */
function exportUrl(kind: Kind, query: Query): string {
  const path = `/api/${kind === 'expense' ? 'expenses' : 'income'}/export`;
  return withQuery(path, { ...query, limit: undefined, offset: undefined });
}

/** The expenses or the income: filtered, sorted, a page at a time; add, edit and delete in a dialog. */
export function TransactionsPage({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  const isExpense = kind === 'expense';
  const filters = useTransactionFilters(kind);
  const { filtered, set, clear } = filters;
  const { offset, limit } = filters.filters;
  const list = useMoneyEvents(kind, filters.query);
  const categories = useCategories(true);
  const accounts = useAccounts(true);
  const [editing, setEditing] = useState<MoneyEvent | 'new' | null>(null);
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const data = list.data;
  // Only rows on screen count as selected: a new page or filter leaves the others out of any bulk change.
  const pageIds = (data?.items ?? []).map((e) => e.id);
  const selected = pageIds.filter((id) => selection.has(id));
  const toggle = (id: string) =>
    setSelection((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const total = data?.total ?? 0;

  return (
    <PageFrame
      testId={`page-${isExpense ? 'expenses' : 'income'}`}
      title={isExpense ? t('nav.expenses') : t('nav.income')}
      subtitle={
        // While a new filter's answer is on its way the last one is still shown, dimmed: its count would not
        // be what the filter matches, so the subtitle waits for the answer.
        data && !list.isPlaceholderData
          ? t(filtered ? 'transactions.matching' : 'dashboard.entries', {
              count: total,
              shown: numberText(total, locale),
            }) + (total > 0 ? ` · ${t('transactions.inAll', { amount: fmt(data.sum) })}` : '')
          : data
            ? t('transactions.updating')
            : ' '
      }
      actions={
        <>
          <a
            className="btn btn-secondary"
            href={exportUrl(kind, filters.query)}
            download
            data-testid="export-transactions"
          >
            {t('transactions.exportCsv')}
          </a>
          <Button
            variant="primary"
            icon="plus"
            onClick={() => setEditing('new')}
            aria-keyshortcuts="n"
            data-testid="add-transaction"
          >
            {isExpense ? t('dashboard.addExpense') : t('transactions.addIncome')}
          </Button>
        </>
      }
    >
      <Card className="card-flush">
        <TransactionFiltersBar
          kind={kind}
          categories={(categories.data ?? []).filter((c) => c.kind === kind)}
          accounts={accounts.data?.items ?? []}
          filters={filters}
        />
        {pageIds.length > 0 && (
          <BulkActionBar
            kind={kind}
            pageIds={pageIds}
            selected={selected}
            onSelect={(ids) => setSelection(new Set(ids))}
            categories={categories.data ?? []}
            accounts={accounts.data?.items ?? []}
          />
        )}
        <QueryState
          query={list}
          errorClassName="card-pad"
          isEmpty={(page) => page.items.length === 0}
          empty={
            <EmptyState
              icon={isExpense ? 'expense' : 'income'}
              title={
                filtered
                  ? t('transactions.noMatch')
                  : isExpense
                    ? t('transactions.noExpenses')
                    : t('transactions.noIncome')
              }
            >
              {offset > 0 ? (
                <button type="button" className="link-btn" onClick={() => set({ offset: 0 })}>
                  {t('transactions.firstPage')}
                </button>
              ) : filtered ? (
                <button type="button" className="link-btn" onClick={clear}>
                  {t('transactions.clearTheFilters')}
                </button>
              ) : (
                <button type="button" className="link-btn" onClick={() => setEditing('new')}>
                  {isExpense ? t('transactions.firstExpense') : t('transactions.firstIncome')}
                </button>
              )}
            </EmptyState>
          }
        >
          {(page) => (
            <TransactionTable
              kind={kind}
              items={page.items}
              loading={list.isFetching}
              filters={filters}
              onEdit={setEditing}
              selected={selection}
              onToggle={toggle}
            />
          )}
        </QueryState>
        {data && total > 0 && <Pager shown={data.items.length} total={total} filters={filters} />}
      </Card>

      {editing && (
        <TransactionForm
          kind={kind}
          categories={categories.data ?? []}
          existing={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            // The only row of a later page was deleted (or moved out of the filter): step back a page.
            if (data && data.items.length === 1 && offset > 0) set({ offset: Math.max(0, offset - limit) });
          }}
        />
      )}
    </PageFrame>
  );
}
