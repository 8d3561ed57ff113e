import type { ReactNode } from 'react';
import { PageHeader } from './ui';

/** A page of the app: its test id, its header (title, subtitle, actions), then what it shows. */
export function PageFrame({
  testId,
  children,
  ...header
}: {
  testId: string;
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="page" data-testid={testId}>
      <PageHeader {...header} />
      {children}
    </div>
  );
}
