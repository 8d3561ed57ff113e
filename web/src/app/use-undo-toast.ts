import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context';
import { messageOf } from '../api/client';
import { useToast } from './toast-context';

/**
 * A toast after a change the device can undo (a bulk edit, a delete), with an "Undo" button that undoes it on
 * the server and reloads what is on screen. Without an operation id it is a plain toast.
 */
export function useUndoToast(): (message: string, operationId: string | null) => void {
  const { t } = useTranslation();
  const api = useApi();
  const toast = useToast();
  const queryClient = useQueryClient();
  return useCallback(
    (message, operationId) => {
      if (!operationId) {
        toast(message);
        return;
      }
      toast(message, 'success', {
        label: t('common.undo'),
        run: () => {
          api
            .post<{ operation: { label: string } }>(`/api/undo/${encodeURIComponent(operationId)}`)
            .then(({ operation }) => {
              toast(t('common.undone', { what: operation.label }));
              void queryClient.invalidateQueries();
            })
            .catch((e: unknown) => toast(messageOf(e), 'error'));
        },
      });
    },
    [api, toast, queryClient, t],
  );
}
