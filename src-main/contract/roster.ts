import { z } from 'zod';
import { query, mutation } from './method';
import { DUTY_OR_ADMIN, MANAGERS } from './roles';
import { Empty, Id, Version, optText, text } from './common';
import { LocalDate, LocalMonth } from './time';

/** Duty roster, on-duty, handover and duty log (standards §6). */
export const DUTY_ROLES = ['leader', 'operator'] as const;
export const DutyRole = z.enum(DUTY_ROLES);
export type DutyRole = z.infer<typeof DutyRole>;

const Phone = z.string().trim().max(40).regex(/^[0-9+\-() 转,，、/]*$/, { message: 'rosterPhone' });

export interface PersonRow {
  id: string;
  name: string;
  unit: string;
  title: string;
  mobile: string;
  officePhone: string;
  dutyRoles: DutyRole[];
  userId: string | null;
  username: string | null;
  note: string;
  disabled: boolean;
  version: number;
}

export const CONTACT_CATEGORIES = ['unit', 'leader', 'hotline'] as const;
export interface ContactRow {
  id: string;
  category: (typeof CONTACT_CATEGORIES)[number];
  org: string;
  name: string;
  title: string;
  phone: string;
  mobile: string;
  note: string;
  version: number;
}

export interface ShiftDef {
  id: string;
  name: string;
  startMinute: number;
  durationMinutes: number;
  sort: number;
  version: number;
}

export interface PositionDef {
  id: string;
  name: string;
  dutyRole: DutyRole;
  minCount: number;
  maxCount: number;
  sort: number;
  version: number;
}

