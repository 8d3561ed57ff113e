import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../../src/domain/entities.js';
import { readStatement } from '../../../src/import/statement-reader.js';
import { StatementImporter } from '../../../src/local/statement-import.js';
import { openFixture, type Fixture } from '../../support/local-fixture.js';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/statements/${name}`));
const bytes = (text: string) => new TextEncoder().encode(text);
const payees = (data: Uint8Array, currency = 'EUR') =>
  readStatement(data, { currency }).lines.map((l) => [l.payee ?? null, l.description]);

describe('the payee of a statement line', () => {
  it('comes from the German "Begünstigter/Zahlungspflichtiger" column; the description keeps it too', () => {
    expect(payees(fixture('de-sparkasse-latin1.csv'))).toEqual([
      ['Hausverwaltung Müller GmbH', 'Hausverwaltung Müller GmbH — Miete Oktober; Whg. 3'],
      ['Bäckerei Schön', 'Bäckerei Schön'],
      ['Arbeitgeber AG', 'Arbeitgeber AG — Gehalt Oktober'],
      ['REWE', 'REWE Markt Köln'],
      ['Zoë Weiß', 'Zoë Weiß — Geschenk für Zoë'],
    ]);
  });

  it('comes from an "Empfänger" or "Counterparty" column, and is absent where the cell is empty', () => {
    const german =
      'Datum;Empfänger;Verwendungszweck;Betrag\n01.10.2026;Stadtwerke  Bonn;Strom;-50,00\n02.10.2026;;Bargeld;-20,00\n';
    expect(payees(bytes(german))).toEqual([
      ['Stadtwerke Bonn', 'Stadtwerke Bonn — Strom'],
      [null, 'Bargeld'],
    ]);
    const english = 'Date,Counterparty,Reference,Amount\n2026-10-03,Corner Shop,card 1234,-4.20\n';
    expect(payees(bytes(english))).toEqual([['Corner Shop', 'Corner Shop — card 1234']]);
  });

  it('is absent when the file has no payee column', () => {
    expect(payees(fixture('us-checking-bom.csv'), 'USD').every(([payee]) => payee === null)).toBe(true);
  });

  it('comes from OFX <NAME> (with entities decoded) and not from <MEMO>', () => {
    expect(payees(fixture('checking-v1.ofx'), 'USD').map(([payee]) => payee)).toEqual([
      'SHELL OIL 5744',
      'ACME CORP PAYROLL',
      'BLUE BOTTLE COFFEE',
      'BLUE BOTTLE COFFEE',
      'Check 1042 & fees',
    ]);
    expect(payees(fixture('card-v2.qfx'), 'USD').map(([payee]) => payee)).toEqual([
      'NETFLIX.COM',
      'RETURN: OUTDOOR CO <ONLINE>',
    ]);
  });

  it('comes from OFX <PAYEE> when there is no <NAME>', () => {
    const ofx = [
      'OFXHEADER:100',
      '',
      '<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKTRANLIST>',
      '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261002<TRNAMT>-9.99<FITID>1<PAYEE>Music Store<MEMO>monthly</STMTTRN>',
      '</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>',
    ].join('\n');
    expect(payees(bytes(ofx))).toEqual([['Music Store', 'Music Store — monthly']]);
  });
});

describe('importing payees', () => {
  let f: Fixture;
  let user: User;
  beforeEach(() => {
    f = openFixture();
    user = f.users.create({ name: 'alice', currency: 'EUR', locale: 'de-DE' });
  });
  afterEach(() => f.store.close());

  it("stores each line's payee on its row, so lists filter and forms suggest by it", () => {
    const result = new StatementImporter(f.store).run(user.id, {
      bytes: fixture('de-sparkasse-latin1.csv'),
      fileName: 'de.csv',
      options: {},
    });
    expect(result.lines.map((l) => l.payee)).toContain('REWE');
    const rewe = f.expenses.list(user.id, { payee: 'rewe' }).items;
    expect(rewe.map((e) => [e.amount, e.note])).toEqual([[6789, 'REWE Markt Köln']]);
    expect(f.income.list(user.id, {}).items.map((i) => i.payee)).toEqual(['Arbeitgeber AG']);
    expect(f.expenses.payees(user.id, 'b')).toEqual(['Bäckerei Schön']);
  });
});
