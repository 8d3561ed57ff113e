/** What every statement parser produces: dated, signed amounts with a description, and the lines it refused. */
export type StatementFormat = 'csv' | 'ofx';

export interface StatementLine {
  /** 1-based line of the file where the transaction starts, for messages and for the row's import source. */
  readonly line: number;
  /** YYYY-MM-DD. */
  readonly date: string;
  /** Signed minor units: negative is money out (an expense), positive is money in (income). */
  readonly amount: number;
  readonly description: string;
  /** Who was paid or who paid, when the file names them apart (OFX NAME, a CSV payee column). */
  readonly payee?: string;
  /** The bank's own transaction id (OFX FITID), the strongest duplicate key when present. */
  readonly fitid?: string;
  /** The account of this line when a file holds several (an OFX file with two statements); else the file's. */
  readonly account?: string;
}

/** A line the parser could not read, with the reason, so the user can fix the file or choose to skip it. */
export interface LineError {
  readonly line: number;
  readonly reason: string;
}

export interface ParsedStatement {
  readonly format: StatementFormat;
  /** The text encoding the bytes were read with. */
  readonly encoding: string;
  /** The account the statement belongs to, when the file says (OFX BANKID/ACCTID); part of every key. */
  readonly account: string;
  /** The statement's currency, when the file says (OFX CURDEF). */
  readonly currency: string | null;
  readonly lines: readonly StatementLine[];
  readonly errors: readonly LineError[];
}
