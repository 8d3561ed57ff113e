import { useTranslation } from 'react-i18next';
import type { SplitPartView } from '../../../../src/domain/entities.js';
import { useMoney } from '../../use-money';
import './splits.css';

/** A split row's category cell: "Split", and its parts on a line below (visible on a phone too). */
export function SplitCell({ parts }: { parts: readonly SplitPartView[] }) {
  const { t } = useTranslation();
  const money = useMoney();
  const text = parts.map((p) => `${p.categoryName} ${money(p.amount)}`).join(' · ');
  return (
    <td className="col-category is-split" data-testid="split-cell">
      <span className="chip">{t('splits.chip')}</span>
      <span className="split-parts" data-testid="split-parts">
        <span className="sr-only">: </span>
        {text}
      </span>
    </td>
  );
}
