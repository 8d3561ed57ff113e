import { createContext, useContext } from 'react';
import type { User } from '../../src/domain/entities.js';

export interface AppContextValue {
  user: User;
  currency: string;
  locale: string;
  signOut: () => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the signed-in app');
  return value;
}
