/**
 * Names each body cell of a stacked table by its column's heading (`data-label`), which a phone shows before the
 * value. Taken from the headings as shown, so the labels are the headings' words in whatever language they are
 * in; a heading seen by screen readers only (`.sr-only`, an actions column) and a cell spanning columns get none.
 */
export function labelCells(table: HTMLTableElement): void {
  const labels = [...table.querySelectorAll('thead th')].map((th) =>
    th.querySelector('.sr-only') ? '' : (th.textContent ?? '').trim(),
  );
  for (const row of table.querySelectorAll<HTMLTableRowElement>('tbody > tr')) {
    let column = 0;
    for (const cell of row.cells) {
      const label = cell.colSpan === 1 ? (labels[column] ?? '') : '';
      // Only a change is written: writing the same value would wake the observer that calls this again.
      if (label && cell.getAttribute('data-label') !== label) cell.setAttribute('data-label', label);
      if (!label && cell.hasAttribute('data-label')) cell.removeAttribute('data-label');
      column += cell.colSpan;
    }
  }
}
