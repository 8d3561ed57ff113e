import { useApp } from './context';
import { money } from './format';

/** Formats minor units in the signed-in user's currency and locale. */
export function useMoney(): (minor: number) => string {
  const { currency, locale } = useApp();
  return (minor) => money(minor, currency, locale);
}
