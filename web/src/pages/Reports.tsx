import { useEffect, useRef, useState } from 'react';
import { withQuery } from '../api';
import { useApp } from '../context';
import { DonutChart, TrendChart } from '../components/Charts';
import { Icon } from '../components/Icon';
import {
  Badge,
  Card,
  EmptyState,
  ErrorNote,
  Loading,
  MonthPicker,
  PageHeader,
  ProgressBar,
  TextField,
  budgetTone,
} from '../components/ui';
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
  CategoryReport,
  GoalReport,
  MonthlySummary,
  ReportName,
  TrendReport,
} from '../types';
import { categorySlices, trendData } from './Dashboard';

const REPORTS: { name: ReportName; label: string; description: string }[] = [
  {
    name: 'monthly',
    label: 'Monthly summary',
    description: 'Income, spending, net and savings rate for one month.',
  },
  { name: 'categories', label: 'By category', description: 'Where the money went between two dates.' },
  {
    name: 'budgets',
    label: 'Budget vs actual',
    description: 'Each budget of a month against what was spent.',
  },
  { name: 'goals', label: 'Savings goals', description: 'Progress and the projected date of every goal.' },
  {
    name: 'trend',
    label: '12-month trend',
    description: 'Income, spending and net over the last twelve months.',
  },
];

const MONTHLY = REPORTS[0] as (typeof REPORTS)[number];

export function ReportsPage({ report }: { report: string }) {
  const { locale } = useApp();
  const current = REPORTS.find((r) => r.name === report) ?? MONTHLY;
  const [month, setMonth] = useState(thisMonth());
  const [from, setFrom] = useState(`${thisMonth()}-01`);
  const [to, setTo] = useState(lastDayOf(thisMonth()));
  const query: Record<string, string> =
    current.name === 'categories' ? { from, to } : current.name === 'goals' ? {} : { month };
  const tabs = useRef<HTMLElement>(null);
  useEffect(() => {
    // On a phone the tabs scroll sideways: keep the open one in view.
    tabs.current?.querySelector('.tab.active')?.scrollIntoView({ inline: 'center', block: 'nearest' });
  }, [current.name]);
  const url = withQuery(`/api/reports/${current.name}`, query);
  const csv = withQuery(`/api/reports/${current.name}`, { ...query, format: 'csv' });

  return (
    <div className="page" data-testid="page-reports">
      <PageHeader title="Reports" subtitle={current.description} />
      <nav className="tabs" aria-label="Reports" ref={tabs}>
        {REPORTS.map((r) => (
          <a
            key={r.name}
            href={`#/reports/${r.name}`}
            className={r.name === current.name ? 'tab active' : 'tab'}
            aria-current={r.name === current.name ? 'page' : undefined}
            data-testid={`report-tab-${r.name}`}
          >
            {r.label}
          </a>
        ))}
      </nav>
      <div className="report-controls">
        {current.name === 'categories' ? (
          <div className="date-range">
            <TextField
              label="From"
              type="date"
              value={from}
              max={to}
              onChange={(e) => e.target.value && setFrom(e.target.value)}
            />
            <TextField
              label="To"
              type="date"
              value={to}
              min={from}
              onChange={(e) => e.target.value && setTo(e.target.value)}
            />
          </div>
        ) : current.name === 'goals' ? (
          <span className="muted as-of">Progress as of today</span>
        ) : (
          <MonthPicker month={month} onChange={setMonth} locale={locale} />
        )}
        <a
          className="btn btn-secondary"
          href={csv}
          download={`pfm-${current.name}.csv`}
          data-testid="report-csv"
        >
          <Icon name="download" size={18} /> Download CSV
        </a>
      </div>
      {current.name === 'monthly' && <MonthlyReport url={url} />}
      {current.name === 'categories' && <CategoriesReport url={url} />}
      {current.name === 'budgets' && <BudgetsReport url={url} month={month} />}
      {current.name === 'goals' && <GoalsReport url={url} />}
      {current.name === 'trend' && <TrendReportView url={url} />}
    </div>
  );
}

function useMoney() {
  const { currency, locale } = useApp();
  return (n: number) => money(n, currency, locale);
}

function MonthlyReport({ url }: { url: string }) {
  const { locale } = useApp();
  const fmt = useMoney();
  const r = useResource<MonthlySummary>(url);
  if (r.error) return <ErrorNote error={r.error} onRetry={r.reload} />;
  if (!r.data) return <Loading />;
  const m = r.data;
  const max = Math.max(m.income, m.expenses, 1);
  return (
    <Card title={monthText(m.month, locale)} data-testid="report-monthly">
      <div className="compare">
        <div className="compare-row">
          <span>Income</span>
          <div className="compare-track">
            <div className="compare-fill income" style={{ width: `${(100 * m.income) / max}%` }} />
          </div>
          <strong className="positive">{fmt(m.income)}</strong>
        </div>
        <div className="compare-row">
          <span>Spending</span>
          <div className="compare-track">
            <div className="compare-fill expense" style={{ width: `${(100 * m.expenses) / max}%` }} />
          </div>
          <strong className="negative">{fmt(m.expenses)}</strong>
        </div>
      </div>
      <dl className="facts">
        <div>
          <dt>Net</dt>
          <dd className={m.net < 0 ? 'negative' : 'positive'}>{fmt(m.net)}</dd>
        </div>
        <div>
          <dt>Savings rate</dt>
          <dd>{percentText(m.savingsRate, locale)}</dd>
        </div>
        <div>
          <dt>Income entries</dt>
          <dd>{numberText(m.incomeCount, locale)}</dd>
        </div>
        <div>
          <dt>Expense entries</dt>
          <dd>{numberText(m.expenseCount, locale)}</dd>
        </div>
      </dl>
    </Card>
  );
}

