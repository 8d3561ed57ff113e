import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../app/toast-context';
import { useApi } from './api-context';
import { messageOf, type ApiClient } from './client';

export interface ApiMutation<V, R> {
  /** What the change does, given the session's client. */
  mutationFn: (api: ApiClient, vars: V) => Promise<R>;
  /** The toast after it worked (none when it returns null). */
  success?: string | ((result: R, vars: V) => string | null);
  onSuccess?: (result: R, vars: V) => void;
  /** What a failure does; without it, an error toast. Forms put the error under their fields instead. */
  onError?: (error: unknown, vars: V) => void;
}

export interface MutationHandle<V> {
  run: (vars: V) => void;
  busy: boolean;
}

/**
 * A change through the API: busy while it runs, a toast when it worked or failed, and every cached answer
 * marked stale after it, since one change feeds many views (an expense moves reports, budgets and the
 * dashboard); only the views on screen load again, the rest when they are next shown.
 */
export function useApiMutation<V = void, R = unknown>(options: ApiMutation<V, R>): MutationHandle<V> {
  const api = useApi();
  const toast = useToast();
  const queryClient = useQueryClient();
  const { mutationFn, success, onSuccess, onError } = options;
  const mutation = useMutation({
    mutationFn: (vars: V) => mutationFn(api, vars),
    onSuccess: (result, vars) => {
      const message = typeof success === 'function' ? success(result, vars) : success;
      if (message) toast(message);
      onSuccess?.(result, vars);
      void queryClient.invalidateQueries();
    },
    onError: (error, vars) => (onError ? onError(error, vars) : toast(messageOf(error), 'error')),
  });
  return { run: mutation.mutate, busy: mutation.isPending };
}
