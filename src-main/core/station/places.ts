import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { Place } from '../../contract/station';
import dongchang from '../../../resources/divisions/220502.json';

interface DivisionFile {
  code: string;
  townships: { code: string; name: string; villages: { code: string; name: string }[] }[];
}

/** Division data shipped with the app, keyed by county code. Add a JSON file to support another county. */
const DIVISIONS: Record<string, DivisionFile> = { '220502': dongchang as DivisionFile };

/** Seeds places for the station's county (first 6 digits of its code); a no-op when we ship no data for it. */
export function seedPlaces(db: DB, stationCode: string): number {
  const county = DIVISIONS[stationCode.slice(0, 6)];
  if (!county) return 0;
  const ins = stmt(db, 'INSERT OR IGNORE INTO places (code, name, level, parent_code, sort) VALUES (?, ?, ?, ?, ?)');
  let n = 0;
  county.townships.forEach((t, i) => {
    // A township station holds its own township only.
    if (stationCode.length >= 9 && !t.code.startsWith(stationCode.slice(0, 9))) return;
    n += ins.run(t.code, t.name, 'township', null, i).changes;
    t.villages.forEach((v, j) => (n += ins.run(v.code, v.name, 'village', t.code, j).changes));
  });
  return n;
}

/** A place by its division code (township or village), if the station holds it. */
export const placeByCode = (db: DB, code: string) =>
  stmt(db, 'SELECT code, level, parent_code FROM places WHERE code = ?').get(code) as { code: string; level: string; parent_code: string | null } | undefined;

/** Township names by division code. */
export function townshipNames(db: DB): Map<string, string> {
  return new Map((stmt(db, "SELECT code, name FROM places WHERE level = 'township'").all() as { code: string; name: string }[]).map((p) => [p.code, p.name]));
}

export function listPlaces(db: DB): Place[] {
  return (
    stmt(db, 'SELECT code, name, level, parent_code AS parentCode FROM places ORDER BY level DESC, sort, code').all() as Place[]
  );
}
