import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorNote, Loading } from './ui';

/**
 * The ladder every view of loaded data climbs: the error (with "Try again"), else a spinner until the first
 * answer, else `empty` when `isEmpty` says there is nothing, else the data.
 */
export function QueryState<T>({
  query,
  isEmpty,
  empty = null,
  errorClassName,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  /** A wrapper's class for the error, e.g. padding inside a card whose table runs edge to edge. */
  errorClassName?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.error) {
    const note = <ErrorNote error={query.error} onRetry={() => void query.refetch()} />;
    return errorClassName ? <div className={errorClassName}>{note}</div> : note;
  }
  if (query.data === undefined) return <Loading />;
  if (isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
