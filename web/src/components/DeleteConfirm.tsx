import { useState } from 'react';
import { Button } from './ui';

/** A form's "Delete" that asks first: Delete again to confirm, Keep to back out. */
export function DeleteConfirm({
  question,
  busy,
  onDelete,
  testIds = {},
}: {
  question: string;
  busy: boolean;
  onDelete: () => void;
  testIds?: { ask?: string; confirm?: string };
}) {
  const [asking, setAsking] = useState(false);
  return asking ? (
    <div className="confirm-inline">
      <span>{question}</span>
      <Button variant="danger" onClick={onDelete} busy={busy} data-testid={testIds.confirm}>
        Delete
      </Button>
      <Button variant="ghost" onClick={() => setAsking(false)}>
        Keep
      </Button>
    </div>
  ) : (
    <Button
      variant="ghost"
      icon="trash"
      className="danger-text"
      onClick={() => setAsking(true)}
      data-testid={testIds.ask}
    >
      Delete
    </Button>
  );
}
