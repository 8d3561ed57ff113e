import { describe, it, expect } from 'vitest';
import type { z } from 'zod';
import {
  budgetInput,
  categoryInput,
  contributionInput,
  expenseInput,
  expensePatch,
  goalInput,
  incomeInput,
  incomePatch,
  listQuery,
  userInput,
} from '../../../src/domain/schemas.js';
import { ValidationError, validate } from '../../../src/domain/validation.js';

const EUR = { currency: 'EUR' };
const JPY = { currency: 'JPY' };
const SQL_TEXT = "'); DROP TABLE expense;--";

/**
 * Asserts that `input` is refused with a ValidationError on `field` whose message is one readable sentence
 * (no zod jargon, no JSON dump, one line) containing every fragment.
 */
function expectInvalid(schema: z.ZodType, input: unknown, field: string, ...fragments: (string | RegExp)[]) {
  let caught: unknown;
  try {
    validate(schema, input);
  } catch (e) {
    caught = e;
  }
  expect(caught, `${JSON.stringify(input)} should be refused`).toBeInstanceOf(ValidationError);
  const error = caught as ValidationError;
  expect(error.name).toBe('ValidationError');
  expect(error.field).toBe(field);
  expect(error.message).toContain(error.reason);
  expect(error.message).not.toMatch(/\n/);
  expect(error.message.length).toBeLessThan(160);
  // One sentence: no sentence break inside, and none of zod's own wording.
  expect(error.message).not.toMatch(/[.!?]\s+\S/);
  expect(error.message).not.toMatch(/Invalid input|expected \w+, received|ZodError|[{[]/i);
  for (const fragment of fragments) {
    if (typeof fragment === 'string') expect(error.message).toContain(fragment);
    else expect(error.message).toMatch(fragment);
  }
  return error;
}

/** The parsed output of a schema known only as `z.ZodType`, as a record of its fields. */
function parsed(schema: z.ZodType, input: unknown): Record<string, unknown> {
  return validate(schema, input) as Record<string, unknown>;
}

const expense = { amount: '12.50', date: '2026-11-01', category: 'Food' };
const income = { amount: '2500', date: '2026-11-01', category: 'Salary' };

describe('amounts (every schema that takes money)', () => {
  const amountSchemas: [string, z.ZodType, Record<string, unknown>, string][] = [
    ['expense', expenseInput(EUR), expense, 'amount'],
    ['income', incomeInput(EUR), income, 'amount'],
    ['budget', budgetInput(EUR), { category: 'Food', month: '2026-11' }, 'limit'],
    ['goal', goalInput(EUR), { name: 'Bike' }, 'target'],
    ['contribution', contributionInput(EUR), { date: '2026-11-01' }, 'amount'],
    ['expense patch', expensePatch(EUR), {}, 'amount'],
    ['income patch', incomePatch(EUR), {}, 'amount'],
  ];

  for (const [name, schema, rest, field] of amountSchemas) {
    describe(name, () => {
      it('stores a valid amount as integer minor units', () => {
        expect(parsed(schema, { ...rest, [field]: '12.50' })[field]).toBe(1250);
        expect(parsed(schema, { ...rest, [field]: 12.5 })[field]).toBe(1250);
      });

      it('refuses a negative amount', () => {
        expectInvalid(schema, { ...rest, [field]: '-5' }, field, `${field} must be greater than zero`);
      });

      it('refuses zero', () => {
        expectInvalid(schema, { ...rest, [field]: '0' }, field, `${field} must be greater than zero`);
        expectInvalid(schema, { ...rest, [field]: '0.00' }, field, 'greater than zero');
        expectInvalid(schema, { ...rest, [field]: 0 }, field, 'greater than zero');
      });

      it('refuses "NaN" and other non-numbers', () => {
        expectInvalid(schema, { ...rest, [field]: 'NaN' }, field, '"NaN"', 'not a number');
        expectInvalid(schema, { ...rest, [field]: 'twelve' }, field, 'not a number');
        expectInvalid(schema, { ...rest, [field]: '' }, field, 'empty');
        expectInvalid(schema, { ...rest, [field]: '1e3' }, field, 'not a number');
      });

      it('refuses a huge amount', () => {
        expectInvalid(schema, { ...rest, [field]: '99999999999999999' }, field, 'too large');
      });

      it('refuses more decimals than the currency has', () => {
        expectInvalid(schema, { ...rest, [field]: '12.345' }, field, 'more decimals than EUR allows (2)');
        expectInvalid(schema, { ...rest, [field]: 0.1 + 0.2 }, field, 'more decimals than EUR allows');
      });

      it('refuses an ambiguous grouped amount rather than guessing', () => {
        expectInvalid(schema, { ...rest, [field]: '1,234' }, field, 'ambiguous');
      });
    });
  }

  it('refuses decimals in a currency without minor units (JPY)', () => {
    expectInvalid(
      expenseInput(JPY),
      { ...expense, amount: '1.5' },
      'amount',
      'more decimals than JPY allows (0)',
    );
    expect(validate(expenseInput(JPY), { ...expense, amount: '1500' }).amount).toBe(1500);
  });

  it('refuses amounts in an unknown currency', () => {
    expectInvalid(expenseInput({ currency: 'XYZ' }), expense, 'amount', 'unknown currency', 'XYZ');
  });

  it('refuses a missing amount', () => {
    expectInvalid(
      expenseInput(EUR),
      { date: '2026-11-01', category: 'Food' },
      'amount',
      'amount is required',
    );
    expectInvalid(expenseInput(EUR), { ...expense, amount: null }, 'amount', 'amount is required');
  });

  it('reads amounts in the user locale when one is given', () => {
    const de = { currency: 'EUR', locale: 'de-DE' };
    expect(validate(expenseInput(de), { ...expense, amount: '1.234,56' }).amount).toBe(123456);
  });
});

describe('dates and months', () => {
  const impossible = ['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-01', '', '2026-11-01T10:00:00Z'];

  it('accepts a leap day in a leap year', () => {
    expect(validate(expenseInput(EUR), { ...expense, date: '2024-02-29' }).date).toBe('2024-02-29');
  });

  for (const date of impossible) {
    it(`refuses the date ${JSON.stringify(date)} in every dated schema`, () => {
      const message = `date "${date}" is not a real date written YYYY-MM-DD`;
      expectInvalid(expenseInput(EUR), { ...expense, date }, 'date', message);
      expectInvalid(incomeInput(EUR), { ...income, date }, 'date', message);
      expectInvalid(contributionInput(EUR), { amount: '5', date }, 'date', message);
      expectInvalid(expensePatch(EUR), { date }, 'date', message);
      expectInvalid(incomePatch(EUR), { date }, 'date', message);
      expectInvalid(goalInput(EUR), { name: 'Bike', target: '500', by: date }, 'by', `target date "${date}"`);
      expectInvalid(listQuery, { from: date }, 'from', `from "${date}"`);
      expectInvalid(listQuery, { to: date }, 'to', `to "${date}"`);
    });
  }

  it('refuses a missing date', () => {
    expectInvalid(expenseInput(EUR), { amount: '1', category: 'Food' }, 'date', 'date is required');
  });

  it('refuses impossible budget months', () => {
    for (const month of ['2026-13', '2026-00', '2026-1', '2026-11-01', '']) {
      expectInvalid(
        budgetInput(EUR),
        { category: 'Food', month, limit: '300' },
        'month',
        `month "${month}" is not a month written YYYY-MM`,
      );
    }
    expect(validate(budgetInput(EUR), { category: 'Food', month: '2026-12', limit: '300' })).toEqual({
      category: 'Food',
      month: '2026-12',
      limit: 30000,
    });
  });
});

describe('text fields', () => {
  const named: [string, z.ZodType, Record<string, unknown>, string, string, number][] = [
    ['user name', userInput, {}, 'name', 'user name', 60],
    ['category name', categoryInput, { kind: 'expense' }, 'name', 'category name', 80],
    ['expense category', expenseInput(EUR), expense, 'category', 'category', 80],
    ['income category', incomeInput(EUR), income, 'category', 'category', 80],
    ['budget category', budgetInput(EUR), { month: '2026-11', limit: '5' }, 'category', 'category', 80],
    ['goal name', goalInput(EUR), { target: '500' }, 'name', 'goal name', 80],
    ['payment method', expenseInput(EUR), expense, 'method', 'payment method', 40],
    ['income source', incomeInput(EUR), income, 'source', 'source', 80],
  ];

  for (const [label, schema, rest, field, what, max] of named) {
    describe(label, () => {
      it('refuses empty or blank text', () => {
        expectInvalid(schema, { ...rest, [field]: '' }, field, `${what} must not be empty`);
        expectInvalid(schema, { ...rest, [field]: '   ' }, field, `${what} must not be empty`);
      });

      it(`accepts ${max} characters and refuses ${max + 1}`, () => {
        expect(parsed(schema, { ...rest, [field]: 'x'.repeat(max) })[field]).toBe('x'.repeat(max));
        expectInvalid(
          schema,
          { ...rest, [field]: 'x'.repeat(max + 1) },
          field,
          `${what} must be at most ${max} characters`,
        );
      });

      it('trims surrounding spaces before measuring', () => {
        expect(parsed(schema, { ...rest, [field]: `  ${'y'.repeat(max)}  ` })[field]).toBe('y'.repeat(max));
      });

      it('refuses control characters', () => {
        for (const bad of ['a\u0000b', 'bell\u0007', 'esc\u001b[31mred', 'del\u007f', 'cr\rlf']) {
          expectInvalid(
            schema,
            { ...rest, [field]: bad },
            field,
            `${what} must not contain control characters`,
          );
        }
      });

      it('refuses a line break inside the text (it would break terminal tables and CSV rows)', () => {
        expectInvalid(
          schema,
          { ...rest, [field]: 'two\nlines' },
          field,
          `${what} must not contain control characters`,
        );
      });

      it('accepts SQL-looking and non-Latin text verbatim', () => {
        const sql = SQL_TEXT.slice(0, max);
        expect(parsed(schema, { ...rest, [field]: sql })[field]).toBe(sql);
        expect(parsed(schema, { ...rest, [field]: 'Café 東京' })[field]).toBe('Café 東京');
      });
    });
  }

  it('refuses a name that is not text', () => {
    expectInvalid(categoryInput, { name: 42, kind: 'expense' }, 'name', 'category name is required');
    expectInvalid(categoryInput, { kind: 'expense' }, 'name', 'category name is required');
  });

  describe('notes', () => {
    const noted: [string, z.ZodType, Record<string, unknown>][] = [
      ['expense', expenseInput(EUR), expense],
      ['income', incomeInput(EUR), income],
      ['contribution', contributionInput(EUR), { amount: '5', date: '2026-11-01' }],
      ['expense patch', expensePatch(EUR), {}],
      ['income patch', incomePatch(EUR), {}],
    ];
    for (const [label, schema, rest] of noted) {
      it(`${label}: accepts 500 characters, refuses 501`, () => {
        expect(parsed(schema, { ...rest, note: 'n'.repeat(500) }).note).toBe('n'.repeat(500));
        expectInvalid(
          schema,
          { ...rest, note: 'n'.repeat(501) },
          'note',
          'note must be at most 500 characters',
        );
      });

      it(`${label}: refuses control characters but keeps line breaks and tabs`, () => {
        expectInvalid(
          schema,
          { ...rest, note: 'a\u0000b' },
          'note',
          'note must not contain control characters',
        );
        expectInvalid(schema, { ...rest, note: 'x\u001b[2J' }, 'note', 'control characters');
        expect(parsed(schema, { ...rest, note: 'line one\nline\ttwo' }).note).toBe('line one\nline\ttwo');
      });

      it(`${label}: accepts SQL-looking text verbatim`, () => {
        expect(parsed(schema, { ...rest, note: SQL_TEXT }).note).toBe(SQL_TEXT);
      });
    }

    it('defaults a missing note to empty on create', () => {
      expect(validate(expenseInput(EUR), expense).note).toBe('');
      expect(validate(incomeInput(EUR), income).note).toBe('');
    });
  });
});

describe('patches', () => {
  it('leave out every field that was not given, so an edit never clears the note by accident', () => {
    expect(validate(expensePatch(EUR), { amount: '13' })).toEqual({ amount: 1300 });
    expect(validate(incomePatch(EUR), { amount: '13' })).toEqual({ amount: 1300 });
    expect(validate(expensePatch(EUR), {})).toEqual({});
  });

  it('can clear the method or source with null', () => {
    expect(validate(expensePatch(EUR), { method: null }).method).toBeNull();
    expect(validate(incomePatch(EUR), { source: null }).source).toBeNull();
  });
});

describe('users', () => {
  it('defaults currency and locale and upper-cases the currency', () => {
    expect(validate(userInput, { name: 'Alice' })).toEqual({
      name: 'Alice',
      currency: 'EUR',
      locale: 'en-US',
    });
    expect(validate(userInput, { name: 'Alice', currency: ' usd ' }).currency).toBe('USD');
  });

  it('refuses an unknown currency', () => {
    expectInvalid(userInput, { name: 'Alice', currency: 'XYZ' }, 'currency', '"XYZ" is not an ISO 4217 code');
    expectInvalid(userInput, { name: 'Alice', currency: 'EURO' }, 'currency', 'ISO 4217');
    expectInvalid(userInput, { name: 'Alice', currency: '' }, 'currency', 'ISO 4217');
    expectInvalid(userInput, { name: 'Alice', currency: 'toString' }, 'currency', 'ISO 4217');
  });

  it('refuses a locale that is not a language tag', () => {
    expectInvalid(userInput, { name: 'Alice', locale: 'not a locale' }, 'locale', 'is not a language tag');
    expectInvalid(userInput, { name: 'Alice', locale: '' }, 'locale', 'is not a language tag');
  });

  it('refuses a password that is too short or too long', () => {
    expectInvalid(userInput, { name: 'Alice', password: 'short' }, 'password', 'at least 8 characters');
    expectInvalid(
      userInput,
      { name: 'Alice', password: 'p'.repeat(201) },
      'password',
      'at most 200 characters',
    );
    expect(validate(userInput, { name: 'Alice', password: SQL_TEXT }).password).toBe(SQL_TEXT);
  });
});

describe('categories', () => {
  it('accepts only the two kinds', () => {
    expect(validate(categoryInput, { name: 'Pets', kind: 'income' }).kind).toBe('income');
    expectInvalid(
      categoryInput,
      { name: 'Pets', kind: 'transfer' },
      'kind',
      'kind must be "expense" or "income"',
    );
    expectInvalid(categoryInput, { name: 'Pets' }, 'kind', 'kind must be');
  });
});

describe('list queries', () => {
  it('has defaults: newest first, 50 a page', () => {
    expect(validate(listQuery, {})).toEqual({ sort: 'date', order: 'desc', limit: 50, offset: 0 });
    expect(validate(listQuery, { limit: '10', offset: '20' })).toMatchObject({ limit: 10, offset: 20 });
  });

  it('refuses bad paging', () => {
    expectInvalid(listQuery, { limit: 'abc' }, 'limit', 'limit must be a number');
    expectInvalid(listQuery, { limit: '0' }, 'limit', 'limit must be at least 1');
    expectInvalid(listQuery, { limit: '1001' }, 'limit', 'limit must be at most 1000');
    expectInvalid(listQuery, { limit: '2.5' }, 'limit', 'limit must be a whole number');
    expectInvalid(listQuery, { offset: '-1' }, 'offset', 'offset must not be negative');
  });

  it('refuses unknown sort keys and orders', () => {
    expectInvalid(
      listQuery,
      { sort: 'name; DROP TABLE expense' },
      'sort',
      'sort must be date, amount or category',
    );
    expectInvalid(listQuery, { order: 'sideways' }, 'order', 'order must be asc or desc');
  });

  it('refuses an over-long search but keeps SQL-looking search text', () => {
    expectInvalid(listQuery, { search: 's'.repeat(101) }, 'search', 'search must be at most 100 characters');
    expect(validate(listQuery, { search: SQL_TEXT }).search).toBe(SQL_TEXT);
    expect(validate(listQuery, { search: '100%_off' }).search).toBe('100%_off');
  });
});
