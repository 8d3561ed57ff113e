import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { naturalId } from '../../../src/domain/ids.js';
import { importedRowId, importKeys } from '../../../src/import/import-keys.js';
import { readStatement } from '../../../src/import/statement-reader.js';
import { ValidationError } from '../../../src/domain/validation.js';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/statements/${name}`));
const summary = (name: string, currency: string, options = {}) =>
  readStatement(fixture(name), { currency, fileName: name, ...options }).lines.map(
    (l) => `${l.line} ${l.date} ${l.amount} ${l.description}`,
  );

describe('reading bank statements', () => {
  it('reads a Windows-1252 German export with an account preamble, quoted semicolons and decimal commas', () => {
    const parsed = readStatement(fixture('de-sparkasse-latin1.csv'), { currency: 'EUR' });
    expect(parsed.encoding).toBe('windows-1252');
    expect(parsed.layout).toMatchObject({ delimiter: ';', headerLine: 4, dateOrder: 'dmy', decimal: ',' });
    expect(parsed.errors).toEqual([]);
    expect(summary('de-sparkasse-latin1.csv', 'EUR')).toEqual([
      '5 2026-10-01 -125000 Hausverwaltung Müller GmbH — Miete Oktober; Whg. 3',
      '6 2026-10-02 -435 Bäckerei Schön',
      '7 2026-10-15 341217 Arbeitgeber AG — Gehalt Oktober',
      '8 2026-10-17 -6789 REWE Markt Köln',
      '9 2026-10-28 -5000 Zoë Weiß — Geschenk für Zoë',
    ]);
  });

  it('reads a UTF-8 file with a BOM, month-first dates, quoted commas and debit/credit columns', () => {
    const parsed = readStatement(fixture('us-checking-bom.csv'), { currency: 'USD' });
    expect(parsed.encoding).toBe('utf-8-bom');
    expect(parsed.layout?.dateOrder).toBe('mdy');
    expect(summary('us-checking-bom.csv', 'USD')).toEqual([
      '2 2026-10-01 -2399 AMAZON.COM, INC. SEATTLE WA',
      '3 2026-10-03 215000 Payroll "ACME" Direct Dep',
      '4 2026-10-13 -525 STARBUCKS #1234',
      '5 2026-10-13 -525 STARBUCKS #1234',
      '6 2026-10-24 -140000 Rent, October',
    ]);
  });

  it('reads French headers with accents, day-first slashes, space-grouped thousands and signed debits', () => {
    expect(summary('fr-banque.csv', 'EUR')).toEqual([
      '2 2026-10-03 -2340 CB CARREFOUR CITY PARIS',
      '3 2026-10-05 245000 VIR SALAIRE OCTOBRE',
      '4 2026-10-21 -110412 PRLV EDF "facture; octobre"',
      '5 2026-10-30 -750 CB CAFÉ DE FLORE',
    ]);
  });

  it('reads an ING export: compact dates and an unsigned amount with an Af/Bij column', () => {
    const parsed = readStatement(fixture('nl-ing.csv'), { currency: 'EUR' });
    expect(parsed.layout?.mapping).toMatchObject({
      date: 0,
      payee: 1,
      direction: 5,
      amount: 6,
      description: 8,
    });
    expect(parsed.lines.map((l) => [l.date, l.amount])).toEqual([
      ['2026-10-02', -1249],
      ['2026-10-05', 287500],
      ['2026-10-09', -420],
    ]);
  });

  it('refuses to guess between day-first and month-first, and reads the file once told', () => {
    let caught: unknown;
    try {
      readStatement(fixture('ambiguous-dates.csv'), { currency: 'EUR' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).message).toMatch(/--date-format dmy or --date-format mdy/);
    const dayFirst = readStatement(fixture('ambiguous-dates.csv'), { currency: 'EUR', dateOrder: 'dmy' });
    expect(dayFirst.lines.map((l) => l.date)).toEqual(['2026-02-01', '2026-04-03', '2026-06-05']);
  });

  it('names every bad line with its reason', () => {
    const parsed = readStatement(fixture('bad-lines.csv'), { currency: 'EUR' });
    expect(parsed.lines.map((l) => l.line)).toEqual([2, 4, 7]);
    expect(parsed.errors).toEqual([
      { line: 3, reason: 'date "2026-13-01" is not a year-first date like 2026-10-31' },
      { line: 5, reason: 'no amount' },
      { line: 6, reason: 'amount is zero: neither an expense nor income' },
    ]);
  });

  it('reads OFX 1 (SGML) with FITIDs, the account and entities', () => {
    const parsed = readStatement(fixture('checking-v1.ofx'), { currency: 'USD' });
    expect(parsed.format).toBe('ofx');
    expect(parsed.account).toBe('121000248/000123456789');
    expect(parsed.lines.map((l) => [l.date, l.amount, l.fitid, l.description])).toEqual([
      ['2026-10-02', -4217, '2026100201', 'SHELL OIL 5744 — FUEL'],
      ['2026-10-15', 185000, '2026101501', 'ACME CORP PAYROLL'],
      ['2026-10-16', -525, '2026101601', 'BLUE BOTTLE COFFEE'],
      ['2026-10-16', -525, '2026101602', 'BLUE BOTTLE COFFEE'],
      ['2026-10-20', -30000, '2026102001', 'Check 1042 & fees'],
    ]);
  });

  it('reads QFX / OFX 2 (XML) from a credit card', () => {
    const parsed = readStatement(fixture('card-v2.qfx'), { currency: 'USD' });
    expect(parsed.account).toBe('4111XXXXXXXX1111');
    expect(parsed.lines.map((l) => [l.line, l.date, l.amount, l.fitid, l.description])).toEqual([
      [13, '2026-10-04', -1875, '320261004000123', 'NETFLIX.COM'],
      [20, '2026-10-12', 2500, '320261012000456', 'RETURN: OUTDOOR CO <ONLINE>'],
    ]);
  });

  it('refuses an OFX statement in another currency than the user keeps', () => {
    expect(() => readStatement(fixture('checking-v1.ofx'), { currency: 'EUR' })).toThrow(
      /statement is in USD but the user's amounts are in EUR/,
    );
  });

  it('refuses "12.50" in a decimal-comma file instead of reading 1250', () => {
    const text = 'Datum;Betrag\n01.10.2026;-1.234,50\n02.10.2026;-12,00\n03.10.2026;-12.50\n';
    const parsed = readStatement(new TextEncoder().encode(text), { currency: 'EUR' });
    expect(parsed.lines.map((l) => l.amount)).toEqual([-123450, -1200]);
    expect(parsed.errors[0]?.line).toBe(4);
  });

  it('lets the user choose columns, invert signs and name a file without a known header', () => {
    const text = 'When,What,How much\n2026-10-01,Card purchase,19.99\n2026-10-02,Payment received,-50.00\n';
    const bytes = new TextEncoder().encode(text);
    expect(() => readStatement(bytes, { currency: 'EUR' })).toThrow(/--date-column/);
    const parsed = readStatement(bytes, {
      currency: 'EUR',
      columns: { date: 'When', description: '2', amount: 'How much' },
      invert: true,
    });
    expect(parsed.lines.map((l) => [l.amount, l.description])).toEqual([
      [-1999, 'Card purchase'],
      [5000, 'Payment received'],
    ]);
  });
});

describe('duplicate keys', () => {
  it('derive the same row id as naturalId, so every device agrees on it', () => {
    const lines = readStatement(fixture('overlap-october.csv'), { currency: 'EUR' }).lines;
    const keys = importKeys(lines, 'acct');
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[1]?.endsWith('\u001f1')).toBe(true);
    expect(keys[2]?.endsWith('\u001f2')).toBe(true);
    for (const key of keys) expect(importedRowId('user-1', key)).toBe(naturalId('import', 'user-1', key));
  });

  it('do not change with spacing or case of the description, and do change with the account', () => {
    const line = { line: 2, date: '2026-10-01', amount: -250, description: 'Coffee  Corner ' };
    const [a] = importKeys([line], '');
    const [b] = importKeys([{ ...line, line: 9, description: 'COFFEE CORNER' }], '');
    const [c] = importKeys([line], 'savings');
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
});

describe('currency columns', () => {
  it("refuse lines in another currency than the user's", () => {
    const parsed = readStatement(fixture('de-sparkasse-latin1.csv'), { currency: 'USD' });
    expect(parsed.lines).toEqual([]);
    expect(parsed.errors[0]).toEqual({
      line: 5,
      reason: "the amount is in EUR, but the user's amounts are in USD",
    });
  });
});

describe('OFX files with several accounts', () => {
  it('key each transaction by its own account, so equal FITIDs of two accounts are two rows', () => {
    const statement = (acct: string, amount: string) =>
      `<STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>100<ACCTID>${acct}</BANKACCTFROM><BANKTRANLIST>` +
      `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261001<TRNAMT>${amount}<FITID>1<NAME>Transfer</STMTTRN>` +
      `</BANKTRANLIST></STMTRS></STMTTRNRS>`;
    const text = `OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1>\n${statement('CHK', '-50.00')}\n${statement('SAV', '50.00')}\n</BANKMSGSRSV1></OFX>\n`;
    const parsed = readStatement(new TextEncoder().encode(text), { currency: 'EUR' });
    expect(parsed.account).toBe('100/CHK, 100/SAV');
    expect(parsed.lines.map((l) => [l.line, l.account, l.amount])).toEqual([
      [5, '100/CHK', -5000],
      [6, '100/SAV', 5000],
    ]);
    const keys = importKeys(parsed.lines, parsed.account);
    expect(new Set(keys).size).toBe(2);
  });
});

describe('files without a header row', () => {
  it('are read from their first line when the user names the columns by number', () => {
    const bytes = new TextEncoder().encode('2026-10-01;Rent;-900,00\n2026-10-02;Bakery;-3,20\n');
    expect(() => readStatement(bytes, { currency: 'EUR' })).toThrow(/no header row/);
    const parsed = readStatement(bytes, {
      currency: 'EUR',
      columns: { date: '1', description: '2', amount: '3' },
    });
    expect(parsed.layout).toMatchObject({ headerLine: 0, header: ['Column 1', 'Column 2', 'Column 3'] });
    expect(parsed.lines.map((l) => [l.line, l.description, l.amount])).toEqual([
      [1, 'Rent', -90000],
      [2, 'Bakery', -320],
    ]);
  });
});

describe('shapes of other banks', () => {
  const read = (text: string, options = {}) =>
    readStatement(new TextEncoder().encode(text), { currency: 'GBP', ...options });

  it('reads month names, DR/CR amounts and an Excel "sep=" line', () => {
    const parsed = read(
      'sep=;\nDate;Details;Amount\n01 Oct 2026;Tesco;12.50 DR\n2 Okt 2026;Refund;3.00 CR\nOct 3, 2026;Salary;"1,000.00 CR"\n',
    );
    expect(parsed.layout?.delimiter).toBe(';');
    expect(parsed.errors).toEqual([]);
    expect(parsed.lines.map((l) => [l.line, l.date, l.amount])).toEqual([
      [3, '2026-10-01', -1250],
      [4, '2026-10-02', 300],
      [5, '2026-10-03', 100000],
    ]);
  });

  it('does not ask about dates that read the same either way', () => {
    const parsed = read('Date,Description,Amount\n01/01/2026,New year,-5.00\n02/02/2026,Groundhog,-2.00\n');
    expect(parsed.lines.map((l) => l.date)).toEqual(['2026-01-01', '2026-02-02']);
  });

  it('reads UTF-16 files (spreadsheet exports) by their byte order mark', () => {
    const text = 'Date\tDescription\tAmount\r\n2026-10-01\tCafé\t-3.50\r\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    const parsed = readStatement(bytes, { currency: 'EUR' });
    expect(parsed.encoding).toBe('utf-16le');
    expect(parsed.lines.map((l) => [l.description, l.amount])).toEqual([['Café', -350]]);
  });
});

describe("a bank's own transaction ids in a CSV", () => {
  const monzo = (rows: string[]) =>
    new TextEncoder().encode(
      `Transaction ID,Date,Time,Type,Name,Category,Amount,Currency,Description\n${rows.join('\n')}\n`,
    );

  it('key the lines like FITIDs, so a changed description is still the same transaction', () => {
    const first = readStatement(
      monzo(['tx_01,01/10/2026,09:12,Card,Pret,Eating out,-4.50,GBP,PRET A MANGER 123']),
      { currency: 'GBP', dateOrder: 'dmy' },
    );
    const booked = readStatement(
      monzo(['tx_01,01/10/2026,09:12,Card,Pret,Eating out,-4.50,GBP,PRET A MANGER LDN']),
      { currency: 'GBP', dateOrder: 'dmy' },
    );
    expect(first.lines[0]?.fitid).toBe('tx_01');
    expect(importKeys(first.lines, '')).toEqual(importKeys(booked.lines, ''));
  });

  it('are ignored when they repeat, and the content decides', () => {
    const parsed = readStatement(
      monzo([
        '1,01/10/2026,09:12,Card,Pret,,-4.50,GBP,Lunch',
        '1,13/10/2026,10:00,Card,Boots,,-9.00,GBP,Soap',
      ]),
      { currency: 'GBP' },
    );
    expect(parsed.lines.map((l) => l.fitid)).toEqual([undefined, undefined]);
  });
});
