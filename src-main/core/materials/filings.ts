import type { DB } from '../db/open';
import type { WorkingCalendarSource } from '../board/types';
import type { FilingKind, FilingRow, MaterialsRules } from '../../contract/materials';
import { addDays, localDate, localToUtc } from '../../contract/time';
import { conflict, invalid } from '../util/errors';
import { newId } from '../util/ids';
import { annualFiledYears, dutyDoc, filingFor, filings, getRules, insertFiling, openDutyDocs, postedSpan, type FilingRec } from './repo-filings';

/**
 * Materials reporting deadlines (standards §5, storage practice): a receipt's quantity-and-quality
 * acceptance is reported within 5 working days, an issue's vouchers within 2 working days, the
 * annual storage report before 10 January. Working days are the station calendar's (the roster's
 * layers, reached through the board — this domain does not import the roster). The day of the
 * document itself is not counted; the deadline is the end of the last working day.
 */
export interface DutyEnv {
  db: DB;
  stationId: string;
  timeZone: string;
  now: number;
  calendar: WorkingCalendarSource;
}

/** The annual report shows from this many days before its deadline (from early December). */
export const ANNUAL_SHOW_DAYS = 40;
/** A report recorded more than this after it was made (a backdated time) keeps a reason. */
export const BACKDATE_GRACE_MS = 15 * 60_000;

/** Pure: the n-th working day after `date` (not counting `date`), given a working-day test. */
export function nthWorkingDayAfter(date: string, n: number, isWorking: (d: string) => boolean): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorking(d)) left--;
  }
  return d;
}

/** Working-day lookups for a span of dates, asked of the calendar once. */
function workingLookup(env: DutyEnv, from: string, to: string): { isWorking: (d: string) => boolean; uncovered: Set<number> } {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  const known = new Map<string, boolean>();
  const flags = env.calendar.workingDays(env.db, env.stationId, dates);
  dates.forEach((d, i) => known.set(d, flags[i]));
  const uncovered = new Set(env.calendar.uncoveredYears(env.db, env.stationId, dates));
  return {
    isWorking: (d) => known.get(d) ?? env.calendar.workingDays(env.db, env.stationId, [d])[0],
    uncovered,
  };
}

const endOfDay = (date: string, tz: string) => localToUtc(addDays(date, 1), 0, tz) - 1;
const daysFor = (rules: MaterialsRules, kind: 'receipt' | 'issue') => (kind === 'receipt' ? rules.acceptanceDays : rules.issueDays);
const filingKindOf = (kind: 'receipt' | 'issue'): FilingKind => (kind === 'receipt' ? 'acceptance' : 'issue');

/** The deadline of a document's report: end of the n-th working day after the day it was posted. */
function docDeadline(env: DutyEnv, rules: MaterialsRules, kind: 'receipt' | 'issue', postedAt: number, look = lookupFor(env, [postedAt])) {
  const day = localDate(postedAt, env.timeZone);
  const last = nthWorkingDayAfter(day, daysFor(rules, kind), look.isWorking);
  const uncovered = [Number(day.slice(0, 4)), Number(last.slice(0, 4))].some((y) => look.uncovered.has(y));
  return { dueAt: endOfDay(last, env.timeZone), uncovered };
}

/** One lookup covering every posting day and the weeks after (long holidays such as 春节 included). */
function lookupFor(env: DutyEnv, postedAts: number[]) {
  const days = postedAts.map((t) => localDate(t, env.timeZone)).sort();
  const from = days[0] ?? localDate(env.now, env.timeZone);
  return workingLookup(env, from, addDays(days[days.length - 1] ?? from, 60));
}

function annualDeadline(rules: MaterialsRules, year: number, tz: string): number {
  return localToUtc(`${year + 1}-${rules.annualDue}`, 0, tz) - 1;
}

function filedRow(r: FilingRec, now: number): FilingRow {
  return {
    key: `${r.kind}|${r.doc_id ?? r.year}`,
    kind: r.kind,
    docId: r.doc_id,
    docNo: r.doc_no,
    warehouseName: r.warehouse_name,
    year: r.year,
    postedAt: r.posted_at,
    dueAt: r.due_at,
    workingDays: null,
    overdue: r.late === 1 && now > r.due_at,
    calendarUncovered: false,
    filed: {
      id: r.id,
      filedAt: r.filed_at,
      recipient: r.recipient,
      note: r.note,
      late: r.late === 1,
      lateReason: r.late_reason,
      backdateReason: r.backdate_reason,
      filedByName: r.filed_by_name,
    },
  };
}

