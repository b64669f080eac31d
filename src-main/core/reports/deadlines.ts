import type { DeadlineRule, Obligation, Stage } from '../../contract/reports';
import { endOfLocalDay, nextSlot } from '../../contract/time';

/** What the engine needs to know about one reporting chain (an incident, or a standalone disaster process). */
export interface Subject {
  classCode: string | null;
  typeCode: string | null;
  accidentType: string | null;
  /** Industry sector (standards §4): tells road transport from rail, water and air within 交通运输事故. */
  industry?: string | null;
  /** A 较大涉险事故 (standards §1, Decree 21). */
  nearMiss?: boolean;
  /** Dead plus missing of the incident (natural disasters ≥10 also go to the province and nation). */
  deadAndMissing?: number;
  grade: 'I' | 'II' | 'III' | 'IV' | null;
  disasterType: string | null;
  receivedAt: number;
  occurredAt: number | null;
  /** Incident closed, or disaster stabilised. Follow-ups stop; final / verified fall due. */
  closedAt: number | null;
  /** Latest change of casualty figures in the incident log. */
  casualtyChangedAt: number | null;
  dailyMode: boolean;
  /** Every send of every report of the chain (a report may go by phone first, then in writing), any order. */
  sent: { stage: Stage; seq: number; sentAt: number; via: string }[];
}

const DAY = 86_400_000;

export function ruleMatches(r: DeadlineRule, s: Subject): boolean {
  const m = r.match;
  // An ungraded record is treated as 一般 (Ⅳ) until graded.
  const g = s.grade ?? 'IV';
  if (m.classes && (!s.classCode || !m.classes.includes(s.classCode))) return false;
  if (m.grades && !m.grades.includes(g)) return false;
  if (m.disasterTypes && (!s.disasterType || !m.disasterTypes.includes(s.disasterType))) return false;
  if (m.notDisasterTypes && s.disasterType && m.notDisasterTypes.includes(s.disasterType)) return false;
  if (m.dailyMode !== undefined && m.dailyMode !== s.dailyMode) return false;
  if (m.nearMiss !== undefined && m.nearMiss !== (s.nearMiss ?? false)) return false;
  if (m.deadAndMissingAtLeast !== undefined && (s.deadAndMissing ?? 0) < m.deadAndMissingAtLeast) return false;
  return true;
}

/**
 * Decree 493 Art. 13 (standards §1): the 7-day casualty window is for road traffic and fire only.
 * `shortTypes` names accident types (GB 6441, e.g. 08 火灾) and `shortIndustries` sectors
 * (道路运输, 消防火灾); the event type 交通运输事故 alone does not decide it, since rail, water and
 * air transport keep 30 days. A transport accident whose sector is not recorded keeps the long window.
 */
export function isShortWindow(r: DeadlineRule, s: Subject): boolean {
  const m = r.match;
  if ((m.shortTypes ?? []).some((t) => t === s.accidentType)) return true;
  return (m.shortIndustries ?? []).some((t) => t === s.industry);
}

const key = (o: Obligation) => `${o.ruleId}|${o.stage}|${o.seq}|${o.channel}|${o.dueAt}`;

/**
 * Every open reporting obligation of a chain, earliest first (standards §1). Rules are data
 * (national defaults + station overrides); several rules for the same stage and channel
 * collapse to the strictest (earliest) one.
 */
