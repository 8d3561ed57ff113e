import { isHlc } from './hlc.js';
import { ValidationError } from './validation.js';

/**
 * The compact text form of a row's field clocks, for storage and the wire. A row's `hlc` is its greatest field
 * clock, and most rows were last written in one change, so most fields' clocks equal it: only the fields whose
 * clock differs are written, as `field=clock` pairs joined by `;` in field-name order (neither character occurs
 * in a clock or a field name). A row whose fields all carry its hlc is the empty text. Fields are named rather
 * than numbered so that text written under one schema still reads right under the next.
 *
 * A field absent from the text has the row's hlc: a migration that adds a field with a clock other than the
 * row's hlc must write that field's pair.
 */
export class ClockCodecError extends ValidationError {
  override name = 'ClockCodecError';
  constructor(reason: string) {
    super('clock', reason);
  }
}

const PAIR_SEPARATOR = ';';
const NAME_SEPARATOR = '=';
const FIELD_NAME = /^[a-z_][a-z0-9_]*$/;

/** The clocks of `clock` that differ from `hlc`, as compact text (empty when none do). */
export function encodeClock(clock: Readonly<Record<string, string>>, hlc: string): string {
  if (!isHlc(hlc)) throw new ClockCodecError(`the row clock "${hlc}" is not a valid clock`);
  const names = Object.keys(clock).sort();
  let text = '';
  for (const name of names) {
    const fieldClock = clock[name] as string;
    if (fieldClock === hlc) continue;
    if (!FIELD_NAME.test(name)) throw new ClockCodecError(`"${name}" is not a field name`);
    if (!isHlc(fieldClock)) throw new ClockCodecError(`the clock of ${name} is not a valid clock`);
    text += (text === '' ? '' : PAIR_SEPARATOR) + name + NAME_SEPARATOR + fieldClock;
  }
  return text;
}

/**
 * Every field's clock from compact text: the clock written for it, else the row's `hlc`. Text that is not
 * compact clock text, or that names a field not in `fields` or one twice, is refused.
 */
export function decodeClock(text: string, hlc: string, fields: readonly string[]): Record<string, string> {
  if (!isHlc(hlc)) throw new ClockCodecError(`the row clock "${hlc}" is not a valid clock`);
  const clock: Record<string, string> = {};
  for (const field of fields) clock[field] = hlc;
  if (text === '') return clock;
  const known = new Set(fields);
  const written = new Set<string>();
  for (const pair of text.split(PAIR_SEPARATOR)) {
    const at = pair.indexOf(NAME_SEPARATOR);
    const name = at < 0 ? '' : pair.slice(0, at);
    const fieldClock = pair.slice(at + 1);
    if (at < 0 || !isHlc(fieldClock)) throw new ClockCodecError(`"${clip(pair)}" is not a field's clock`);
    if (!known.has(name)) throw new ClockCodecError(`the clock names an unknown field "${clip(name)}"`);
    if (written.has(name)) throw new ClockCodecError(`the clock names the field ${name} twice`);
    written.add(name);
    clock[name] = fieldClock;
  }
  return clock;
}

/** Bad text quoted in a message, cut short so that a corrupt value cannot flood a log. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
