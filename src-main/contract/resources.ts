import { z } from 'zod';
import { query, mutation } from './method';
import { ADMINS, DUTY_OR_ADMIN, EVERY_ROLE } from './roles';
import { Empty, Id, Version, text } from './common';
import { LocalDate } from './time';

/*
 * Emergency resources (应急资源) and contingency plans (应急预案). Each list is described once here as
 * data — its fields, their kinds and limits — and that one description drives the input schemas, the
 * table columns of the screens, the spreadsheet columns of export and import, and the repository.
 */

export const LISTS = ['teams', 'experts', 'shelters', 'hazards', 'plans'] as const;
export const ListName = z.enum(LISTS);
export type ListName = z.infer<typeof ListName>;

/** Choices of enum fields (codes; their words are in the i18n files and core/resources/words.ts). */
export const CHOICES = {
  teamKind: ['fire', 'professional', 'enterprise', 'militia', 'social', 'volunteer'],
  expertField: ['flood', 'geology', 'forestFire', 'chemical', 'mining', 'construction', 'traffic', 'medical', 'weather', 'other'],
  shelterKind: ['indoor', 'outdoor', 'evacuation'],
  shelterStatus: ['ready', 'open', 'full', 'closed'],
  hazardKind: ['majorHazard', 'geoHazard', 'keySite'],
  planLevel: ['district', 'township', 'village', 'enterprise'],
  planCategory: ['general', 'special', 'department', 'onsite'],
  /** The incident taxonomy's classes (resources/taxonomy/event-classes.json): 自然灾害 事故灾难 公共卫生 社会安全. */
  eventClass: ['1', '2', '3', '4'],
} as const;
export type ChoiceSet = keyof typeof CHOICES;

export type FieldKind = 'text' | 'longtext' | 'phone' | 'int' | 'lat' | 'lng' | 'township' | 'choice' | 'date' | 'codes';

export interface FieldDef {
  key: string;
  kind: FieldKind;
  required?: boolean;
  max?: number;
  choices?: ChoiceSet;
}

const f = (key: string, kind: FieldKind, o: Partial<FieldDef> = {}): FieldDef => ({ key, kind, ...o });

/** The fields of each list, in screen and spreadsheet order. `name` is first and required everywhere. */
export const FIELDS: Record<ListName, readonly FieldDef[]> = {
  teams: [
    f('name', 'text', { required: true, max: 100 }),
    f('kind', 'choice', { required: true, choices: 'teamKind' }),
    f('strength', 'int', { required: true }),
    f('equipment', 'longtext', { max: 1000 }),
    f('leader', 'text', { required: true, max: 50 }),
    f('phone', 'phone', { required: true }),
    f('townshipCode', 'township'),
    f('address', 'text', { max: 200 }),
    f('lat', 'lat'),
    f('lng', 'lng'),
    f('note', 'longtext', { max: 1000 }),
  ],
  experts: [
    f('name', 'text', { required: true, max: 50 }),
    f('field', 'choice', { required: true, choices: 'expertField' }),
    f('unit', 'text', { max: 100 }),
    f('title', 'text', { max: 50 }),
    f('phone', 'phone', { required: true }),
    f('townshipCode', 'township'),
    f('note', 'longtext', { max: 1000 }),
  ],
  shelters: [
    f('name', 'text', { required: true, max: 100 }),
    f('kind', 'choice', { required: true, choices: 'shelterKind' }),
    f('status', 'choice', { required: true, choices: 'shelterStatus' }),
    f('capacity', 'int', { required: true }),
    f('facilities', 'longtext', { max: 1000 }),
    f('manager', 'text', { required: true, max: 50 }),
    f('phone', 'phone', { required: true }),
    f('townshipCode', 'township'),
    f('address', 'text', { required: true, max: 200 }),
    f('lat', 'lat'),
    f('lng', 'lng'),
    f('note', 'longtext', { max: 1000 }),
  ],
  hazards: [
    f('name', 'text', { required: true, max: 100 }),
    f('kind', 'choice', { required: true, choices: 'hazardKind' }),
    f('monitor', 'text', { required: true, max: 50 }),
    f('phone', 'phone', { required: true }),
    f('townshipCode', 'township'),
    f('address', 'text', { required: true, max: 200 }),
    f('lat', 'lat'),
    f('lng', 'lng'),
    f('note', 'longtext', { max: 1000 }),
  ],
  plans: [
    f('name', 'text', { required: true, max: 150 }),
    f('level', 'choice', { required: true, choices: 'planLevel' }),
    f('category', 'choice', { required: true, choices: 'planCategory' }),
    f('classCode', 'choice', { required: true, choices: 'eventClass' }),
    f('typeCodes', 'codes'),
    f('ownerUnit', 'text', { required: true, max: 100 }),
    f('planVersion', 'text', { required: true, max: 30 }),
    f('approvedOn', 'date', { required: true }),
    f('revisedOn', 'date'),
    f('responseLevels', 'longtext', { max: 4000 }),
    f('contacts', 'longtext', { max: 2000 }),
    f('phone', 'phone'),
    f('note', 'longtext', { max: 1000 }),
  ],
};

const PHONE = /^[0-9+\-() ,，、/转]{3,60}$/;
const TOWNSHIP = /^\d{9}$/;
const CODES = /^\d{1,6}(,\d{1,6})*$/;

