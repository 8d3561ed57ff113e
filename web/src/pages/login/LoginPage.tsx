import { useState, type FormEvent } from 'react';
import { CURRENCY_CODES } from '../../../../src/domain/currency.js';
import { useApiMutation } from '../../api/use-api-mutation';
import { Alert, Button, SelectField, TextField } from '../../components/ui';
import { toFieldErrors, type FieldErrors } from '../../forms';
import type { Session } from '../../api/answers';

const COMMON_CURRENCIES = [
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
const LOCALES = [
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

function guessCurrency(locale: string): string {
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

export function LoginPage({
  onSignedIn,
  bootError,
}: {
  onSignedIn: (s: Session) => void;
  bootError: string | null;
}) {
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const browserLocale = typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [currency, setCurrency] = useState(() => guessCurrency(browserLocale));
  const [locale, setLocale] = useState(browserLocale);
  const [errors, setErrors] = useState<FieldErrors>({});
  const signIn = useApiMutation({
    mutationFn: async (
      api,
      { register, ...login }: { name: string; password: string; register: boolean },
    ) => {
      if (register) await api.post('/api/users', { ...login, currency, locale });
      return api.post<Session>('/api/session', login);
    },
    onSuccess: onSignedIn,
    onError: (e) => setErrors(toFieldErrors(e, ['name', 'password', 'currency', 'locale'])),
  });
  const locales = LOCALES.includes(browserLocale) ? LOCALES : [browserLocale, ...LOCALES];
  const others = CURRENCY_CODES.filter((c) => !COMMON_CURRENCIES.includes(c));

  function validate(): FieldErrors {
    const e: FieldErrors = {};
    if (!name.trim()) e['name'] = 'Enter your user name';
    if (!password) e['password'] = 'Enter your password';
    else if (mode === 'register' && password.length < 8) e['password'] = 'Use at least 8 characters';
    return e;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length) return;
    signIn.run({ name: name.trim(), password, register: mode === 'register' });
  }

  function switchTo(next: 'login' | 'register') {
    setMode(next);
    setErrors({});
  }

  return (
    <div className="auth">
      <div className="auth-aside" aria-hidden="true">
        <div className="auth-aside-inner">
          <div className="auth-logo">pfm</div>
          <h2>Your money, on your device.</h2>
          <p>
            Track spending and income, keep budgets and savings goals, and sync every device when you choose.
          </p>
          <ul>
            <li>Works offline, data stays local</li>
            <li>Budgets, goals and clear reports</li>
            <li>One-click sync across devices</li>
          </ul>
        </div>
      </div>
      <div className="auth-main">
        <form
          className="auth-card"
          onSubmit={submit}
          noValidate
          data-testid={mode === 'login' ? 'login-form' : 'register-form'}
        >
          <h1>{mode === 'login' ? 'Welcome back' : 'Create your account'}</h1>
          <p className="muted">
            {mode === 'login' ? 'Sign in to your finances.' : 'It takes less than a minute.'}
          </p>
          <div className="segmented" role="tablist" aria-label="Sign in or register">
            <button
              type="button"
              role="tab"
              aria-selected={mode === 'login'}
              onClick={() => switchTo('login')}
              data-testid="tab-login"
            >
              Sign in
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={mode === 'register'}
              onClick={() => switchTo('register')}
              data-testid="tab-register"
            >
              Register
            </button>
          </div>
          {bootError && (
            <Alert tone="warning" title="The server did not answer">
              {bootError}
            </Alert>
          )}
          {errors['_form'] && (
            <Alert tone="error" data-testid="form-error">
              {errors['_form']}
            </Alert>
          )}
          <TextField
            label="User name"
            name="name"
            autoComplete="username"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors['name']}
            data-testid="auth-name"
            autoFocus
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors['password']}
            hint={mode === 'register' ? 'At least 8 characters' : undefined}
            data-testid="auth-password"
          />
          {mode === 'register' && (
            <div className="form-row">
              <SelectField
                label="Currency"
                value={currency}
                onChange={(e) => setCurrency(e.target.value)}
                error={errors['currency']}
                data-testid="auth-currency"
              >
                <optgroup label="Common">
                  {COMMON_CURRENCIES.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </optgroup>
                <optgroup label="All currencies">
                  {others.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </optgroup>
              </SelectField>
              <SelectField
                label="Number and date format"
                value={locale}
                onChange={(e) => setLocale(e.target.value)}
                error={errors['locale']}
              >
                {locales.map((l) => (
                  <option key={l} value={l}>
                    {displayLocale(l)}
                  </option>
                ))}
              </SelectField>
            </div>
          )}
          <Button
            type="submit"
            variant="primary"
            className="btn-block"
            busy={signIn.busy}
            data-testid="auth-submit"
          >
            {mode === 'login' ? 'Sign in' : 'Create account'}
          </Button>
          <p className="auth-switch">
            {mode === 'login' ? 'New here? ' : 'Already have an account? '}
            <button
              type="button"
              className="link-btn"
              onClick={() => switchTo(mode === 'login' ? 'register' : 'login')}
            >
              {mode === 'login' ? 'Create an account' : 'Sign in'}
            </button>
          </p>
        </form>
      </div>
    </div>
  );
}

function displayLocale(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    return name ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}
