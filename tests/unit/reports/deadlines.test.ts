import { describe, expect, it } from 'vitest';
import { metBySend, obligations, type Subject } from '../../../src-main/core/reports/deadlines';
import { DEFAULT_RULES, parseRules } from '../../../src-main/core/reports/templates';
import { endOfLocalDay, nextSlot } from '../../../src-main/contract/time';
import type { DeadlineRule } from '../../../src-main/contract/reports';

const TZ = 'Asia/Shanghai';
const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
/** 2026-11-28 10:00 Beijing time. */
const T0 = Date.UTC(2026, 10, 28, 2, 0);

const subject = (o: Partial<Subject> = {}): Subject => ({
  classCode: '2', typeCode: '21', accidentType: '03', grade: 'IV', disasterType: null, receivedAt: T0, occurredAt: T0 - 20 * MIN,
  closedAt: null, casualtyChangedAt: null, dailyMode: false, sent: [], ...o,
});
const rules = (over: Record<string, Partial<DeadlineRule>> = {}) => DEFAULT_RULES.map((r) => ({ ...r, ...(over[r.id] ?? {}) }));
const next = (s: Subject, r = rules()) => obligations(r, s, TZ)[0];
const sentInitial = (at: number, via = 'fax') => [{ stage: 'initial' as const, seq: 0, sentAt: at, via }];

describe('deadline engine: 初报', () => {
  it('standards §1 Decree 493 Art. 11: an accident is passed on within 2 h of receipt', () => {
    const o = next(subject());
    expect(o).toMatchObject({ ruleId: 'accident.art11.relay', stage: 'initial', dueAt: T0 + 2 * H, unconfirmed: false });
  });
  it('standards §1 Decree 21: 较大 accidents and above are reported within 1 h', () => {
    expect(next(subject({ grade: 'III' }))).toMatchObject({ ruleId: 'accident.d21.major', dueAt: T0 + H });
  });
  it('standards §1 Decree 493 Art. 9: the unit-head 1 h rule counts from the accident, off by default, on by override', () => {
    expect(obligations(rules(), subject(), TZ).some((o) => o.ruleId === 'accident.art9.unit')).toBe(false);
    const o = next(subject(), rules({ 'accident.art9.unit': { enabled: true } }));
    expect(o).toMatchObject({ ruleId: 'accident.art9.unit', dueAt: T0 - 20 * MIN + H });
  });
  it('standards §1 Sudden events (national): 重大/特别重大 phone within 30 min and written within 1 h', () => {
    const all = obligations(rules(), subject({ classCode: '4', typeCode: '44', grade: 'II' }), TZ);
    expect(all.map((o) => [o.channel, o.dueAt - T0])).toEqual([['phone', 30 * MIN], ['written', H]]);
  });
  it('standards §1: a phone report meets the phone deadline only; the written deadline stays open', () => {
    const s = subject({ classCode: '4', typeCode: '44', grade: 'I', sent: sentInitial(T0 + 20 * MIN, 'phone') });
    expect(obligations(rules(), s, TZ).filter((o) => o.stage === 'initial').map((o) => o.channel)).toEqual(['written']);
    expect(obligations(rules(), { ...s, sent: [...s.sent, ...sentInitial(T0 + 50 * MIN, 'fax')] }, TZ).filter((o) => o.stage === 'initial')).toEqual([]);
  });
  it('standards §1 Local tightening (Henan): 15/35 min for 重大 and above, 1 h for 较大, 6 h for 一般 when enabled', () => {
    const henan = rules({ 'henan.phone': { enabled: true }, 'henan.written': { enabled: true }, 'henan.major': { enabled: true }, 'henan.general': { enabled: true } });
    const major = obligations(henan, subject({ classCode: '3', typeCode: '31', grade: 'I' }), TZ);
    expect(major.map((o) => [o.ruleId, o.dueAt - T0])).toEqual([['henan.phone', 15 * MIN], ['henan.written', 35 * MIN]]);
    expect(obligations(henan, subject({ classCode: '3', typeCode: '31', grade: 'III' }), TZ).find((o) => o.channel === 'written')?.dueAt).toBe(T0 + H);
    expect(obligations(henan, subject({ classCode: '3', typeCode: '31', grade: 'IV' }), TZ).find((o) => o.channel === 'written')?.dueAt).toBe(T0 + 6 * H);
  });
  it('standards §1 Duty-room practice: other sudden events are forwarded within 1 h', () => {
    expect(next(subject({ classCode: '3', typeCode: '31', grade: null }))).toMatchObject({ ruleId: 'event.duty.forward', dueAt: T0 + H });
  });
  it('standards §1 Natural-disaster reports: 初报 within 2 h of the disaster', () => {
    expect(next(subject({ classCode: '1', typeCode: '11', occurredAt: T0 - H }))).toMatchObject({ ruleId: 'disaster.initial', dueAt: T0 + H });
  });
  it('standards §1 Natural-disaster reports: ≥10 dead (incl. missing) — also to the province and the nation within 2 h (UNCONFIRMED)', () => {
    const base = { classCode: '1', typeCode: '14', accidentType: null, occurredAt: T0 - H };
    const nine = obligations(rules(), subject({ ...base, deadAndMissing: 9 }), TZ);
    expect(nine.map((o) => o.ruleId)).toEqual(['disaster.initial']);
    const ten = obligations(rules(), subject({ ...base, deadAndMissing: 10 }), TZ);
    expect(ten.map((o) => [o.ruleId, o.dueAt - T0])).toEqual([['disaster.initial', H], ['disaster.initial.national', H]]);
    expect(ten[1]).toMatchObject({ recipients: ['省应急管理厅', '应急管理部'], unconfirmed: true });
    // One 初报 sent meets both (the recipients are named on the obligation, the send records who got it).
    expect(obligations(rules(), subject({ ...base, deadAndMissing: 10, sent: sentInitial(T0) }), TZ).filter((o) => o.stage === 'initial')).toEqual([]);
    // Accidents with 10 dead are not under this rule.
    expect(obligations(rules(), subject({ deadAndMissing: 12 }), TZ).some((o) => o.ruleId === 'disaster.initial.national')).toBe(false);
  });
  it('a station override replaces the national minutes (data, not code)', () => {
    expect(next(subject(), rules({ 'accident.art11.relay': { params: { minutes: 90 } } })).dueAt).toBe(T0 + 90 * MIN);
  });
});

