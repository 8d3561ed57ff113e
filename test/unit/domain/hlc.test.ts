import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ClockError,
  MAX_CLOCK_DRIFT_MS,
  formatHlc,
  hlcZero,
  isHlc,
  parseHlc,
  receive,
  tick,
  type Hlc,
} from '../../../src/domain/hlc.js';

const A = '0000000000000001';
const B = '00000000000000ff';
const C = 'a0b1c2d3e4f50617';
const T0 = Date.parse('2026-11-25T14:14:32.123Z');
// 24 ISO characters, a dash, 4 counter digits, a dash, 16 device digits.
const HLC_WIDTH = 24 + 1 + 4 + 1 + 16;

/** Numeric causal order: millis, then counter, then device id. */
function compare(a: Hlc, b: Hlc): number {
  if (a.millis !== b.millis) return a.millis < b.millis ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

function textOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function expectClockError(fn: () => unknown, pattern: RegExp): ClockError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ClockError);
  expect((caught as Error).message).toMatch(pattern);
  return caught as ClockError;
}

describe('tick', () => {
  it('is strictly increasing over many calls while the wall clock advances', () => {
    let clock = hlcZero(A);
    let previous = formatHlc(clock);
    for (let i = 0; i < 1000; i++) {
      clock = tick(clock, T0 + i * 3);
      const text = formatHlc(clock);
      expect(text > previous).toBe(true);
      previous = text;
    }
  });

  it('stays strictly increasing when the wall clock stands still', () => {
    let clock = hlcZero(A);
    const seen: string[] = [];
    for (let i = 0; i < 500; i++) {
      clock = tick(clock, T0);
      seen.push(formatHlc(clock));
    }
    expect(clock.millis).toBe(T0);
    expect(clock.counter).toBe(499);
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('stays strictly increasing when the wall clock goes backwards', () => {
    let clock = tick(hlcZero(A), T0);
    const before = formatHlc(clock);
    // The system clock jumps back an hour (NTP correction, manual change): later events still sort later.
    const walls = [T0 - 3_600_000, T0 - 3_599_000, T0 - 10, T0, T0 + 1, T0 - 5_000];
    let previous = before;
    for (const wall of walls) {
      clock = tick(clock, wall);
      const text = formatHlc(clock);
      expect(text > previous).toBe(true);
      previous = text;
    }
    expect(clock.millis).toBe(T0 + 1);
  });

  it('follows the wall clock again once it moves past the last clock, resetting the counter', () => {
    let clock = hlcZero(A);
    for (let i = 0; i < 5; i++) clock = tick(clock, T0);
    expect(clock.counter).toBe(4);
    clock = tick(clock, T0 + 7);
    expect(clock).toEqual({ millis: T0 + 7, counter: 0, node: A });
  });

  it('keeps the device id in every clock', () => {
    expect(tick(hlcZero(C), T0).node).toBe(C);
    expect(receive(hlcZero(C), tick(hlcZero(A), T0), T0).node).toBe(C);
  });

  it('refuses a counter overflow instead of wrapping around', () => {
    const full: Hlc = { millis: T0, counter: 0xffff, node: A };
    expectClockError(() => tick(full, T0), /counter overflow/);
    expectClockError(() => tick(full, T0 - 1000), /counter overflow/);
    // A later wall time resets the counter, so there is no overflow.
    expect(tick(full, T0 + 1)).toEqual({ millis: T0 + 1, counter: 0, node: A });
    // The last counter value that fits is still accepted.
    expect(tick({ millis: T0, counter: 0xfffe, node: A }, T0).counter).toBe(0xffff);
  });
});

describe('receive', () => {
  it('moves the local clock past a remote clock that is ahead', () => {
    const local = tick(hlcZero(A), T0);
    const remote: Hlc = { millis: T0 + 60_000, counter: 7, node: B };
    const next = receive(local, remote, T0);
    expect(compare(next, remote)).toBe(1);
    expect(formatHlc(next) > formatHlc(remote)).toBe(true);
    expect(next).toEqual({ millis: T0 + 60_000, counter: 8, node: A });
    // A later local event also sorts after the remote one, even with the wall clock still behind it.
    const after = tick(next, T0 + 1);
    expect(formatHlc(after) > formatHlc(remote)).toBe(true);
  });

  it('moves past both the local and the remote clock when all three share one millisecond', () => {
    const local: Hlc = { millis: T0, counter: 3, node: A };
    const remote: Hlc = { millis: T0, counter: 9, node: B };
    const next = receive(local, remote, T0);
    expect(next).toEqual({ millis: T0, counter: 10, node: A });
    const next2 = receive({ millis: T0, counter: 12, node: A }, remote, T0);
    expect(next2).toEqual({ millis: T0, counter: 13, node: A });
  });

  it('keeps local order when the remote clock is behind', () => {
    const local: Hlc = { millis: T0, counter: 4, node: A };
    const remote: Hlc = { millis: T0 - 50_000, counter: 99, node: B };
    const next = receive(local, remote, T0 - 1);
    expect(next).toEqual({ millis: T0, counter: 5, node: A });
  });

  it('uses the wall clock when it is ahead of both', () => {
    const local: Hlc = { millis: T0, counter: 4, node: A };
    const remote: Hlc = { millis: T0 + 5, counter: 2, node: B };
    expect(receive(local, remote, T0 + 100)).toEqual({ millis: T0 + 100, counter: 0, node: A });
  });

  it('refuses a remote clock more than 5 minutes ahead of this machine, saying so', () => {
    expect(MAX_CLOCK_DRIFT_MS).toBe(5 * 60 * 1000);
    const local = tick(hlcZero(A), T0);
    const remote: Hlc = { millis: T0 + 5 * 60_000 + 1, counter: 0, node: B };
    const error = expectClockError(() => receive(local, remote, T0), /ahead/);
    expect(error.name).toBe('ClockError');
    expect(error.message).toContain(B);
    expect(error.message).toMatch(/300 s ahead/);
    expect(error.message).toMatch(/clock/);

    const farAhead: Hlc = { millis: T0 + 3_600_000, counter: 0, node: B };
    expectClockError(() => receive(local, farAhead, T0), /3600 s ahead/);
  });

  it('accepts a remote clock exactly 5 minutes ahead', () => {
    const local = tick(hlcZero(A), T0);
    const remote: Hlc = { millis: T0 + 5 * 60_000, counter: 0, node: B };
    expect(receive(local, remote, T0)).toEqual({ millis: remote.millis, counter: 1, node: A });
  });

  it('honours a custom drift limit', () => {
    const local = tick(hlcZero(A), T0);
    const remote: Hlc = { millis: T0 + 2_000, counter: 0, node: B };
    expectClockError(() => receive(local, remote, T0, 1_000), /ahead/);
    expect(receive(local, remote, T0, 2_000).millis).toBe(T0 + 2_000);
  });

  it('refuses a counter overflow caused by a remote clock', () => {
    const local: Hlc = { millis: T0, counter: 1, node: A };
    const remote: Hlc = { millis: T0, counter: 0xffff, node: B };
    expectClockError(() => receive(local, remote, T0), /counter overflow/);
    expectClockError(() => receive(local, { ...remote, millis: T0 + 1 }, T0), /counter overflow/);
  });
});

describe('ordering across devices', () => {
  it('sorts clocks as text in causal order: millis first, then counter', () => {
    const clocks: Hlc[] = [
      { millis: T0, counter: 0, node: C },
      { millis: T0, counter: 9, node: A },
      { millis: T0, counter: 10, node: A },
      { millis: T0, counter: 0xff, node: A },
      { millis: T0 + 1, counter: 0, node: A },
      { millis: T0 + 1000, counter: 0, node: A },
      { millis: Date.parse('2027-01-01T00:00:00.000Z'), counter: 0, node: A },
    ];
    const texts = clocks.map(formatHlc);
    expect([...texts].sort()).toEqual(texts);
  });

  it('breaks a tie of same millis and counter by device id, deterministically', () => {
    const fromA: Hlc = { millis: T0, counter: 3, node: A };
    const fromB: Hlc = { millis: T0, counter: 3, node: B };
    expect(formatHlc(fromA) < formatHlc(fromB)).toBe(true);
    expect(formatHlc(fromA)).not.toBe(formatHlc(fromB));
    expect([formatHlc(fromB), formatHlc(fromA)].sort()).toEqual([formatHlc(fromA), formatHlc(fromB)]);
  });

  it('text order equals numeric causal order for any two clocks', () => {
    fc.assert(
      fc.property(arbHlc(), arbHlc(), (a, b) => {
        expect(textOrder(formatHlc(a), formatHlc(b))).toBe(compare(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('orders an event on B after an event on A that B has received', () => {
    const a1 = tick(hlcZero(A), T0 + 1_000); // A's wall clock runs a second ahead
    const b0 = receive(hlcZero(B), a1, T0);
    const b1 = tick(b0, T0 + 1);
    expect(formatHlc(b1) > formatHlc(a1)).toBe(true);
  });
});

describe('format and parse', () => {
  it('writes the documented fixed-width layout', () => {
    expect(formatHlc({ millis: T0, counter: 0x12ab, node: A })).toBe(
      '2026-11-25T14:14:32.123Z-12AB-0000000000000001',
    );
  });

  it('always writes the same width', () => {
    const samples: Hlc[] = [
      { millis: 0, counter: 0, node: A },
      { millis: T0, counter: 1, node: B },
      { millis: T0, counter: 0xffff, node: C },
      { millis: Date.parse('9999-12-31T23:59:59.999Z'), counter: 0xffff, node: C },
    ];
    for (const h of samples) expect(formatHlc(h)).toHaveLength(HLC_WIDTH);
    fc.assert(fc.property(arbHlc(), (h) => formatHlc(h).length === HLC_WIDTH));
  });

  it('round-trips through text', () => {
    fc.assert(
      fc.property(arbHlc(), (h) => {
        const text = formatHlc(h);
        expect(isHlc(text)).toBe(true);
        expect(parseHlc(text)).toEqual(h);
        expect(formatHlc(parseHlc(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses text that is not a clock', () => {
    const bad = [
      '',
      'not a clock',
      '2026-11-25T14:14:32.123Z-0000', // no device id
      '2026-11-25T14:14:32.123Z-000-0000000000000001', // short counter
      '2026-11-25T14:14:32.123Z-00ab-0000000000000001', // lowercase counter would sort wrongly
      '2026-11-25T14:14:32.123Z-0000-000000000000000G',
      '2026-11-25T14:14:32.123Z-0000-00000000000000AB', // uppercase device id
      '2026-11-25T14:14:32Z-0000-0000000000000001', // no millis
      '2026-11-25 14:14:32.123Z-0000-0000000000000001',
      ' 2026-11-25T14:14:32.123Z-0000-0000000000000001',
    ];
    for (const text of bad) {
      expect(isHlc(text), text).toBe(false);
      expectClockError(() => parseHlc(text), /is not a valid clock/);
    }
  });

  it('refuses a clock written with an impossible date', () => {
    // Accepting it would make text order disagree with clock order: "2026-02-30" sorts before
    // "2026-03-01" as text, but Date.parse rolls it over to March 2.
    const text = '2026-02-30T00:00:00.000Z-0000-0000000000000001';
    expect(isHlc(text)).toBe(false);
    expectClockError(() => parseHlc(text), /is not a valid clock/);
  });

  it('accepts and reads exactly what the regular expression and Date round trip accept', () => {
    // The reference: the obvious check the scanner in hlc.ts replaces (for speed).
    const pattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9A-F]{4})-([0-9a-f]{16})$/;
    const reference = (text: string): Hlc | null => {
      const m = pattern.exec(text);
      const millis = m ? Date.parse(m[1] as string) : NaN;
      if (!m || Number.isNaN(millis) || new Date(millis).toISOString() !== m[1]) return null;
      return { millis, counter: parseInt(m[2] as string, 16), node: m[3] as string };
    };
    const check = (text: string) => {
      const expected = reference(text);
      expect(isHlc(text), text).toBe(expected !== null);
      if (expected) expect(parseHlc(text), text).toEqual(expected);
    };
    const edges = [
      '0000-01-01T00:00:00.000Z-0000-0000000000000001',
      '0000-02-29T00:00:00.000Z-0000-0000000000000001', // year 0 is a leap year (proleptic)
      '1900-02-29T00:00:00.000Z-0000-0000000000000001', // 1900 is not
      '2000-02-29T23:59:59.999Z-FFFF-ffffffffffffffff',
      '2100-02-29T00:00:00.000Z-0000-0000000000000001',
      '0099-12-31T23:59:59.999Z-0000-0000000000000001', // two-digit years are not 19xx
      '9999-12-31T23:59:59.999Z-0000-0000000000000001',
      '2026-04-31T00:00:00.000Z-0000-0000000000000001',
      '2026-13-01T00:00:00.000Z-0000-0000000000000001',
      '2026-00-01T00:00:00.000Z-0000-0000000000000001',
      '2026-01-00T00:00:00.000Z-0000-0000000000000001',
      '2026-01-01T24:00:00.000Z-0000-0000000000000001',
      '2026-01-01T23:60:00.000Z-0000-0000000000000001',
      '2026-01-01T23:59:60.000Z-0000-0000000000000001',
      '2026-01-01T23:59:59.000Z-0000-00000000000000001',
      '2026-01-01T23:59:59.000z-0000-0000000000000001',
      '2026-01-01T23:59:59,000Z-0000-0000000000000001',
      '2026-0a-01T23:59:59.000Z-0000-0000000000000001',
      '２026-01-01T23:59:59.000Z-0000-0000000000000001',
    ];
    for (const text of edges) check(text);
    // Random wall times of every era, and random corruptions of valid clocks.
    const digitsOf = fc.integer({ min: 0, max: 9 }).map(String);
    fc.assert(
      fc.property(arbHlc(), (h) => check(formatHlc(h))),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        arbHlc(),
        fc.integer({ min: 0, max: HLC_WIDTH - 1 }),
        fc.oneof(digitsOf, fc.constantFrom('-', ':', 'T', 'Z', '.', 'A', 'f', 'g', ' ')),
        (h, at, c) => {
          const text = formatHlc(h);
          check(text.slice(0, at) + c + text.slice(at + 1));
        },
      ),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(
        fc.tuple(...[4, 2, 2, 2, 2, 2, 3].map((n) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`)))),
        ([y, mo, d, h, mi, s, ms]) => check(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z-0A0F-0123456789abcdef`),
      ),
      { numRuns: 5000 },
    );
  });

  it('refuses a device id that is not 16 lowercase hex digits', () => {
    expectClockError(() => hlcZero('abc'), /16 lowercase hex digits/);
    expectClockError(() => hlcZero('000000000000000G'), /16 lowercase hex digits/);
    expectClockError(() => hlcZero('00000000000000AB'), /16 lowercase hex digits/);
    expect(hlcZero(C)).toEqual({ millis: 0, counter: 0, node: C });
  });
});

describe('property: three devices exchanging clocks', () => {
  type Op =
    | { kind: 'tick'; device: number; step: number }
    | { kind: 'receive'; device: number; pick: number; step: number };

  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('tick' as const),
      device: fc.integer({ min: 0, max: 2 }),
      // The shared wall time may stand still or go backwards as well as forwards (bounded so that no
      // clock drifts more than 5 minutes from another: 120 steps of 1 s plus 2 minutes of skew).
      step: fc.integer({ min: -1_000, max: 1_000 }),
    }),
    fc.record({
      kind: fc.constant('receive' as const),
      device: fc.integer({ min: 0, max: 2 }),
      pick: fc.nat(),
      step: fc.integer({ min: -1_000, max: 1_000 }),
    }),
  );

  it('every clock a device produces is greater than every clock it made or received before', () => {
    fc.assert(
      fc.property(
        // Per-device wall-clock skew: up to a minute either way.
        fc.tuple(
          fc.integer({ min: -60_000, max: 60_000 }),
          fc.integer({ min: -60_000, max: 60_000 }),
          fc.integer({ min: -60_000, max: 60_000 }),
        ),
        fc.array(op, { minLength: 1, maxLength: 120 }),
        (skews, ops) => {
          const nodes = [A, B, C];
          const state: Hlc[] = nodes.map((n) => hlcZero(n));
          const history: string[][] = [[], [], []];
          const sent: Hlc[] = [];
          const produced = new Set<string>();
          let wall = T0;
          for (const o of ops) {
            wall += o.step;
            const now = wall + (skews[o.device] as number);
            const before = state[o.device] as Hlc;
            let next: Hlc;
            if (o.kind === 'receive' && sent.length > 0) {
              const remote = sent[o.pick % sent.length] as Hlc;
              next = receive(before, remote, now);
              history[o.device]?.push(formatHlc(remote));
              expect(compare(next, remote)).toBe(1);
            } else {
              next = tick(before, now);
            }
            const text = formatHlc(next);
            for (const earlier of history[o.device] as string[]) expect(text > earlier).toBe(true);
            expect(compare(next, before)).toBe(1);
            expect(produced.has(text)).toBe(false);
            produced.add(text);
            history[o.device]?.push(text);
            state[o.device] = next;
            sent.push(next);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

function arbHlc(): fc.Arbitrary<Hlc> {
  return fc.record({
    millis: fc.integer({ min: 0, max: Date.parse('9999-12-31T23:59:59.999Z') }),
    counter: fc.integer({ min: 0, max: 0xffff }),
    node: fc.stringMatching(/^[0-9a-f]{16}$/),
  });
}