/** Duties not yet reported: every tracked receipt and issue, and the annual report from early December. */
export function openDuties(env: DutyEnv, only?: FilingKind): FilingRow[] {
  const rules = getRules(env.db);
  const out: FilingRow[] = [];
  const docs = openDutyDocs(env.db, rules.trackedSince).filter((d) => !only || filingKindOf(d.kind) === only);
  const look = lookupFor(env, docs.map((d) => d.posted_at));
  for (const d of docs) {
    const { dueAt, uncovered } = docDeadline(env, rules, d.kind, d.posted_at, look);
    const kind = filingKindOf(d.kind);
    out.push({
      key: `${kind}|${d.id}`,
      kind,
      docId: d.id,
      docNo: d.doc_no,
      warehouseName: d.warehouse_name,
      year: null,
      postedAt: d.posted_at,
      dueAt,
      workingDays: daysFor(rules, d.kind),
      overdue: env.now > dueAt,
      calendarUncovered: uncovered,
      filed: null,
    });
  }
  if (!only || only === 'annual') {
    const span = postedSpan(env.db);
    if (span.first !== null) {
      const filed = annualFiledYears(env.db);
      const thisYear = Number(localDate(env.now, env.timeZone).slice(0, 4));
      for (let y = Number(localDate(span.first, env.timeZone).slice(0, 4)); y <= thisYear; y++) {
        const dueAt = annualDeadline(rules, y, env.timeZone);
        if (filed.has(y) || dueAt < rules.trackedSince || dueAt - env.now > ANNUAL_SHOW_DAYS * 86_400_000) continue;
        out.push({ key: `annual|${y}`, kind: 'annual', docId: null, docNo: null, warehouseName: null, year: y, postedAt: null, dueAt, workingDays: null, overdue: env.now > dueAt, calendarUncovered: false, filed: null });
      }
    }
  }
  return out.sort((a, b) => a.dueAt - b.dueAt);
}

export function listDuties(env: DutyEnv, state: 'open' | 'filed' | 'late' | 'all', kind?: FilingKind): FilingRow[] {
  const open = state === 'open' || state === 'all' ? openDuties(env, kind) : [];
  const done = state === 'open' ? [] : filings(env.db, state === 'late', kind ?? null, 500).map((r) => filedRow(r, env.now));
  return [...open, ...done];
}

export interface FileInput {
  kind: FilingKind;
  docId?: string;
  year?: number;
  filedAt?: number;
  recipient?: string;
  note?: string;
  lateReason?: string;
  backdateReason?: string;
}

/**
 * Records a report made. Checks: the target is a duty of this kind; it was not reported already;
 * the time is not in the future nor before the document; a time more than 15 minutes back keeps a
 * reason (no silent backdating); after the deadline a reason for the delay (迟报原因) is required.
 */
export function fileDuty(env: DutyEnv, input: FileInput, user: { id: string; displayName: string }): FilingRow {
  const rules = getRules(env.db);
  const filedAt = input.filedAt ?? env.now;
  let dueAt: number;
  let notBefore: number;
  if (input.kind === 'annual') {
    const y = input.year!;
    const thisYear = Number(localDate(env.now, env.timeZone).slice(0, 4));
    if (y > thisYear) throw invalid('materials.filingYear', { year: y });
    dueAt = annualDeadline(rules, y, env.timeZone);
    notBefore = localToUtc(`${y}-01-01`, 0, env.timeZone);
  } else {
    const d = dutyDoc(env.db, input.docId!);
    const want = input.kind === 'acceptance' ? 'receipt' : 'issue';
    if (!d || d.kind !== want || d.status !== 'posted' || d.reverses_id) throw invalid('materials.filingTarget', { kind: input.kind });
    dueAt = docDeadline(env, rules, d.kind, d.posted_at).dueAt;
    notBefore = d.posted_at;
  }
  if (filingFor(env.db, input.kind, input.docId ?? null, input.year ?? null)) throw conflict('materials.alreadyFiled');
  if (filedAt > env.now + 60_000) throw invalid('materials.filedInFuture', {}, { issues: [{ path: ['filedAt'], message: 'future' }] });
  if (filedAt < notBefore) throw invalid('materials.filedTooEarly', {}, { issues: [{ path: ['filedAt'], message: 'early' }] });
  const backdated = env.now - filedAt > BACKDATE_GRACE_MS;
  if (backdated && !input.backdateReason) throw invalid('materials.backdateReason', {}, { issues: [{ path: ['backdateReason'], message: 'required' }] });
  const late = filedAt > dueAt;
  if (late && !input.lateReason) throw invalid('materials.lateReason', {}, { issues: [{ path: ['lateReason'], message: 'required' }] });
  const id = newId();
  insertFiling(env.db, {
    id,
    stationId: env.stationId,
    kind: input.kind,
    docId: input.kind === 'annual' ? null : input.docId!,
    year: input.kind === 'annual' ? input.year! : null,
    dueAt,
    filedAt,
    recipient: input.recipient ?? '',
    note: input.note ?? '',
    late,
    lateReason: late ? input.lateReason! : '',
    backdateReason: backdated ? input.backdateReason! : '',
    userId: user.id,
    userName: user.displayName,
    now: env.now,
  });
  return filedRow(filingFor(env.db, input.kind, input.docId ?? null, input.year ?? null)!, env.now);
}