describe('deadline engine: 续报, 终报, 核报, 日报', () => {
  it('standards §1 Decree 21: 一般/较大 follow up at least once a day (UNCONFIRMED article numbers are flagged)', () => {
    const o = next(subject({ sent: sentInitial(T0 + H) }));
    expect(o).toMatchObject({ ruleId: 'followup.daily', stage: 'followup', seq: 1, dueAt: T0 + H + DAY, unconfirmed: true });
  });
  it('standards §1 Decree 21: 重大/特别重大 follow up at least twice a day', () => {
    expect(next(subject({ grade: 'II', sent: sentInitial(T0 + H) }))).toMatchObject({ ruleId: 'followup.twiceDaily', dueAt: T0 + H + 12 * H });
  });
  it('standards §1: 续报 numbering continues from the reports sent (续报二 after 续报一)', () => {
    const s = subject({ sent: [...sentInitial(T0 + H), { stage: 'followup', seq: 1, sentAt: T0 + 5 * H, via: 'fax' }] });
    expect(next(s)).toMatchObject({ seq: 2, dueAt: T0 + 5 * H + DAY });
  });
  it('a second send of the same report (fax after phone) does not move the cadence', () => {
    const s = subject({ sent: [...sentInitial(T0 + H, 'phone'), ...sentInitial(T0 + 3 * H, 'fax')] });
    expect(next(s)).toMatchObject({ seq: 1, dueAt: T0 + H + DAY });
  });
  it('standards §1 Local tightening (Henan): 续报 before 08:00 and before 17:00 daily', () => {
    const r = rules({ 'henan.followup': { enabled: true } });
    const s = subject({ grade: 'III', sent: sentInitial(T0 + H) }); // sent 11:00 local
    expect(next(s, r)).toMatchObject({ ruleId: 'henan.followup', dueAt: Date.UTC(2026, 10, 28, 9, 0) }); // 17:00 local
    const s2 = subject({ grade: 'III', sent: sentInitial(Date.UTC(2026, 10, 28, 10, 0)) }); // 18:00 local
    expect(next(s2, r).dueAt).toBe(Date.UTC(2026, 10, 29, 0, 0)); // 08:00 next day
  });
  it('standards §1 Decree 493 Art. 13 + Decree 21: a casualty change within 30 days is reported the same day', () => {
    // 续报一 went out at 19:00 on day 3; a death is logged at 20:00: due by 24:00, before the daily 续报.
    const changed = T0 + 3 * DAY + 10 * H;
    const f1 = { stage: 'followup' as const, seq: 1, sentAt: changed - H, via: 'fax' };
    const s = subject({ sent: [...sentInitial(T0 + H), f1], casualtyChangedAt: changed });
    const o = obligations(rules(), s, TZ).find((x) => x.ruleId === 'accident.casualtyChange');
    expect(o?.dueAt).toBe(endOfLocalDay(changed, TZ));
    expect(new Date(o!.dueAt + 1).toISOString()).toBe('2026-12-01T16:00:00.000Z'); // 24:00 Beijing, 12-01
    // After 30 days it no longer applies.
    const late = subject({ sent: [...sentInitial(T0 + H), { ...f1, sentAt: T0 + 31 * DAY - H }], casualtyChangedAt: T0 + 31 * DAY });
    expect(obligations(rules(), late, TZ).some((x) => x.ruleId === 'accident.casualtyChange')).toBe(false);
  });
  it('standards §1 Decree 493 Art. 13: road traffic and fire have a 7-day casualty window', () => {
    const f = (at: number) => [...sentInitial(T0 + H), { stage: 'followup' as const, seq: 1, sentAt: at - H, via: 'fax' }];
    const fire = subject({ accidentType: '08', sent: f(T0 + 8 * DAY), casualtyChangedAt: T0 + 8 * DAY });
    expect(obligations(rules(), fire, TZ).some((x) => x.ruleId === 'accident.casualtyChange')).toBe(false);
    const road = subject({ typeCode: '22', industry: 'road', sent: f(T0 + 6 * DAY + 10 * H), casualtyChangedAt: T0 + 6 * DAY + 10 * H });
    expect(obligations(rules(), road, TZ).some((x) => x.ruleId === 'accident.casualtyChange')).toBe(true);
    const roadDay8 = subject({ typeCode: '22', industry: 'road', sent: f(T0 + 8 * DAY), casualtyChangedAt: T0 + 8 * DAY });
    expect(obligations(rules(), roadDay8, TZ).some((x) => x.ruleId === 'accident.casualtyChange')).toBe(false);
    const fireService = subject({ industry: 'fire', sent: f(T0 + 8 * DAY), casualtyChangedAt: T0 + 8 * DAY });
    expect(obligations(rules(), fireService, TZ).some((x) => x.ruleId === 'accident.casualtyChange')).toBe(false);
  });
  it('standards §1 Decree 493 Art. 13: rail, water and air transport keep the 30-day casualty window (7 days is road traffic and fire only)', () => {
    const f = (at: number) => [...sentInitial(T0 + H), { stage: 'followup' as const, seq: 1, sentAt: at - H, via: 'fax' }];
    for (const industry of ['rail', 'water', 'aviation', null]) {
      const s = subject({ typeCode: '22', accidentType: null, industry, sent: f(T0 + 20 * DAY), casualtyChangedAt: T0 + 20 * DAY });
      expect(obligations(rules(), s, TZ).find((x) => x.ruleId === 'accident.casualtyChange')?.dueAt, String(industry)).toBe(endOfLocalDay(T0 + 20 * DAY, TZ));
    }
  });
  it('standards §1 Natural-disaster reports: 重大/特别重大 disasters — zero reporting by 09:00 daily (UNCONFIRMED)', () => {
    const s = subject({ classCode: '1', typeCode: '11', grade: 'II', disasterType: '洪涝', sent: sentInitial(T0 + H) });
    expect(next(s)).toMatchObject({ ruleId: 'disaster.zeroReport', dueAt: Date.UTC(2026, 10, 29, 1, 0), unconfirmed: true });
  });
  it('standards §1 Natural-disaster reports: drought 续报 every 10 days', () => {
    const s = subject({ classCode: '1', typeCode: '11', grade: 'II', disasterType: '干旱', sent: sentInitial(T0 + H) });
    expect(next(s)).toMatchObject({ ruleId: 'disaster.drought', dueAt: T0 + H + 10 * DAY });
  });
  it('standards §1 Natural-disaster reports: 核报 after stabilisation (county 5 days, UNCONFIRMED)', () => {
    const s = subject({ classCode: '1', typeCode: '11', sent: sentInitial(T0 + H), closedAt: T0 + 3 * DAY });
    expect(obligations(rules(), s, TZ)).toEqual([expect.objectContaining({ ruleId: 'disaster.verified.county', stage: 'verified', dueAt: T0 + 8 * DAY, unconfirmed: true })]);
  });
  it('standards §1 Sudden events: 终报 at the end (station default 24 h, UNCONFIRMED); no 续报 once closed', () => {
    const s = subject({ sent: sentInitial(T0 + H), closedAt: T0 + 2 * DAY });
    expect(obligations(rules(), s, TZ)).toEqual([expect.objectContaining({ stage: 'final', dueAt: T0 + 3 * DAY, unconfirmed: true })]);
    expect(obligations(rules(), { ...s, sent: [...s.sent, { stage: 'final', seq: 0, sentAt: T0 + 2 * DAY + H, via: 'fax' }] }, TZ)).toEqual([]);
  });
  it('standards §1 Sudden events: a long event moves to a 日报 (daily by 08:00)', () => {
    const s = subject({ dailyMode: true, sent: sentInitial(T0 + H) });
    expect(obligations(rules(), s, TZ).find((o) => o.stage === 'daily')).toMatchObject({ dueAt: Date.UTC(2026, 10, 29, 0, 0), seq: 1 });
  });
  it('metBySend: a late send meets the overdue obligation (the caller records 迟报)', () => {
    const s = subject();
    const met = metBySend(rules(), s, { stage: 'initial', seq: 0, sentAt: T0 + 3 * H, via: 'fax' }, TZ);
    expect(met.map((o) => [o.ruleId, T0 + 3 * H > o.dueAt])).toEqual([['accident.art11.relay', true]]);
  });
});

