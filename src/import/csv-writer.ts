/**
 * One CSV line (RFC 4180, CRLF): fields with a comma, quote or line break are quoted. Text that a spreadsheet
 * would run as a formula (=, +, -, @ first) gets a leading apostrophe (OWASP's CSV injection advice): a bank
 * description like "=HYPERLINK(...)" must not become live in the user's spreadsheet. Numbers are passed as
 * numbers, or as text that is a plain signed number ("-12.50"), and are never altered.
 */
export function csvLine(cells: readonly (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const formula = /^[=+\-@\t\r]/.test(value) && !/^[-+]?\d+(\.\d+)?$/.test(value);
  const safe = formula ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
