import { useRef, useState } from 'react';
import { COLUMN_ROLES, type ColumnRole } from '../../../src/import/csv-columns.js';
import type { DateOrder } from '../../../src/import/date-formats.js';
import { api, ApiError } from '../api';
import { useApp } from '../context';
import { ImportRules } from '../components/ImportRules';
import { Alert, Badge, Button, Card, PageHeader, SelectField } from '../components/ui';
import { dateText, money, numberText, timestampText } from '../format';
import type { ImportBatch, ImportChoices, ImportLayout, ImportPreview } from '../import-types';
import { useResource } from '../hooks';
import type { Items } from '../types';

interface StatementFile {
  fileName: string;
  /** The bytes, base64: a Windows-1252 file must reach the server's decoder unchanged. */
  content: string;
}

const ROLE_LABELS: Record<ColumnRole, string> = {
  date: 'Date',
  description: 'Description',
  payee: 'Payee',
  amount: 'Amount',
  debit: 'Money out (debit)',
  credit: 'Money in (credit)',
  direction: 'Debit/credit marker',
  currency: 'Currency',
  id: "Bank's transaction id",
};
const ORDER_LABELS: Record<DateOrder, string> = {
  ymd: 'Year first (2026-10-31)',
  dmy: 'Day first (31.10.2026)',
  mdy: 'Month first (10/31/2026)',
};

