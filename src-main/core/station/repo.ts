import { tryUpdateVersioned } from '../db/versioned';
import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import type { StationInfo, StationLevel } from '../../contract/station';

interface Row {
  id: string;
  name: string;
  code: string;
  level: StationLevel;
  time_zone: string;
  version: number;
  created_at: number;
  updated_at: number;
}

const toInfo = (r: Row): StationInfo => ({
  id: r.id,
  name: r.name,
  code: r.code,
  level: r.level,
  timeZone: r.time_zone,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function getStation(db: DB): StationInfo | null {
  const r = stmt(db, 'SELECT * FROM station WHERE singleton = 1').get() as Row | undefined;
  return r ? toInfo(r) : null;
}

export function insertStation(db: DB, s: Omit<StationInfo, 'version' | 'createdAt' | 'updatedAt'>, now: number): StationInfo {
  stmt(db, 
    'INSERT INTO station (id, name, code, level, time_zone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(s.id, s.name, s.code, s.level, s.timeZone, now, now);
  return getStation(db)!;
}

/** Returns false when the version is stale (optimistic concurrency). */
export function updateStation(
  db: DB,
  patch: Partial<Pick<StationInfo, 'name' | 'code' | 'level' | 'timeZone'>>,
  version: number,
  now: number,
): boolean {
  const cur = getStation(db);
  if (!cur) return false;
  const next = { ...cur, ...patch };
  return tryUpdateVersioned(db, 'station', { singleton: 1 }, version, { name: next.name, code: next.code, level: next.level, time_zone: next.timeZone }, now);
}
