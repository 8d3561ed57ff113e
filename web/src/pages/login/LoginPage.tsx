import { useState, type FormEvent } from 'react';
import { useApiMutation } from '../../api/use-api-mutation';
import { Alert, Button, TextField } from '../../components/ui';
import { toFieldErrors, type FieldErrors } from '../../forms';
import type { Session } from '../../api/answers';
import { guessCurrency } from './locale-choices';
import { RegisterFields } from './RegisterFields';

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
            <RegisterFields
              currency={currency}
              locale={locale}
              browserLocale={browserLocale}
              errors={errors}
              onCurrency={setCurrency}
              onLocale={setLocale}
            />
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
