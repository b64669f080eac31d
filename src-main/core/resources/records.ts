import type { DB } from '../db/open';
import { FIELDS, type ListName, type ResourceRow, type Values } from '../../contract/resources';
import { addDays, dayDiff, isLocalDate } from '../../contract/time';
import { placeByCode, townshipNames } from '../station/places';
import { invalid } from '../util/errors';
import { translate } from '../i18n/messages';
import type { Locale } from '../../contract/roles';
import { settingsRow, stationNames, valuesOf, type RecordRow, type SettingsRow } from './repo';

/** Every field present (null where empty): optional text left blank is stored as NULL, not ''. */
export function normalize(list: ListName, v: Record<string, unknown>): Values {
  const out: Values = {};
  for (const d of FIELDS[list]) {
    const x = v[d.key];
    out[d.key] = x === undefined || x === '' ? null : (x as string | number | null);
  }
  return out;
}

/** The township must be one of the station's own (seeded from the administrative divisions). */
export function checkTownship(db: DB, locale: Locale, code: string | number | null): void {
  if (code === null) return;
  const p = placeByCode(db, String(code));
  if (!p || p.level !== 'township') {
    const message = translate(locale, 'resources.unknownTownship', { code: String(code) });
    throw invalid('resources.unknownTownship', { code: String(code) }, { issues: [{ path: ['values', 'townshipCode'], message }] });
  }
}

/** 'YYYY-MM-DD' plus whole years (29 February falls on 28 February in a common year). */
export function addYears(date: string, years: number): string {
  const y = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const d = `${y}${date.slice(4)}`;
  return isLocalDate(d) ? d : addDays(`${y}${date.slice(4, 8)}28`, 0);
}

/** When a plan's periodic assessment falls due: the cycle after its later date (revision, else approval). */
export function planReview(v: Values, s: SettingsRow, today: string): { reviewDue: string | null; reviewState: 'ok' | 'soon' | 'overdue' } {
  const base = (v.revisedOn as string | null) ?? (v.approvedOn as string | null);
  if (!base) return { reviewDue: null, reviewState: 'ok' };
  const due = addYears(base, s.plan_review_years);
  const left = dayDiff(today, due);
  return { reviewDue: due, reviewState: left < 0 ? 'overdue' : left <= s.plan_review_notice_days ? 'soon' : 'ok' };
}

/** Rows as the screens see them; names of townships and stations looked up once per call. */
export function toRows(db: DB, list: ListName, recs: readonly RecordRow[], ownStationId: string | null, today: string): ResourceRow[] {
  const towns = townshipNames(db);
  const stations = stationNames(db);
  const settings = list === 'plans' && ownStationId ? settingsRow(db, ownStationId) : null;
  return recs.map((r) => {
    const values = valuesOf(list, r);
    const code = values.townshipCode as string | null | undefined;
    return {
      id: r.id,
      list,
      version: r.version,
      values,
      townshipName: code ? (towns.get(code) ?? null) : null,
      stationName: stations.get(r.station_id) ?? '',
      own: r.station_id === ownStationId,
      voided: r.voided_at !== null,
      voidReason: r.void_reason,
      updatedAt: r.updated_at,
      ...(settings ? planReview(values, settings, today) : {}),
    };
  });
}
