import type { DB } from '../db/open';
import type { Locale } from '../../contract/roles';
import type { ForIncident, NearbyRow, PlanMatch } from '../../contract/resources';
import type { Board, NearbyPlace, NearbySource } from '../board/types';
import { townshipNames } from '../station/places';
import { translate } from '../i18n/messages';
import { liveShelters, livePlansOfClass, liveTeams, settingsRow, valuesOf, type PlaceRow } from './repo';
import { rankNearest, type Point } from './geo';
import { choiceLabel } from './words';
import { planReview } from './records';

function place(kind: 'team' | 'shelter', r: PlaceRow, detail: string): NearbyPlace {
  return { kind, id: r.id, name: r.name, contact: r.contact, phone: r.phone, detail, townshipCode: r.township_code, lat: r.lat, lng: r.lng };
}

/** This domain's own places on the board's nearby extension point (materials adds its warehouses the same way). */
export const resourcesNearby: NearbySource = {
  id: 'resources.places',
  collect(db, locale) {
    const teams = liveTeams(db).map((r) =>
      place('team', r, [choiceLabel(locale, 'teamKind', r.kind), translate(locale, 'resources.persons', { n: r.size }), r.address].filter(Boolean).join(' · ')),
    );
    const shelters = liveShelters(db).map((r) =>
      place(
        'shelter',
        r,
        [choiceLabel(locale, 'shelterKind', r.kind), choiceLabel(locale, 'shelterStatus', r.status ?? ''), translate(locale, 'resources.capacityOf', { n: r.size }), r.address]
          .filter(Boolean)
          .join(' · '),
      ),
    );
    return [...teams, ...shelters];
  },
};

/** The plans for an incident: those naming its type first, then the rest of its class. */
export function matchingPlans(db: DB, stationId: string | null, today: string, classCode?: string, typeCode?: string): PlanMatch[] {
  if (!classCode) return [];
  const s = settingsRow(db, stationId ?? '');
  const out = livePlansOfClass(db, classCode).map((r): PlanMatch => {
    const v = valuesOf('plans', r);
    const types = String(v.typeCodes ?? '').split(',').filter(Boolean);
    return {
      id: r.id,
      name: String(v.name),
      planVersion: String(v.planVersion ?? ''),
      ownerUnit: String(v.ownerUnit ?? ''),
      match: typeCode && types.includes(typeCode) ? 'type' : 'class',
      phone: (v.phone as string | null) ?? null,
      contacts: (v.contacts as string | null) ?? null,
      responseLevels: (v.responseLevels as string | null) ?? null,
      reviewState: planReview(v, s, today).reviewState,
    };
  });
  // A plan written for other types of the class is still shown (the class's general plan applies), after the exact ones.
  return out.sort((a, b) => (a.match === b.match ? 0 : a.match === 'type' ? -1 : 1));
}

export function forIncident(
  db: DB,
  board: Board,
  locale: Locale,
  stationId: string | null,
  today: string,
  q: Point & { classCode?: string; typeCode?: string; limit: number },
): ForIncident {
  const towns = townshipNames(db);
  const all = board.nearby(db, locale);
  const pick = (kind: NearbyPlace['kind']): NearbyRow[] =>
    rankNearest(q, all.filter((p) => p.kind === kind), q.limit).map((p) => ({
      kind: p.kind,
      id: p.id,
      name: p.name,
      contact: p.contact,
      phone: p.phone,
      detail: p.detail,
      townshipName: p.townshipCode ? (towns.get(p.townshipCode) ?? null) : null,
      distanceKm: p.distanceKm,
      sameTownship: p.sameTownship,
    }));
  const basis = q.lat != null && q.lng != null ? 'coordinates' : q.townshipCode ? 'township' : 'none';
  return { teams: pick('team'), shelters: pick('shelter'), warehouses: pick('warehouse'), plans: matchingPlans(db, stationId, today, q.classCode, q.typeCode), basis };
}
