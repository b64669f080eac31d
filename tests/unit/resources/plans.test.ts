import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { world, plan } from './fixture';
import { BOARD } from '../../../src-main/core/modules';
import { matterLabel } from '../../../src-main/core/audit/describe';
import { addYears } from '../../../src-main/core/resources/records';
import { CHOICES, FIELDS, valuesSchema } from '../../../src-main/contract/resources';

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world(); // the clock stands at 2026-11-28
});
afterAll(() => w.t.close());

const matters = () => BOARD.openMatters(w.t.db, w.t.clock.now()).filter((m) => m.source === 'resources');

describe('contingency plans: periodic assessment (commonly every 3 years — the issue; not in standards.md, so configurable)', () => {
  it('addYears keeps the day, and 29 February falls on 28 February in a common year', () => {
    expect(addYears('2023-12-01', 3)).toBe('2026-12-01');
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('due 3 years after the later of approval and revision; within the notice period it is on the board, past it overdue', async () => {
    const ok = await w.op.ok('resources.save', plan('东昌区森林火灾应急预案', { approvedOn: '2022-05-01', revisedOn: '2025-06-01' }));
    expect(ok).toMatchObject({ reviewDue: '2028-06-01', reviewState: 'ok' });
    const soon = await w.op.ok('resources.save', plan('东昌区防汛抗旱应急预案', { approvedOn: '2023-12-20' }));
    expect(soon).toMatchObject({ reviewDue: '2026-12-20', reviewState: 'soon' });
    const late = await w.op.ok('resources.save', plan('东昌区地震应急预案', { approvedOn: '2019-04-01', revisedOn: '2023-01-10' }));
    expect(late).toMatchObject({ reviewDue: '2026-01-10', reviewState: 'overdue' });
    expect(matters()).toEqual([
      // The most pressing first: overdue, then by due date.
      expect.objectContaining({ kind: 'planReviewOverdue', refId: late.id, severity: 'warn', title: '预案“东昌区地震应急预案”已超过评估期限（2026-01-10）' }),
      expect.objectContaining({ kind: 'planReviewDue', refId: soon.id, severity: 'info', title: '预案“东昌区防汛抗旱应急预案”应于 2026-12-20 前完成评估修订' }),
    ]);
    expect(matters()).toHaveLength(2);
    expect([matterLabel('zh-CN', 'planReviewOverdue'), matterLabel('en', 'planReviewDue')]).toEqual(['预案评估已逾期', 'Plan assessment due']);

    // A station on a 5-year cycle: the overdue plan is due again later, nothing on the board.
    const s = await w.op.ok('resources.settings');
    expect(s).toEqual({ planReviewYears: 3, planReviewNoticeDays: 60, version: 0 });
    const refused = await w.op.call('resources.setSettings', { version: 0, planReviewYears: 5, planReviewNoticeDays: 30 });
    expect(refused.ok).toBe(false); // administrators only
    expect(await w.admin.ok('resources.setSettings', { version: 0, planReviewYears: 5, planReviewNoticeDays: 30 })).toEqual({ planReviewYears: 5, planReviewNoticeDays: 30, version: 1 });
    const [late5] = (await w.op.ok('resources.list', { list: 'plans' })).filter((p) => p.id === late.id);
    expect(late5).toMatchObject({ reviewDue: '2028-01-10', reviewState: 'ok' });
    expect(matters()).toEqual([]);
    // A plan revised (a new version saved) leaves the board; a voided plan does not come back.
    const stale = await w.admin.call('resources.setSettings', { version: 0, planReviewYears: 3, planReviewNoticeDays: 60 });
    expect(stale.ok).toBe(false);
    await w.admin.ok('resources.setSettings', { version: 1, planReviewYears: 3, planReviewNoticeDays: 60 });
    expect(matters()).toHaveLength(2);
    const cur = (await w.op.ok('resources.list', { list: 'plans' })).find((p) => p.id === late.id)!;
    await w.op.ok('resources.save', { list: 'plans', id: late.id, version: cur.version, values: { ...cur.values, revisedOn: '2026-11-20', planVersion: '2026版' } } as never);
    const cur2 = (await w.op.ok('resources.list', { list: 'plans' })).find((p) => p.id === soon.id)!;
    await w.op.ok('resources.void', { list: 'plans', id: soon.id, version: cur2.version, reason: '已并入总体预案' });
    expect(matters()).toEqual([]);
  });

  it('standards §4: a plan answers one of the four classes of sudden event; type codes are comma-separated', () => {
    expect(CHOICES.eventClass).toEqual(['1', '2', '3', '4']);
    const base = { name: '甲', level: 'district', category: 'special', ownerUnit: '乙', planVersion: '1', approvedOn: '2024-01-01' };
    expect(valuesSchema('plans').safeParse({ ...base, classCode: '5' }).success).toBe(false);
    expect(valuesSchema('plans').safeParse({ ...base, classCode: '1', typeCodes: '11,14' }).success).toBe(true);
    expect(valuesSchema('plans').safeParse({ ...base, classCode: '1', typeCodes: '山洪' }).success).toBe(false);
    expect(valuesSchema('plans').safeParse({ ...base, classCode: '1', approvedOn: '2026-02-30' }).success).toBe(false);
    expect(FIELDS.plans.map((f) => f.key)).toEqual(expect.arrayContaining(['level', 'classCode', 'ownerUnit', 'planVersion', 'approvedOn', 'revisedOn', 'responseLevels', 'contacts']));
  });
});
