import { useTranslation } from 'react-i18next';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, createApiClient, messageOf, type ApiClient } from '../api/client';
import type { Session } from '../api/answers';
import { probablySignedIn, rememberSignedIn } from './signed-in-hint';

export interface SessionState {
  /** undefined while the server is asked whether this browser is signed in. */
  session: Session | null | undefined;
  /**
   * True while that question is open and this browser was signed in last time: the app is rendered hidden, so
   * that the page's data requests start alongside the session check (GETs need no CSRF token).
   */
  speculative: boolean;
  bootError: string | null;
  /** The client of this session: it sends the session's CSRF token. */
  api: ApiClient;
  accept: (session: Session | null) => void;
  /** The signed-in user as the server now has them, after a change of their settings. */
  setUser: (user: Session['user']) => void;
  signOut: () => void;
}

/** The signed-in session, kept in React state; a 401 from any request ends it. */
export function useSession(): SessionState {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [bootError, setBootError] = useState<string | null>(null);
  const [likely] = useState(probablySignedIn);

  const accept = useCallback(
    (next: Session | null) => {
      // Cached answers belong to the user who was signed in: the next one must not see them.
      queryClient.clear();
      rememberSignedIn(next !== null);
      setSession(next);
    },
    [queryClient],
  );
  const csrfToken = session?.csrfToken ?? null;
  const api = useMemo(
    () =>
      createApiClient({ csrfToken, onUnauthorized: () => accept(null), unreachable: t('app.unreachable') }),
    [csrfToken, accept, t],
  );

  // Asked while this hook first renders, before the hidden app below renders and asks for its data: effects
  // run children first, so a request made in an effect here would wait behind the page's (a browser sends six
  // at a time to one host), and the app would show only when the slowest of them had answered.
  const [sessionRequest] = useState(() => fetchSession(api));

  useEffect(() => {
    let alive = true;
    sessionRequest.then(
      (s) => {
        if (!alive) return;
        if (s === null) return accept(null);
        // Kept: what the hidden app loaded meanwhile was asked with this same session cookie.
        rememberSignedIn(true);
        setSession(s);
      },
      (e: unknown) => {
        if (!alive) return;
        setBootError(messageOf(e));
        accept(null);
      },
    );
    return () => {
      alive = false;
    };
    // Asked once, when the app opens: later sessions come from signing in.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const setUser = useCallback(
    (user: Session['user']) => setSession((current) => (current ? { ...current, user } : current)),
    [],
  );

  const signOut = useCallback(() => {
    api.del('/api/session').catch(() => undefined);
    accept(null);
    window.location.hash = '/';
  }, [api, accept]);

  return {
    session,
    speculative: likely && session === undefined,
    bootError,
    api,
    accept,
    setUser,
    signOut,
  };
}

async function fetchSession(api: ApiClient): Promise<Session | null> {
  try {
    return await api.get<Session>('/api/session');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}
