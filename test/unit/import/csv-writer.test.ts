import { describe, expect, it } from 'vitest';
import { csvLine, csvText } from '../../../src/import/csv-writer.js';

describe('csv writer (RFC 4180 and formula-injection protection)', () => {
  it('quotes a cell with a comma, quote or line break, doubling quotes, and ends lines in CRLF', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', 'cr\r'])).toBe(
      'a,"b,c","say ""hi""","two\nlines","cr\r"\r\n',
    );
  });

  it('writes null as an empty cell, numbers and booleans as they print', () => {
    expect(csvLine([null, 12, -3.5, true, false])).toBe(',12,-3.5,true,false\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, and leaves plain signed numbers alone', () => {
    expect(csvLine(['=HYPERLINK("x")', '+cmd', '-2+3', '@SUM(A1)', '\tx'])).toBe(
      `"'=HYPERLINK(""x"")",'+cmd,'-2+3,'@SUM(A1),'\tx\r\n`,
    );
    expect(csvLine(['-12.50', '+3', '7'])).toBe('-12.50,+3,7\r\n');
  });

  it('joins lines into one text', () => {
    expect(
      csvText([
        ['a', 'b'],
        [1, null],
      ]),
    ).toBe('a,b\r\n1,\r\n');
    expect(csvText([])).toBe('');
  });
});