function CategoriesReport({ url }: { url: string }) {
  const { locale } = useApp();
  const fmt = useMoney();
  const r = useResource<CategoryReport>(url);
  if (r.error) return <ErrorNote error={r.error} onRetry={r.reload} />;
  if (!r.data) return <Loading />;
  const data = r.data;
  if (data.categories.length === 0)
    return (
      <Card>
        <EmptyState icon="reports" title="No spending in this period" />
      </Card>
    );
  return (
    <div className="grid-2">
      <Card
        title={`${dateText(data.from, locale)} – ${dateText(data.to, locale)}`}
        data-testid="report-categories"
      >
        <DonutChart slices={categorySlices(data, 9)} format={fmt} centerLabel="Total" />
      </Card>
      <Card title="Details" className="card-flush">
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Category</th>
                <th className="num">Entries</th>
                <th className="num">Total</th>
                <th className="num">Share</th>
              </tr>
            </thead>
            <tbody>
              {data.categories.map((c) => (
                <tr key={c.categoryId}>
                  <td>
                    {c.name}
                    {c.deleted && <span className="muted"> (deleted)</span>}
                  </td>
                  <td className="num">{numberText(c.count, locale)}</td>
                  <td className="num">{fmt(c.total)}</td>
                  <td className="num">{percentText(c.share, locale)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th>Total</th>
                <td />
                <th className="num">{fmt(data.total)}</th>
                <td className="num">100 %</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </Card>
    </div>
  );
}

function BudgetsReport({ url, month }: { url: string; month: string }) {
  const { locale } = useApp();
  const fmt = useMoney();
  const r = useResource<BudgetReport>(url);
  if (r.error) return <ErrorNote error={r.error} onRetry={r.reload} />;
  if (!r.data) return <Loading />;
  if (r.data.budgets.length === 0)
    return (
      <Card>
        <EmptyState icon="budgets" title={`No budgets in ${monthText(month, locale)}`}>
          <a href="#/budgets">Set one</a>
        </EmptyState>
      </Card>
    );
  return (
    <Card className="card-flush" data-testid="report-budgets">
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Category</th>
              <th className="num">Limit</th>
              <th className="num">Spent</th>
              <th className="num">Remaining</th>
              <th className="col-bar">Used</th>
            </tr>
          </thead>
          <tbody>
            {r.data.budgets.map((b) => (
              <tr key={b.budgetId}>
                <td>{b.category}</td>
                <td className="num">{fmt(b.limit)}</td>
                <td className="num">{fmt(b.spent)}</td>
                <td className={b.remaining < 0 ? 'num negative' : 'num'}>{fmt(b.remaining)}</td>
                <td className="col-bar">
                  <div className="bar-cell">
                    <ProgressBar
                      percent={b.percent}
                      tone={budgetTone(b.percent)}
                      label={`${b.category} used`}
                    />
                    <Badge tone={budgetTone(b.percent)}>{percentText(b.percent, locale)}</Badge>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function GoalsReport({ url }: { url: string }) {
  const { locale } = useApp();
  const fmt = useMoney();
  const r = useResource<GoalReport>(url);
  if (r.error) return <ErrorNote error={r.error} onRetry={r.reload} />;
  if (!r.data) return <Loading />;
  if (r.data.goals.length === 0)
    return (
      <Card>
        <EmptyState icon="goals" title="No savings goals">
          <a href="#/goals">Create one</a>
        </EmptyState>
      </Card>
    );
  return (
    <Card className="card-flush" data-testid="report-goals">
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Goal</th>
              <th className="num">Saved</th>
              <th className="num">Target</th>
              <th className="col-bar">Progress</th>
              <th>Target date</th>
              <th>Projected</th>
            </tr>
          </thead>
          <tbody>
            {r.data.goals.map((g) => (
              <tr key={g.goalId}>
                <td>{g.name}</td>
                <td className="num">{fmt(g.saved)}</td>
                <td className="num">{fmt(g.target)}</td>
                <td className="col-bar">
                  <div className="bar-cell">
                    <ProgressBar
                      percent={g.percent}
                      tone={g.percent >= 100 ? 'good' : 'brand'}
                      label={`${g.name} progress`}
                    />
                    <span className="small">{percentText(g.percent, locale)}</span>
                  </div>
                </td>
                <td>{dateText(g.targetDate, locale)}</td>
                <td>
                  {dateText(g.projectedDate, locale)}{' '}
                  {g.onTrack === true && <Badge tone="good">on track</Badge>}
                  {g.onTrack === false && <Badge tone="warn">late</Badge>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function TrendReportView({ url }: { url: string }) {
  const { currency, locale } = useApp();
  const fmt = useMoney();
  const r = useResource<TrendReport>(url);
  if (r.error) return <ErrorNote error={r.error} onRetry={r.reload} />;
  if (!r.data) return <Loading />;
  const data = r.data;
  return (
    <>
      <Card title={`12 months to ${monthText(data.endMonth, locale)}`} data-testid="report-trend">
        <TrendChart
          data={trendData(data, locale)}
          format={fmt}
          formatAxis={(n) => moneyCompact(n, currency, locale)}
          height={300}
        />
      </Card>
      <Card className="card-flush">
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Month</th>
                <th className="num">Income</th>
                <th className="num">Spending</th>
                <th className="num">Net</th>
              </tr>
            </thead>
            <tbody>
              {[...data.months].reverse().map((m) => (
                <tr key={m.month}>
                  <td>{monthText(m.month, locale)}</td>
                  <td className="num positive">{fmt(m.income)}</td>
                  <td className="num negative">{fmt(m.expenses)}</td>
                  <td className={m.net < 0 ? 'num negative' : 'num'}>{fmt(m.net)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
