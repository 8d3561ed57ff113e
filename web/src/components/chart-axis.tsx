import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** The width of an element as it is laid out, followed as it changes. */
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

/** A round step (1, 2, 2.5 or 5 times a power of ten) that cuts `span` into about `ticks` parts. */
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
