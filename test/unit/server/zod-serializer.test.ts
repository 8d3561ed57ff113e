import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SYNCED_TABLES } from '../../../src/domain/tables.js';
import { answers } from '../../../src/server/web/answer-schemas.js';
import { reportAnswer } from '../../../src/server/web/report-answers.js';
import { syncAnswers } from '../../../src/server/web/sync-answers.js';
import { serializerCompiler } from '../../../src/server/zod-serializer.js';
import {
  digestResponseSchema,
  handshakeResponseSchema,
  headsResponseSchema,
  loginResponseSchema,
} from '../../../src/sync/hub-protocol.js';

const route = { method: 'GET', url: '/test', httpStatus: '200' };
const fast = (schema: z.ZodType) => serializerCompiler({ schema, ...route }) as (data: unknown) => string;
const viaZod = (schema: z.ZodType) =>
  zodSerializerCompiler({ schema, ...route }) as (data: unknown) => string;

const expense = {
  id: 'e1',
  userId: 'u1',
  categoryId: 'c1',
  categoryName: 'Food',
  categoryDeleted: false,
  amount: 1250,
  date: '2026-11-03',
  note: 'lunch "at work"\n',
  modifiedAt: '2026-11-03T12:00:00.000Z',
  accountId: 'u1',
  accountName: 'Main account',
  accountDeleted: false,
  status: 'uncleared',
  payee: null,
  tags: [],
  splits: null,
  method: null,
};
const conflict = {
  id: 'k1',
  userId: 'u1',
  table: 'expense',
  rowId: 'e1',
  field: 'amount',
  keptValue: 1250,
  keptHlc: 'h1',
  lostValue: 'twelve',
  lostHlc: 'h0',
  lostSide: 'central',
  lostDevice: 'd2',
  detectedAt: '2026-11-03T12:00:00.000Z',
  resolvedAt: null,
  resolution: null,
  subject: { date: '2026-11-20', amount: 1250, text: 'Market' },
};
const monthly = {
  month: '2026-11',
  currency: 'EUR',
  income: 300000,
  expenses: 1250,
  net: 298750,
  savingsRate: 99.6,
  incomeCount: 1,
  expenseCount: 1,
};
const trend = {
  endMonth: '2026-11',
  currency: 'EUR',
  months: [{ month: '2026-11', income: 0, expenses: 5, net: -5 }],
};
const heads = Object.fromEntries(SYNCED_TABLES.map((t, i) => [t, i]));

describe('the answers serializer', () => {
  it('writes what the zod serializer wrote, for answers of the web API and the hub', () => {
    const cases: [z.ZodType, unknown][] = [
      [
        answers.expenses,
        {
          items: [expense, { ...expense, id: 'e2', method: 'card' }],
          total: 2,
          sum: 2500,
          limit: 50,
          offset: 0,
          currency: 'EUR',
        },
      ],
      [answers.expense, { expense, currency: 'EUR' }],
      [syncAnswers.conflicts, { items: [conflict, { ...conflict, keptValue: null, lostValue: 3.5 }] }],
      [reportAnswer, monthly],
      [reportAnswer, { ...monthly, savingsRate: null }],
      [reportAnswer, trend],
      [
        answers.session,
        { user: { id: 'u', name: 'n', currency: 'EUR', locale: 'en', createdAt: 't', hasPassword: true } },
      ],
      [
        handshakeResponseSchema,
        { protocol: 3, remoteId: 'r', schemaVersion: 9, limits: { push: 1, pull: 2 } },
      ],
      [
        handshakeResponseSchema,
        { protocol: 3, remoteId: 'r', schemaVersion: 9, limits: { push: 1, pull: 2 }, feedHeads: heads },
      ],
      [headsResponseSchema, { heads }],
      [digestResponseSchema, { table: 'expense', rows: 3, sha256: 'a'.repeat(64) }],
      [loginResponseSchema, { token: 't'.repeat(43), tokenId: 'i', userId: 'u', deviceId: 'd' }],
    ];
    for (const [schema, value] of cases) expect(fast(schema)(value)).toBe(viaZod(schema)(value));
  });

  it('leaves out every field its schema does not name, at any depth and in each shape of a union', () => {
    const page = {
      items: [{ ...expense, passwordHash: 'x', deleted: 0 }],
      total: 1,
      sum: 1250,
      limit: 50,
      offset: 0,
      currency: 'EUR',
      sql: 'SELECT',
    };
    expect(JSON.parse(fast(answers.expenses)(page))).toEqual({
      items: [expense],
      total: 1,
      sum: 1250,
      limit: 50,
      offset: 0,
      currency: 'EUR',
    });
    expect(JSON.parse(fast(reportAnswer)({ ...trend, userId: 'u1' }))).toEqual(trend);
  });

  it('refuses an answer that lacks a field its schema requires', () => {
    const { note: _note, ...noNote } = expense;
    expect(() => fast(answers.expense)({ expense: noNote, currency: 'EUR' })).toThrow(/note/);
  });
});
