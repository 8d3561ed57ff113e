import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { labelCells } from './label-cells';

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
  stacked = true,
  children,
}: {
  /** A plain string is a column of text with that heading. */
  columns: readonly (Column | string)[];
  className?: string;
  testId?: string;
  /**
   * On a phone each row becomes a card of "label: value" lines, each cell named by its column's heading, so a
   * table wider than the screen needs no sideways scrolling (styles.css). The default: `false` keeps the table.
   */
  stacked?: boolean;
  children: ReactNode;
}) {
  const table = useRef<HTMLTableElement>(null);
  useLayoutEffect(() => {
    const element = table.current;
    if (!stacked || !element) return;
    // Rows may be rendered by parts of their own (a row's editor, a page loading): each change is labelled too.
    labelCells(element);
    const observer = new MutationObserver(() => labelCells(element));
    observer.observe(element, { childList: true, characterData: true, subtree: true });
    return () => observer.disconnect();
  }, [stacked]);
  const classes = ['table', stacked ? 'table-stacked' : null, className ?? null].filter(Boolean).join(' ');
  return (
    // Focusable, so a keyboard can scroll a table wider than a phone's screen (axe: scrollable-region-focusable).
    <div className="table-wrap" tabIndex={0}>
      <table className={classes} data-testid={testId} ref={table}>
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
