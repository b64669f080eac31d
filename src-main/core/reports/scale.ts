import type { DB } from '../db/open';
import { stmt } from '../db/stmt';
import { newId } from '../util/ids';
import type { ScaleContext, ScalePart } from '../devtools/scale';
import type { Rng } from '../devtools/rng';
import { allFields, fieldInStage, type Stage } from '../../contract/reports';
import { className, typeName } from '../incidents/taxonomy';
import { metBySend, type Subject } from './deadlines';
import { effectiveRules } from './repo';
import { templateOf } from './templates';
import { localMonth } from '../../contract/time';

const MIN = 60_000;
const H = 60 * MIN;
const TEMPLATE: Record<string, string> = { '1': 'disaster-quick', '2': 'accident-report', '3': 'event-report', '4': 'event-report' };
const LATE_REASONS = ['现场通信中断，恢复后立即报送', '信息核实耗时较长', '值班人员同时处置多起事件', '系统故障，改为电话报送后补录', '夜间联系带班领导签发延误'];
const RECIPIENTS = ['通化市应急管理局值班室', '通化市应急管理局', '区委区政府总值班室'];

interface Inc {
  id: string; received_at: number; occurred_at: number | null; status: string; closed_at: number | null; class_code: string; type_code: string;
  accident_type: string | null; grade: Subject['grade']; summary: string; dead: number; injured: number; missing: number; measures: string | null;
  township_code: string | null; township_name: string | null; place_text: string | null;
}

/**
 * Reporting chains for the incidents already generated: 初报 (mostly on time, some late with a
 * reason), 续报 at the rules' cadence, 终报/核报 for closed incidents, and drafts or reports
 * waiting for signature on the open ones. Deadlines and lateness come from the real engine, so
 * the timeliness register is consistent with the rules.
 */
