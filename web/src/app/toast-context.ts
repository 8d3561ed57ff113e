import { createContext, useContext } from 'react';

export type ToastTone = 'success' | 'error' | 'info';

/** A button in a toast ("Undo"): the toast stays longer, and goes once the button is used. */
export interface ToastAction {
  readonly label: string;
  readonly run: () => void;
}

export type ShowToast = (message: string, tone?: ToastTone, action?: ToastAction) => void;

export const ToastContext = createContext<ShowToast | null>(null);

/** Shows a short message in the corner; errors stay longer. */
export function useToast(): ShowToast {
  const toast = useContext(ToastContext);
  if (!toast) throw new Error('useToast outside the app');
  return toast;
}
