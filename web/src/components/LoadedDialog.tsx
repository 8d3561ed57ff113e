import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorNote, Modal } from './ui';

/**
 * A dialog whose form needs its row loaded first: nothing until the answer comes (the API is local, so this is
 * short and a spinner would only flash), then the form; a failure in a dialog of its own, with "Try again".
 */
export function LoadedDialog<T>({
  query,
  title,
  onClose,
  children,
}: {
  query: UseQueryResult<T>;
  /** The failure dialog's title: the form's. */
  title: string;
  onClose: () => void;
  children: (data: T) => ReactNode;
}) {
  if (query.error)
    return (
      <Modal title={title} onClose={onClose} data-testid="load-error-dialog">
        <ErrorNote error={query.error} onRetry={() => void query.refetch()} />
      </Modal>
    );
  return query.data === undefined ? null : <>{children(query.data)}</>;
}
