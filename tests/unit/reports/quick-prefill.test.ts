import { describe, expect, it } from 'vitest';
import { fire, world } from './fixture';

// Standards §3 (自然灾害情况统计调查制度: the township is the statistical unit; people indicators
// 因灾死亡/失踪/受伤/其中重伤) and §6 (the phone record): a disaster 快报表 drafted from an incident
// starts with the incident's casualties in the incident's township row.
describe('standards §3: a disaster 快报表 drafted from an incident', () => {
  it("starts with the incident's township and casualties", async () => {
    const w = await world();
    const inc = await w.op.ok(
      'incidents.create',
      fire({ classCode: '1', typeCode: '14', accidentType: null, summary: '后山发生山体滑坡，两户房屋被埋', casualties: { dead: 1, injured: 3, serious: 1, missing: 2, trapped: 0, evacuated: 40 } }),
    );
    const r = await w.op.ok('reports.create', { templateId: 'disaster-quick', incidentId: inc.id });
    expect(Object.keys(r.data.rows ?? {})).toEqual(['220502001']);
    expect(r.data.rows!['220502001']).toMatchObject({ dead: 1, missing: 2, injured: 3, injuredSerious: 1 });
    // Breakdown figures live only in the township rows.
    expect(r.data.fields.dead).toBeUndefined();
    w.t.close();
  });

  it('a standalone 快报表 (no incident) starts empty', async () => {
    const w = await world();
    const r = await w.op.ok('reports.create', { templateId: 'disaster-quick', title: '11·27 东昌区暴雨洪涝' });
    expect(r.data.rows).toEqual({});
    w.t.close();
  });
});
