import type { ReactNode } from 'react';
import { Card } from '../../components/ui';

/** A dashboard card, with a link to the page that shows its subject in full. */
export function DashboardCard({
  title,
  link,
  testId,
  children,
}: {
  title: string;
  link: { href: string; label: string };
  testId: string;
  children: ReactNode;
}) {
  return (
    <Card
      title={title}
      actions={
        <a className="card-link" href={link.href}>
          {link.label}
        </a>
      }
      data-testid={testId}
    >
      {children}
    </Card>
  );
}
