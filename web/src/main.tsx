import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { PageModules } from './app/page-modules';
import { applyTheme, savedTheme } from './app/theme';
import { createI18n } from './i18n/create-i18n';
import { pickLanguage } from './i18n/language';
import { localeHint } from './i18n/locale-hint';
import './styles.css';

// Before the first render, so a chosen theme is there from the first frame the app draws.
applyTheme(savedTheme());

const root = document.getElementById('root');
if (root) {
  const pages = new PageModules();
  // The catalog is ready before the first render, so a German reader never sees English words flash by; the page
  // the browser opens on is fetched alongside it, so that page draws in the first render too.
  void Promise.all([
    createI18n(pickLanguage(localeHint(), navigator.languages)),
    pages.preload(window.location.hash.slice(1)),
  ]).then(([i18n]) =>
    createRoot(root).render(
      <StrictMode>
        <App i18n={i18n} pages={pages} />
      </StrictMode>,
    ),
  );
}
