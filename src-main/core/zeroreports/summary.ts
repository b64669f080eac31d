import type { Locale } from '../../contract/roles';
import type { ZeroGrid } from '../../contract/zeroreports';
import { formatDateTime } from '../../contract/time';
import { translate } from '../i18n/messages';

/**
 * The one-click text for the district's own upward report: who filed (on time / late), who has not,
 * and the incidents the townships reported — in the words of a duty-room summary.
 */
export function summaryText(g: ZeroGrid, day: string, now: number, timeZone: string, locale: Locale): string {
  const i = g.days.indexOf(day);
  const cells = g.rows.map((r) => ({ name: r.name, cell: i >= 0 ? r.cells[i] : null }));
  const filed = cells.filter((c) => c.cell?.report);
  const onTime = filed.filter((c) => c.cell!.state === 'onTime').length;
  const missing = cells.filter((c) => !c.cell?.report).map((c) => c.name);
  const sep = locale === 'en' ? ', ' : '、';
  const parts = [
    translate(locale, 'zeroreports.summary.head', {
      period: g.period.name,
      day,
      at: formatDateTime(now, timeZone, locale),
      total: cells.length,
      filed: filed.length,
      onTime,
      late: filed.length - onTime,
    }),
  ];
  parts.push(missing.length ? translate(locale, 'zeroreports.summary.missing', { n: missing.length, names: missing.join(sep) }) : translate(locale, 'zeroreports.summary.noneMissing'));
  const withIncidents = filed.filter((c) => c.cell!.report!.content === 'incidents');
  for (const c of withIncidents) {
    const rep = c.cell!.report!;
    const what = rep.incidents.length ? rep.incidents.map((x) => x.summary).join(sep) : rep.note;
    parts.push(translate(locale, 'zeroreports.summary.incidents', { name: c.name, n: rep.incidents.length || 1, what }));
  }
  if (filed.length) parts.push(withIncidents.length ? translate(locale, 'zeroreports.summary.restNone') : translate(locale, 'zeroreports.summary.allNone'));
  return parts.join(locale === 'en' ? ' ' : '');
}
