import { useTranslation } from 'react-i18next';
import { MonthChart, type MonthPoint, type MonthSeriesProps } from './MonthChart';

export interface NetWorthDatum extends MonthPoint {
  total: number;
}

/** Net worth at the end of each month as bars under a line; hover (or focus) a month for its number. */
export function NetWorthChart({ data, format, formatAxis, height = 220 }: MonthSeriesProps<NetWorthDatum>) {
  const { t } = useTranslation();
  return (
    <MonthChart
      data={data}
      values={(d) => [d.total]}
      line={(d) => d.total}
      label={t('charts.netWorthLabel')}
      height={height}
      formatAxis={formatAxis}
      describe={(d) => t('charts.netWorthPoint', { month: d.longLabel, amount: format(d.total) })}
      bars={(d, { x, band, y }) => {
        const barW = Math.max(4, Math.min(22, band * 0.45));
        return (
          <rect
            x={x - barW / 2}
            y={Math.min(y(d.total), y(0))}
            width={barW}
            height={Math.abs(y(0) - y(d.total))}
            rx={Math.min(3, barW / 2)}
            className={d.total < 0 ? 'bar-expense' : 'bar-worth'}
          />
        );
      }}
      tip={(d) => (
        <span>
          {t('charts.netWorth')} <b>{format(d.total)}</b>
        </span>
      )}
      testId="networth-chart"
    />
  );
}
