import { stmt } from '../db/stmt';
import type { DB } from '../db/open';
import { updateVersioned, type Patch } from '../db/versioned';
import type { ContactRow, DutyRole, PersonRow } from '../../contract/roster';

/* ---------- people ---------- */
export interface PersonRec {
  id: string;
  station_id: string;
  name: string;
  unit: string;
  title: string;
  mobile: string;
  office_phone: string;
  duty_roles: string;
  user_id: string | null;
  username?: string | null;
  note: string;
  sort: number;
  disabled_at: number | null;
  version: number;
}

export const toPerson = (r: PersonRec): PersonRow => ({
  id: r.id,
  name: r.name,
  unit: r.unit,
  title: r.title,
  mobile: r.mobile,
  officePhone: r.office_phone,
  dutyRoles: JSON.parse(r.duty_roles) as DutyRole[],
  userId: r.user_id,
  username: r.username ?? null,
  note: r.note,
  disabled: r.disabled_at !== null,
  version: r.version,
});

const PERSON_SELECT = 'SELECT p.*, u.username FROM roster_people p LEFT JOIN users u ON u.id = p.user_id';

export const personById = (db: DB, id: string) => stmt(db, `${PERSON_SELECT} WHERE p.id = ?`).get(id) as PersonRec | undefined;
export const personByUser = (db: DB, userId: string) =>
  stmt(db, `${PERSON_SELECT} WHERE p.user_id = ? AND p.disabled_at IS NULL`).get(userId) as PersonRec | undefined;

export function listPeople(db: DB, stationId: string, q: string | undefined, includeDisabled: boolean): PersonRow[] {
  const like = q ? `%${q}%` : null;
  return (
    stmt(db,
      `${PERSON_SELECT} WHERE p.station_id = ? AND (? = 1 OR p.disabled_at IS NULL)
       AND (? IS NULL OR p.name LIKE ? OR p.unit LIKE ? OR p.mobile LIKE ? OR p.office_phone LIKE ? OR p.title LIKE ?)
       ORDER BY p.disabled_at IS NOT NULL, p.unit, p.sort, p.name`,
    ).all(stationId, includeDisabled ? 1 : 0, like, like, like, like, like, like) as PersonRec[]
  ).map(toPerson);
}

/** What a person's record says (the row less its id, login name, state and version). */
export type PersonFields = Pick<PersonRow, 'name' | 'unit' | 'title' | 'mobile' | 'officePhone' | 'dutyRoles' | 'userId' | 'note'>;

export function insertPerson(db: DB, p: PersonFields & { id: string; stationId: string }, now: number) {
  stmt(db,
    `INSERT INTO roster_people (id, station_id, name, unit, title, mobile, office_phone, duty_roles, user_id, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.id, p.stationId, p.name, p.unit, p.title, p.mobile, p.officePhone, JSON.stringify(p.dutyRoles), p.userId, p.note, now, now);
}

/** Version-checked update of the given fields (undefined: unchanged); CONFLICT when stale. */
export function updatePerson(db: DB, id: string, version: number, p: Partial<PersonFields>, now: number) {
  const set: Patch = {
    name: p.name,
    unit: p.unit,
    title: p.title,
    mobile: p.mobile,
    office_phone: p.officePhone,
    user_id: p.userId,
    note: p.note,
    duty_roles: p.dutyRoles === undefined ? undefined : JSON.stringify(p.dutyRoles),
  };
  updateVersioned(db, 'roster_people', id, version, set, now);
}

/** Disables (with who and why) or re-enables a person; CONFLICT when stale. */
export function setPersonDisabled(db: DB, id: string, version: number, disabled: { by: string; reason: string } | null, now: number) {
  const set = disabled ? { disabled_at: now, disabled_by: disabled.by, disabled_reason: disabled.reason } : { disabled_at: null, disabled_by: null, disabled_reason: null };
  updateVersioned(db, 'roster_people', id, version, set, now);
}

/* ---------- contacts ---------- */
/** The contact columns are named as the row's fields, plus the soft delete. */
type ContactRec = ContactRow & { voided_at: number | null };
const toContact = (r: ContactRec): ContactRow => ({ id: r.id, category: r.category, org: r.org, name: r.name, title: r.title, phone: r.phone, mobile: r.mobile, note: r.note, version: r.version });
export const contactRec = (db: DB, id: string) => stmt(db, 'SELECT * FROM roster_contacts WHERE id = ?').get(id) as ContactRec | undefined;
export const contactById = (db: DB, id: string) => {
  const r = contactRec(db, id);
  return r ? toContact(r) : undefined;
};
export function listContacts(db: DB, stationId: string, q?: string): ContactRow[] {
  const like = q ? `%${q}%` : null;
  return (
    stmt(db,
      `SELECT * FROM roster_contacts WHERE station_id = ? AND voided_at IS NULL
       AND (? IS NULL OR org LIKE ? OR name LIKE ? OR phone LIKE ? OR mobile LIKE ? OR title LIKE ?)
       ORDER BY category, org, name`,
    ).all(stationId, like, like, like, like, like, like) as ContactRec[]
  ).map(toContact);
}

type ContactFields = Pick<ContactRow, 'category' | 'org' | 'name' | 'title' | 'phone' | 'mobile' | 'note'>;

export function insertContact(db: DB, c: Pick<ContactFields, 'category' | 'org'> & Partial<ContactFields> & { id: string; stationId: string }, now: number) {
  stmt(db,
    `INSERT INTO roster_contacts (id, station_id, category, org, name, title, phone, mobile, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.id, c.stationId, c.category, c.org, c.name ?? '', c.title ?? '', c.phone ?? '', c.mobile ?? '', c.note ?? '', now, now);
}

/** Version-checked update of the given fields (undefined: unchanged); CONFLICT when stale. */
export function updateContact(db: DB, id: string, version: number, c: Partial<ContactFields>, now: number) {
  const { category, org, name, title, phone, mobile, note } = c;
  updateVersioned(db, 'roster_contacts', id, version, { category, org, name, title, phone, mobile, note }, now);
}

export function voidContact(db: DB, id: string, version: number, by: string, reason: string, now: number) {
  updateVersioned(db, 'roster_contacts', id, version, { voided_at: now, voided_by: by, void_reason: reason }, now);
}

export const userName = (db: DB, id: string | null) =>
  id ? ((stmt(db, 'SELECT display_name FROM users WHERE id = ?').get(id) as { display_name: string } | undefined)?.display_name ?? null) : null;
