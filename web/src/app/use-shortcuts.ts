import { useEffect } from 'react';
import { navigate } from '../hooks';

/** Where a shortcut goes when the page open has no control for it. */
const FALLBACK_ROUTE: Readonly<Record<string, string>> = { n: '/expenses', '/': '/expenses' };

/**
 * Keyboard shortcuts, declared where they act: a control with `aria-keyshortcuts="n"` is clicked by `n`, one
 * with `aria-keyshortcuts="/"` takes the focus on `/` (screen readers announce the attribute too). On a page
 * without such a control the key opens the expenses, where both exist. Keys typed into a field, or with a
 * modifier, are left alone; so is any key while a dialog is open.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const key = e.key;
      if (!(key in FALLBACK_ROUTE)) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (document.querySelector('[role="dialog"], dialog[open]')) return;
      e.preventDefault();
      const act = () => {
        const control = document.querySelector<HTMLElement>(`[aria-keyshortcuts~="${key}"]`);
        if (!control) return false;
        if (key === '/') control.focus();
        else control.click();
        return true;
      };
      if (act()) return;
      navigate(FALLBACK_ROUTE[key] ?? '/');
      // The page renders after the route changes: act once its control is there.
      let tries = 0;
      const retry = () => {
        if (!act() && ++tries < 40) window.setTimeout(retry, 25);
      };
      window.setTimeout(retry, 0);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
