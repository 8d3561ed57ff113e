import { parse } from 'csv-parse/sync';
import { MoneyParseError } from '../domain/money.js';
import { ValidationError } from '../domain/validation.js';
import { detectDecimalSeparator, readAmount, type DecimalSeparator } from './amount-format.js';
import { isUsable, mapHeader, overrideMapping, type ColumnMapping, type ColumnRole } from './csv-columns.js';
import { DATE_ORDERS, dateExample, detectDateOrder, readDate, type DateOrder } from './date-formats.js';
import type { LineError, ParsedStatement, StatementLine } from './statement.js';

export interface CsvOptions {
  /** The user's currency: amounts are read in its minor units. */
  readonly currency: string;
  readonly delimiter?: string;
  readonly dateOrder?: DateOrder;
  readonly decimal?: DecimalSeparator;
  /** Column choices by role: a header name or a 1-based column number. */
  readonly columns?: Partial<Record<ColumnRole, string>>;
  /** Positive amounts are money out (credit-card statements print purchases as positive). */
  readonly invert?: boolean;
  /** Account label for the duplicate keys, when one user imports several accounts. */
  readonly account?: string;
}

/** How a CSV file was read: shown in the preview so the user can check and change it. */
export interface CsvLayout {
  readonly delimiter: string;
  /** 1-based line of the header row (banks put account details above it); 0 for a file without one. */
  readonly headerLine: number;
  readonly header: readonly string[];
  readonly mapping: ColumnMapping;
  readonly dateOrder: DateOrder;
  readonly decimal: DecimalSeparator;
  readonly invert: boolean;
}

export interface ParsedCsv extends ParsedStatement {
  readonly layout: CsvLayout;
}

interface Record_ {
  readonly line: number;
  readonly cells: readonly string[];
}

const DELIMITERS = [',', ';', '\t', '|'];
// Banks print a few lines of account details before the header; past this many rows we stop looking.
const HEADER_SEARCH_ROWS = 30;
const SAMPLE_LINES = 60;

export function parseCsvStatement(text: string, encoding: string, options: CsvOptions): ParsedCsv {
  // Excel writes "sep=;" as the first line of a CSV it saves in a locale whose list separator is not ",".
  const declared = /^sep=([^\r\n])\r?\n/i.exec(text)?.[1];
  const delimiter = options.delimiter ?? declared ?? detectDelimiter(text, options.columns ?? {});
  const records = readRecords(text, delimiter);
  const { header: headerRecord, bodyStart, mapping } = findHeader(records, options.columns ?? {});
  const body = records.slice(bodyStart).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const cell = (r: Record_, role: ColumnRole) => {
    const at = mapping[role];
    return at === undefined ? '' : (r.cells[at] ?? '').trim();
  };

  const dateOrder = options.dateOrder ?? detectDateOrder(body.map((r) => cell(r, 'date')));
  const amountCells = body.flatMap((r) => [cell(r, 'amount'), cell(r, 'debit'), cell(r, 'credit')]);
  const decimal = options.decimal ?? detectDecimalSeparator(amountCells.filter((c) => c !== ''));
  const invert = options.invert === true;
  const lines: StatementLine[] = [];
  const bankIds: string[] = [];
  const errors: LineError[] = [];

  for (const r of body) {
    const dateText = cell(r, 'date');
    // A row with neither a date nor an amount is a footer or a spacer, not a transaction.
    if (dateText === '' && ['amount', 'debit', 'credit'].every((k) => cell(r, k as ColumnRole) === ''))
      continue;
    const date = readDate(dateText, dateOrder);
    if (date === null) {
      errors.push({ line: r.line, reason: `date "${dateText}" is not ${dateExample(dateOrder)}` });
      continue;
    }
    let amount: number;
    try {
      amount = signedAmount(r, cell, decimal, options.currency);
    } catch (e) {
      if (!(e instanceof MoneyParseError || e instanceof ValidationError)) throw e;
      errors.push({ line: r.line, reason: e.message });
      continue;
    }
    const currency = cell(r, 'currency').toUpperCase();
    if (currency !== '' && currency !== options.currency) {
      errors.push({
        line: r.line,
        reason: `the amount is in ${currency}, but the user's amounts are in ${options.currency}`,
      });
      continue;
    }
    if (amount === 0) {
      errors.push({ line: r.line, reason: 'amount is zero: neither an expense nor income' });
      continue;
    }
    const payee = cell(r, 'payee').replace(/\s+/g, ' ').trim();
    const description = joinDescription(payee, cell(r, 'description'));
    const line = { line: r.line, date, amount: invert ? -amount : amount, description };
    lines.push(payee === '' ? line : { ...line, payee });
    bankIds.push(cell(r, 'id'));
  }

  return {
    format: 'csv',
    encoding,
    account: options.account ?? '',
    currency: null,
    lines: withBankIds(lines, bankIds),
    errors,
    layout: {
      delimiter,
      headerLine: headerRecord.line,
      header: headerRecord.cells,
      mapping,
      dateOrder,
      decimal,
      invert,
    },
  };
}

/**
 * The bank's transaction ids become the lines' duplicate keys (like OFX FITIDs) only when every line has one
 * and no two are equal: a column that repeats ids is not what its name says, and the content key is safer.
 */
