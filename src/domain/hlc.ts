/**
 * Hybrid logical clock (Kulkarni et al.), as text that sorts in causal order:
 * `2026-11-25T14:14:32.123Z-0000-0123456789abcdef` = wall millis (ISO, fixed width), a 4-hex-digit counter
 * for events within one millisecond, and the 16-hex-digit device id so that ties break deterministically.
 * Pure functions: the caller owns the state and the wall clock.
 */
export interface Hlc {
  readonly millis: number;
  readonly counter: number;
  readonly node: string;
}

/** Clocks further ahead of the receiver's wall time than this are refused (docs/architecture.md). */
export const MAX_CLOCK_DRIFT_MS = 5 * 60 * 1000;
const MAX_COUNTER = 0xffff;
const NODE_PATTERN = /^[0-9a-f]{16}$/;

export class ClockError extends Error {
  override name = 'ClockError';
}

export function hlcZero(node: string): Hlc {
  if (!NODE_PATTERN.test(node)) throw new ClockError(`device id "${node}" must be 16 lowercase hex digits`);
  return { millis: 0, counter: 0, node };
}

/** The clock of a local event: strictly after every clock this device has made or seen. */
export function tick(last: Hlc, nowMillis: number): Hlc {
  const millis = Math.max(last.millis, nowMillis);
  const counter = millis === last.millis ? last.counter + 1 : 0;
  return checked({ millis, counter, node: last.node });
}

/**
 * Advance the local clock past a clock received from elsewhere, so later local events sort after it.
 * A remote clock too far in the future is refused rather than dragging every later edit with it.
 */
export function receive(last: Hlc, remote: Hlc, nowMillis: number, maxDriftMs = MAX_CLOCK_DRIFT_MS): Hlc {
  if (remote.millis - nowMillis > maxDriftMs) {
    throw new ClockError(
      `a clock from device ${remote.node} is ${Math.round((remote.millis - nowMillis) / 1000)} s ahead of this ` +
        `machine's time (${formatHlc(remote)}); check the system clock of both machines`,
    );
  }
  const millis = Math.max(last.millis, remote.millis, nowMillis);
  let counter = 0;
  if (millis === last.millis && millis === remote.millis)
    counter = Math.max(last.counter, remote.counter) + 1;
  else if (millis === last.millis) counter = last.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  return checked({ millis, counter, node: last.node });
}

function checked(h: Hlc): Hlc {
  if (h.counter > MAX_COUNTER)
    throw new ClockError('clock counter overflow: too many events in one millisecond');
  return h;
}

export function formatHlc(h: Hlc): string {
  return `${new Date(h.millis).toISOString()}-${h.counter.toString(16).toUpperCase().padStart(4, '0')}-${h.node}`;
}

export function parseHlc(text: string): Hlc {
  const millis = hlcMillis(text);
  if (Number.isNaN(millis)) throw new ClockError(`"${text}" is not a valid clock`);
  return { millis, counter: parseInt(text.slice(25, 29), 16), node: text.slice(30) };
}

export function isHlc(text: string): boolean {
  return !Number.isNaN(hlcMillis(text));
}

/*
 * Every clock of every synced row is checked on arrival (seven or so per row, so a first sync of 100,000 rows
 * checks about 700,000), and the regular expression, Date.parse and toISOString of the obvious check cost a
 * fifth of a sync's CPU. This scanner accepts exactly what that check accepts
 * (`/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9A-F]{4})-([0-9a-f]{16})$/`, then a wall time
 * that Date.parse reads and toISOString writes back unchanged: a real proleptic Gregorian date and time,
 * hours 00-23, seconds 00-59) and computes the same milliseconds; a unit test compares the two.
 */

/** Offsets of the fixed characters of a clock: `YYYY-MM-DDTHH:MM:SS.sssZ-CCCC-NNNNNNNNNNNNNNNN`. */
const HLC_LENGTH = 46;
const FIXED: readonly (readonly [number, number])[] = [
  [4, 0x2d], // -
  [7, 0x2d],
  [10, 0x54], // T
  [13, 0x3a], // :
  [16, 0x3a],
  [19, 0x2e], // .
  [23, 0x5a], // Z
  [24, 0x2d],
  [29, 0x2d],
];

/** The digits at [from, to) as a number, or -1 if one is not 0-9. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const DAY_MS = 86_400_000;

/** Days from 1970-01-01 to a proleptic Gregorian date (month 1-12), as Date.UTC counts them for any year. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function monthDays(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The wall time of a valid clock in milliseconds since the epoch; NaN for any text that is not one. */
function hlcMillis(text: string): number {
  if (typeof text !== 'string' || text.length !== HLC_LENGTH) return NaN;
  for (const [at, code] of FIXED) if (text.charCodeAt(at) !== code) return NaN;
  for (let i = 25; i < 29; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46))) return NaN; // 0-9 A-F
  }
  for (let i = 30; i < HLC_LENGTH; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return NaN; // 0-9 a-f
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  const ms = digits(text, 20, 23);
  if (year < 0 || ms < 0 || month < 1 || month > 12 || day < 1 || day > monthDays(year, month)) return NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}
