import { useState } from 'react';
import { ValueAxis, useWidth, valueScale } from './Charts';

export interface NetWorthDatum {
  key: string;
  label: string;
  longLabel: string;
  total: number;
}

/** Net worth at the end of each month as a line over bars; hover (or focus) a month for its number. */
export function NetWorthChart({
  data,
  format,
  formatAxis,
  height = 220,
}: {
  data: NetWorthDatum[];
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
  const { y, ticks } = valueScale(
    data.map((d) => d.total),
    pad.top,
    innerH,
  );
  const band = innerW / Math.max(data.length, 1);
  const barW = Math.max(4, Math.min(22, band * 0.45));
  const x = (i: number) => pad.left + band * i + band / 2;
  const line = data
    .map((d, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(d.total).toFixed(1)}`)
    .join(' ');
  const tip = hover === null ? undefined : data[hover];
  const showEvery = band < 34 ? 2 : 1;
  return (
    <div className="chart" ref={ref} onMouseLeave={() => setHover(null)} data-testid="networth-chart">
      {width > 0 && (
        <svg width={w} height={height} role="img" aria-label="Net worth at the end of each month">
          <ValueAxis ticks={ticks} y={y} left={pad.left} right={w - pad.right} format={formatAxis} />
          {data.map((d, i) => (
            <g
              key={d.key}
              onMouseEnter={() => setHover(i)}
              onFocus={() => setHover(i)}
              onBlur={() => setHover(null)}
              tabIndex={0}
              role="img"
              aria-label={`${d.longLabel}: net worth ${format(d.total)}`}
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
                x={x(i) - barW / 2}
                y={Math.min(y(d.total), y(0))}
                width={barW}
                height={Math.abs(y(0) - y(d.total))}
                rx={Math.min(3, barW / 2)}
                className={d.total < 0 ? 'bar-expense' : 'bar-worth'}
              />
              {i % showEvery === 0 && (
                <text x={x(i)} y={height - 6} textAnchor="middle" className="axis-label">
                  {d.label}
                </text>
              )}
            </g>
          ))}
          <path d={line} className="net-line" />
        </svg>
      )}
      {tip && hover !== null && (
        <div className="chart-tip" style={{ left: Math.min(Math.max(x(hover) - 80, 0), w - 170), top: 4 }}>
          <strong>{tip.longLabel}</strong>
          <span>
            Net worth <b>{format(tip.total)}</b>
          </span>
        </div>
      )}
    </div>
  );
}
