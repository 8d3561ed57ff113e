/**
 * Every word a date field shows or understands, in one object, so that a translation replaces them together.
 * `example` is today's date written the way the field writes dates ("3 Dec 2026").
 */
export interface DateLabels {
  /** Under the field: how to type a date. `numeric` is the all-digits form, when the locale has another. */
  hint: (example: string, numeric: string | undefined) => string;
  /** Text that is not a date, or could be two. */
  typeLike: (example: string) => string;
  notBefore: (date: string) => string;
  notAfter: (date: string) => string;
  /** The accessible name of the button that opens the calendar; `field` is the field's label. */
  openCalendar: (field: string) => string;
  /** Words typed instead of a date. */
  today: string;
  yesterday: string;
  tomorrow: string;
}

export const DATE_LABELS: DateLabels = {
  hint: (example, numeric) => (numeric ? `For example ${example} or ${numeric}` : `For example ${example}`),
  typeLike: (example) => `Type a date like ${example}`,
  notBefore: (date) => `Pick a date on or after ${date}`,
  notAfter: (date) => `Pick a date on or before ${date}`,
  openCalendar: (field) => `${field}: choose from a calendar`,
  today: 'today',
  yesterday: 'yesterday',
  tomorrow: 'tomorrow',
};
