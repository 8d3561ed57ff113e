import type { ComponentProps } from 'react';
import { Card, EmptyState } from './ui';

/** A card that only says there is nothing to show (yet). */
export function EmptyCard(props: ComponentProps<typeof EmptyState>) {
  return (
    <Card>
      <EmptyState {...props} />
    </Card>
  );
}