/** The server's limit (src/server/import-routes.ts): checked here too, so a big file fails before uploading. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with a whole file as arguments overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function ImportPage() {
  const { toast, currency, locale } = useApp();
  const [file, setFile] = useState<StatementFile | null>(null);
  const [choices, setChoices] = useState<ImportChoices>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [problem, setProblem] = useState<ApiError | Error | null>(null);
  const [skipBad, setSkipBad] = useState(false);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  // Bumped after each import, so the history card loads again.
  const [imports, setImports] = useState(0);

  async function load(next: StatementFile, nextChoices: ImportChoices) {
    const mine = ++seq.current;
    setBusy(true);
    try {
      const res = await api.post<{ preview: ImportPreview }>('/api/import/preview', {
        ...next,
        options: nextChoices,
      });
      if (mine !== seq.current) return;
      setPreview(res.preview);
      setProblem(null);
    } catch (e) {
      if (mine !== seq.current) return;
      setPreview(null);
      setProblem(e instanceof Error ? e : new Error(String(e)));
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  }

  async function choose(selected: File | undefined) {
    if (!selected) return;
    if (selected.size > MAX_FILE_BYTES) {
      setFile(null);
      setPreview(null);
      setProblem(new Error(`${selected.name} is larger than 10 MiB: split it into shorter statements.`));
      return;
    }
    const next = { fileName: selected.name, content: toBase64(new Uint8Array(await selected.arrayBuffer())) };
    setFile(next);
    setChoices({});
    setSkipBad(false);
    await load(next, {});
  }

  function change(update: ImportChoices) {
    const next = { ...choices, ...update, columns: { ...choices.columns, ...update.columns } };
    setChoices(next);
    if (file) void load(file, next);
  }

  async function commit() {
    if (!file) return;
    setBusy(true);
    try {
      const res = await api.post<{ import: { added: number; duplicates: number; skippedBad: number } }>(
        '/api/import',
        { ...file, options: choices, skipBad },
      );
      const { added, duplicates } = res.import;
      toast(
        `Imported ${numberText(added, locale)} transactions (${numberText(duplicates, locale)} already there)`,
      );
      setImports((n) => n + 1);
      await load(file, choices);
    } catch (e) {
      setProblem(e instanceof Error ? e : new Error(String(e)));
      setBusy(false);
    }
  }

  const bad = preview?.errors ?? [];
  const askDate = problem instanceof ApiError && problem.field === 'dateFormat';
  return (
    <div className="page" data-testid="page-import">
      <PageHeader
        title="Import"
        subtitle="Bring in your bank's statements (CSV, OFX or QFX). Lines imported before are never added twice."
        actions={
          <>
            <a className="btn btn-secondary" href="/api/export?format=csv" download data-testid="export-csv">
              Export CSV
            </a>
            <a
              className="btn btn-secondary"
              href="/api/export?format=json"
              download
              data-testid="export-json"
            >
              Back up (JSON)
            </a>
          </>
        }
      />
      <Card title="Statement file">
        <div className="field">
          <label htmlFor="import-file">Choose a file from your bank</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.txt,.ofx,.qfx,text/csv"
            onChange={(e) => void choose(e.target.files?.[0])}
            data-testid="import-file"
          />
        </div>
        {problem && (
          <Alert tone="error" data-testid="import-problem">
            {askDate
              ? `The dates in this file fit more than one order (${/dates like "([^"]*)"/.exec(problem.message)?.[1] ?? 'day and month both 12 or less'}): choose below how they are written.`
              : problem.message}
          </Alert>
        )}
        {file && (askDate || preview?.layout) && (
          <LayoutControls
            layout={preview?.layout ?? null}
            choices={choices}
            askDate={askDate}
            onChange={change}
          />
        )}
      </Card>
      {preview && (
        <Card
          title={`Preview of ${file?.fileName ?? 'the file'}`}
          data-testid="import-preview"
          actions={
            <Button
              variant="primary"
              icon="download"
              busy={busy}
              disabled={preview.added === 0 || (bad.length > 0 && !skipBad)}
              onClick={() => void commit()}
              data-testid="import-commit"
            >
              {preview.added === 0
                ? 'Nothing new to import'
                : `Import ${numberText(preview.added, locale)} new`}
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
              You imported this very file before (
              {timestampText(preview.importedBefore[0]?.importedAt, locale)}
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
                  onChange={(e) => setSkipBad(e.target.checked)}
                  data-testid="import-skip-bad"
                />{' '}
                Import the other lines and skip these
              </label>
            </Alert>
          )}
          <div className="table-wrap">
            <table className="table" data-testid="import-lines">
              <thead>
                <tr>
                  <th>Line</th>
                  <th>Date</th>
                  <th>Description</th>
                  <th>Category</th>
                  <th className="num">Amount</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
          {preview.lineCount > preview.lines.length && (
            <p className="muted small">
              Showing the first {numberText(preview.lines.length, locale)} of{' '}
              {numberText(preview.lineCount, locale)} lines.
            </p>
          )}
        </Card>
      )}
      <ImportRules onChanged={() => file && void load(file, choices)} />
      <ImportHistoryCard version={imports} />
    </div>
  );
}

/** The detected layout, each part changeable: the preview reloads with the choice. */
function LayoutControls({
  layout,
  choices,
  askDate,
  onChange,
}: {
  layout: ImportLayout | null;
  choices: ImportChoices;
  askDate: boolean;
  onChange: (update: ImportChoices) => void;
}) {
  return (
    <div className="import-layout" data-testid="import-layout">
      {layout && (
        <p className="muted small">
          Separated by {layout.delimiter === '\t' ? 'tabs' : `“${layout.delimiter}”`},{' '}
          {layout.headerLine === 0 ? 'no header row' : `header on line ${layout.headerLine}`}.
        </p>
      )}
      <div className="inline-form">
        <SelectField
          label="Dates are written"
          value={choices.dateFormat ?? layout?.dateOrder ?? ''}
          onChange={(e) => onChange({ dateFormat: e.target.value as DateOrder })}
          error={askDate ? 'The dates fit more than one order: say which' : undefined}
          data-testid="import-date-format"
        >
          {!layout && <option value="">Choose…</option>}
          {(Object.keys(ORDER_LABELS) as DateOrder[]).map((o) => (
            <option key={o} value={o}>
              {ORDER_LABELS[o]}
            </option>
          ))}
        </SelectField>
        {layout && (
          <SelectField
            label="Decimal separator"
            value={choices.decimal ?? layout.decimal}
            onChange={(e) => onChange({ decimal: e.target.value as '.' | ',' })}
            data-testid="import-decimal"
          >
            <option value=".">Point (1,234.50)</option>
            <option value=",">Comma (1.234,50)</option>
          </SelectField>
        )}
        {layout && (
          <SelectField
            label="Positive amounts are"
            value={(choices.invert ?? layout.invert) ? 'out' : 'in'}
            onChange={(e) => onChange({ invert: e.target.value === 'out' })}
            data-testid="import-invert"
          >
            <option value="in">Money in (bank account)</option>
            <option value="out">Money out (credit card)</option>
          </SelectField>
        )}
      </div>
      {layout && (
        <div className="inline-form">
          {COLUMN_ROLES.filter(
            (role) => layout.mapping[role] !== undefined || ['date', 'description', 'amount'].includes(role),
          ).map((role) => {
            const index = layout.mapping[role];
            return (
              <SelectField
                key={role}
                label={ROLE_LABELS[role]}
                value={choices.columns?.[role] ?? (index === undefined ? '' : String(index + 1))}
                onChange={(e) => onChange({ columns: { [role]: e.target.value } })}
                data-testid={`import-column-${role}`}
              >
                {index === undefined && <option value="">Not found</option>}
                {layout.header.map((name, i) => (
                  <option key={i} value={String(i + 1)}>
                    {name || `Column ${i + 1}`}
                  </option>
                ))}
              </SelectField>
            );
          })}
        </div>
      )}
    </div>
  );
}

/** The imports made on this device, newest first. */
function ImportHistoryCard({ version }: { version: number }) {
  const { locale } = useApp();
  const history = useResource<Items<ImportBatch>>(`/api/import/history?v=${version}`);
  const items = history.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card title="Imported on this device" data-testid="import-history">
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>When</th>
              <th>File</th>
              <th className="num">Added</th>
              <th className="num">Already there</th>
              <th className="num">Bad lines skipped</th>
            </tr>
          </thead>
          <tbody>
            {items.map((b) => (
              <tr key={b.id}>
                <td className="nowrap">{timestampText(b.importedAt, locale)}</td>
                <td title={`SHA-256 ${b.fingerprint}`}>{b.fileName}</td>
                <td className="num">{numberText(b.added, locale)}</td>
                <td className="num">{numberText(b.duplicates, locale)}</td>
                <td className="num">{numberText(b.skippedBad, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
