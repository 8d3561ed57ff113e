/** Plain-text tables for people; `--json` output bypasses this. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '(none)\n';
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // Right-align columns that hold numbers or money so figures line up.
  const numeric = headers.map((_, i) =>
    rows.every((r) => /^[-+]?[^A-Za-z]*\d[^A-Za-z]*$|^$/.test(r[i] ?? '')),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** The line under a page of a list: which rows are shown, of how many. */
export function pageLine(page: {
  readonly items: readonly unknown[];
  readonly offset: number;
  readonly total: number;
}): string {
  const shown = page.items.length ? `${page.offset + 1}-${page.offset + page.items.length}` : '0';
  return `${shown} of ${page.total}\n`;
}
