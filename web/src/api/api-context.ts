import { createContext, useContext } from 'react';
import type { ApiClient } from './client';

/** The client of the current session, made by the app root. */
export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside the app');
  return api;
}
