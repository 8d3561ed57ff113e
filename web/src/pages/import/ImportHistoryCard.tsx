import { useImportHistory } from '../../api/queries';
import { useApp } from '../../context';
import { Card } from '../../components/ui';
import { numberText, timestampText } from '../../format';

/** The imports made on this device, newest first; nothing until the first. */
export function ImportHistoryCard() {
  const { locale } = useApp();
  const items = useImportHistory().data ?? [];
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
