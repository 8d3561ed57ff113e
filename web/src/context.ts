import { createContext, useContext } from 'react';
import type { User } from '../../src/domain/entities.js';

export interface AppContextValue {
  user: User;
  currency: string;
  /** The one locale of words, dates and numbers: the UI's language with the user's region ("de-DE"). */
  locale: string;
  setUser: (user: User) => void;
  signOut: () => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the signed-in app');
  return value;
}
