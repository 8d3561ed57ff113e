import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { api } from './api';

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The route is the part of the URL after `#`: "/expenses". Hash routing needs no server fallback. */
export function useRoute(): string {
  return useSyncExternalStore(subscribeHash, () => window.location.hash.replace(/^#/, '') || '/');
}

export function navigate(path: string): void {
  if (window.location.hash !== `#${path}`) window.location.hash = path;
}

export interface Resource<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs `url` (null: nothing to load) and reloads when it changes. Keeps the previous data while the next
 * answer loads, so tables do not flash empty when a filter changes.
 */
export function useResource<T>(url: string | null): Resource<T> {
  const [version, setVersion] = useState(0);
  const key = url === null ? null : `${version} ${url}`;
  const [state, setState] = useState<{ key: string | null; data?: T; error?: Error }>({ key: null });
  useEffect(() => {
    if (url === null || key === null) return;
    let alive = true;
    api.get<T>(url).then(
      (data) => alive && setState({ key, data }),
      (error: unknown) =>
        alive &&
        setState((s) => ({
          key,
          data: s.data,
          error: error instanceof Error ? error : new Error(String(error)),
        })),
    );
    return () => {
      alive = false;
    };
  }, [url, key]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: state.data, error: state.error, loading: key !== null && state.key !== key, reload };
}

export function useDebounced<T>(value: T, ms = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/** True when the viewport is phone-sized. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const mq = window.matchMedia(query);
      mq.addEventListener('change', onChange);
      return () => mq.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

/** Whether the component is still mounted, for async handlers. */
export function useMounted(): () => boolean {
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return useCallback(() => mounted.current, []);
}