/** The zod schema of one field (optional fields take null or are left out). */
export function fieldSchema(d: FieldDef): z.ZodType {
  let s: z.ZodType;
  switch (d.kind) {
    case 'text':
    case 'longtext':
      s = d.required ? text(d.max ?? 200) : z.string().trim().max(d.max ?? 200);
      break;
    case 'phone':
      s = z.string().trim().regex(PHONE, { message: 'resPhone' });
      break;
    case 'int':
      s = z.number().int().min(0).max(1_000_000);
      break;
    case 'lat':
      s = z.number().min(-90).max(90);
      break;
    case 'lng':
      s = z.number().min(-180).max(180);
      break;
    case 'township':
      s = z.string().regex(TOWNSHIP, { message: 'resTownship' });
      break;
    case 'choice':
      s = z.enum(CHOICES[d.choices!] as unknown as [string, ...string[]]);
      break;
    case 'date':
      s = LocalDate;
      break;
    case 'codes':
      s = z.string().regex(CODES, { message: 'resCodes' });
      break;
  }
  return d.required ? s : s.nullable().optional();
}

/** The values of a record of `list`: every field of FIELDS, validated; coordinates come in pairs. */
export function valuesSchema(list: ListName) {
  const shape = Object.fromEntries(FIELDS[list].map((d) => [d.key, fieldSchema(d)]));
  return z
    .object(shape)
    .strict()
    .superRefine((v, c) => {
      const hasLat = v.lat !== undefined && v.lat !== null;
      const hasLng = v.lng !== undefined && v.lng !== null;
      if (hasLat !== hasLng) c.addIssue({ code: 'custom', path: [hasLat ? 'lng' : 'lat'], message: 'resCoordPair' });
    });
}

export type Value = string | number | null;
export type Values = Record<string, Value>;

/** A record as the screens see it. `values` holds every field of the list (null where empty). */
export interface ResourceRow {
  id: string;
  list: ListName;
  version: number;
  values: Values;
  townshipName: string | null;
  /** The station that recorded it (at a district: a township's name for records that came up by sync). */
  stationName: string;
  own: boolean;
  voided: boolean;
  voidReason: string | null;
  updatedAt: number;
  /** Plans: the date the periodic assessment is due ('YYYY-MM-DD') and whether it is past or near. */
  reviewDue?: string | null;
  reviewState?: 'ok' | 'soon' | 'overdue';
}

const Save = (list: ListName) =>
  z.object({ list: z.literal(list), id: Id.optional(), version: Version.optional(), values: valuesSchema(list) }).strict();

export const SaveInput = z.discriminatedUnion('list', [Save('teams'), Save('experts'), Save('shelters'), Save('hazards'), Save('plans')]);

/** One suggestion near an incident. */
export interface NearbyRow {
  kind: 'team' | 'shelter' | 'warehouse';
  id: string;
  name: string;
  /** Who to call and the number (队长, 管理员, 保管员). */
  contact: string | null;
  phone: string | null;
  /** What it offers in a few words (kind, strength, capacity and status, address). */
  detail: string;
  townshipName: string | null;
  /** Great-circle distance (haversine) in km, when both places have coordinates. */
  distanceKm: number | null;
  sameTownship: boolean;
}

export interface PlanMatch {
  id: string;
  name: string;
  planVersion: string;
  ownerUnit: string;
  /** The plan names the incident's type, or only its class. */
  match: 'type' | 'class';
  phone: string | null;
  contacts: string | null;
  responseLevels: string | null;
  reviewState: 'ok' | 'soon' | 'overdue';
}

export interface ForIncident {
  teams: NearbyRow[];
  shelters: NearbyRow[];
  warehouses: NearbyRow[];
  plans: PlanMatch[];
  /** How the suggestions were ordered: by coordinates, by township only, or nothing to go on. */
  basis: 'coordinates' | 'township' | 'none';
}

export interface ResourcesSettings {
  /** Years between periodic assessments of a plan (commonly 3). */
  planReviewYears: number;
  /** Days before the due date that the board starts to show it. */
  planReviewNoticeDays: number;
  version: number;
}

export interface ImportResult {
  added: number;
  updated: number;
}

const Point = {
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  townshipCode: z.string().regex(TOWNSHIP, { message: 'placeCode' }).nullable().optional(),
};

export const resourcesMethods = {
  'resources.list': query<ResourceRow[]>(EVERY_ROLE)(z.object({ list: ListName, includeVoided: z.boolean().optional() }).strict()),
  'resources.save': mutation<ResourceRow>(DUTY_OR_ADMIN)(SaveInput),
  'resources.void': mutation<ResourceRow>(DUTY_OR_ADMIN)(z.object({ list: ListName, id: Id, version: Version, reason: text(500) }).strict()),
  'resources.export': query<{ fileName: string; data: string; rows: number }>(EVERY_ROLE)(z.object({ list: ListName }).strict()),
  /** Reads an uploaded workbook's first sheet as text rows (the import then checks every row). */
  'resources.readSheet': query<{ rows: string[][] }>(DUTY_OR_ADMIN)(z.object({ base64: z.string().min(1).max(14_000_000) }).strict()),
  /** All or nothing: any bad row refuses the file, naming the rows; a name already listed is updated. */
  'resources.import': mutation<ImportResult>(DUTY_OR_ADMIN)(
    z.object({ list: ListName, rows: z.array(z.array(z.string().max(4000)).max(60)).max(5000) }).strict(),
  ),
  /** Nearest teams, shelters and warehouses to a place, and the plans for a class and type of incident. */
  'resources.forIncident': query<ForIncident>(EVERY_ROLE)(
    z.object({ ...Point, classCode: z.string().trim().max(40).optional(), typeCode: z.string().trim().max(40).optional(), limit: z.number().int().min(1).max(20).default(5) }).strict(),
  ),
  'resources.settings': query<ResourcesSettings>(EVERY_ROLE)(Empty),
  'resources.setSettings': mutation<ResourcesSettings>(ADMINS)(
    z.object({ version: Version, planReviewYears: z.number().int().min(1).max(10), planReviewNoticeDays: z.number().int().min(0).max(365) }).strict(),
  ),
} as const;
