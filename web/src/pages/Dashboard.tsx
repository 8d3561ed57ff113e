import { useState } from 'react';
import { withQuery } from '../api';
import { useApp } from '../context';
import { BarList, DonutChart, OTHER_COLOR, PALETTE, TrendChart, type Slice } from '../components/Charts';
import { Icon } from '../components/Icon';
import {
  Badge,
  Button,
  Card,
  EmptyState,
  ErrorNote,
  Loading,
  MonthPicker,
  PageHeader,
  ProgressBar,
  budgetTone,
} from '../components/ui';
import { TransactionForm, itemsOf } from '../components/TransactionForm';
import {
  dateText,
  lastDayOf,
  money,
  moneyCompact,
  monthText,
  numberText,
  percentText,
  thisMonth,
} from '../format';
import { useResource } from '../hooks';
import type {
  BudgetReport,
  Category,
  CategoryReport,
  GoalReport,
  Items,
  MoneyEventPage,
  MonthlySummary,
  TrendReport,
} from '../types';

/** Category slices for a chart: the largest few, the rest folded into "Everything else". */
export function categorySlices(report: CategoryReport | undefined, max = 7): Slice[] {
  if (!report) return [];
  const top = report.categories.slice(0, max);
  const rest = report.categories.slice(max).reduce((sum, c) => sum + c.total, 0);
  const slices: Slice[] = top.map((c, i) => ({
    key: c.categoryId,
    label: c.name,
    value: c.total,
    color: PALETTE[i % PALETTE.length] ?? OTHER_COLOR,
    deleted: c.deleted,
  }));
  if (rest > 0) slices.push({ key: 'rest', label: 'Everything else', value: rest, color: OTHER_COLOR });
  return slices;
}

export function trendData(report: TrendReport | undefined, locale: string) {
  return (report?.months ?? []).map((m) => ({
    key: m.month,
    label: monthText(m.month, locale, 'tiny'),
    longLabel: monthText(m.month, locale),
    income: m.income,
    expenses: m.expenses,
    net: m.net,
  }));
}

function entries(n: number, locale: string): string {
  return `${numberText(n, locale)} ${n === 1 ? 'entry' : 'entries'}`;
}

function greeting(): string {
  const h = new Date().getHours();
  return h < 12 ? 'Good morning' : h < 18 ? 'Good afternoon' : 'Good evening';
}

