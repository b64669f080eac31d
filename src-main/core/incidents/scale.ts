import type { DB } from '../db/open';
import { stmt } from '../db/stmt';
import { newId } from '../util/ids';
import type { ScaleContext, ScalePart } from '../devtools/scale';
import type { Rng } from '../devtools/rng';
import { suggestAccidentGrade, type Grade } from '../../contract/incidents';
import { ACCIDENT_THRESHOLDS, isAccidentClass } from './taxonomy';
import { bigramText } from './search';
import { documentText, nextSeq } from './repo';

/** 250k incidents and ≈1M timeline entries over 5 years at scale 1 (issue 4). */
export const INCIDENTS_PER_5_YEARS = 250_000;

interface Kind {
  cls: string;
  type: string;
  weight: number;
  accident?: string[];
  industry?: string[];
  texts: string[];
}

// Realistic call texts per type ({v} village/community, {t} township, {n} a number, {road}, {unit}).
const KINDS: Kind[] = [
  { cls: '1', type: '11', weight: 6, texts: ['{v}河道水位上涨，部分农田被淹', '{v}低洼地段积水，{n}户群众受影响', '持续降雨致{v}道路进水，车辆通行困难', '{t}小型水库水位接近汛限'] },
  { cls: '1', type: '12', weight: 6, texts: ['大风导致{v}广告牌倒塌，砸中停放车辆', '冰雹袭击{v}，蔬菜大棚受损{n}座', '暴雪致{v}道路结冰，多车打滑', '雷击引发{v}配电箱起火'] },
  { cls: '1', type: '14', weight: 4, texts: ['{v}发生山体滑坡，道路中断', '{v}一处边坡出现裂缝，有崩塌风险', '{v}后山发生小型泥石流，冲毁便道', '{v}挡土墙坍塌，{n}户居民临时转移'] },
  { cls: '1', type: '17', weight: 3, texts: ['{v}后山发生山火，过火面积约{n}亩', '{v}林地冒烟，疑似野外违规用火', '{t}林区发现火点，护林员已赶赴现场'] },
  { cls: '2', type: '21', weight: 14, accident: ['08', '09', '03', '01', '05', '19', '10', '04'], industry: ['industry_trade', 'construction', 'chemical', 'metal_mine', 'special_equipment'], texts: ['{v}一{unit}发生火灾，现场浓烟较大', '{v}一建筑工地发生高处坠落事故', '{v}一企业车间发生机械伤害事故', '{t}一仓库货架倒塌，有人员受伤', '{v}一厂房电焊作业引燃保温材料', '{v}一企业有限空间作业发生中毒窒息'] },
  { cls: '2', type: '22', weight: 18, accident: ['02'], industry: ['road'], texts: ['{road}发生两车相撞交通事故', '{road}一货车侧翻，货物散落路面', '一客车在{road}与护栏相撞', '{road}一电动车与轿车碰撞，{n}人受伤', '{road}多车追尾，交通拥堵'] },
  { cls: '2', type: '23', weight: 12, texts: ['{v}燃气管道泄漏，已关闭阀门', '{v}一小区电梯困人，{n}人被困', '{v}供水管道爆裂，路面塌陷', '{t}变电站故障，大面积停电', '{v}一居民楼燃气爆燃'] },
  { cls: '2', type: '24', weight: 4, texts: ['{v}河段发现死鱼，疑似水体污染', '{v}一企业排放刺激性异味气体', '{road}一罐车泄漏，液体流入边沟'] },
  { cls: '3', type: '31', weight: 4, texts: ['{v}一学校出现{n}例发热病例', '{t}一幼儿园发生手足口病聚集性病例', '{v}发现疑似传染病例，已送医'] },
  { cls: '3', type: '33', weight: 5, texts: ['{v}一餐馆疑似食物中毒，{n}人就医', '{t}一单位食堂多人腹泻呕吐', '{v}村民聚餐后{n}人身体不适'] },
  { cls: '3', type: '34', weight: 2, texts: ['{v}养殖户生猪异常死亡{n}头', '{v}发现野生鸟类死亡，已报畜牧部门'] },
  { cls: '4', type: '44', weight: 5, texts: ['{v}群众聚集反映拆迁补偿问题', '{t}一工地农民工讨薪聚集', '{v}村民因土地纠纷聚集'] },
  { cls: '4', type: '45', weight: 2, texts: ['{t}政府网站疑似遭篡改', '{t}一单位信息系统遭勒索病毒攻击'] },
];
const UNITS = ['仓库', '商场', '饭店', '加油站', '木材加工厂', '汽修厂', '养老院', '出租屋', '物流园'];
const ROADS = ['滨江路', '东昌路', '新华大街', '建设大街', 'G201国道', '鹤大高速', '江东路', '光明路', '龙泉路'];
const TAILS = ['现场已拉设警戒', '暂无人员伤亡报告', '具体原因正在核实', '消防救援人员已到场', '属地乡镇已派人处置', '报告人称情况紧急', '交警已赶赴现场', '医疗救护车已出动'];
const FOLLOWUPS = ['续报：现场情况已稳定，无新增伤亡', '续报：{n}人已送医，生命体征平稳', '续报：明火已扑灭，正在清理现场', '续报：道路已恢复通行', '续报：转移群众{n}人，已妥善安置', '续报：事故原因初步查明', '续报：仍有{n}人失联，搜救继续', '续报：受影响区域已恢复供水供电'];
const ACTIONS = ['已通知属地乡镇主要负责人赶赴现场', '已协调消防、公安、卫健部门联动处置', '已安排应急局值班人员到场核实', '已向市应急管理局电话报告', '已启动乡镇应急预案'];
const INSTRUCTIONS = ['请全力救治伤员，尽快查明原因', '请属地加强巡查，防止次生灾害', '请做好群众安抚和舆情引导', '请立即组织排查同类隐患', '请随时续报处置进展'];
const DISPATCHES = ['调派消防救援车辆{n}台', '调拨帐篷{n}顶、棉被{n}床', '调派救护车{n}辆', '调派抢险队员{n}人携带排水设备'];
const SOURCES = ['phone', 'phone', 'phone', 'township', 'transfer110', 'transfer119', 'transfer120', 'hotline12350', 'superior', 'media', 'other'];
const NAMES = ['李明', '王芳', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '孙丽', '周强', '吴敏', '郑涛', '冯雪'];

