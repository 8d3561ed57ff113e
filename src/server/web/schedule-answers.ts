import { z } from 'zod';
import type { Schedule } from '../../domain/entities.js';
import { REPEAT_UNITS, SCHEDULE_KINDS } from '../../domain/schedules.js';
import type { Occurrence } from '../../local/schedule-repository.js';
import { currency, list, minor, text } from './answer-schemas.js';
import type { SameFields } from './same-fields.js';

// The answers about scheduled transactions, after src/domain/entities.ts and the schedule repository.

const schedule = z.object({
  id: text,
  userId: text,
  kind: z.enum(SCHEDULE_KINDS),
  categoryId: text.nullable(),
  accountId: text,
  toAccountId: text.nullable(),
  amount: minor,
  note: text,
  method: text.nullable(),
  source: text.nullable(),
  every: z.number().int(),
  unit: z.enum(REPEAT_UNITS),
  startDate: text,
  dayOfMonth: z
    .number()
    .int()
    .nullable()
    .describe('1-31, or -1 for the last day; null: the start date’s day'),
  endDate: text.nullable(),
  count: z.number().int().nullable(),
  autoPost: z.boolean(),
  skipped: list(text),
  modifiedAt: text,
});

const occurrence = z.object({
  scheduleId: text,
  date: text,
  rowId: text.describe('the id of the expense, income or transfer it is (or will be) posted as'),
  kind: z.enum(SCHEDULE_KINDS),
  amount: minor,
  note: text,
  autoPost: z.boolean(),
  posted: z.boolean(),
});

export const scheduleAnswers = {
  schedules: z.object({ items: z.array(schedule), currency }),
  schedule: z.object({ schedule, currency }),
  occurrences: z.object({ items: z.array(occurrence), currency }),
  occurrence: z.object({ occurrence, currency }),
  posted: z.object({
    posted: z.array(occurrence),
    refused: z.array(z.object({ occurrence, reason: text })),
    currency,
  }),
};

export const sameFields: [SameFields<typeof schedule, Schedule>, SameFields<typeof occurrence, Occurrence>] =
  [true, true];