export function obligations(rules: readonly DeadlineRule[], s: Subject, tz: string): Obligation[] {
  const out: Obligation[] = [];
  const anchorOf = (r: DeadlineRule) => (r.anchor === 'occurred' ? (s.occurredAt ?? s.receivedAt) : s.receivedAt);
  const initial = s.sent.filter((x) => x.stage === 'initial');
  // A report counts once, at its first send (a later fax of the same report, or a sent
  // correction of it, meets nothing new).
  const first = new Map<string, number>();
  for (const x of s.sent) {
    const k = `${x.stage}|${x.seq}`;
    const a = first.get(k);
    if (a === undefined || x.sentAt < a) first.set(k, x.sentAt);
  }
  let lastSent: number | null = null;
  for (const t of first.values()) if (lastSent === null || t > lastSent) lastSent = t;
  const followups = [...first.keys()].filter((k) => k.startsWith('followup|')).length;
  const dailies = [...first.keys()].filter((k) => k.startsWith('daily|')).length;
  const push = (r: DeadlineRule, stage: Stage, seq: number, dueAt: number) =>
    out.push({
      ruleId: r.id, stage, seq, channel: r.channel, dueAt, unconfirmed: r.unconfirmed, label: r.label, labelEn: r.labelEn,
      ...(r.recipients ? { recipients: r.recipients, recipientsEn: r.recipientsEn ?? r.recipients } : {}),
    });

  for (const r of rules) {
    if (!r.enabled || !ruleMatches(r, s)) continue;
    const p = r.params;
    switch (r.kind) {
      case 'within': {
        if (r.stage !== 'initial') break;
        const met = initial.some((x) => r.channel !== 'written' || x.via !== 'phone');
        if (!met) push(r, 'initial', 0, anchorOf(r) + p.minutes! * 60_000);
        break;
      }
      case 'interval':
      case 'dailyAt': {
        if (s.closedAt !== null || lastSent === null || !initial.length) break;
        if (r.stage === 'daily' && !s.dailyMode) break;
        const due = r.kind === 'interval' ? lastSent + p.minutes! * 60_000 : nextSlot(lastSent, tz, p.times!);
        push(r, r.stage, r.stage === 'daily' ? dailies + 1 : followups + 1, due);
        break;
      }
      case 'sameDay': {
        // Casualty changes inside the window after the accident are reported the same day (Art. 13).
        if (s.closedAt !== null || s.casualtyChangedAt === null || !initial.length) break;
        if (lastSent !== null && lastSent >= s.casualtyChangedAt) break;
        const short = isShortWindow(r, s);
        const windowDays = short ? (p.shortWindowDays ?? p.windowDays!) : p.windowDays!;
        if (s.casualtyChangedAt > (s.occurredAt ?? s.receivedAt) + windowDays * DAY) break;
        push(r, 'followup', followups + 1, endOfLocalDay(s.casualtyChangedAt, tz));
        break;
      }
      case 'afterClose': {
        if (s.closedAt === null) break;
        if (s.sent.some((x) => x.stage === r.stage)) break;
        push(r, r.stage, 0, s.closedAt + p.minutes! * 60_000);
        break;
      }
    }
  }
  // Strictest rule per stage + channel (+ the extra recipients a rule names: those stay separate).
  const best = new Map<string, Obligation>();
  for (const o of out) {
    const k = `${o.stage}|${o.channel}|${o.recipients?.join('、') ?? ''}`;
    const b = best.get(k);
    if (!b || o.dueAt < b.dueAt) best.set(k, o);
  }
  // An 'any' deadline is implied by an earlier-or-equal phone/written deadline of the same stage.
  const list = [...best.values()].filter(
    (o) => o.channel !== 'any' || ![...best.values()].some((x) => x.stage === o.stage && x.channel !== 'any' && x.dueAt <= o.dueAt && (x.recipients ?? []).join() === (o.recipients ?? []).join()),
  );
  return list.sort((a, b) => a.dueAt - b.dueAt || a.channel.localeCompare(b.channel));
}

/** The obligations a send meets: open before it, gone after it. */
export function metBySend(rules: readonly DeadlineRule[], s: Subject, send: Subject['sent'][number], tz: string): Obligation[] {
  const before = obligations(rules, s, tz);
  const after = new Set(obligations(rules, { ...s, sent: [...s.sent, send] }, tz).map(key));
  return before.filter((o) => !after.has(key(o)));
}