export function generateReports(db: DB, ctx: ScaleContext, rng: Rng, opts: { authors?: { id: string; name: string }[]; leaders?: { id: string; name: string }[]; share?: number } = {}): { chains: number; reports: number } {
  const tz = ctx.station.timeZone;
  const rules = effectiveRules(db);
  const admin = stmt(db, 'SELECT id, display_name AS name FROM users WHERE id = ?').get(ctx.adminId) as { id: string; name: string };
  const authors = opts.authors?.length ? opts.authors : [admin];
  const leaders = opts.leaders?.length ? opts.leaders : [{ id: admin.id, name: '王建华' }];
  const unit = ctx.station.name;
  const incs = stmt(db, `SELECT id, received_at, occurred_at, status, closed_at, class_code, type_code, accident_type, grade, summary, dead, injured, missing, measures, township_code,
                         (SELECT name FROM places p WHERE p.code = incidents.township_code) AS township_name, place_text
                         FROM incidents WHERE merged_into IS NULL AND id NOT IN (SELECT incident_id FROM report_chains WHERE incident_id IS NOT NULL) ORDER BY received_at`).all() as Inc[];
  const insChain = stmt(db, `INSERT INTO report_chains (id, station_id, incident_id, template_id, title, received_at, disaster_type, done_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insReport = stmt(db, `INSERT INTO reports (id, station_id, chain_id, incident_id, template_id, template_version, kind, stage, seq, title, no, data, explanation, status,
      author_id, author_name, submitted_at, signed_by, signed_by_name, signed_at, sent_at, sent_via, sent_to, sent_by, sent_by_name, due_at, late, late_reason, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insSend = stmt(db, `INSERT INTO report_sends (id, station_id, report_id, chain_id, stage, seq, via, recipient, sent_at, late, late_reason, by_id, by_name, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insTl = stmt(db, `INSERT INTO report_timeliness (id, station_id, chain_id, incident_id, report_id, rule_id, stage, seq, channel, due_at, met_at, late, reason,
      reason_by, reason_by_name, reason_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const numbers = new Map<string, number>();
  let chains = 0;
  let reports = 0;

  const run = db.transaction((batch: Inc[]) => {
    for (const i of batch) {
      const templateId = TEMPLATE[i.class_code] ?? 'event-report';
      const t = templateOf(templateId)!;
      const disasterType = i.class_code === '1' ? rng.pick(['洪涝', '洪涝', '风雹', '滑坡', '干旱', '森林草原火灾']) : null;
      const title = i.summary.slice(0, 60);
      const closed = i.status === 'closed' && i.closed_at !== null;
      const subject: Subject = {
        classCode: i.class_code, typeCode: i.type_code, accidentType: i.accident_type, grade: i.grade, disasterType, receivedAt: i.received_at,
        occurredAt: i.occurred_at, closedAt: null, casualtyChangedAt: null, dailyMode: false, sent: [],
      };
      insChain.run(i.id, ctx.station.id, i.id, templateId, title, i.received_at, disasterType, null, i.received_at);
      chains++;
      // Complete for the template and stage (a signed demo report passes the same checks as a real
      // one): places by name, the accident's unit and scene, the disaster's process fields.
      const place = [i.township_name, i.place_text].filter(Boolean).join('') || '辖区内';
      const data = (stage: Stage, extra: Record<string, unknown>) => {
        const all: Record<string, unknown> = {
          occurredAt: i.occurred_at ?? i.received_at, receivedAt: i.received_at, place, eventType: `${className(i.class_code)} / ${typeName(i.type_code)}`,
          summary: i.summary, course: i.summary, dead: i.dead, injured: i.injured, missing: i.missing, measures: i.measures ?? '已安排属地处置',
          unitOverview: `${i.township_name ?? ''}辖区企业，民营，从事生产经营，具体情况正在核实`, scene: '现场已设置警戒，救援力量已到场处置',
          disasterType: disasterType ?? '洪涝', startedAt: i.occurred_at ?? i.received_at, statsUntil: i.received_at + 2 * H, description: i.summary,
          ...extra,
        };
        const known = new Set(allFields(t).filter((f) => fieldInStage(f, stage)).map((f) => f.id));
        const fields = Object.fromEntries(Object.entries(all).filter(([k]) => known.has(k)));
        if (t.breakdown) for (const id of t.breakdown.fields) delete fields[id];
        const rows = t.breakdown && i.township_code ? { [i.township_code]: { affected: Math.max(20, (i.dead + i.injured + i.missing) * 15), dead: i.dead, missing: i.missing, injured: i.injured } } : undefined;
        return JSON.stringify(rows ? { fields, rows } : { fields });
      };
      // One report through its life: written, signed, sent (or left in draft / for signature).
      const report = (stage: Stage, seq: number, createdAt: number, sendAt: number | null, fate: 'sent' | 'draft' | 'submitted', extra: Record<string, unknown> = {}) => {
        const id = newId();
        const author = rng.pick(authors);
        const leader = rng.pick(leaders);
        let no: string | null = null;
        let late = 0;
        let reason: string | null = null;
        let due: number | null = null;
        const signedAt = fate === 'sent' && sendAt ? Math.max(createdAt, sendAt - rng.int(2, 20) * MIN) : null;
        const met = fate === 'sent' && sendAt ? metBySend(rules, subject, { stage, seq, sentAt: sendAt, via: 'fax' }, tz) : [];
        if (signedAt) {
          const k = `${templateId}|${localMonth(signedAt, tz).slice(0, 4)}`;
          const n = (numbers.get(k) ?? 0) + 1;
          numbers.set(k, n);
          no = t.export.numberPattern.replace('{unit}', unit).replace('{year}', k.slice(-4)).replace('{n}', String(n));
          if (met.some((o) => sendAt! > o.dueAt)) {
            late = 1;
            reason = rng.pick(LATE_REASONS);
          }
          due = met.length ? Math.min(...met.map((o) => o.dueAt)) : null;
        }
        insReport.run(
          id, ctx.station.id, i.id, i.id, templateId, t.kind, stage, seq, title, no, data(stage, extra), null, fate,
          author.id, author.name, fate === 'draft' ? null : createdAt + rng.int(3, 30) * MIN, signedAt ? leader.id : null, signedAt ? leader.name : null, signedAt,
          fate === 'sent' ? sendAt : null, fate === 'sent' ? 'fax' : null, fate === 'sent' ? rng.pick(RECIPIENTS) : null, fate === 'sent' ? author.id : null,
          fate === 'sent' ? author.name : null, due, late, reason, createdAt, sendAt ?? createdAt,
        );
        reports++;
        if (fate === 'sent' && sendAt) {
          insSend.run(newId(), ctx.station.id, id, i.id, stage, seq, 'fax', RECIPIENTS[0], sendAt, late, reason, author.id, author.name, sendAt);
          for (const o of met) {
            const l = sendAt > o.dueAt ? 1 : 0;
            insTl.run(newId(), ctx.station.id, i.id, i.id, id, o.ruleId, o.stage, o.seq, o.channel, o.dueAt, sendAt, l, l ? reason ?? LATE_REASONS[0] : null,
              l ? author.id : null, l ? author.name : null, l ? sendAt : null, sendAt);
          }
          subject.sent.push({ stage, seq, sentAt: sendAt, via: 'fax' });
        }
      };

      const created = i.received_at + rng.int(5, 40) * MIN;
      // Most initial reports go out within the deadline; about one in twelve is late.
      const initialSend = created + (rng.next() < 0.08 ? rng.int(120, 300) : rng.int(10, 70)) * MIN;
      const openNow = !closed && initialSend > ctx.to;
      if (openNow) {
        report('initial', 0, Math.min(created, ctx.to), null, rng.next() < 0.5 ? 'draft' : 'submitted');
        continue;
      }
      report('initial', 0, created, initialSend, 'sent', disasterType ? { disasterType } : {});
      let last = initialSend;
      const end = closed ? i.closed_at! : ctx.to;
      const followups = closed ? rng.int(0, 3) : rng.int(0, 2);
      for (let s = 1; s <= followups; s++) {
        const at = last + rng.int(6, 30) * H;
        if (at >= end) break;
        report('followup', s, at - rng.int(20, 90) * MIN, at, 'sent', { progress: '现场处置有序推进，无新增伤亡' });
        last = at;
      }
      if (closed) {
        subject.closedAt = i.closed_at;
        const stage: Stage = i.class_code === '1' ? 'verified' : 'final';
        const at = Math.max(i.closed_at!, last) + rng.int(1, 30) * H;
        if (at < ctx.to) {
          report(stage, 0, at - rng.int(30, 120) * MIN, at, 'sent', { result: '处置完毕，善后工作已落实' });
          stmt(db, 'UPDATE report_chains SET done_at = ? WHERE id = ?').run(at, i.id);
        }
      }
    }
  });
  // Most calls never need a formal report: at scale only a share of older incidents get a chain
  // (≈20k reports over 5 years at scale 1, as the proving-ground issue sizes it); the last 30 days all do.
  const share = opts.share;
  const chosen = share === undefined ? incs : incs.filter((i) => i.received_at >= ctx.to - 30 * 24 * H || rng.chance(share));
  for (let k = 0; k < chosen.length; k += 2000) run(chosen.slice(k, k + 2000));
  return { chains, reports };
}

export const reportsScale: ScalePart = {
  name: 'reports',
  run(db, ctx, rng) {
    const r = generateReports(db, ctx, rng, { share: 0.025 });
    ctx.log(`reports: ${r.chains} chains, ${r.reports} reports`);
  },
};
