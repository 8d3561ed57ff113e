import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState } from 'react';
import { lastDayOf, thisMonth } from '../../format';
import { BudgetsReport } from './BudgetsReport';
import { CategoriesReport } from './CategoriesReport';
import { GoalsReport } from './GoalsReport';
import { MonthlyReport } from './MonthlyReport';
import { ReportControls, type ReportPeriod } from './ReportControls';
import { TagsReport } from './TagsReport';
import { REPORTS, reportTab } from './report-tabs';
import { TrendReportView } from './TrendReportView';
import { PageFrame } from '../../components/PageFrame';

export function ReportsPage({ report }: { report: string }) {
  const { t } = useTranslation();
  const current = reportTab(report);
  const [period, setPeriod] = useState<ReportPeriod>(() => ({
    month: thisMonth(),
    from: `${thisMonth()}-01`,
    to: lastDayOf(thisMonth()),
  }));
  const tabs = useRef<HTMLElement>(null);
  useEffect(() => {
    // On a phone the tabs scroll sideways: keep the open one in view.
    tabs.current?.querySelector('.tab.active')?.scrollIntoView({ inline: 'center', block: 'nearest' });
  }, [current.name]);

  return (
    <PageFrame
      testId="page-reports"
      title={t('nav.reports')}
      subtitle={t(`reports.tabs.${current.name}.description`)}
    >
      <nav className="tabs" aria-label={t('nav.reports')} ref={tabs}>
        {REPORTS.map((r) => (
          <a
            key={r.name}
            href={`#/reports/${r.name}`}
            className={r.name === current.name ? 'tab active' : 'tab'}
            aria-current={r.name === current.name ? 'page' : undefined}
            data-testid={`report-tab-${r.name}`}
          >
            {t(`reports.tabs.${r.name}.label`)}
          </a>
        ))}
      </nav>
      <ReportControls
        report={current.name}
        period={period}
        onChange={(change) => setPeriod((p) => ({ ...p, ...change }))}
      />
      {current.name === 'monthly' && <MonthlyReport month={period.month} />}
      {current.name === 'categories' && <CategoriesReport from={period.from} to={period.to} />}
      {current.name === 'tags' && <TagsReport from={period.from} to={period.to} />}
      {current.name === 'budgets' && <BudgetsReport month={period.month} />}
      {current.name === 'goals' && <GoalsReport />}
      {current.name === 'trend' && <TrendReportView month={period.month} />}
    </PageFrame>
  );
}
