import { useState, type ReactNode } from 'react';
import { ValueAxis, useWidth, valueScale } from './chart-axis';

/** One month of a chart: its key, its axis label and its name for people. */
export interface MonthPoint {
  key: string;
  label: string;
  longLabel: string;
}

/** What a chart of months is given: the months, how money is written in its tip and on its axis, its height. */
export interface MonthSeriesProps<T extends MonthPoint> {
  data: T[];
  format: (n: number) => string;
  formatAxis: (n: number) => string;
  height?: number;
}

/** Where a month is drawn: the middle of its band, the band's width, and the pixel of a value. */
export interface MonthGeometry {
  x: number;
  band: number;
  y: (v: number) => number;
}

/**
 * One band per month over a value axis, with a line through each month's `line` value; `bars` draws a month's
 * bars. Hover (or focus) a month for `tip`, its numbers. The trend and net-worth charts are both one.
 */
export function MonthChart<T extends MonthPoint>({
  data,
  values,
  line,
  bars,
  describe,
  tip,
  formatAxis,
  label,
  height,
  dots = false,
  legend,
  testId,
}: {
  data: readonly T[];
  /** Every value a month shows, for the scale. */
  values: (d: T) => number[];
  line: (d: T) => number;
  bars: (d: T, at: MonthGeometry) => ReactNode;
  /** What a screen reader says of a month. */
  describe: (d: T) => string;
  tip: (d: T) => ReactNode;
  formatAxis: (n: number) => string;
  label: string;
  height: number;
  dots?: boolean;
  legend?: ReactNode;
  testId?: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);
  const pad = { top: 12, right: 8, bottom: 26, left: 56 };
  const w = Math.max(width, 240);
  const innerH = height - pad.top - pad.bottom;
  const { y, ticks } = valueScale(data.flatMap(values), pad.top, innerH);
  const band = (w - pad.left - pad.right) / Math.max(data.length, 1);
  const x = (i: number) => pad.left + band * i + band / 2;
  const path = data
    .map((d, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(line(d)).toFixed(1)}`)
    .join(' ');
  const shown = hover === null ? undefined : data[hover];
  const showEvery = band < 34 ? 2 : 1;
  return (
    <div className="chart" ref={ref} onMouseLeave={() => setHover(null)} data-testid={testId}>
      {width > 0 && (
        <svg width={w} height={height} role="img" aria-label={label}>
          <ValueAxis ticks={ticks} y={y} left={pad.left} right={w - pad.right} format={formatAxis} />
          {data.map((d, i) => (
            <g
              key={d.key}
              onMouseEnter={() => setHover(i)}
              onFocus={() => setHover(i)}
              onBlur={() => setHover(null)}
              tabIndex={0}
              role="img"
              aria-label={describe(d)}
              className="chart-group"
            >
              <rect
                x={pad.left + band * i}
                y={pad.top}
                width={band}
                height={innerH}
                className={hover === i ? 'hover-band hover-band-on' : 'hover-band'}
              />
              {bars(d, { x: x(i), band, y })}
              {i % showEvery === 0 && (
                <text x={x(i)} y={height - 6} textAnchor="middle" className="axis-label">
                  {d.label}
                </text>
              )}
            </g>
          ))}
          <path d={path} className="net-line" />
          {dots &&
            data.map((d, i) => (
              <circle key={d.key} cx={x(i)} cy={y(line(d))} r={hover === i ? 4.5 : 3} className="net-dot" />
            ))}
        </svg>
      )}
      {shown && hover !== null && (
        <div className="chart-tip" style={{ left: Math.min(Math.max(x(hover) - 80, 0), w - 170), top: 4 }}>
          <strong>{shown.longLabel}</strong>
          {tip(shown)}
        </div>
      )}
      {legend}
    </div>
  );
}
