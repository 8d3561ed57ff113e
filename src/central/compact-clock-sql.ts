/**
 * SQL text for the stored form of a row's field clocks, shared by the three dialects' edit triggers and
 * migrations. Central schemas before 9 keep clocks as a JSON object (`json`); from 9 on, as the compact text of
 * src/domain/clock-codec.ts (`compact`): `field=clock` pairs joined by `;`, in field-name order, only for the
 * fields whose clock differs from the row's hlc. A released migration's generator is called with the form of
 * its release, so its text never changes.
 *
 * Clocks are fixed-width (46 characters), so a field's clock is found by position alone: every dialect has a
 * substring and a position function, and none needs a regular expression or a JSON parser. Field names come
 * only from TABLES; they hold no `;` or `=`.
 */
export type ClockForm = 'json' | 'compact';

/** The central schema version whose migration turned stored clocks compact. */
export const COMPACT_CLOCK_VERSION = 9;

const HLC_WIDTH = 46;

/** The dialect's "position of a substring" function: `fn(haystack, needle)`, 0 when absent. */
export type PositionFunction = 'strpos' | 'instr';

/**
 * The clock of `field` in the compact clock text `clock` (an SQL expression) of a row whose hlc is `hlc`
 * (another): the pair's clock when the text has one, else the row's hlc. A CASE rather than NULLIF or
 * COALESCE: the same text is also a PL/SQL expression.
 */
export function compactFieldClockSql(
  position: PositionFunction,
  clock: string,
  hlc: string,
  field: string,
): string {
  // `;name=` in `;` || clock starts at p; the clock itself starts at p + length(name) + 1 in `clock`.
  const at = `${position}(';' || ${clock}, ';${field}=')`;
  return `CASE WHEN ${at} > 0 THEN substr(${clock}, ${at} + ${field.length + 1}, ${HLC_WIDTH}) ELSE ${hlc} END`;
}

/** One field of a compact clock being built: its name, when its pair is left out, and its clock otherwise. */
export interface CompactPart {
  readonly field: string;
  /** SQL condition: the field's clock is the row's new hlc, so it is not written. Absent: always written. */
  readonly omit?: string;
  /** SQL expression: the field's clock, when written. Never NULL where `omit` is false. */
  readonly clock: string;
}

/**
 * Compact clock text built from one part per field, in field-name order as encodeClock writes it. In Oracle the
 * empty text is NULL, and `||` there ignores a NULL operand, so the same text works in all three dialects.
 */
export function compactClockSql(parts: readonly CompactPart[]): string {
  const sorted = [...parts].sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  const pairs = sorted.map((p) =>
    p.omit === undefined
      ? `';${p.field}=' || ${p.clock}`
      : `CASE WHEN ${p.omit} THEN '' ELSE ';${p.field}=' || ${p.clock} END`,
  );
  return `ltrim(${pairs.join('\n    || ')}, ';')`;
}

/**
 * The compact form of a row stored with a JSON clock: `jsonClock(field)` reads one field's clock from the JSON
 * (NULL when absent); a field whose clock is absent or is the row's hlc is left out.
 */
export function compactFromJsonSql(
  fields: readonly string[],
  hlc: string,
  jsonClock: (field: string) => string,
): string {
  return compactClockSql(
    fields.map((field) => {
      const clock = jsonClock(field);
      return { field, omit: `${clock} IS NULL OR ${clock} = ${hlc}`, clock };
    }),
  );
}