function withBankIds(lines: StatementLine[], ids: readonly string[]): StatementLine[] {
  if (ids.some((id) => id === '') || new Set(ids).size !== ids.length) return lines;
  return lines.map((l, i) => ({ ...l, fitid: ids[i] ?? '' }));
}

function signedAmount(
  r: Record_,
  cell: (r: Record_, role: ColumnRole) => string,
  decimal: DecimalSeparator,
  currency: string,
): number {
  const amountText = cell(r, 'amount');
  if (amountText !== '') {
    const value = readAmount(amountText, decimal, currency);
    const direction = cell(r, 'direction');
    return direction === '' ? value : directionSign(direction) * Math.abs(value);
  }
  const debit = cell(r, 'debit');
  const credit = cell(r, 'credit');
  // Some banks print debits as negative numbers in the debit column: the column, not the sign, decides.
  const out = debit === '' ? 0 : Math.abs(readAmount(debit, decimal, currency));
  const into = credit === '' ? 0 : Math.abs(readAmount(credit, decimal, currency));
  if (debit === '' && credit === '') throw new ValidationError('amount', 'no amount');
  if (out !== 0 && into !== 0) {
    throw new ValidationError('amount', `both a debit (${debit}) and a credit (${credit})`);
  }
  return into - out;
}

/** "Payee — purpose", without repeating a payee the purpose already names. */
function joinDescription(payee: string, purpose: string): string {
  const text =
    payee === '' || purpose.includes(payee) ? purpose : purpose === '' ? payee : `${payee} — ${purpose}`;
  return text.replace(/\s+/g, ' ');
}

const OUT_WORDS = new Set(['af', 'debit', 'd', 'dr', 'db', 's', 'soll', 'out', '-']);
const IN_WORDS = new Set(['bij', 'credit', 'c', 'cr', 'h', 'haben', 'in', '+']);

function directionSign(text: string): number {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/[^a-z+-]/g, '');
  if (OUT_WORDS.has(word)) return -1;
  if (IN_WORDS.has(word)) return 1;
  throw new ValidationError('direction', `direction "${text}" is neither a debit nor a credit`);
}

function readRecords(text: string, delimiter: string): Record_[] {
  const starts: number[] = [];
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      // csv-parse counts the line a record ends on; a quoted field may span lines, so count back to its start.
      // (Read here rather than with info: true, which copies an info object per record: 10% of a big import.)
      on_record: (record, context) => {
        starts.push(
          context.lines - record.reduce((n, c) => n + (c.includes('\n') ? c.split('\n').length - 1 : 0), 0),
        );
        return record;
      },
    });
  } catch (e) {
    // csv-parse names the line of a broken quote; the whole file is unreadable from there on.
    throw new ValidationError('file', `the file is not readable as CSV: ${(e as Error).message}`);
  }
  return rows.map((cells, i) => ({ line: starts[i] ?? 0, cells }));
}

/**
 * The header row and the mapping its names (or the user's column choices) give. A file without a header can be
 * read when the user names the columns by number: a "header" whose date cell is a date is the first data row.
 */
function findHeader(
  records: readonly Record_[],
  overrides: Partial<Record<ColumnRole, string>>,
): { header: Record_; bodyStart: number; mapping: ColumnMapping } {
  const limit = Math.min(records.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index++) {
    const row = records[index];
    const mapping = headerMapping(row?.cells ?? [], overrides);
    if (!row || !mapping || !isUsable(mapping)) continue;
    const dateCell = row.cells[mapping.date ?? -1] ?? '';
    if (DATE_ORDERS.some((order) => readDate(dateCell, order) !== null)) {
      const names = row.cells.map((_, i) => `Column ${i + 1}`);
      return { header: { line: 0, cells: names }, bodyStart: index, mapping };
    }
    return { header: row, bodyStart: index + 1, mapping };
  }
  const first = records[0]?.cells ?? [];
  throw new ValidationError(
    'columns',
    `no header row with a date and an amount column was found (first row: ${first.map((c) => `"${c}"`).join(', ')}); ` +
      'name the columns with --date-column and --amount-column (or --debit-column and --credit-column)',
  );
}

function headerMapping(
  cells: readonly string[],
  overrides: Partial<Record<ColumnRole, string>>,
): ColumnMapping | null {
  try {
    return overrideMapping(cells, mapHeader(cells), overrides);
  } catch (e) {
    if (e instanceof ValidationError) return null;
    throw e;
  }
}

/**
 * The delimiter that yields a recognizable header row, else the one that splits the first lines into the
 * most equal, widest rows. Quoted delimiters ("Smith, J.") are handled by parsing, not by counting characters.
 */
function detectDelimiter(text: string, overrides: Partial<Record<ColumnRole, string>>): string {
  const sample = text.split(/\r?\n/, SAMPLE_LINES).join('\n');
  let best = { delimiter: ',', score: -1 };
  for (const delimiter of DELIMITERS) {
    let records: Record_[];
    try {
      records = readRecords(sample, delimiter);
    } catch {
      continue;
    }
    const header = records.slice(0, HEADER_SEARCH_ROWS).find((r) => {
      const mapping = headerMapping(r.cells, overrides);
      return mapping !== null && isUsable(mapping);
    });
    const widths = records.map((r) => r.cells.length).filter((w) => w > 1);
    const modal = Math.max(0, ...widths.map((w) => widths.filter((x) => x === w).length));
    const score = (header ? 1_000_000 : 0) + modal * 100 + (header?.cells.length ?? 0);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}
