import { z } from 'zod';
import { query, mutation } from './method';
import { ADMINS } from './roles';
import { Empty, Version, text } from './common';
import { DEFAULT_TIME_ZONE } from './time';

export const StationLevel = z.enum(['district', 'township', 'depot']);
export type StationLevel = z.infer<typeof StationLevel>;

/** GB/T 2260 administrative codes: 6 digits (county) or 9/12 digits (township/village). */
export const AdminCode = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, { message: 'adminCode' });

export const TimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'timeZone' },
);

export const StationFields = z.object({
  name: text(100),
  code: AdminCode,
  level: StationLevel,
  timeZone: TimeZone.default(DEFAULT_TIME_ZONE),
});

export interface StationInfo {
  id: string;
  name: string;
  code: string;
  level: StationLevel;
  timeZone: string;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface Place {
  code: string;
  name: string;
  level: 'township' | 'village';
  parentCode: string | null;
}

export const stationMethods = {
  'station.places': query<Place[]>('authenticated')(Empty),
  'station.get': query<StationInfo>('authenticated')(Empty),
  'station.update': mutation<StationInfo>(ADMINS)(StationFields.partial().extend({ version: Version }).strict()),
};
