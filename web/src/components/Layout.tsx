import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShortcuts } from '../app/use-shortcuts';
import { useApp } from '../context';
import { AccountsNav } from './AccountsNav';
import { Icon, type IconName } from './Icon';
import { LanguageSwitch } from './LanguageSwitch';
import { ThemeSwitch } from './ThemeSwitch';

type NavKey =
  | 'dashboard'
  | 'expenses'
  | 'income'
  | 'accounts'
  | 'categories'
  | 'budgets'
  | 'goals'
  | 'schedules'
  | 'reports'
  | 'import'
  | 'sync';

export interface NavItem {
  path: string;
  label: NavKey;
  icon: IconName;
  /** Shown in the phone's bottom bar (the rest go in its "More" menu). */
  primary?: boolean;
}

export const NAV: NavItem[] = [
  { path: '/', label: 'dashboard', icon: 'dashboard', primary: true },
  { path: '/expenses', label: 'expenses', icon: 'expense', primary: true },
  { path: '/income', label: 'income', icon: 'income' },
  { path: '/accounts', label: 'accounts', icon: 'wallet' },
  { path: '/categories', label: 'categories', icon: 'categories' },
  { path: '/budgets', label: 'budgets', icon: 'budgets', primary: true },
  { path: '/goals', label: 'goals', icon: 'goals' },
  { path: '/schedules', label: 'schedules', icon: 'restore' },
  { path: '/reports', label: 'reports', icon: 'reports' },
  { path: '/import', label: 'import', icon: 'fileImport' },
  { path: '/sync', label: 'sync', icon: 'sync', primary: true },
];

function isActive(route: string, path: string): boolean {
  const [current = '/'] = route.split('?');
  return path === '/' ? current === '/' : current === path || current.startsWith(`${path}/`);
}

function Brand() {
  const { t } = useTranslation();
  return (
    <a href="#/" className="brand" aria-label={t('app.home')}>
      <span className="brand-mark" aria-hidden="true">
        <svg viewBox="0 0 32 32" width="30" height="30">
          <rect width="32" height="32" rx="9" fill="#6366f1" />
          <path
            d="M10 23V10h7a4 4 0 0 1 0 8h-7"
            fill="none"
            stroke="#fff"
            strokeWidth="3"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
          <circle cx="23" cy="22.5" r="2.6" fill="#34d399" />
        </svg>
      </span>
      <span className="brand-name">pfm</span>
    </a>
  );
}

export function Layout({ route, children }: { route: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { user, signOut } = useApp();
  useShortcuts();
  // The phone's "More" menu is open for the route it was opened on: navigating closes it.
  const [menuRoute, setMenuRoute] = useState<string | null>(null);
  const menuOpen = menuRoute === route;
  const setMenuOpen = (open: boolean) => setMenuRoute(open ? route : null);
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [route]);
  const initials = user.name.slice(0, 2).toUpperCase();
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <aside className="sidebar" aria-label={t('app.mainNav')}>
        <div className="sidebar-inner">
          <Brand />
          <nav className="side-nav">
            {NAV.map((item) => (
              <a
                key={item.path}
                href={`#${item.path}`}
                className={isActive(route, item.path) ? 'nav-link active' : 'nav-link'}
                aria-current={isActive(route, item.path) ? 'page' : undefined}
                data-testid={`nav-${item.path.slice(1) || 'dashboard'}`}
              >
                <Icon name={item.icon} />
                <span>{t(`nav.${item.label}`)}</span>
              </a>
            ))}
          </nav>
          <AccountsNav route={route} />
          <ThemeSwitch className="on-dark" />
          <LanguageSwitch className="on-dark" />
          <div className="side-user">
            <span className="avatar" aria-hidden="true">
              {initials}
            </span>
            <div className="side-user-text">
              <span className="side-user-name" data-testid="current-user">
                {user.name}
              </span>
              <span className="side-user-meta">
                {user.currency} · {user.locale}
              </span>
            </div>
            <button
              type="button"
              className="icon-btn on-dark"
              onClick={signOut}
              aria-label={t('app.signOut')}
              title={t('app.signOut')}
              data-testid="sign-out"
            >
              <Icon name="logout" />
            </button>
          </div>
        </div>
      </aside>

      <header className="topbar">
        <Brand />
        <span className="topbar-user">{user.name}</span>
      </header>

      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>

      <nav className="bottom-nav" aria-label={t('app.mainNav')}>
        {NAV.filter((n) => n.primary).map((item) => (
          <a
            key={item.path}
            href={`#${item.path}`}
            className={isActive(route, item.path) ? 'bottom-link active' : 'bottom-link'}
            aria-current={isActive(route, item.path) ? 'page' : undefined}
          >
            <Icon name={item.icon} size={22} />
            <span>{item.label === 'dashboard' ? t('app.homeShort') : t(`nav.${item.label}`)}</span>
          </a>
        ))}
        <button
          type="button"
          className={menuOpen ? 'bottom-link active' : 'bottom-link'}
          aria-expanded={menuOpen}
          aria-controls="more-menu"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <Icon name="more" size={22} />
          <span>{t('app.more')}</span>
        </button>
      </nav>
      {menuOpen && (
        <div className="sheet-backdrop" onClick={() => setMenuOpen(false)}>
          <div className="sheet" id="more-menu" onClick={(e) => e.stopPropagation()}>
            {NAV.filter((n) => !n.primary).map((item) => (
              <a key={item.path} href={`#${item.path}`} className="sheet-link">
                <Icon name={item.icon} />
                {t(`nav.${item.label}`)}
              </a>
            ))}
            <ThemeSwitch className="sheet-theme" />
            <LanguageSwitch className="sheet-theme" />
            <button type="button" className="sheet-link" onClick={signOut}>
              <Icon name="logout" />
              {t('app.signOutUser', { name: user.name })}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
