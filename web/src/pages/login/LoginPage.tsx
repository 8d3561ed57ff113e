import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useApiMutation } from '../../api/use-api-mutation';
import { Alert, Button, TextField } from '../../components/ui';
import { FormError } from '../../components/Form';
import { toFieldErrors } from '../../forms';
import { useForm } from '../../use-form';
import type { Session } from '../../api/answers';
import { guessCurrency } from './locale-choices';
import { AuthAside } from './AuthAside';
import { RegisterFields } from './RegisterFields';

export function LoginPage({
  onSignedIn,
  bootError,
}: {
  onSignedIn: (s: Session) => void;
  bootError: string | null;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const browserLocale = typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';
  const { values, errors, setErrors, field, onSubmit } = useForm({
    name: '',
    password: '',
    currency: guessCurrency(browserLocale),
    locale: browserLocale,
  });
  const { password, currency, locale } = values;
  const name = values.name.trim();
  const signIn = useApiMutation({
    mutationFn: async (
      api,
      { register, ...login }: { name: string; password: string; register: boolean },
    ) => {
      // Registering signs in too: one password hash on the server instead of a hash and then its check.
      if (register) return api.post<Session>('/api/users', { ...login, currency, locale, signIn: true });
      return api.post<Session>('/api/session', login);
    },
    onSuccess: onSignedIn,
    onError: (e) => setErrors(toFieldErrors(e, ['name', 'password', 'currency', 'locale'])),
  });

  const submit = onSubmit(
    () => ({
      name: name ? undefined : t('login.enterName'),
      password: !password
        ? t('login.enterPassword')
        : mode === 'register' && password.length < 8
          ? t('login.atLeast8')
          : undefined,
    }),
    () => signIn.run({ name, password, register: mode === 'register' }),
  );

  function switchTo(next: 'login' | 'register') {
    setMode(next);
    setErrors({});
  }

  return (
    <div className="auth">
      <AuthAside />
      <div className="auth-main">
        <form
          className="auth-card"
          onSubmit={submit}
          noValidate
          data-testid={mode === 'login' ? 'login-form' : 'register-form'}
        >
          <h1>{mode === 'login' ? t('login.welcome') : t('login.createTitle')}</h1>
          <p className="muted">{mode === 'login' ? t('login.signInTo') : t('login.lessThanMinute')}</p>
          <div className="segmented" role="tablist" aria-label={t('login.signInOrRegister')}>
            {(['login', 'register'] as const).map((tab) => (
              <button
                key={tab}
                type="button"
                role="tab"
                aria-selected={mode === tab}
                onClick={() => switchTo(tab)}
                data-testid={`tab-${tab}`}
              >
                {tab === 'login' ? t('login.signIn') : t('login.register')}
              </button>
            ))}
          </div>
          {bootError && (
            <Alert tone="warning" title={t('login.noAnswer')}>
              {bootError}
            </Alert>
          )}
          <FormError errors={errors} data-testid="form-error" />
          <TextField
            {...field('name')}
            label={t('login.userName')}
            name="name"
            autoComplete="username"
            data-testid="auth-name"
            autoFocus
          />
          <TextField
            {...field('password')}
            label={t('login.password')}
            name="password"
            type="password"
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            hint={mode === 'register' ? t('login.atLeast8Hint') : undefined}
            data-testid="auth-password"
          />
          {mode === 'register' && (
            <RegisterFields
              currency={field('currency')}
              locale={field('locale')}
              browserLocale={browserLocale}
            />
          )}
          <Button
            type="submit"
            variant="primary"
            className="btn-block"
            busy={signIn.busy}
            data-testid="auth-submit"
          >
            {mode === 'login' ? t('login.signIn') : t('login.createAccount')}
          </Button>
          <p className="auth-switch">
            {mode === 'login' ? t('login.newHere') : t('login.haveAccount')}{' '}
            <button
              type="button"
              className="link-btn"
              onClick={() => switchTo(mode === 'login' ? 'register' : 'login')}
            >
              {mode === 'login' ? t('login.createAnAccount') : t('login.signIn')}
            </button>
          </p>
        </form>
      </div>
    </div>
  );
}
