/** What a new account can choose from: currencies first the common ones, and number/date formats. */
export const COMMON_CURRENCIES = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'JPY',
  'CAD',
  'AUD',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'INR',
  'BRL',
];
export const LOCALES = [
  'en-US',
  'en-GB',
  'de-DE',
  'fr-FR',
  'es-ES',
  'it-IT',
  'nl-NL',
  'pt-BR',
  'sv-SE',
  'pl-PL',
  'ja-JP',
  'en-IN',
];

/** The currency of the locale's region, EUR when it names none this knows. */
export function guessCurrency(locale: string): string {
  const region = locale.split('-')[1]?.toUpperCase();
  const byRegion: Record<string, string> = {
    US: 'USD',
    GB: 'GBP',
    CH: 'CHF',
    JP: 'JPY',
    CA: 'CAD',
    AU: 'AUD',
    SE: 'SEK',
    NO: 'NOK',
    DK: 'DKK',
    PL: 'PLN',
    IN: 'INR',
    BR: 'BRL',
  };
  return (region && byRegion[region]) || 'EUR';
}

/** "Deutsch (de-DE)": a language tag in its own language. */
export function displayLocale(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    return name ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}