const DAY = 86_400_000;

function fill(s: string, rng: Rng, v: string, t: string): string {
  return s
    .replace(/\{v\}/g, v)
    .replace(/\{t\}/g, t)
    .replace(/\{n\}/g, () => String(rng.int(2, 40)))
    .replace(/\{road\}/g, () => rng.pick(ROADS))
    .replace(/\{unit\}/g, () => rng.pick(UNITS));
}

export function generateIncidents(
  db: DB,
  ctx: ScaleContext,
  rng: Rng,
  opts: { total?: number; authors?: { id: string; name: string }[]; leaders?: string[]; recentAckRate?: number } = {},
): { incidents: number; entries: number } {
  const total = opts.total ?? Math.max(1, Math.round(INCIDENTS_PER_5_YEARS * ctx.scale * (ctx.years / 5)));
  const towns = stmt(db, "SELECT code, name FROM places WHERE level = 'township' ORDER BY sort").all() as { code: string | null; name: string }[];
  const villages = new Map<string, { code: string; name: string }[]>();
  for (const v of stmt(db, "SELECT code, name, parent_code FROM places WHERE level = 'village'").all() as { code: string; name: string; parent_code: string }[]) {
    (villages.get(v.parent_code) ?? villages.set(v.parent_code, []).get(v.parent_code)!).push(v);
  }
  const weights = KINDS.reduce((a, k) => a + k.weight, 0);
  const pickKind = () => {
    let x = rng.next() * weights;
    for (const k of KINDS) if ((x -= k.weight) < 0) return k;
    return KINDS[0];
  };
  const adminRow = stmt(db, 'SELECT id, display_name FROM users WHERE id = ?').get(ctx.adminId) as { id: string; display_name: string };
  const authors = opts.authors?.length ? opts.authors : [{ id: adminRow.id, name: adminRow.display_name }];
  const leaders = opts.leaders?.length ? opts.leaders : ['王建华', '刘云飞', '赵敏'];
  let admin = { id: adminRow.id, display_name: adminRow.display_name };
  const sid = ctx.station.id;
  const insInc = stmt(db, `INSERT INTO incidents (id, station_id, year, seq, received_at, occurred_at, source, caller_unit, caller_name, caller_phone,
      township_code, village_code, place_text, class_code, type_code, accident_type, industry, summary, dead, injured, serious, missing, trapped, evacuated,
      direct_loss, measures, grade, grade_suggested, status, flagged, created_by, created_by_name, created_at, updated_at, closed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insEntry = stmt(db, `INSERT INTO incident_entries (id, station_id, incident_id, kind, at, body, data, author_id, author_name, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insAtt = stmt(db, `INSERT INTO incident_attention (id, station_id, incident_id, entry_id, reason, raised_by, raised_by_name, raised_at, due_at, acked_at, acked_by, acked_by_name, ack_via, leader_name)
      VALUES (?, ?, ?, NULL, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insTri = stmt(db, 'INSERT INTO incident_fts_tri (rowid, t) VALUES (?, ?)');
  const insBi = stmt(db, 'INSERT INTO incident_fts_bi (rowid, t) VALUES (?, ?)');
  const seqs = new Map<number, number>();
  const yearOf = new Map<number, number>();
  const yearFmt = new Intl.DateTimeFormat('en', { timeZone: ctx.station.timeZone, year: 'numeric' });
  const span = ctx.to - ctx.from;
  let entries = 0;
  const BATCH = 5_000;
  for (let start = 0; start < total; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(total, start + BATCH); i++) {
        // Received times in order (rowid order ≈ time order, as in real use), jittered.
        const received = Math.floor(ctx.from + ((i + rng.next()) / total) * span);
        const day = Math.floor(received / DAY);
        let year = yearOf.get(day);
        if (year === undefined) yearOf.set(day, (year = Number(yearFmt.format(received))));
        const seq = (seqs.get(year) ?? nextSeq(db, year) - 1) + 1;
        seqs.set(year, seq);
        const who = rng.pick(authors);
        admin = { id: who.id, display_name: who.name };
        const k = pickKind();
        // A station without division data still gets incidents (no township then).
        const town = towns.length ? rng.pick(towns) : { code: null, name: '辖区' };
        const vs = (town.code && villages.get(town.code)) || [];
        const vil = vs.length && rng.chance(0.8) ? rng.pick(vs) : null;
        const vname = vil?.name ?? town.name;
        const summary = `${fill(rng.pick(k.texts), rng, vname, town.name)}，${rng.pick(TAILS)}。`;
        const accident = isAccidentClass(k.cls);
        const dead = accident && rng.chance(0.08) ? (rng.chance(0.1) ? rng.int(3, 6) : rng.int(1, 2)) : 0;
        const injured = rng.chance(0.3) ? rng.int(1, 8) : 0;
        const serious = injured && rng.chance(0.3) ? rng.int(1, injured) : 0;
        const loss = accident && rng.chance(0.4) ? rng.int(1, 300) * 10_000 : null;
        const grade: Grade | null = accident ? suggestAccidentGrade(ACCIDENT_THRESHOLDS, { dead, serious }, loss).grade : null;
        const age = ctx.to - received;
        const status = age > 7 * DAY ? (rng.chance(0.995) ? 'closed' : 'handling') : rng.pick(['received', 'handling', 'closed']);
        const id = newId();
        const caller = rng.pick(NAMES);
        const callerUnit = `${town.name}${rng.chance(0.5) ? '应急办' : '派出所'}`;
        const measures = rng.chance(0.5) ? rng.pick(ACTIONS) : null;
        const r = insInc.run(
          id, sid, year, seq, received, received - rng.int(5, 90) * 60_000, rng.pick(SOURCES), callerUnit, caller,
          `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`, town.code, vil?.code ?? null, null, k.cls, k.type,
          k.accident ? rng.pick(k.accident) : null, k.industry ? rng.pick(k.industry) : null, summary, dead, injured, serious, 0,
          rng.chance(0.05) ? rng.int(1, 5) : 0, rng.chance(0.1) ? rng.int(5, 300) : 0, loss, measures, grade, grade, status,
          rng.chance(0.03) ? 1 : 0, admin.id, admin.display_name, received, received, status === 'closed' ? received + rng.int(1, 72) * 3_600_000 : null,
        );
        const n = Number(r.lastInsertRowid);
        const bodies: string[] = [];
        const add = (kind: string, at: number, body: string, data: unknown = null) => {
          insEntry.run(newId(), sid, id, kind, at, body, data === null ? null : JSON.stringify(data), admin.id, admin.display_name, at);
          bodies.push(body);
          entries++;
        };
        add('intake', received, summary, { source: 'phone' });
        if (grade) add('grade', received, '', { from: null, to: grade, suggested: grade, overridden: false });
        // ≈1M entries at 250k incidents: intake (+ grade) + 1–4 more.
        const more = rng.int(1, accident ? 3 : 4);
        let at = received;
        for (let j = 0; j < more; j++) {
          at += rng.int(5, 180) * 60_000;
          const x = rng.next();
          if (x < 0.5) add('followup', at, fill(rng.pick(FOLLOWUPS), rng, vname, town.name));
          else if (x < 0.7) add('action', at, rng.pick(ACTIONS));
          else if (x < 0.85) add('instruction', at, `${rng.pick(leaders)}批示：${rng.pick(INSTRUCTIONS)}`);
          else add('dispatch', at, fill(rng.pick(DISPATCHES), rng, vname, town.name));
        }
        const acked = age > DAY || rng.chance(opts.recentAckRate ?? 0.7);
        insAtt.run(newId(), sid, id, admin.id, admin.display_name, received, received + 10 * 60_000,
          acked ? received + rng.int(1, 15) * 60_000 : null, acked ? admin.id : null, acked ? admin.display_name : null, acked ? 'phone' : null, acked ? rng.pick(leaders) : null);
        const doc = documentText({ year, seq, summary, place_text: null, caller_unit: callerUnit, caller_name: caller, measures, trend: null, informed: null }, bodies);
        insTri.run(n, doc);
        insBi.run(n, bigramText(doc));
      }
    }).immediate();
  }
  return { incidents: total, entries };
}

export const incidentsScale: ScalePart = {
  name: 'incidents',
  run(db, ctx, rng) {
    const r = generateIncidents(db, ctx, rng);
    ctx.log(`incidents: ${r.incidents} incidents, ${r.entries} timeline entries`);
  },
};
