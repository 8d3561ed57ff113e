import { ValidationError } from '../domain/validation.js';
import { parseCsvStatement, type CsvLayout, type CsvOptions } from './csv-statement.js';
import { looksLikeOfx, parseOfxStatement } from './ofx-statement.js';
import type { ParsedStatement, StatementFormat } from './statement.js';
import { decodeStatement } from './text-decoding.js';

export interface ReadOptions extends CsvOptions {
  /** Forced format; else the content decides (an OFX header), then the file name (.ofx, .qfx). */
  readonly format?: StatementFormat;
  readonly fileName?: string;
}

export interface ReadStatement extends ParsedStatement {
  /** How a CSV file was read (absent for OFX). */
  readonly layout?: CsvLayout;
}

/** Decode and parse a statement file's bytes. Pure: the caller reads the file. */
export function readStatement(bytes: Uint8Array, options: ReadOptions): ReadStatement {
  if (bytes.length === 0) throw new ValidationError('file', 'the file is empty');
  const { text, encoding } = decodeStatement(bytes);
  if (formatOf(text, options) === 'ofx') {
    const parsed = parseOfxStatement(text, encoding, options.currency);
    // OFX carries its own account; a label the user gives still separates two banks' FITIDs.
    if (!options.account) return parsed;
    const label = options.account;
    return {
      ...parsed,
      account: `${label}/${parsed.account}`,
      lines: parsed.lines.map((l) => ({ ...l, account: `${label}/${l.account ?? ''}` })),
    };
  }
  return parseCsvStatement(text, encoding, options);
}

/**
 * The bank account an OFX file names (BANKID/ACCTID; several are joined with ", "), without any label; null
 * for a CSV file, which names none.
 */
export function statementAccount(bytes: Uint8Array, options: ReadOptions): string | null {
  if (bytes.length === 0) return null;
  const { text, encoding } = decodeStatement(bytes);
  if (formatOf(text, options) !== 'ofx') return null;
  return parseOfxStatement(text, encoding, options.currency).account || null;
}

/** The forced format, else an OFX header, else the file name (.ofx, .qfx), else CSV. */
function formatOf(text: string, options: ReadOptions): StatementFormat {
  return (
    options.format ?? (looksLikeOfx(text) || /\.(ofx|qfx)$/i.test(options.fileName ?? '') ? 'ofx' : 'csv')
  );
}
