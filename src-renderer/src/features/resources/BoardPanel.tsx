import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query';

/** Duty board: plans past or near their periodic assessment. */
export function PlanReviewPanel() {
  const { t } = useTranslation('resources');
  const q = useApiQuery('resources.list', { list: 'plans' });
  const due = (q.data ?? []).filter((p) => p.reviewState && p.reviewState !== 'ok').sort((a, b) => String(a.reviewDue).localeCompare(String(b.reviewDue)));
  if (!due.length) return <p className="muted small">{t('board.none')}</p>;
  return (
    <ul className="mat-alerts" data-testid="plan-review-panel">
      {due.map((p) => (
        <li key={p.id} className={p.reviewState === 'overdue' ? 'sev-warn' : ''}>
          <span>{String(p.values.name)}</span>
          <span>
            {t(`review.${p.reviewState}`)} · {t('board.due', { date: p.reviewDue })}
          </span>
        </li>
      ))}
    </ul>
  );
}
