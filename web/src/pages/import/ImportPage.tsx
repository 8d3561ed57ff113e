import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useAccounts } from '../../api/queries';
import { AccountOptions } from '../../components/AccountOptions';
import { Alert, Card, SelectField } from '../../components/ui';
import { ImportHistoryCard } from './ImportHistoryCard';
import { ImportPreviewCard } from './ImportPreviewCard';
import { ImportRules } from './ImportRules';
import { LayoutControls } from './LayoutControls';
import { useStatementImport } from './use-statement-import';
import { PageFrame } from '../../components/PageFrame';

export function ImportPage() {
  const { t } = useTranslation();
  const statement = useStatementImport();
  const { file, preview, problem, choices } = statement;
  const askDate = problem instanceof ApiError && problem.field === 'dateFormat';
  const accounts = useAccounts().data?.items ?? [];
  return (
    <PageFrame
      testId="page-import"
      title={t('nav.import')}
      subtitle={t('import.subtitle')}
      actions={
        <>
          <a className="btn btn-secondary" href="/api/export?format=csv" download data-testid="export-csv">
            {t('transactions.exportCsv')}
          </a>
          <a className="btn btn-secondary" href="/api/export?format=json" download data-testid="export-json">
            {t('import.backup')}
          </a>
        </>
      }
    >
      <Card title={t('import.statementFile')}>
        <div className="field">
          <label htmlFor="import-file">{t('import.chooseFile')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.txt,.ofx,.qfx,text/csv"
            onChange={(e) => void statement.choose(e.target.files?.[0])}
            data-testid="import-file"
          />
        </div>
        <SelectField
          label={t('import.intoAccount')}
          value={statement.account || accounts[0]?.id || ''}
          onChange={(e) => statement.setAccount(e.target.value)}
          data-testid="import-account"
        >
          <AccountOptions accounts={accounts} />
        </SelectField>
        {problem && (
          <Alert tone="error" data-testid="import-problem">
            {askDate
              ? t('import.ambiguousDates', {
                  examples: /dates like "([^"]*)"/.exec(problem.message)?.[1] ?? t('import.bothTwelve'),
                })
              : problem.message}
          </Alert>
        )}
        {file && (askDate || preview?.layout) && (
          <LayoutControls
            layout={preview?.layout ?? null}
            choices={choices}
            askDate={askDate}
            onChange={statement.change}
          />
        )}
      </Card>
      {preview && (
        <ImportPreviewCard
          preview={preview}
          fileName={file?.fileName ?? t('import.theFile')}
          busy={statement.busy}
          skipBad={statement.skipBad}
          onSkipBad={statement.setSkipBad}
          onCommit={statement.commit}
          lineCategories={statement.lineCategories}
          onLineCategory={statement.setLineCategory}
          onRuleAdded={statement.reload}
        />
      )}
      <ImportRules onChanged={statement.reload} />
      <ImportHistoryCard />
    </PageFrame>
  );
}
