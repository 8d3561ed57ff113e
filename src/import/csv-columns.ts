import { ValidationError } from '../domain/validation.js';

/**
 * What a CSV column holds. `amount` is signed; `debit` and `credit` are unsigned money out and in; `direction`
 * says which for an unsigned amount (ING's "Af Bij", German "Soll/Haben"); `payee` becomes the row's payee and
 * is joined with `description` into the row's description; `currency`, when the bank prints it, must be the
 * user's currency; `id` is the bank's own id of the transaction (Monzo's "Transaction ID"), used like an OFX
 * FITID.
 */
export type ColumnRole =
  'date' | 'description' | 'payee' | 'amount' | 'debit' | 'credit' | 'direction' | 'currency' | 'id';
export const COLUMN_ROLES: readonly ColumnRole[] = [
  'date',
  'description',
  'payee',
  'amount',
  'debit',
  'credit',
  'direction',
  'currency',
  'id',
];

/** Which column (0-based) holds each role; roles the file lacks are absent. */
export type ColumnMapping = Partial<Record<ColumnRole, number>>;

// Header names of common English, German, French and Dutch bank exports, compared after normalizing (lower
// case, no accents, no punctuation, no unit in parentheses). The first role that lists a name claims it.
const NAMES: Readonly<Record<ColumnRole, readonly string[]>> = {
  date: [
    'date',
    'transaction date',
    'posting date',
    'posted date',
    'booking date',
    'trans date',
    'buchungstag',
    'buchungsdatum',
    'datum',
    'date operation',
    'date de operation',
    'date comptable',
    'transactiedatum',
    'boekdatum',
    'boekingsdatum',
  ],
  payee: [
    'payee',
    'name',
    'merchant',
    'counterparty',
    'beguenstigter zahlungspflichtiger',
    'begunstigter zahlungspflichtiger',
    'auftraggeber begunstigter',
    'auftraggeber beguenstigter',
    'zahlungsempfanger',
    'empfanger',
    'auftraggeber',
    'beneficiaire',
    'tiers',
    'naam omschrijving',
    'naam tegenpartij',
    'tegenpartij',
  ],
  description: [
    'description',
    'transaction description',
    'details',
    'memo',
    'narrative',
    'reference',
    'verwendungszweck',
    'libelle',
    'libelle operation',
    'libelle de operation',
    'detail',
    'omschrijving',
    'mededelingen',
  ],
  amount: [
    'amount',
    'transaction amount',
    'value',
    'betrag',
    'umsatz',
    'montant',
    'montant operation',
    'bedrag',
    'transactiebedrag',
  ],
  debit: [
    'debit',
    'debit amount',
    'withdrawal',
    'withdrawals',
    'paid out',
    'money out',
    'out',
    'soll',
    'ausgang',
    'belastung',
    'montant debit',
    'af',
  ],
  credit: [
    'credit',
    'credit amount',
    'deposit',
    'deposits',
    'paid in',
    'money in',
    'in',
    'haben',
    'eingang',
    'gutschrift',
    'montant credit',
    'bij',
  ],
  direction: ['af bij', 'debit credit', 'soll haben', 'dr cr', 'sens'],
  currency: ['currency', 'ccy', 'wahrung', 'waehrung', 'devise', 'munt'],
  // Only names that say "the bank's id of this transaction": a plain "ID" or "No." is often a row number
  // that starts again in every export, and would make different transactions look like duplicates.
  id: [
    'transaction id',
    'transactionid',
    'fitid',
    'transaktions id',
    'transaktionsnummer',
    'transaction number',
  ],
};

/** "Betrag (EUR)" -> "betrag", "Date de l'opération" -> "date de operation", "Af/Bij" -> "af bij". */
export function normalizeHeader(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\b(l|d)'/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const LOOKUP: ReadonlyMap<string, ColumnRole> = new Map(
  [...COLUMN_ROLES].reverse().flatMap((role) => NAMES[role].map((n) => [normalizeHeader(n), role] as const)),
);

/** The roles a header row's names map to; the first column wins when two claim the same role. */
export function mapHeader(header: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  header.forEach((name, index) => {
    const role = LOOKUP.get(normalizeHeader(name));
    if (role && mapping[role] === undefined) mapping[role] = index;
  });
  return mapping;
}

/** True when a mapping can read a transaction: a date and some amount. */
export function isUsable(mapping: ColumnMapping): boolean {
  return (
    mapping.date !== undefined &&
    (mapping.amount !== undefined || mapping.debit !== undefined || mapping.credit !== undefined)
  );
}

/**
 * Apply the user's column choices (a header name or a 1-based column number) over the detected mapping.
 * Naming `amount` drops detected debit/credit columns and vice versa, so the choice is the one used.
 */
export function overrideMapping(
  header: readonly string[],
  detected: ColumnMapping,
  overrides: Partial<Record<ColumnRole, string>>,
): ColumnMapping {
  const mapping: ColumnMapping = { ...detected };
  for (const role of COLUMN_ROLES) {
    const wanted = overrides[role];
    if (wanted === undefined) continue;
    const index = columnIndex(header, wanted, role);
    if (role === 'amount') {
      delete mapping.debit;
      delete mapping.credit;
    }
    if (role === 'debit' || role === 'credit') delete mapping.amount;
    mapping[role] = index;
  }
  return mapping;
}

function columnIndex(header: readonly string[], wanted: string, role: ColumnRole): number {
  const trimmed = wanted.trim();
  if (/^\d+$/.test(trimmed)) {
    const n = Number(trimmed);
    if (n >= 1 && n <= header.length) return n - 1;
  } else {
    const key = normalizeHeader(trimmed);
    const found = header.findIndex((h) => h.trim() === trimmed || normalizeHeader(h) === key);
    if (found >= 0) return found;
  }
  throw new ValidationError(
    `columns.${role}`,
    `no column "${wanted}" for the ${role}; the columns are: ${header.map((h, i) => `${i + 1} "${h}"`).join(', ')}`,
  );
}
