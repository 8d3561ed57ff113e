import { useTranslation } from 'react-i18next';
import { useState, type ReactNode } from 'react';
import { MonthChart, type MonthSeriesProps } from './MonthChart';

export const PALETTE = [
  '#6366f1',
  '#10b981',
  '#f59e0b',
  '#ec4899',
  '#06b6d4',
  '#8b5cf6',
  '#ef4444',
  '#14b8a6',
  '#f97316',
  '#84cc16',
  '#3b82f6',
  '#a855f7',
];
export const OTHER_COLOR = '#94a3b8';

export interface Slice {
  key: string;
  label: string;
  value: number;
  color: string;
  deleted?: boolean;
}

/** A donut of shares, with the total (or the hovered slice) in the middle and a legend beside it. */
export function DonutChart({
  slices,
  format,
  centerLabel,
  legendValue,
}: {
  slices: Slice[];
  format: (n: number) => string;
  centerLabel: string;
  legendValue?: (s: Slice, share: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const [active, setActive] = useState<string | null>(null);
  const total = slices.reduce((sum, s) => sum + s.value, 0);
  const r = 42;
  const circumference = 2 * Math.PI * r;
  const gap = slices.length > 1 ? 0.6 : 0;
  let offset = 0;
  const current = slices.find((s) => s.key === active);
  return (
    <div className="donut-container">
      <div className="donut-wrap">
        <div className="donut">
          <svg viewBox="0 0 100 100" role="img" aria-label={`${centerLabel}: ${format(total)}`}>
            <circle cx="50" cy="50" r={r} fill="none" stroke="var(--track)" strokeWidth="12" />
            {total > 0 &&
              slices.map((s) => {
                const length = (s.value / total) * circumference;
                const dash = Math.max(length - gap, 0.001);
                const el = (
                  <circle
                    key={s.key}
                    cx="50"
                    cy="50"
                    r={r}
                    fill="none"
                    stroke={s.color}
                    strokeWidth={active === s.key ? 14 : 12}
                    strokeDasharray={`${dash} ${circumference - dash}`}
                    strokeDashoffset={-offset}
                    transform="rotate(-90 50 50)"
                    onMouseEnter={() => setActive(s.key)}
                    onMouseLeave={() => setActive(null)}
                    className="donut-slice"
                  >
                    <title>{`${s.label}: ${format(s.value)}`}</title>
                  </circle>
                );
                offset += length;
                return el;
              })}
          </svg>
          <div className="donut-center" aria-hidden="true">
            <span className="donut-center-label">{current ? current.label : centerLabel}</span>
            <span className="donut-center-value">{format(current ? current.value : total)}</span>
          </div>
        </div>
        <ul className="legend">
          {slices.map((s) => (
            <li
              key={s.key}
              className={active === s.key ? 'legend-active' : undefined}
              onMouseEnter={() => setActive(s.key)}
              onMouseLeave={() => setActive(null)}
            >
              <span className="legend-swatch" style={{ background: s.color }} />
              <span className="legend-label">
                {s.label}
                {s.deleted && <span className="muted"> {t('charts.deleted')}</span>}
              </span>
              <span className="legend-value">
                {legendValue ? legendValue(s, total ? (100 * s.value) / total : 0) : format(s.value)}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export interface TrendDatum {
  key: string;
  label: string;
  longLabel: string;
  income: number;
  expenses: number;
  net: number;
}

/** Income and spending bars per month with the net as a line; hover (or focus) a month for its numbers. */
export function TrendChart({ data, format, formatAxis, height = 260 }: MonthSeriesProps<TrendDatum>) {
  const { t } = useTranslation();
  if (data.length === 0) {
    return (
      <p className="muted" data-testid="trend-empty">
        {t('charts.noTrend')}
      </p>
    );
  }
  return (
    <MonthChart
      data={data}
      values={(d) => [d.income, d.expenses, d.net]}
      line={(d) => d.net}
      dots
      label={t('charts.trendLabel')}
      height={height}
      formatAxis={formatAxis}
      describe={(d) =>
        t('charts.trendPoint', {
          month: d.longLabel,
          income: format(d.income),
          spending: format(d.expenses),
          net: format(d.net),
        })
      }
      bars={(d, { x, band, y }) => {
        const barW = Math.max(3, Math.min(16, band * 0.3));
        return (
          <>
            <rect
              x={x - barW - 1}
              y={y(d.income)}
              width={barW}
              height={Math.max(y(0) - y(d.income), 0)}
              rx={Math.min(3, barW / 2)}
              className="bar-income"
            />
            <rect
              x={x + 1}
              y={y(d.expenses)}
              width={barW}
              height={Math.max(y(0) - y(d.expenses), 0)}
              rx={Math.min(3, barW / 2)}
              className="bar-expense"
            />
          </>
        );
      }}
      tip={(d) => (
        <>
          <span>
            <i className="dot dot-income" /> {t('charts.income')} <b>{format(d.income)}</b>
          </span>
          <span>
            <i className="dot dot-expense" /> {t('charts.spending')} <b>{format(d.expenses)}</b>
          </span>
          <span>
            <i className="dot dot-net" /> {t('charts.net')} <b>{format(d.net)}</b>
          </span>
        </>
      )}
      legend={
        <div className="chart-legend" aria-hidden="true">
          <span>
            <i className="dot dot-income" /> {t('charts.income')}
          </span>
          <span>
            <i className="dot dot-expense" /> {t('charts.spending')}
          </span>
          <span>
            <i className="dot dot-net" /> {t('charts.net')}
          </span>
        </div>
      }
    />
  );
}

/** Horizontal bars with a label and value, for rankings (spending by category). */
export function BarList({
  rows,
}: {
  rows: { key: string; label: ReactNode; value: string; percent: number; color: string; sub?: ReactNode }[];
}) {
  return (
    <ul className="barlist">
      {rows.map((r) => (
        <li key={r.key}>
          <div className="barlist-top">
            <span className="barlist-label">{r.label}</span>
            <span className="barlist-value">{r.value}</span>
          </div>
          <div className="barlist-track">
            <div
              className="barlist-fill"
              style={{ width: `${Math.max(0, Math.min(100, r.percent))}%`, background: r.color }}
            />
          </div>
          {r.sub && <div className="barlist-sub">{r.sub}</div>}
        </li>
      ))}
    </ul>
  );
}