describe('deadline rules as data', () => {
  it('every shipped rule cites a standards §1 source; UNCONFIRMED texts are flagged', () => {
    for (const r of DEFAULT_RULES) expect(r.source).toMatch(/^standards §1/);
    expect(DEFAULT_RULES.filter((r) => r.unconfirmed).map((r) => r.id).sort()).toEqual(
      ['accident.d21.nearMiss', 'daily.report', 'disaster.initial.national', 'disaster.verified.county', 'disaster.zeroReport', 'event.final', 'followup.daily', 'followup.nearMiss', 'followup.twiceDaily'],
    );
  });
  it('a rule without its parameter is refused with a clear error', () => {
    const bad = { rules: [{ ...DEFAULT_RULES[0], params: {} }] };
    expect(() => parseRules(bad, 'x.json')).toThrow(/rule accident\.art11\.relay \(within\) needs params\.minutes/);
  });
  it('tz helpers: slots and end of day in the station zone', () => {
    expect(nextSlot(Date.UTC(2026, 10, 28, 0, 0), TZ, ['08:00'])).toBe(Date.UTC(2026, 10, 29, 0, 0));
    expect(endOfLocalDay(T0, TZ)).toBe(Date.UTC(2026, 10, 28, 16, 0) - 1);
  });
});
