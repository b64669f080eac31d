import { describe, expect, it } from 'vitest';
import { call, world } from './fixtures';
import { BOARD } from '../../../src-main/core/modules';
import { matterLabel } from '../../../src-main/core/audit/describe';
import { gradeIfMissingDead, majorNearMissBy, missingWindowDays } from '../../../src-main/contract/incidents';
import { ACCIDENT_THRESHOLDS, MISSING_AS_DEAD, NEAR_MISS } from '../../../src-main/core/incidents/taxonomy';
import { obligations, type Subject } from '../../../src-main/core/reports/deadlines';
import { DEFAULT_RULES } from '../../../src-main/core/reports/templates';

const DAY = 86_400_000;
const cas = (dead: number, missing: number, serious = 0) => ({ dead, injured: serious, serious, missing, trapped: 0, evacuated: 0 });

describe('standards §2: missing persons in grading (Decree 493 Art. 3; missing count as dead after 30 days, road/fire 7 — UNCONFIRMED, configurable)', () => {
  it('standards §2: 2 dead + 1 missing → 一般 now, 较大 if the missing is confirmed dead', () => {
    const g = gradeIfMissingDead(ACCIDENT_THRESHOLDS, MISSING_AS_DEAD, { classCode: '2', receivedAt: 0, occurredAt: 0, casualties: cas(2, 1) });
    expect(g).toMatchObject({ grade: 'III', missing: 1, windowDays: 30, windowEndsAt: 30 * DAY, unconfirmed: true });
    // Nobody missing, or the missing change nothing: no hint.
    expect(gradeIfMissingDead(ACCIDENT_THRESHOLDS, MISSING_AS_DEAD, { classCode: '2', receivedAt: 0, casualties: cas(2, 0) })).toBeNull();
    expect(gradeIfMissingDead(ACCIDENT_THRESHOLDS, MISSING_AS_DEAD, { classCode: '2', receivedAt: 0, casualties: cas(4, 2) })).toBeNull();
    expect(gradeIfMissingDead(ACCIDENT_THRESHOLDS, MISSING_AS_DEAD, { classCode: '2', receivedAt: 0, casualties: cas(8, 2) })?.grade).toBe('II');
  });

  it('standards §2: the window is 7 days for road traffic and fire, 30 for rail, water, air and the rest', () => {
    expect(missingWindowDays(MISSING_AS_DEAD, { industry: 'road' })).toBe(7);
    expect(missingWindowDays(MISSING_AS_DEAD, { industry: 'fire' })).toBe(7);
    expect(missingWindowDays(MISSING_AS_DEAD, { accidentType: '08', industry: 'industry_trade' })).toBe(7);
    for (const industry of ['rail', 'water', 'aviation', 'coal', null]) expect(missingWindowDays(MISSING_AS_DEAD, { industry, accidentType: '06' })).toBe(30);
  });

  it('standards §2: the incident shows the hint, and is marked for re-grading on the board once the window closes', async () => {
    const { t, op, leader } = await world();
    const now = t.clock.now();
    const recent = await op.ok('incidents.create', call({ industry: 'coal', accidentType: '10', receivedAt: now - 5 * DAY, occurredAt: now - 5 * DAY, casualties: cas(2, 1) }));
    expect(recent.grade).toBe('IV');
    expect(recent.missingGrade).toMatchObject({ grade: 'III', missing: 1, windowDays: 30, windowEndsAt: now + 25 * DAY, regradeDue: false });
    const matters = () => BOARD.openMatters(t.db, t.clock.now()).filter((m) => m.kind === 'regradeMissing');
    expect(matters()).toEqual([]);
    // A month-old accident whose missing have not been found: due for re-grading.
    const d = await op.ok('incidents.create', call({ industry: 'coal', accidentType: '10', summary: '矿井坍塌', receivedAt: now - 31 * DAY, occurredAt: now - 31 * DAY, casualties: cas(2, 1) }));
    const later = await op.ok('incidents.get', { id: d.id });
    expect(later.missingGrade?.regradeDue).toBe(true);
    expect(matters()).toEqual([expect.objectContaining({ refId: d.id, severity: 'warn', title: expect.stringContaining('按死亡计应为较大') })]);
    expect(matters()[0].title).toMatch(new RegExp(`^${d.no} .*：`));
    expect(matters()[0].title).not.toContain('矿井坍塌');
    expect([matterLabel('zh-CN', 'regradeMissing'), matterLabel('en', 'regradeMissing')]).toEqual(['失踪人员待重新定级', 'Grade to review (missing persons)']);
    // Re-graded: the mark goes away.
    await leader.ok('incidents.setGrade', { id: d.id, version: later.version, grade: 'III', reason: '失踪人员满30日按死亡计' });
    expect(matters()).toEqual([]);
    expect((await op.ok('incidents.get', { id: d.id })).missingGrade).toBeNull();
    t.close();
  });

  it('standards §2 (UNCONFIRMED rule as data): a station sets its own window days; a road accident uses the short window', async () => {
    const { t, op, admin } = await world();
    const road = await op.ok('incidents.create', call({ typeCode: '22', accidentType: '02', industry: 'road', casualties: cas(1, 2) }));
    expect(road.missingGrade).toMatchObject({ windowDays: 7, grade: 'III' });
    const cfg = await admin.ok('incidents.setConfig', { missingWindowDays: 60, missingShortWindowDays: 10 });
    expect(cfg).toMatchObject({ missingWindowDays: 60, missingShortWindowDays: 10 });
    expect((await op.ok('incidents.get', { id: road.id })).missingGrade?.windowDays).toBe(10);
    expect((await op.ok('incidents.taxonomy', {})).missingRule).toMatchObject({ windowDays: 60, shortWindowDays: 10, unconfirmed: true });
    t.close();
  });
});

