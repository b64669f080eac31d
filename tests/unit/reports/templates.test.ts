import { describe, expect, it } from 'vitest';
import { TEMPLATES, TemplateError, loadTemplates, parseTemplate, templateOf } from '../../../src-main/core/reports/templates';
import { allFields, fieldById, sharpChanges, validateReport, type ReportData } from '../../../src-main/contract/reports';
import disasterFile from '../../../resources/reports/disaster-quick.json';
import eventFile from '../../../resources/reports/event-report.json';

const disaster = templateOf('disaster-quick')!;
const event = templateOf('event-report')!;
const accident = templateOf('accident-report')!;

describe('report templates (resources/reports)', () => {
  it('ships the event (初报/续报/终报), accident, disaster quick-statistics and daily templates, versioned', () => {
    expect([...TEMPLATES.keys()].sort()).toEqual(['accident-report', 'daily-report', 'disaster-quick', 'event-report']);
    expect(event.stages).toEqual(['initial', 'followup', 'final']);
    expect(disaster.stages).toEqual(['initial', 'followup', 'verified']);
    for (const l of TEMPLATES.values()) expect(l[0].version).toBeGreaterThanOrEqual(1);
  });

  it('standards §1 Decree 493 Art. 12: the accident report carries every element', () => {
    const titles = accident.sections.map((s) => s.title).join('|');
    for (const e of ['事故发生单位概况', '时间、地点以及事故现场情况', '简要经过', '伤亡人数（包括下落不明', '直接经济损失', '已经采取的措施', '其他应当报告的情况']) {
      expect(titles).toContain(e);
    }
    expect(fieldById(accident, 'missing')?.unit).toBe('人');
    expect(fieldById(accident, 'directLoss')?.unit).toBe('万元');
  });

  it('standards §3: the 快报表 has the main indicators with their units, broken down by township', () => {
    const want: Record<string, string> = {
      受灾人口: '人', 因灾死亡人口: '人', 因灾失踪人口: '人', 受伤人口: '人', 紧急避险转移人口: '人', '紧急转移安置人口（累计）': '人', '紧急转移安置人口（当前）': '人', '其中：集中安置': '人',
      '其中：分散安置': '人', 集中安置点: '个', 需紧急生活救助人口: '人', 需过渡期生活救助人口: '人', 因旱需生活救助人口: '人', 因旱饮水困难需救助人口: '人',
      '倒塌房屋（间）': '间', '倒塌房屋（户）': '户', '严重损坏房屋（间）': '间', '严重损坏房屋（户）': '户', '一般损坏房屋（间）': '间', '一般损坏房屋（户）': '户',
      农作物受灾面积: '公顷', 农作物成灾面积: '公顷', 农作物绝收面积: '公顷', 因灾死亡大牲畜: '头', 因灾死亡小牲畜: '只', 受损公路: '千米', 受损电力线路: '千米',
      受损堤防: '千米', 受损学校: '个', 受损医院: '个', 受损水库: '个', 直接经济损失: '万元', '其中：住房及居民家庭财产': '万元', '其中：农林牧渔业': '万元',
      '其中：工矿商贸业': '万元', '其中：基础设施': '万元', '其中：公共服务': '万元', '其中：其他': '万元',
    };
    const byLabel = new Map(allFields(disaster).map((f) => [f.label, f]));
    for (const [label, unit] of Object.entries(want)) expect(byLabel.get(label)?.unit, label).toBe(unit);
    expect(disaster.breakdown?.by).toBe('township');
    expect(disaster.breakdown?.fields).toContain('affected');
    const types = fieldById(disaster, 'disasterType')!.options!.map((o) => o.value);
    expect(types).toEqual(['洪涝', '干旱', '台风', '风雹', '低温冷冻', '雪灾', '沙尘暴', '地震', '崩塌', '滑坡', '泥石流', '风暴潮', '海啸', '森林草原火灾', '重大生物灾害']);
  });

  it('refuses a template with an unknown field type, naming the field and the type', () => {
    const bad = structuredClone(eventFile) as { sections: { fields: { type: string }[] }[] };
    bad.sections[0].fields[2].type = 'geopoint';
    expect(() => parseTemplate(bad, 'event-report.json')).toThrow(TemplateError);
    expect(() => parseTemplate(bad, 'event-report.json')).toThrow('Report template event-report.json: field "place" has unknown type "geopoint" (known types: text, textarea, integer, decimal, datetime, select, boolean)');
    // Loading a set that includes it refuses the whole set.
    expect(() => loadTemplates({ 'x/event-report.json': bad })).toThrow(/unknown type "geopoint"/);
  });

  it('refuses a rule that names an unknown or non-numeric field, and a duplicate version', () => {
    const bad = structuredClone(disasterFile) as { rules: { left?: string[] }[] };
    bad.rules[1].left = ['nosuch'];
    expect(() => parseTemplate(bad, 'd.json')).toThrow(/rule crop-damaged-le-affected names unknown field "nosuch"/);
    const bad2 = structuredClone(disasterFile) as { rules: { left?: string[] }[] };
    bad2.rules[1].left = ['description'];
    expect(() => parseTemplate(bad2, 'd.json')).toThrow(/non-numeric field "description"/);
    expect(() => loadTemplates({ 'a.json': eventFile, 'b.json': eventFile })).toThrow(/duplicate version 1/);
  });

  it('a province variant is a data change: a version 2 file is picked as latest, version 1 stays for old reports', () => {
    const v2 = { ...structuredClone(eventFile), version: 2, title: '突发事件信息报告（省定格式）' };
    const m = loadTemplates({ 'a.json': eventFile, 'b.json': v2 });
    expect(m.get('event-report')!.map((t) => t.version)).toEqual([2, 1]);
  });
});

