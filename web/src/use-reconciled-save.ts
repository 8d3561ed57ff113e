import { useState } from 'react';
import type { MutationHandle } from './api/use-api-mutation';

type Body = Record<string, unknown>;

/** What `useReconciledSave` gives a form: `send` its change, and what its question needs. */
export interface ReconciledSave {
  send: (body: Body) => void;
  /** A change held for the person's yes; null when nothing waits. */
  pending: Body | null;
  confirm: () => void;
  cancel: () => void;
}

/**
 * Sends a form's change at once, or, for a row a statement already agreed on, holds it until the person says yes
 * (`ReconciledChangeConfirm`) and then sends it with `confirmReconciled`, as the API asks.
 */
export function useReconciledSave(reconciled: boolean, save: MutationHandle<Body>): ReconciledSave {
  const [pending, setPending] = useState<Body | null>(null);
  return {
    send: (body) => (reconciled ? setPending(body) : save.run(body)),
    pending,
    confirm: () => {
      if (pending) save.run({ ...pending, confirmReconciled: true });
      setPending(null);
    },
    cancel: () => setPending(null),
  };
}
