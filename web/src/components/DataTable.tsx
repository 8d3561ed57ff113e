import type { ReactNode } from 'react';

/** A column heading: its text, and a class for numbers (`num`) or layout (`col-bar`, `nowrap`). */
export interface Column {
  readonly label: ReactNode;
  readonly className?: string;
}

/** A column of numbers, aligned right. */
export function numeric(label: ReactNode): Column {
  return { label, className: 'num' };
}

/**
 * A table in its scrolling frame, with one header row: every list and report in the app is one, so they scroll
 * and read alike. Rows come as children (`<tr>` elements).
 */
export function DataTable({
  columns,
  className,
  testId,
  stacked = false,
  children,
}: {
  /** A plain string is a column of text with that heading. */
  columns: readonly (Column | string)[];
  className?: string;
  testId?: string;
  /** On a phone each row becomes a card, each cell named by its `data-label` (styles.css). */
  stacked?: boolean;
  children: ReactNode;
}) {
  const classes = ['table', stacked ? 'table-stacked' : null, className ?? null].filter(Boolean).join(' ');
  return (
    // Focusable, so a keyboard can scroll a table wider than a phone's screen (axe: scrollable-region-focusable).
    <div className="table-wrap" tabIndex={0}>
      <table className={classes} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c, i) =>
              typeof c === 'string' ? (
                <th key={i}>{c}</th>
              ) : (
                <th key={i} className={c.className}>
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
