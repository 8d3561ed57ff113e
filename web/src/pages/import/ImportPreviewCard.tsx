import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
      title={t('import.previewOf', { file: fileName })}
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
          {preview.added === 0
            ? t('import.nothingNew')
            : t('import.importNew', { count: preview.added, shown: numberText(preview.added, locale) })}
        </Button>
      }
    >
      <p className="muted" data-testid="import-summary">
        {preview.format.toUpperCase()}, {preview.encoding}
        {preview.account ? `, ${t('import.account', { account: preview.account })}` : ''}:{' '}
        {t('import.summary', {
          added: numberText(preview.added, locale),
          duplicates: numberText(preview.duplicates, locale),
        })}
        {bad.length > 0
          ? `, ${t('import.badLines', { count: bad.length, shown: numberText(bad.length, locale) })}`
          : ''}
        .
      </p>
      {preview.importedBefore.length > 0 && (
        <Alert tone="info" data-testid="import-seen-before">
          {t('import.seenBefore', { time: timestampText(preview.importedBefore[0]?.importedAt, locale) })}
        </Alert>
      )}
      {bad.length > 0 && (
        <Alert tone="warning" title={t('import.cannotRead')} data-testid="import-bad-lines">
          <ul>
            {bad.map((b) => (
              <li key={b.line}>{t('import.lineReason', { line: b.line, reason: b.reason })}</li>
            ))}
          </ul>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={skipBad}
              onChange={(e) => onSkipBad(e.target.checked)}
              data-testid="import-skip-bad"
            />{' '}
            {t('import.skipThese')}
          </label>
        </Alert>
      )}
      <DataTable
        testId="import-lines"
        columns={[
          t('import.line'),
          t('transactions.date'),
          t('import.description'),
          t('schedules.category'),
          numeric(t('amount.amount')),
          t('accounts.status'),
        ]}
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
                    aria-label={t('import.categoryOfLine', { line: l.line })}
                    value={categoryOf(l)}
                    onChange={(e) => onLineCategory(l.line, e.target.value || null)}
                    data-testid="import-line-category"
                  >
                    <option value="">{t('import.uncategorized')}</option>
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
                    aria-label={t('import.ruleFromLineN', { line: l.line })}
                    title={t('import.ruleFromLine')}
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
            <td>
              {l.duplicate ? (
                <Badge>{t('import.alreadyImported')}</Badge>
              ) : (
                <Badge tone="good">{t('import.new')}</Badge>
              )}
            </td>
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
          {t('import.showingFirst', {
            shown: numberText(preview.lines.length, locale),
            total: numberText(preview.lineCount, locale),
          })}
        </p>
      )}
    </Card>
  );
}
