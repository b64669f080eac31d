import { useEffect } from 'react';
import { useApiQuery } from '../../api/query';
import { useSession } from '../../app/session';
import i18n from '../../i18n';
import { formatDateTime } from '../../ui/format';
import { raise as raiseAlert } from '../../app/alerts/store';
import type { MaterialsAlert } from '@contract/materials';

/**
 * The materials reporting deadlines (standards §5) in the shell's alert area, like the report
 * deadlines: a warning on the last day, an urgent alert once missed (迟报). Mounted by the shell;
 * it reads the same question as the duty board's materials panel, on the board's refresh policy.
 */
const DUTY_KINDS = new Set<MaterialsAlert['kind']>(['acceptanceDue', 'issueDue', 'annualDue']);

export function MaterialsAlerts() {
  const { station } = useSession();
  const { data } = useApiQuery('materials.alerts', {}, { live: true });
  useEffect(() => {
    for (const a of data ?? []) {
      if (!DUTY_KINDS.has(a.kind) || a.severity === 'info' || a.dueAt === null) continue;
      const what = `${i18n.t(`materials:alerts.${a.kind}`)} ${a.kind === 'annualDue' ? i18n.t('materials:duty.year', { year: a.text }) : a.text}`;
      const overdue = a.severity === 'urgent';
      raiseAlert({
        key: `materials|${a.refId}|${a.dueAt}|${overdue ? 'over' : 'due'}`,
        group: `materials|${a.refId}`,
        title: 'materials:alert.title',
        text: overdue ? i18n.t('materials:alert.overdue', { what }) : i18n.t('materials:alert.due', { what, time: formatDateTime(a.dueAt, station.timeZone) }),
        urgent: overdue,
        href: '#/materials/duties',
      });
    }
  }, [data, station.timeZone]);
  return null;
}
