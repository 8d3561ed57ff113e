import type { ImportPreview } from '../../api/answers';
import { useApp } from '../../context';
import { Alert, Badge, Button, Card } from '../../components/ui';
import { dateText, money, numberText, timestampText } from '../../format';
import { DataTable, numeric } from '../../components/DataTable';

/** What importing the file would add, line by line, and the button that imports it. */
export function ImportPreviewCard({
  preview,
  fileName,
  busy,
  skipBad,
  onSkipBad,
  onCommit,
}: {
  preview: ImportPreview;
  fileName: string;
  busy: boolean;
  skipBad: boolean;
  onSkipBad: (skip: boolean) => void;
  onCommit: () => void;
}) {
  const { currency, locale } = useApp();
  const bad = preview.errors;
  return (
    <Card
      title={`Preview of ${fileName}`}
      data-testid="import-preview"
      actions={
        <Button
          variant="primary"
          icon="download"
          busy={busy}
          disabled={preview.added === 0 || (bad.length > 0 && !skipBad)}
          onClick={onCommit}
          data-testid="import-commit"
        >
          {preview.added === 0 ? 'Nothing new to import' : `Import ${numberText(preview.added, locale)} new`}
        </Button>
      }
    >
      <p className="muted" data-testid="import-summary">
        {preview.format.toUpperCase()}, {preview.encoding}
        {preview.account ? `, account ${preview.account}` : ''}: {numberText(preview.added, locale)} new,{' '}
        {numberText(preview.duplicates, locale)} already imported
        {bad.length > 0 ? `, ${numberText(bad.length, locale)} bad lines` : ''}.
      </p>
      {preview.importedBefore.length > 0 && (
        <Alert tone="info" data-testid="import-seen-before">
          You imported this very file before ({timestampText(preview.importedBefore[0]?.importedAt, locale)}
          ). Lines already imported are not added again.
        </Alert>
      )}
      {bad.length > 0 && (
        <Alert tone="warning" title="These lines cannot be read" data-testid="import-bad-lines">
          <ul>
            {bad.map((b) => (
              <li key={b.line}>
                Line {b.line}: {b.reason}
              </li>
            ))}
          </ul>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={skipBad}
              onChange={(e) => onSkipBad(e.target.checked)}
              data-testid="import-skip-bad"
            />{' '}
            Import the other lines and skip these
          </label>
        </Alert>
      )}
      <DataTable
        testId="import-lines"
        columns={['Line', 'Date', 'Description', 'Category', numeric('Amount'), 'Status']}
      >
        {preview.lines.map((l) => (
          <tr key={l.id} data-testid="import-line">
            <td>{l.line}</td>
            <td className="nowrap">{dateText(l.date, locale)}</td>
            <td>{l.description || <span className="muted">—</span>}</td>
            <td>{l.categoryName}</td>
            <td className="num nowrap">
              {money(l.kind === 'expense' ? -l.amount : l.amount, currency, locale)}
            </td>
            <td>{l.duplicate ? <Badge>Already imported</Badge> : <Badge tone="good">New</Badge>}</td>
          </tr>
        ))}
      </DataTable>
      {preview.lineCount > preview.lines.length && (
        <p className="muted small">
          Showing the first {numberText(preview.lines.length, locale)} of{' '}
          {numberText(preview.lineCount, locale)} lines.
        </p>
      )}
    </Card>
  );
}