const rows = (r: Record<string, Record<string, number | null>>): ReportData => ({
  fields: { disasterType: '洪涝', startedAt: 1, statsUntil: 2, description: '暴雨' },
  rows: r,
});
const T1 = '220502001';
const T2 = '220502002';
const keys = (d: ReportData, o: Parameters<typeof validateReport>[3] = { complete: false }) => validateReport(disaster, 'initial', d, o).map((i) => `${i.path}:${i.key}`);

describe('validation (shared by form and main)', () => {
  it('standards §3: 集中安置 + 分散安置 = 紧急转移安置, per township and on the totals', () => {
    expect(keys(rows({ [T1]: { relocated: 100, relocatedCentral: 60, relocatedDispersed: 40 } }))).toEqual([]);
    expect(keys(rows({ [T1]: { relocated: 100, relocatedCentral: 60, relocatedDispersed: 30 } }))).toEqual([`rows.${T1}.relocated:reports.v.sumEquals`]);
  });
  it('standards §3: 紧急转移安置 > 0 with 集中 and 分散 both blank is refused — blank counts as 0 and the sum rule applies', () => {
    expect(keys(rows({ [T1]: { relocated: 420 } }))).toEqual([`rows.${T1}.relocated:reports.v.sumEquals`]);
    expect(keys(rows({ [T1]: { relocated: 420, relocatedCentral: null, relocatedDispersed: null } }))).toEqual([`rows.${T1}.relocated:reports.v.sumEquals`]);
    expect(keys(rows({ [T1]: { relocated: 20, relocatedCentral: 20 } }))).toEqual([]);
    // Nothing relocated and nothing split: nothing to say.
    expect(keys(rows({ [T1]: { affected: 10 } }))).toEqual([]);
  });
  it('standards §3: 紧急转移安置 has a cumulative (累计) and a current (当前) figure, the sum rule on both, current ≤ cumulative', () => {
    expect(fieldById(disaster, 'relocated')?.label).toBe('紧急转移安置人口（累计）');
    expect(fieldById(disaster, 'relocatedNow')?.label).toBe('紧急转移安置人口（当前）');
    expect(disaster.breakdown?.fields).toEqual(expect.arrayContaining(['relocatedNow', 'relocatedNowCentral', 'relocatedNowDispersed']));
    const cum = { relocated: 120, relocatedCentral: 80, relocatedDispersed: 40 };
    expect(keys(rows({ [T1]: { ...cum, relocatedNow: 50, relocatedNowCentral: 30, relocatedNowDispersed: 20 } }))).toEqual([]);
    // The current figure with both splits blank: blank counts as 0, refused like the cumulative one.
    expect(keys(rows({ [T1]: { ...cum, relocatedNow: 50 } }))).toEqual([`rows.${T1}.relocatedNow:reports.v.sumEquals`]);
    expect(keys(rows({ [T1]: { ...cum, relocatedNow: 50, relocatedNowCentral: 30, relocatedNowDispersed: 10 } }))).toEqual([`rows.${T1}.relocatedNow:reports.v.sumEquals`]);
    // More people in shelter now than were ever relocated.
    expect(keys(rows({ [T1]: { ...cum, relocatedNow: 130, relocatedNowCentral: 130, relocatedNowDispersed: 0 } }))).toEqual([`rows.${T1}.relocatedNow:reports.v.lte`]);
  });
  it('standards §3: 成灾 ≤ 受灾 and 绝收 ≤ 成灾 areas', () => {
    expect(keys(rows({ [T1]: { cropAffected: 10, cropDamaged: 12 } }))).toEqual([`rows.${T1}.cropDamaged:reports.v.lte`]);
    expect(keys(rows({ [T1]: { cropAffected: 10, cropDamaged: 8, cropLost: 9 } }))).toEqual([`rows.${T1}.cropLost:reports.v.lte`]);
    expect(keys(rows({ [T1]: { cropAffected: 10, cropDamaged: 8, cropLost: 8 } }))).toEqual([]);
  });
  it('standards §3: 其中 parts ≤ their totals (grain areas, serious injuries)', () => {
    expect(keys(rows({ [T1]: { cropAffected: 10, cropAffectedGrain: 11 } }))).toEqual([`rows.${T1}.cropAffectedGrain:reports.v.lte`]);
    expect(keys(rows({ [T1]: { cropAffected: 10, cropDamaged: 5, cropDamagedGrain: 6 } }))).toEqual([`rows.${T1}.cropDamagedGrain:reports.v.lte`]);
    expect(keys(rows({ [T1]: { cropAffected: 10, cropDamaged: 5, cropLost: 2, cropLostGrain: 3 } }))).toEqual([`rows.${T1}.cropLostGrain:reports.v.lte`]);
    expect(keys(rows({ [T1]: { injured: 2, injuredSerious: 3 } }))).toEqual([`rows.${T1}.injuredSerious:reports.v.lte`]);
  });
  it('standards §3: deaths and missing ≤ 受灾人口', () => {
    expect(keys(rows({ [T1]: { affected: 5, dead: 3, missing: 3 } }))).toEqual([`rows.${T1}.dead:reports.v.lte`]);
    expect(keys(rows({ [T1]: { affected: 6, dead: 3, missing: 3 } }))).toEqual([]);
  });
  it('standards §3: the parts of 直接经济损失 add up to the total', () => {
    expect(keys(rows({ [T1]: { lossTotal: 100, lossHousing: 60, lossAgri: 40 } }))).toEqual([]);
    expect(keys(rows({ [T1]: { lossTotal: 100, lossHousing: 60, lossAgri: 30 } }))).toEqual([`rows.${T1}.lossTotal:reports.v.sumEquals`]);
    expect(keys(rows({ [T1]: { lossTotal: 100 } }))).toEqual([]); // split not filled yet
  });
  it('standards §3: the totals are the sum of the township rows (the township is the statistical unit)', () => {
    const d = rows({ [T1]: { affected: 100, relocated: 10, relocatedCentral: 10, relocatedDispersed: 0 }, [T2]: { affected: 50, relocated: 5, relocatedCentral: 0, relocatedDispersed: 5 } });
    expect(keys(d)).toEqual([]);
    expect(validateReport(disaster, 'initial', d, { complete: true })).toEqual([]);
  });
  it('integers in their unit, non-negative, decimals within precision', () => {
    expect(keys(rows({ [T1]: { affected: 1.5 } }))).toEqual([`rows.${T1}.affected:reports.v.integer`]);
    expect(keys(rows({ [T1]: { affected: -1 } }))).toEqual([`rows.${T1}.affected:reports.v.nonNegative`]);
    expect(keys(rows({ [T1]: { cropAffected: 1.234 } }))).toEqual([`rows.${T1}.cropAffected:reports.v.decimals`]);
    expect(keys(rows({ [T1]: { roads: 1.234 } }))).toEqual([]);
    expect(validateReport(event, 'initial', { fields: { dead: -2, grade: 'V' } }, { complete: false }).map((i) => i.key)).toEqual(['reports.v.option', 'reports.v.nonNegative']);
  });
  it('required fields depend on the stage (续报 needs 新进展, 终报 the outcome)', () => {
    const base = { occurredAt: 1, receivedAt: 2, place: '东昌街道', eventType: '火灾', summary: 's', measures: 'm' };
    expect(validateReport(event, 'initial', { fields: base }, { complete: true })).toEqual([]);
    expect(validateReport(event, 'followup', { fields: base }, { complete: true }).map((i) => i.path)).toEqual(['fields.progress']);
    expect(validateReport(event, 'final', { fields: base }, { complete: true }).map((i) => i.path)).toEqual(['fields.result']);
    expect(validateReport(event, 'initial', { fields: { ...base, nosuch: 1 } }, { complete: false }).map((i) => i.key)).toEqual(['reports.v.unknownField']);
  });
  it('standards §3: a sharp change against the previous report needs a written explanation (threshold configurable)', () => {
    const prev = rows({ [T1]: { affected: 100 } });
    const cur = rows({ [T1]: { affected: 180 } });
    expect(sharpChanges(disaster, cur, prev, 0.5)).toEqual([{ field: 'affected', label: '受灾人口', previous: 100, current: 180, ratio: 0.8 }]);
    const o = { complete: true, previous: prev, threshold: 0.5 };
    expect(validateReport(disaster, 'followup', cur, o).map((i) => i.key)).toEqual(['reports.v.explanationRequired']);
    expect(validateReport(disaster, 'followup', cur, { ...o, explanation: '新增两个村受灾' })).toEqual([]);
    expect(validateReport(disaster, 'followup', cur, { ...o, threshold: 1 })).toEqual([]);
    // A fall counts as well.
    expect(sharpChanges(disaster, rows({ [T1]: { affected: 20 } }), prev, 0.5)).toHaveLength(1);
  });
});
