import { useMemo } from 'react';
import { useApp } from './context';
import { moneyFormatter } from './format';

/**
 * Formats minor units in the signed-in user's currency and locale. The formatter is made once per currency and
 * locale and kept by the component, not remade for every amount of every render.
 */
export function useMoney(): (minor: number) => string {
  const { currency, locale } = useApp();
  return useMemo(() => moneyFormatter(currency, locale), [currency, locale]);
}