export interface RosterRules {
  minRestHours: number;
  maxConsecutive: number;
  /** People per shift at least (standards §6: city ≥4, county ≥3, township per station); null: not set. */
  minPerShift: number | null;
  version: number;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';
export interface DayInfo {
  date: string;
  weekday: number;
  kind: DayKind;
  /** Holiday name (zh), e.g. 国庆节. */
  name: string | null;
  /** The station corrected the official calendar for this day. */
  corrected: boolean;
}

/** Who decides a year's holidays: the station's imported notice, the district's (by sync), or the package. */
export type CalendarYearSource = 'station' | 'district' | 'package';
export interface CalendarYearStatus {
  year: number;
  /** null: no source covers the year — its days are treated as plain weekdays and weekends. */
  source: CalendarYearSource | null;
  importedAt: number | null;
  importedByName: string | null;
  /** The package also has the year (an import overrides it). */
  packageHasYear: boolean;
}
export interface CalendarStatus {
  years: CalendarYearStatus[];
  /** This year, and from 1 November next year, when not covered ("YYYY 年法定节假日安排尚未载入"). */
  missing: number[];
}

/** A day the notice sets: a statutory holiday (放假/调休/补休) or a make-up workday (上班). */
export interface NoticeDayRow {
  date: string;
  kind: 'holiday' | 'makeup';
  name: string;
}
export interface NoticePreview {
  year: number;
  days: NoticeDayRow[];
  festivals: { name: string; from: string; to: string; days: number }[];
  /** Sentences read without effect on the calendar (e.g. an encouragement to rest on 除夕). */
  advisories: string[];
  /** Every date of the year as it will be after the import (day-by-day corrections still apply). */
  calendar: DayInfo[];
  /** What decides the year now (null: nothing — the year is not covered). */
  replaces: CalendarYearSource | null;
}
const NoticeInput = z
  .object({ text: z.string().trim().min(1).max(20000), year: z.number().int().min(2000).max(2100).optional() })
  .strict();

export interface AssignmentRow {
  id: string;
  date: string;
  shiftId: string;
  positionId: string;
  slot: number;
  personId: string;
  personName: string;
  source: 'manual' | 'generated' | 'swap' | 'substitute';
  changeId: string | null;
  startAt: number;
  endAt: number;
}

export const ISSUE_CODES = [
  'uncovered',
  'leaderMissing',
  'doubleBooked',
  'onLeave',
  'personDisabled',
  'rest',
  'consecutive',
  'roleMismatch',
  'understaffed',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];
export interface RosterIssue {
  severity: 'error' | 'warning';
  code: IssueCode;
  date: string;
  shiftId: string;
  positionId: string | null;
  slot: number | null;
  personId: string | null;
  personName: string | null;
  assignmentId: string | null;
  /** Message parameters (hours, counts, other date...). */
  params: Record<string, string | number>;
}

export interface LeaveRow {
  id: string;
  personId: string;
  personName: string;
  fromDate: string;
  toDate: string;
  kind: 'leave' | 'unavailable' | 'training' | 'trip';
  note: string;
}

export interface ChangeRow {
  id: string;
  kind: 'swap' | 'substitute';
  assignmentA: string;
  assignmentB: string | null;
  dateA: string;
  dateB: string | null;
  personFromName: string;
  personToName: string;
  reason: string;
  approvedByName: string;
  createdAt: number;
}

export interface MonthView {
  month: string;
  status: 'draft' | 'published';
  version: number;
  publishedAt: number | null;
  publishedByName: string | null;
  acceptedReason: string | null;
  days: DayInfo[];
  /** Years of this month the holiday calendar does not cover (warn: "YYYY 年法定节假日安排尚未载入"). */
  calendarMissing: number[];
  shifts: ShiftDef[];
  positions: PositionDef[];
  assignments: AssignmentRow[];
  issues: RosterIssue[];
  changes: ChangeRow[];
  leave: LeaveRow[];
  people: PersonRow[];
  rules: RosterRules;
}

export interface GenerateExplanation {
  date: string;
  shiftId: string;
  positionId: string;
  slot: number;
  /** 'unfilled': nobody could take it; 'holidayPick': who got a holiday and why. */
  code: 'unfilled' | 'holidayPick';
  /** Reason → names of people excluded for it (onLeave, rest, consecutive, busy, role, disabled). */
  excluded: Record<string, string[]>;
  personName?: string;
  params?: Record<string, string | number>;
}

export interface GenerateResult {
  filled: number;
  unfilled: number;
  kept: number;
  explanations: GenerateExplanation[];
  view: MonthView;
}

export interface OnDutyPerson {
  personId: string;
  name: string;
  positionName: string;
  dutyRole: DutyRole;
  mobile: string;
  officePhone: string;
  signedIn: boolean;
  substitute: boolean;
}

export interface OnDutyShift {
  date: string;
  shiftId: string;
  shiftName: string;
  startAt: number;
  endAt: number;
  people: OnDutyPerson[];
}

export interface SignInRow {
  id: string;
  assignmentId: string;
  personName: string;
  username: string;
  startAt: number;
  endAt: number;
  signedInAt: number;
  signedOutAt: number | null;
  substituteForName: string | null;
  substituteReason: string | null;
  signOutReason: string | null;
  flagged: boolean;
}

export interface OpenMatterRow {
  source: string;
  kind: string;
  refId: string;
  /** The matter in the station's language (what older handovers stored). */
  title: string;
  /**
   * The title in each language, composed when the matter is collected, so a handover frozen by a
   * Chinese shift reads in English to an English reader and the other way round.
   */
  titles?: Partial<Record<'zh-CN' | 'en', string>>;
  /** The kind as a person reads it (库存低于定额), filled when the matter is shown. */
  label?: string;
  dueAt?: number | null;
  severity: 'info' | 'warn' | 'urgent';
}

export interface HandoverView {
  id: string | null;
  date: string;
  shiftId: string;
  shiftName: string;
  startAt: number;
  endAt: number;
  status: 'none' | 'draft' | 'acknowledged';
  situation: string;
  problems: string;
  tasks: string;
  openMatters: OpenMatterRow[];
  outgoingName: string | null;
  incomingName: string | null;
  acknowledgedAt: number | null;
  version: number;
  /** The caller is on this (outgoing) shift and it is not frozen. */
  canEdit: boolean;
  /** The caller is on the next (incoming) shift and did not write it. */
  canAcknowledge: boolean;
}

export interface NowView {
  now: number;
  current: OnDutyShift | null;
  next: OnDutyShift | null;
  handover: { status: HandoverView['status']; incomingName: string | null } | null;
  /** The caller's own open sign-in, if any. */
  mySignIn: SignInRow | null;
  /** The caller's person record, if linked. */
  me: { personId: string; name: string } | null;
  signIns: SignInRow[];
  /** Statutory holidays in the next 14 days whose month roster is not published yet (standards §6: filed in advance). */
  unfiledHolidays: { date: string; name: string | null }[];
}

export interface DutyLogEntry {
  at: number;
  kind: string;
  /** What happened, in words (for audit entries: the sentence from core/audit/describe). */
  text: string;
  entity?: string | null;
  entityId?: string | null;
  user: string | null;
}

export interface DutyLogView {
  date: string;
  shiftId: string;
  shiftName: string;
  startAt: number;
  endAt: number;
  frozen: boolean;
  people: OnDutyPerson[];
  entries: DutyLogEntry[];
}

const PersonBase = z.object({
  name: text(50),
  unit: z.string().trim().max(100),
  title: z.string().trim().max(50),
  mobile: Phone,
  officePhone: Phone,
  dutyRoles: z.array(DutyRole).max(2).refine((r) => new Set(r).size === r.length, { message: 'duplicateRoles' }),
  userId: Id.nullable(),
  note: z.string().trim().max(200),
});
const PersonFields = PersonBase.extend({
  unit: PersonBase.shape.unit.default(''),
  title: PersonBase.shape.title.default(''),
  mobile: Phone.default(''),
  officePhone: Phone.default(''),
  dutyRoles: PersonBase.shape.dutyRoles.default([]),
  userId: Id.nullable().default(null),
  note: PersonBase.shape.note.default(''),
});

const ShiftKey = z.object({ date: LocalDate, shiftId: Id });
const LeaveKind = z.enum(['leave', 'unavailable', 'training', 'trip']);
const Reason = text(200);

export const rosterMethods = {
  'roster.people.list': query<PersonRow[]>('authenticated')(z.object({ q: z.string().trim().max(50).optional(), includeDisabled: z.boolean().default(false) }).strict()),
  'roster.people.create': mutation<PersonRow>(MANAGERS)(PersonFields.strict()),
  'roster.people.update': mutation<PersonRow>(MANAGERS)(PersonBase.partial().extend({ id: Id, version: Version }).strict()),
  'roster.people.setDisabled': mutation<PersonRow>(MANAGERS)(z.object({ id: Id, version: Version, disabled: z.boolean(), reason: Reason }).strict()),

  'roster.contacts.list': query<ContactRow[]>('authenticated')(z.object({ q: z.string().trim().max(50).optional() }).strict()),
  'roster.contacts.create': mutation<ContactRow>(MANAGERS)(
    z.object({ category: z.enum(CONTACT_CATEGORIES), org: text(100), name: optText(50), title: optText(50), phone: Phone.optional(), mobile: Phone.optional(), note: optText(200) }).strict(),
  ),
  'roster.contacts.update': mutation<ContactRow>(MANAGERS)(
    z.object({ id: Id, version: Version, category: z.enum(CONTACT_CATEGORIES).optional(), org: text(100).optional(), name: optText(50), title: optText(50), phone: Phone.optional(), mobile: Phone.optional(), note: optText(200) }).strict(),
  ),
  'roster.contacts.void': mutation<{ id: string }>(MANAGERS)(z.object({ id: Id, version: Version, reason: Reason }).strict()),

  'roster.setup.get': query<{ shifts: ShiftDef[]; positions: PositionDef[]; rules: RosterRules }>('authenticated')(Empty),
  'roster.shifts.create': mutation<ShiftDef>(MANAGERS)(
    z.object({ name: text(20), startMinute: z.number().int().min(0).max(1439), durationMinutes: z.number().int().min(60).max(1440), sort: z.number().int().min(0).max(99).default(0) }).strict(),
  ),
  'roster.shifts.update': mutation<ShiftDef>(MANAGERS)(
    z.object({ id: Id, version: Version, name: text(20).optional(), startMinute: z.number().int().min(0).max(1439).optional(), durationMinutes: z.number().int().min(60).max(1440).optional(), sort: z.number().int().min(0).max(99).optional() }).strict(),
  ),
  'roster.shifts.void': mutation<{ id: string }>(MANAGERS)(z.object({ id: Id, version: Version, reason: Reason }).strict()),
  'roster.positions.create': mutation<PositionDef>(MANAGERS)(
    z
      .object({ name: text(20), dutyRole: DutyRole, minCount: z.number().int().min(0).max(5), maxCount: z.number().int().min(1).max(5), sort: z.number().int().min(0).max(99).default(0) })
      .strict()
      .refine((p) => p.maxCount >= p.minCount, { message: 'rosterMaxBelowMin', path: ['maxCount'] }),
  ),
  'roster.positions.update': mutation<PositionDef>(MANAGERS)(
    z.object({ id: Id, version: Version, name: text(20).optional(), minCount: z.number().int().min(0).max(5).optional(), maxCount: z.number().int().min(1).max(5).optional(), sort: z.number().int().min(0).max(99).optional() }).strict(),
  ),
  'roster.positions.void': mutation<{ id: string }>(MANAGERS)(z.object({ id: Id, version: Version, reason: Reason }).strict()),
  'roster.rules.update': mutation<RosterRules>(MANAGERS)(
    z.object({
      version: Version,
      minRestHours: z.number().int().min(0).max(72),
      maxConsecutive: z.number().int().min(1).max(14),
      /** Standards §6 staffing minimum; null clears it, absent keeps it. */
      minPerShift: z.number().int().min(1).max(20).nullable().optional(),
    }).strict(),
  ),

  'roster.calendar.set': mutation<DayInfo>(MANAGERS)(
    z.object({ date: LocalDate, kind: z.enum(['auto', 'workday', 'weekend', 'holiday', 'makeup']), name: optText(30), reason: Reason }).strict(),
  ),

  'roster.calendar.status': query<CalendarStatus>('authenticated')(Empty),
  /** Parse a holiday notice and show the year it gives; nothing is written. */
  'roster.calendar.previewNotice': query<NoticePreview>(MANAGERS)(NoticeInput),
  /** Store the year the notice gives as station calendar data (replaces an earlier import of the year). */
  'roster.calendar.importNotice': mutation<CalendarStatus>(MANAGERS)(NoticeInput),

  'roster.leave.add': mutation<LeaveRow>(MANAGERS)(
    z.object({ personId: Id, fromDate: LocalDate, toDate: LocalDate, kind: LeaveKind.default('leave'), note: optText(200) }).strict().refine((l) => l.toDate >= l.fromDate, { message: 'rosterDateOrder', path: ['toDate'] }),
  ),
  'roster.leave.void': mutation<{ id: string }>(MANAGERS)(z.object({ id: Id, reason: Reason }).strict()),

  'roster.month.get': query<MonthView>('authenticated')(z.object({ month: LocalMonth }).strict()),
  'roster.month.setCell': mutation<MonthView>(MANAGERS)(
    z.object({ month: LocalMonth, date: LocalDate, shiftId: Id, positionId: Id, slot: z.number().int().min(0).max(4), personId: Id.nullable() }).strict(),
  ),
  'roster.month.generate': mutation<GenerateResult>(MANAGERS)(
    z.object({ month: LocalMonth, personIds: z.array(Id).min(1).max(500) }).strict(),
  ),
  'roster.month.publish': mutation<MonthView>(MANAGERS)(
    z.object({ month: LocalMonth, version: Version, acceptUncoveredReason: optText(200) }).strict(),
  ),
  'roster.month.swap': mutation<MonthView>(MANAGERS)(
    z.object({ assignmentA: Id, assignmentB: Id, reason: Reason }).strict(),
  ),
  'roster.month.substitute': mutation<MonthView>(MANAGERS)(
    z.object({ assignmentId: Id, personId: Id, reason: Reason }).strict(),
  ),
  'roster.month.exportXlsx': query<{ fileName: string; base64: string }>('authenticated')(
    z.object({ month: LocalMonth, holidaysOnly: z.boolean().default(false) }).strict(),
  ),

  'roster.now': query<NowView>('authenticated')(Empty),
  'roster.signIn': mutation<SignInRow>(DUTY_OR_ADMIN)(
    z.object({ assignmentId: Id.optional(), substituteReason: optText(200) }).strict(),
  ),
  'roster.signOut': mutation<SignInRow>(DUTY_OR_ADMIN)(z.object({ signInId: Id, reason: optText(200) }).strict()),

  'roster.handover.get': query<HandoverView>('authenticated')(ShiftKey.strict()),
  'roster.handover.save': mutation<HandoverView>(DUTY_OR_ADMIN)(
    ShiftKey.extend({ situation: text(4000), problems: text(4000), tasks: text(4000), version: Version.optional() }).strict(),
  ),
  'roster.handover.acknowledge': mutation<HandoverView>(DUTY_OR_ADMIN)(z.object({ id: Id, version: Version }).strict()),

  'roster.log.get': query<DutyLogView>('authenticated')(ShiftKey.strict()),
  'roster.log.add': mutation<DutyLogView>(DUTY_OR_ADMIN)(ShiftKey.extend({ text: text(2000) }).strict()),
};
