import { isIsoDate } from '../domain/dates.js';
import { MoneyParseError } from '../domain/money.js';
import { ValidationError } from '../domain/validation.js';
import { readAmount } from './amount-format.js';
import type { LineError, ParsedStatement, StatementLine } from './statement.js';

/** True when the text looks like OFX/QFX: an SGML header (OFXHEADER:100) or an XML one with <OFX>. */
export function looksLikeOfx(text: string): boolean {
  const head = text.slice(0, 2000);
  return /OFXHEADER\s*[:=]/i.test(head) || /<OFX>/i.test(head);
}

// A tag and the text up to the next tag. OFX 1 (SGML) leaves leaf elements unclosed (<TRNAMT>-12.50), OFX 2
// (XML) closes them; reading "tag, then the text after it" handles both without an SGML or XML parser.
const TOKEN_SOURCE = '<(\\/?)([A-Za-z0-9.]+)[^>]*>([^<]*)';

interface Transaction {
  readonly line: number;
  readonly account: string;
  readonly fields: Map<string, string>;
}

/**
 * Transactions of an OFX or QFX statement (bank or credit card), with their FITID. Amounts are signed
 * already (TRNAMT < 0 is money out); dates are DTPOSTED's first eight digits.
 */
export function parseOfxStatement(text: string, encoding: string, currency: string): ParsedStatement {
  const start = text.search(/<OFX>/i);
  if (start < 0) throw new ValidationError('file', 'the file is not OFX: it has no <OFX> element');
  const lineAt = lineCounter(text);
  // The account of the statement being read: a file may hold several (checking and savings), each with its
  // own FITIDs, so every transaction keeps the account it was listed under.
  let account: string[] = [];
  const accounts: string[] = [];
  let statementCurrency: string | null = null;
  const transactions: Transaction[] = [];
  let current: Transaction | null = null;
  let inAccount = false;

  // A fresh regex per call: a global one's lastIndex would be state shared between calls.
  const token = new RegExp(TOKEN_SOURCE, 'g');
  token.lastIndex = start;
  for (let m = token.exec(text); m !== null; m = token.exec(text)) {
    const closing = m[1] === '/';
    const tag = (m[2] ?? '').toUpperCase();
    const value = decodeEntities((m[3] ?? '').trim());
    if (tag === 'STMTTRN') {
      if (closing) {
        if (current) transactions.push(current);
        current = null;
      } else {
        if (current) transactions.push(current); // an SGML file that never closes STMTTRN
        current = { line: lineAt(m.index), account: account.join('/'), fields: new Map() };
      }
      continue;
    }
    if (tag === 'BANKACCTFROM' || tag === 'CCACCTFROM') {
      inAccount = !closing;
      if (closing) accounts.push(account.join('/'));
      else account = [];
    }
    if (closing || value === '') continue;
    if (current) current.fields.set(tag, value);
    else if (inAccount && (tag === 'BANKID' || tag === 'ACCTID')) account.push(value);
    else if (tag === 'CURDEF') statementCurrency = value.toUpperCase();
  }
  if (current) transactions.push(current);

  if (statementCurrency !== null && statementCurrency !== currency) {
    throw new ValidationError(
      'file',
      `the statement is in ${statementCurrency} but the user's amounts are in ${currency}`,
    );
  }
  const lines: StatementLine[] = [];
  const errors: LineError[] = [];
  for (const t of transactions) {
    const result = readTransaction(t, currency);
    if ('reason' in result) errors.push(result);
    else lines.push(result);
  }
  const named = [...new Set(accounts)].join(', ');
  return { format: 'ofx', encoding, account: named, currency: statementCurrency, lines, errors };
}

function readTransaction(t: Transaction, currency: string): StatementLine | LineError {
  const posted = t.fields.get('DTPOSTED') ?? '';
  const date = /^\d{8}/.test(posted)
    ? `${posted.slice(0, 4)}-${posted.slice(4, 6)}-${posted.slice(6, 8)}`
    : '';
  if (!isIsoDate(date)) return { line: t.line, reason: `DTPOSTED "${posted}" is not a date` };
  const amountText = t.fields.get('TRNAMT') ?? '';
  let amount: number;
  try {
    // OFX amounts use "."; a few banks write "," anyway, and it can only be decimal there (no grouping).
    amount = readAmount(
      amountText,
      amountText.includes(',') && !amountText.includes('.') ? ',' : '.',
      currency,
    );
  } catch (e) {
    if (e instanceof MoneyParseError) return { line: t.line, reason: `TRNAMT: ${e.message}` };
    throw e;
  }
  if (amount === 0) return { line: t.line, reason: 'amount is zero: neither an expense nor income' };
  const name = t.fields.get('NAME') ?? t.fields.get('PAYEE') ?? '';
  const memo = t.fields.get('MEMO') ?? '';
  const description = (name && memo && !name.includes(memo) ? `${name} — ${memo}` : name || memo).replace(
    /\s+/g,
    ' ',
  );
  const fitid = t.fields.get('FITID');
  const payee = name.replace(/\s+/g, ' ').trim();
  const line: StatementLine = { line: t.line, date, amount, description, account: t.account };
  return { ...line, ...(payee ? { payee } : {}), ...(fitid ? { fitid } : {}) };
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (all, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return ENTITIES[lower] ?? all;
  });
}

/** Line number of a character offset; offsets arrive in increasing order, so one forward scan suffices. */
function lineCounter(text: string): (offset: number) => number {
  let line = 1;
  let at = 0;
  return (offset) => {
    for (; at < offset; at++) if (text.charCodeAt(at) === 10) line++;
    return line;
  };
}