describe('standards §1: 较大涉险事故 (Decree 21) — classified from its criteria, with its reporting rules', () => {
  const none = { trapped: 0, missing: 0, evacuated: 0 };
  it('standards §1 Decree 21: ≥10 endangered, ≥3 trapped or missing, ≥500 evacuated, serious pollution, threat to key sites', () => {
    expect(majorNearMissBy(NEAR_MISS, { casualties: none, endangered: 9 })).toEqual([]);
    expect(majorNearMissBy(NEAR_MISS, { casualties: none, endangered: 10 })).toEqual(['endangered']);
    expect(majorNearMissBy(NEAR_MISS, { casualties: { trapped: 2, missing: 0, evacuated: 0 } })).toEqual([]);
    expect(majorNearMissBy(NEAR_MISS, { casualties: { trapped: 2, missing: 1, evacuated: 0 } })).toEqual(['trappedOrMissing']);
    expect(majorNearMissBy(NEAR_MISS, { casualties: { trapped: 0, missing: 3, evacuated: 0 } })).toEqual(['trappedOrMissing']);
    expect(majorNearMissBy(NEAR_MISS, { casualties: { ...none, evacuated: 499 } })).toEqual([]);
    expect(majorNearMissBy(NEAR_MISS, { casualties: { ...none, evacuated: 500 } })).toEqual(['evacuated']);
    expect(majorNearMissBy(NEAR_MISS, { casualties: none, seriousPollution: true, keySiteThreat: true })).toEqual(['pollution', 'keySite']);
  });

  it('standards §1 Decree 21: an accident record is marked 较大涉险 from its figures; corrections re-classify; non-accidents never are', async () => {
    const { t, op } = await world();
    const d = await op.ok('incidents.create', call({ casualties: cas(0, 0), endangered: 12, cause: '电气线路老化', result: '明火已扑灭', impact: '周边道路临时封闭' }));
    expect(d).toMatchObject({ majorNearMiss: ['endangered'], endangered: 12, cause: '电气线路老化', result: '明火已扑灭', impact: '周边道路临时封闭' });
    // The reporting engine sees it from the stored record (its 1 h 初报 rule).
    expect((await op.ok('reports.due', {})).find((x) => x.incidentId === d.id)?.next?.ruleId).toBe('accident.d21.nearMiss');
    const c = await op.ok('incidents.correct', { id: d.id, version: d.version, changes: { endangered: 0, seriousPollution: true }, reason: '核实' });
    expect(c).toMatchObject({ majorNearMiss: ['pollution'], seriousPollution: true, endangered: 0 });
    expect(c.entries.at(-1)?.data).toEqual({ changes: { endangered: [12, 0], seriousPollution: [0, 1] } });
    const flood = await op.ok('incidents.create', call({ classCode: '1', typeCode: '11', accidentType: null, industry: null, casualties: { ...cas(0, 0), evacuated: 800 } }));
    expect(flood.majorNearMiss).toEqual([]);
    t.close();
  });

  it('standards §1 Decree 21: a 较大涉险 accident gets the 1 h 初报 (UNCONFIRMED, a rule the station can change) and a daily 续报', () => {
    const T0 = Date.UTC(2026, 10, 28, 2, 0);
    const s: Subject = {
      classCode: '2', typeCode: '21', accidentType: '10', grade: 'IV', disasterType: null, receivedAt: T0, occurredAt: T0,
      closedAt: null, casualtyChangedAt: null, dailyMode: false, sent: [], nearMiss: true,
    };
    expect(obligations(DEFAULT_RULES, s, 'Asia/Shanghai')[0]).toMatchObject({ ruleId: 'accident.d21.nearMiss', dueAt: T0 + 3_600_000, unconfirmed: true });
    expect(obligations(DEFAULT_RULES, { ...s, nearMiss: false }, 'Asia/Shanghai')[0]).toMatchObject({ ruleId: 'accident.art11.relay', dueAt: T0 + 7_200_000 });
    const sent = { ...s, sent: [{ stage: 'initial' as const, seq: 0, sentAt: T0 + 1_000, via: 'fax' }] };
    expect(obligations(DEFAULT_RULES, sent, 'Asia/Shanghai')[0]).toMatchObject({ stage: 'followup', dueAt: T0 + 1_000 + DAY });
    const off = DEFAULT_RULES.map((r) => (r.id === 'followup.daily' ? { ...r, enabled: false } : r));
    expect(obligations(off, sent, 'Asia/Shanghai')[0]).toMatchObject({ ruleId: 'followup.nearMiss', dueAt: T0 + 1_000 + DAY });
  });
});

describe('standards §1: natural disasters with ≥10 dead incl. missing', () => {
  it('standards §1 Natural-disaster reports: 6 dead + 4 missing → a 2 h deadline to the province and the nation, from the stored record', async () => {
    const { t, op } = await world();
    const now = t.clock.now();
    const d = await op.ok('incidents.create', call({ classCode: '1', typeCode: '14', accidentType: null, industry: null, summary: '山体滑坡掩埋民房', occurredAt: now - 30 * 60_000, casualties: cas(6, 4) }));
    const item = (await op.ok('reports.due', {})).find((x) => x.incidentId === d.id)!;
    expect(item.open.find((o) => o.ruleId === 'disaster.initial.national')).toMatchObject({ dueAt: now + 90 * 60_000, recipients: ['省应急管理厅', '应急管理部'] });
    const small = await op.ok('incidents.create', call({ classCode: '1', typeCode: '14', accidentType: null, industry: null, summary: '小型滑坡', casualties: cas(6, 3) }));
    expect((await op.ok('reports.due', {})).find((x) => x.incidentId === small.id)!.open.some((o) => o.ruleId === 'disaster.initial.national')).toBe(false);
    t.close();
  });
});
