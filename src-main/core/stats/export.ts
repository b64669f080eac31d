import type { Ctx } from '../api/types';
import type { IncidentStats, StatsBucket, StatsChart, TimelinessBucket, TimelinessStats } from '../../contract/stats';
import { STATS_CHARTS } from '../../contract/stats';
import { zoneOf } from '../../contract/time';
import { translate } from '../i18n/messages';
import { addTableSheet, newWorkbook, stamp, toBase64, type Cell, type ColumnSpec, type SheetHead } from '../paper/workbook';
import { townshipNames } from '../station/places';
import { CLASSES, GRADE_ITEMS } from '../incidents/taxonomy';

/*
 * 导出数据: the figures behind each chart panel as a printable workbook, one sheet per chart, every
 * class, type, grade and township in words (the station's locale), never its code.
 */
export async function statsWorkbook(
  ctx: Ctx,
  input: { view: 'incidents' | 'timeliness'; chart?: StatsChart; filter: { from: string; to: string; township?: string } },
  figures: { incidents?: IncidentStats; timeliness?: TimelinessStats },
): Promise<{ filename: string; base64: string }> {
  const station = ctx.requireStation();
  const tz = zoneOf(ctx.station);
  const locale = ctx.locale;
  const t = (k: string, p: Record<string, string | number> = {}) => translate(locale, `stats.${k}`, p);
  const zh = locale !== 'en';
  const towns = townshipNames(ctx.db);
  const types = new Map(CLASSES.flatMap((c) => c.types).map((x) => [x.code, zh ? x.name : x.en]));
  const classes = new Map(CLASSES.map((c) => [c.code, zh ? c.name : c.en]));
  const grades = new Map(GRADE_ITEMS.map((g) => [g.code, zh ? g.name : g.en]));
  const f = input.filter;
  const townName = (code: string) => (code ? (towns.get(code) ?? t('otherPlace')) : t('noTownship'));
  const period = `${f.from}${t('to')}${f.to}${f.township ? `（${townName(f.township)}）` : ''}`;
  const head = (chart: StatsChart): SheetHead => ({
    station: station.name,
    subject: t(`sheet.${chart}`),
    period,
    exportedAt: stamp(ctx.clock.now(), tz),
    locale,
  });
  const wb = newWorkbook();
  const charts = input.chart ? [input.chart] : STATS_CHARTS[input.view];
  const num = (header: string): ColumnSpec => ({ header, align: 'right', min: 8 });

  const buckets = (chart: StatsChart, keyHeader: string, rows: StatsBucket[], name: (k: string) => string) =>
    addTableSheet(
      wb,
      t(`sheet.${chart}`),
      head(chart),
      [{ header: keyHeader, min: 10, max: 40 }, num(t('col.count')), num(t('col.dead')), num(t('col.missing')), num(t('col.injured')), num(t('col.loss'))],
      [
        ...rows.map((r): Cell[] => [name(r.key), r.count, r.dead, r.missing, r.injured, r.loss / 10_000]),
        ...(rows.length ? [totalRow(rows)] : []),
      ],
    );
  const totalRow = (rows: StatsBucket[]): Cell[] => {
    const sum = (k: 'count' | 'dead' | 'missing' | 'injured' | 'loss') => rows.reduce((a, r) => a + r[k], 0);
    return [t('total'), sum('count'), sum('dead'), sum('missing'), sum('injured'), sum('loss') / 10_000];
  };
  const rate = (b: TimelinessBucket) => (b.due ? Math.round((b.onTime / b.due) * 1000) / 10 : null);
  const tl = (chart: StatsChart, keyHeader: string, rows: TimelinessBucket[], total: TimelinessBucket, name: (k: string) => string) =>
    addTableSheet(
      wb,
      t(`sheet.${chart}`),
      head(chart),
      [{ header: keyHeader, min: 10, max: 40 }, num(t('col.due')), num(t('col.onTime')), num(t('col.late')), num(t('col.missed')), num(t('col.rate'))],
      [...rows, ...(rows.length ? [{ ...total, key: '\u0000' }] : [])].map((r): Cell[] => [
        r.key === '\u0000' ? t('total') : name(r.key),
        r.due,
        r.onTime,
        r.late,
        r.missed,
        rate(r),
      ]),
    );

  // The 合计 row stands out on paper.
  const boldTotal = () => {
    const ws = wb.worksheets.at(-1);
    const last = ws?.getRow(ws.rowCount);
    if (last && last.getCell(1).value === t('total')) last.font = { bold: true };
  };
  for (const chart of charts) {
    const s = figures.incidents;
    const tlStats = figures.timeliness;
    if (chart === 'months' && s) {
      addTableSheet(
        wb,
        t(`sheet.${chart}`),
        head(chart),
        [{ header: t('col.month'), min: 10 }, num(t('col.thisPeriod')), num(t('col.lastYear'))],
        [...s.byMonth.map((m): Cell[] => [m.month, m.count, m.lastYear]), [t('total'), s.byMonth.reduce((a, m) => a + m.count, 0), s.byMonth.reduce((a, m) => a + m.lastYear, 0)]],
      );
    } else if (chart === 'classes' && s) buckets(chart, t('col.class'), s.byClass, (k) => classes.get(k) ?? t('otherClass'));
    else if (chart === 'grades' && s) buckets(chart, t('col.grade'), s.byGrade, (k) => (k ? (grades.get(k) ?? t('ungraded')) : t('ungraded')));
    else if (chart === 'townships' && s) buckets(chart, t('col.township'), s.byTownship, townName);
    else if (chart === 'types' && s) buckets(chart, t('col.type'), s.byType, (k) => types.get(k) ?? t('otherClass'));
    else if (chart === 'timeliness-months' && tlStats) tl(chart, t('col.month'), tlStats.byMonth, tlStats.totals, (k) => k);
    else if (chart === 'timeliness-townships' && tlStats) tl(chart, t('col.township'), tlStats.byTownship, tlStats.totals, townName);
    boldTotal();
  }
  const file = input.chart ? t(`sheet.${input.chart}`) : t(`file.${input.view}`);
  return { filename: `${file}-${f.from}-${f.to}.xlsx`, base64: await toBase64(wb) };
}