export function DashboardPage() {
  const { user, currency, locale } = useApp();
  const [month, setMonth] = useState(thisMonth());
  const [adding, setAdding] = useState(false);
  const monthly = useResource<MonthlySummary>(withQuery('/api/reports/monthly', { month }));
  const categories = useResource<CategoryReport>(
    withQuery('/api/reports/categories', { month, from: `${month}-01`, to: lastDayOf(month) }),
  );
  const trend = useResource<TrendReport>(withQuery('/api/reports/trend', { month }));
  const budgets = useResource<BudgetReport>(withQuery('/api/reports/budgets', { month }));
  const goals = useResource<GoalReport>('/api/reports/goals');
  const recent = useResource<MoneyEventPage>(
    withQuery('/api/expenses', { limit: 6, sort: 'date', order: 'desc' }),
  );
  const categoryList = useResource<Items<Category> | Category[]>('/api/categories');

  const fmt = (n: number) => money(n, currency, locale);
  const reloadAll = () => {
    for (const r of [monthly, categories, trend, budgets, goals, recent]) r.reload();
  };
  const m = monthly.data;
  const watch = (budgets.data?.budgets ?? [])
    .filter((b) => b.percent >= 80)
    .sort((a, b) => b.percent - a.percent);
  const slices = categorySlices(categories.data);
  const isCurrent = month === thisMonth();

  return (
    <div className="page" data-testid="page-dashboard">
      <PageHeader
        title={`${greeting()}, ${user.name}`}
        subtitle={
          isCurrent
            ? `Here is ${monthText(month, locale)} so far.`
            : `Your finances in ${monthText(month, locale)}.`
        }
        actions={
          <>
            <MonthPicker month={month} onChange={setMonth} locale={locale} />
            <Button
              variant="primary"
              icon="plus"
              onClick={() => setAdding(true)}
              data-testid="quick-add-expense"
            >
              Add expense
            </Button>
          </>
        }
      />

      {monthly.error && <ErrorNote error={monthly.error} onRetry={monthly.reload} />}
      <div className="kpis">
        <Kpi
          label="Income"
          tone="income"
          value={m ? fmt(m.income) : undefined}
          sub={m ? entries(m.incomeCount, locale) : ''}
          testId="kpi-income"
          icon="income"
        />
        <Kpi
          label="Spending"
          tone="expense"
          value={m ? fmt(m.expenses) : undefined}
          sub={m ? entries(m.expenseCount, locale) : ''}
          testId="kpi-spending"
          icon="expense"
        />
        <Kpi
          label="Net"
          tone={m && m.net < 0 ? 'expense' : 'brand'}
          value={m ? fmt(m.net) : undefined}
          sub={m ? (m.net >= 0 ? 'left over' : 'more out than in') : ''}
          testId="kpi-net"
          icon="wallet"
        />
        <Kpi
          label="Savings rate"
          tone="accent"
          value={m ? percentText(m.savingsRate, locale) : undefined}
          sub={m ? (m.savingsRate === null ? 'no income yet' : 'of income kept') : ''}
          testId="kpi-savings-rate"
          icon="goals"
        />
      </div>

      <div className="grid-2 wide-first">
        <Card
          title="Spending by category"
          actions={
            <a className="card-link" href="#/reports/categories">
              Details
            </a>
          }
          data-testid="card-categories"
        >
          {categories.error ? (
            <ErrorNote error={categories.error} onRetry={categories.reload} />
          ) : !categories.data ? (
            <Loading />
          ) : slices.length === 0 ? (
            <EmptyState icon="reports" title="No spending yet this month">
              Add an expense and it shows up here.
            </EmptyState>
          ) : (
            <DonutChart
              slices={slices}
              format={fmt}
              centerLabel="Spent"
              legendValue={(s, share) => (
                <>
                  {fmt(s.value)}{' '}
                  <span className="muted">{percentText(Math.round(share * 10) / 10, locale)}</span>
                </>
              )}
            />
          )}
        </Card>

        <Card
          title="Budgets to watch"
          actions={
            <a className="card-link" href="#/budgets">
              All budgets
            </a>
          }
          data-testid="card-budget-watch"
        >
          {budgets.error ? (
            <ErrorNote error={budgets.error} onRetry={budgets.reload} />
          ) : !budgets.data ? (
            <Loading />
          ) : budgets.data.budgets.length === 0 ? (
            <EmptyState icon="budgets" title="No budgets this month">
              <a href="#/budgets">Set a budget</a> to see how close you are to it.
            </EmptyState>
          ) : watch.length === 0 ? (
            <EmptyState icon="check" title="Every budget is on track">
              None is above 80 % of its limit.
            </EmptyState>
          ) : (
            <ul className="watch-list">
              {watch.map((b) => (
                <li key={b.budgetId} data-testid="budget-alert">
                  <div className="watch-top">
                    <span className="watch-name">{b.category}</span>
                    <Badge tone={budgetTone(b.percent)}>
                      {b.status === 'over' ? 'Over' : b.status === 'at' ? 'At limit' : 'Nearing'}
                    </Badge>
                  </div>
                  <ProgressBar
                    percent={b.percent}
                    tone={budgetTone(b.percent)}
                    label={`${b.category} budget used`}
                  />
                  <div className="watch-sub">
                    <span>
                      {fmt(b.spent)} of {fmt(b.limit)}
                    </span>
                    <span className={b.remaining < 0 ? 'negative' : 'muted'}>
                      {b.remaining < 0 ? `${fmt(-b.remaining)} over` : `${fmt(b.remaining)} left`}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <Card
        title="Last 12 months"
        actions={
          <a className="card-link" href="#/reports/trend">
            Trend report
          </a>
        }
        data-testid="card-trend"
      >
        {trend.error ? (
          <ErrorNote error={trend.error} onRetry={trend.reload} />
        ) : !trend.data ? (
          <Loading />
        ) : (
          <TrendChart
            data={trendData(trend.data, locale)}
            format={fmt}
            formatAxis={(n) => moneyCompact(n, currency, locale)}
          />
        )}
      </Card>

      <div className="grid-2">
        <Card
          title="Savings goals"
          actions={
            <a className="card-link" href="#/goals">
              Manage
            </a>
          }
          data-testid="card-goals"
        >
          {goals.error ? (
            <ErrorNote error={goals.error} onRetry={goals.reload} />
          ) : !goals.data ? (
            <Loading />
          ) : goals.data.goals.length === 0 ? (
            <EmptyState icon="goals" title="No savings goals yet">
              <a href="#/goals">Create a goal</a> and watch it fill up.
            </EmptyState>
          ) : (
            <BarList
              rows={goals.data.goals.map((g, i) => ({
                key: g.goalId,
                label: g.name,
                value: `${fmt(g.saved)} / ${fmt(g.target)}`,
                percent: g.percent,
                color: g.percent >= 100 ? 'var(--income)' : (PALETTE[i % PALETTE.length] ?? OTHER_COLOR),
                sub: (
                  <>
                    {percentText(g.percent, locale)}
                    {g.projectedDate && g.percent < 100 && (
                      <> · reached by {dateText(g.projectedDate, locale)}</>
                    )}
                    {g.onTrack === false && (
                      <>
                        {' '}
                        · <span className="negative">behind target date</span>
                      </>
                    )}
                    {g.percent >= 100 && <> · reached</>}
                  </>
                ),
              }))}
            />
          )}
        </Card>

        <Card
          title="Recent expenses"
          actions={
            <a className="card-link" href="#/expenses">
              All expenses
            </a>
          }
          data-testid="card-recent"
        >
          {recent.error ? (
            <ErrorNote error={recent.error} onRetry={recent.reload} />
          ) : !recent.data ? (
            <Loading />
          ) : recent.data.items.length === 0 ? (
            <EmptyState icon="expense" title="Nothing spent yet">
              Your latest expenses show up here.
            </EmptyState>
          ) : (
            <ul className="recent-list">
              {recent.data.items.map((e) => (
                <li key={e.id} data-testid="recent-expense">
                  <span className="recent-icon" aria-hidden="true">
                    {e.categoryName.slice(0, 1).toUpperCase()}
                  </span>
                  <span className="recent-main">
                    <span className="recent-title">{e.note || e.categoryName}</span>
                    <span className="recent-sub">
                      {e.categoryName}
                      {e.categoryDeleted ? ' (deleted)' : ''} · {dateText(e.date, locale)}
                    </span>
                  </span>
                  <span className="amount negative">−{fmt(e.amount)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      {adding && (
        <TransactionForm
          kind="expense"
          categories={itemsOf(categoryList.data)}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            reloadAll();
          }}
        />
      )}
    </div>
  );
}

function Kpi({
  label,
  value,
  sub,
  tone,
  testId,
  icon,
}: {
  label: string;
  value: string | undefined;
  sub: string;
  tone: 'income' | 'expense' | 'brand' | 'accent';
  testId: string;
  icon: 'income' | 'expense' | 'wallet' | 'goals';
}) {
  return (
    <div className={`kpi kpi-${tone}`} data-testid={testId}>
      <div className="kpi-top">
        <span className="kpi-label">{label}</span>
        <span className="kpi-icon" aria-hidden="true">
          <Icon name={icon} size={18} />
        </span>
      </div>
      <div className="kpi-value" data-testid={`${testId}-value`}>
        {value ?? <span className="skeleton" />}
      </div>
      <div className="kpi-sub">{sub}</div>
    </div>
  );
}
