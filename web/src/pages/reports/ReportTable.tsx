import type { ComponentProps, ReactNode } from 'react';
import { DataTable } from '../../components/DataTable';
import { Card } from '../../components/ui';

/** A report's table, in a card it fills edge to edge. */
export function ReportTable({
  title,
  testId,
  columns,
  children,
}: {
  title?: string;
  testId?: string;
  columns: ComponentProps<typeof DataTable>['columns'];
  children: ReactNode;
}) {
  return (
    <Card title={title} className="card-flush" data-testid={testId}>
      <DataTable columns={columns}>{children}</DataTable>
    </Card>
  );
}
