import type { Schedule } from '../../../../src/domain/entities.js';
import { addDays } from '../../../../src/domain/dates.js';
import { dueDates } from '../../../../src/domain/schedules.js';

const STEP_DAYS = { day: 1, week: 7, month: 31, year: 366 } as const;

/**
 * The schedule's next occurrence on or after `from` that is not skipped, or null when it has ended. It looks a
 * few steps ahead at a time, since a schedule without an end has occurrences until the calendar runs out.
 */
export function nextOccurrence(s: Schedule, from: string): string | null {
  const window = s.every * STEP_DAYS[s.unit] * 4;
  let start = from;
  for (let tries = 0; tries < 50; tries++) {
    const end = addDays(start, window);
    const [first] = dueDates(s, s.skipped, start, end);
    if (first) return first;
    if ((s.endDate !== null && end >= s.endDate) || end > '9999-01-01') return null;
    start = addDays(end, 1);
  }
  return null;
}
