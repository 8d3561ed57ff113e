/** What a CSV cell holds: null is an empty cell; numbers and booleans are written as they print. */
export type CsvCell = string | number | boolean | null;

/**
 * The one CSV writer of pfm (statement exports and report downloads alike). One CSV line (RFC 4180, CRLF):
 * fields with a comma, quote or line break are quoted. Text that a spreadsheet would run as a formula
 * (=, +, -, @, tab or CR first) gets a leading apostrophe (OWASP's CSV injection advice): a bank description
 * like "=HYPERLINK(...)" must not become live in the user's spreadsheet. Numbers are passed as numbers, or as
 * text that is a plain signed number ("-12.50", "+3"), and are never altered.
 */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A whole CSV text: one csvLine per row, each ending in CRLF. */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map(csvLine).join('');
}

function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const formula = /^[=+\-@\t\r]/.test(value) && !/^[-+]?\d+(\.\d+)?$/.test(value);
  const safe = formula ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
