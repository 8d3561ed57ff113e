import { useState } from 'react';
import type { ImportPreview } from '../../api/answers';
import { useCategories } from '../../api/queries';
import { Icon } from '../../components/Icon';
import { ImportRuleDialog } from './ImportRuleDialog';
import './import-preview.css';
import { useApp } from '../../context';
import { Alert, Badge, Button, Card } from '../../components/ui';
import { dateText, money, numberText, timestampText } from '../../format';
import { DataTable, numeric } from '../../components/DataTable';

type Line = ImportPreview['lines'][number];

/** The category of lines no rule or choice files (the importer makes it when it first needs it). */
const UNCATEGORIZED = 'Uncategorized';

/**
 * What importing the file would add, line by line, and the button that imports it. Each new line's category
 * can be chosen here, or made into a rule for every line like it.
 */
export function ImportPreviewCard({
  preview,
  fileName,
  busy,
  skipBad,
  onSkipBad,
  onCommit,
  lineCategories,
  onLineCategory,
  onRuleAdded,
}: {
  preview: ImportPreview;
  fileName: string;
  busy: boolean;
  skipBad: boolean;
  onSkipBad: (skip: boolean) => void;
  onCommit: () => void;
  /** Categories chosen here, by line number: the import files those lines so. */
  lineCategories: Readonly<Record<number, string>>;
  onLineCategory: (line: number, categoryId: string | null) => void;
  /** A rule was made from a line: the preview is read again. */
  onRuleAdded: () => void;
}) {
  const { currency, locale } = useApp();
  const bad = preview.errors;
  const categories = (useCategories().data ?? []).filter((c) => !c.deleted);
  const [ruleLine, setRuleLine] = useState<Line | null>(null);
  /** The category a line goes to now: chosen here, else the one the preview gave it ('' for Uncategorized). */
  const categoryOf = (l: Line) =>
    lineCategories[l.line] ??
    categories.find((c) => c.kind === l.kind && c.name === l.categoryName && c.name !== UNCATEGORIZED)?.id ??
    '';
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
            <td>
              {l.duplicate ? (
                l.categoryName
              ) : (
                <span className="import-category">
                  <select
                    aria-label={`Category of line ${l.line}`}
                    value={categoryOf(l)}
                    onChange={(e) => onLineCategory(l.line, e.target.value || null)}
                    data-testid="import-line-category"
                  >
                    <option value="">{UNCATEGORIZED}</option>
                    {categories
                      .filter((c) => c.kind === l.kind && c.name !== UNCATEGORIZED)
                      .map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name}
                        </option>
                      ))}
                  </select>
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={`Make a rule from line ${l.line}`}
                    title="Make a rule from this line"
                    onClick={() => setRuleLine(l)}
                    data-testid="import-line-rule"
                  >
                    <Icon name="plus" size={16} />
                  </button>
                </span>
              )}
            </td>
            <td className="num nowrap">
              {money(l.kind === 'expense' ? -l.amount : l.amount, currency, locale)}
            </td>
            <td>{l.duplicate ? <Badge>Already imported</Badge> : <Badge tone="good">New</Badge>}</td>
          </tr>
        ))}
      </DataTable>
      {ruleLine && (
        <ImportRuleDialog
          line={ruleLine}
          categoryId={categoryOf(ruleLine)}
          categories={categories}
          onClose={() => setRuleLine(null)}
          onAdded={onRuleAdded}
        />
      )}
      {preview.lineCount > preview.lines.length && (
        <p className="muted small">
          Showing the first {numberText(preview.lines.length, locale)} of{' '}
          {numberText(preview.lineCount, locale)} lines.
        </p>
      )}
    </Card>
  );
}
