import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

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

export function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

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
                {s.deleted && <span className="muted"> (deleted)</span>}
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

function niceStep(span: number, ticks: number): number {
  if (span <= 0) return 1;
  const raw = span / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** A vertical scale over `values` (zero always in view) in round steps: the pixel of a value, and the ticks. */
export function valueScale(values: readonly number[], top: number, height: number) {
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const step = niceStep(max - min || 1, 4);
  const high = Math.ceil(max / step) * step || step;
  const low = Math.floor(min / step) * step;
  const y = (v: number) => top + height - ((v - low) / (high - low)) * height;
  const ticks: number[] = [];
  for (let v = low; v <= high + step / 2; v += step) ticks.push(v);
  return { y, ticks };
}

/** The grid lines of a scale's ticks with their labels on the left; zero drawn stronger. */
export function ValueAxis({
  ticks,
  y,
  left,
  right,
  format,
}: {
  ticks: readonly number[];
  y: (v: number) => number;
  left: number;
  right: number;
  format: (n: number) => string;
}) {
  return (
    <>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} className={t === 0 ? 'axis-zero' : 'grid-line'} />
          <text x={left - 8} y={y(t)} dy="0.32em" textAnchor="end" className="axis-label">
            {format(t)}
          </text>
        </g>
      ))}
    </>
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
export function TrendChart({
  data,
  format,
  formatAxis,
  height = 260,
}: {
  data: TrendDatum[];
  format: (n: number) => string;
  formatAxis: (n: number) => string;
  height?: number;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);
  const pad = { top: 12, right: 8, bottom: 26, left: 56 };
  const w = Math.max(width, 240);
  const innerW = w - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const { y, ticks } = valueScale([...data.flatMap((d) => [d.income, d.expenses, d.net])], pad.top, innerH);
  const band = innerW / Math.max(data.length, 1);
  const barW = Math.max(3, Math.min(16, band * 0.3));
  const x = (i: number) => pad.left + band * i + band / 2;
  const netPath = data
    .map((d, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(d.net).toFixed(1)}`)
    .join(' ');
  const tip = hover === null ? undefined : data[hover];
  const showEvery = band < 34 ? 2 : 1;
  return (
    <div className="chart" ref={ref} onMouseLeave={() => setHover(null)}>
      {width > 0 && (
        <svg width={w} height={height} role="img" aria-label="Income, spending and net by month">
          <ValueAxis ticks={ticks} y={y} left={pad.left} right={w - pad.right} format={formatAxis} />
          {data.map((d, i) => (
            <g
              key={d.key}
              onMouseEnter={() => setHover(i)}
              onFocus={() => setHover(i)}
              onBlur={() => setHover(null)}
              tabIndex={0}
              role="img"
              aria-label={`${d.longLabel}: income ${format(d.income)}, spending ${format(d.expenses)}, net ${format(d.net)}`}
              className="chart-group"
            >
              <rect
                x={pad.left + band * i}
                y={pad.top}
                width={band}
                height={innerH}
                className={hover === i ? 'hover-band hover-band-on' : 'hover-band'}
              />
              <rect
                x={x(i) - barW - 1}
                y={y(d.income)}
                width={barW}
                height={Math.max(y(0) - y(d.income), 0)}
                rx={Math.min(3, barW / 2)}
                className="bar-income"
              />
              <rect
                x={x(i) + 1}
                y={y(d.expenses)}
                width={barW}
                height={Math.max(y(0) - y(d.expenses), 0)}
                rx={Math.min(3, barW / 2)}
                className="bar-expense"
              />
              {i % showEvery === 0 && (
                <text x={x(i)} y={height - 6} textAnchor="middle" className="axis-label">
                  {d.label}
                </text>
              )}
            </g>
          ))}
          <path d={netPath} className="net-line" />
          {data.map((d, i) => (
            <circle key={d.key} cx={x(i)} cy={y(d.net)} r={hover === i ? 4.5 : 3} className="net-dot" />
          ))}
        </svg>
      )}
      {tip && hover !== null && (
        <div
          className="chart-tip"
          style={{
            left: Math.min(Math.max(x(hover) - 80, 0), w - 170),
            top: 4,
          }}
        >
          <strong>{tip.longLabel}</strong>
          <span>
            <i className="dot dot-income" /> Income <b>{format(tip.income)}</b>
          </span>
          <span>
            <i className="dot dot-expense" /> Spending <b>{format(tip.expenses)}</b>
          </span>
          <span>
            <i className="dot dot-net" /> Net <b>{format(tip.net)}</b>
          </span>
        </div>
      )}
      <div className="chart-legend" aria-hidden="true">
        <span>
          <i className="dot dot-income" /> Income
        </span>
        <span>
          <i className="dot dot-expense" /> Spending
        </span>
        <span>
          <i className="dot dot-net" /> Net
        </span>
      </div>
    </div>
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
