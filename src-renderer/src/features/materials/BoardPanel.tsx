import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';

/** Duty-board panel: stock below minimum, expiring batches, transfers in transit/overdue, contracts expiring. */
export function MaterialsAlertsPanel() {
  const { t } = useTranslation('materials');
  const { data, error } = useApiQuery('materials.alerts');
  if (error) return <div className="bad">{error}</div>;
  if (!data) return null;
  if (!data.length) return <p className="muted">{t('board.none')}</p>;
  const order = { urgent: 0, warn: 1, info: 2 };
  return (
    <ul className="mat-alerts">
      {[...data]
        .sort((a, b) => order[a.severity] - order[b.severity])
        .slice(0, 12)
        .map((a) => (
          <li key={a.kind + a.refId} className={`sev-${a.severity}`}>
            <span>[{t(`alerts.${a.kind}`)}]</span>
            <span>{a.text}</span>
          </li>
        ))}
      {data.length > 12 ? <li className="muted">… {data.length - 12}</li> : null}
    </ul>
  );
}
