import { createContext, useContext } from 'react';
import type { User } from './types';

export type ToastTone = 'success' | 'error' | 'info';

export interface AppContextValue {
  user: User;
  currency: string;
  locale: string;
  signOut: () => void;
  toast: (message: string, tone?: ToastTone) => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the signed-in app');
  return value;
}
