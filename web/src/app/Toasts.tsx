import { useCallback, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Icon } from '../components/Icon';
import { ToastContext, type ToastAction, type ToastTone } from './toast-context';
import './toast-action.css';

interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
  action?: ToastAction;
}

/** How long a toast stays: errors and toasts with a button longer, so there is time to read and use them. */
const lifetime = (tone: ToastTone, action?: ToastAction) =>
  action ? 10_000 : tone === 'error' ? 6000 : 3500;

/** Gives its children `useToast` and shows the toasts, on the sign-in page as in the app. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const seq = useRef(0);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const toast = useCallback(
    (message: string, tone: ToastTone = 'success', action?: ToastAction) => {
      const id = ++seq.current;
      setToasts((t) => [...t, { id, message, tone, ...(action ? { action } : {}) }]);
      setTimeout(() => dismiss(id), lifetime(tone, action));
    },
    [dismiss],
  );
  return (
    <ToastContext.Provider value={toast}>
      {children}
      {/* Beside the dialogs under <body>, so the toasts stay announced while a dialog makes the app inert. */}
      {createPortal(
        <div className="toasts" aria-live="polite">
          {toasts.map((t) => (
            <div key={t.id} className={`toast toast-${t.tone}`} data-testid="toast">
              <Icon name={t.tone === 'error' ? 'alert' : 'check'} size={18} />
              {t.message}
              {t.action && (
                <button
                  type="button"
                  className="toast-action"
                  data-testid="toast-action"
                  onClick={() => {
                    dismiss(t.id);
                    t.action?.run();
                  }}
                >
                  {t.action.label}
                </button>
              )}
            </div>
          ))}
        </div>,
        document.body,
      )}
    </ToastContext.Provider>
  );
}
