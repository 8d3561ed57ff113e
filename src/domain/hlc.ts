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

/** Clocks further ahead of the receiver's wall time than this are refused (DESIGN.md). */
export const MAX_CLOCK_DRIFT_MS = 5 * 60 * 1000;
const MAX_COUNTER = 0xffff;
const NODE_PATTERN = /^[0-9a-f]{16}$/;
const HLC_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9A-F]{4})-([0-9a-f]{16})$/;

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
  const m = HLC_PATTERN.exec(text);
  const millis = m ? Date.parse(m[1] as string) : NaN;
  // Date.parse rolls impossible dates forward (Feb 30 -> Mar 2); such text would sort out of clock order.
  if (!m || Number.isNaN(millis) || new Date(millis).toISOString() !== m[1]) {
    throw new ClockError(`"${text}" is not a valid clock`);
  }
  return { millis, counter: parseInt(m[2] as string, 16), node: m[3] as string };
}

export function isHlc(text: string): boolean {
  try {
    parseHlc(text);
    return true;
  } catch {
    return false;
  }
}
