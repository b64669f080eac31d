import type { DB } from '../db/open';
import { stmt } from '../db/stmt';
import { newId } from '../util/ids';
import { DEMO_PEOPLE, type DemoContext, type DemoPart } from '../devtools/demo';
import type { Rng } from '../devtools/rng';
import { generateReports } from './scale';
import { getConfig, putConfig } from './repo';

const H = 3_600_000;

/**
 * Demo: reporting chains for the demo incidents (初报 / 续报 / 终报, a few late with their
 * reasons, recent ones in draft or waiting for 签发), and a standalone 快报表 for a rainstorm
 * flood with figures per township, its 初报 sent and a 续报 in draft.
 */
function demoReports(db: DB, ctx: DemoContext, rng: Rng): void {
  if ((stmt(db, 'SELECT count(*) AS c FROM reports').get() as { c: number }).c > 0) return;
  // The duty room's phone, printed under every report with the contact person (standards §7).
  const cfg = getConfig(db);
  if (!cfg.contactPhone) putConfig(db, { ...cfg, contactPhone: '0435-3212345' }, ctx.now);
  const who = (role: string) =>
    DEMO_PEOPLE.filter((p) => p.roles.includes(role as never))
      .map((p) => stmt(db, 'SELECT id, display_name AS name FROM users WHERE username = ?').get(p.username) as { id: string; name: string } | undefined)
      .filter((p): p is { id: string; name: string } => !!p);
  const authors = who('operator');
  const leaders = who('leader');
  generateReports(db, { station: ctx.station, adminId: ctx.adminId, from: ctx.now - 60 * 24 * H, to: ctx.now, years: 60 / 365, scale: 1, log: () => undefined }, rng, { authors, leaders });

  const towns = stmt(db, "SELECT code FROM places WHERE level = 'township' ORDER BY sort LIMIT 4").all() as { code: string }[];
  if (!towns.length || !authors.length || !leaders.length) return;
  const started = ctx.now - 30 * H;
  const chain = newId();
  stmt(db, `INSERT INTO report_chains (id, station_id, incident_id, template_id, title, class_code, grade, disaster_type, received_at, occurred_at, created_at)
            VALUES (?, ?, NULL, 'disaster-quick', '11·27 东昌区暴雨洪涝', '1', 'IV', '洪涝', ?, ?, ?)`).run(chain, ctx.station.id, started + H, started, started + H);
  const figures = [
    { affected: 1860, relocated: 420, relocatedCentral: 260, relocatedDispersed: 160, sites: 3, collapsedRooms: 4, collapsedHouseholds: 2, severeRooms: 11, severeHouseholds: 6, cropAffected: 126.5, cropDamaged: 48, cropLost: 6.2, roads: 3.5, lossTotal: 312.6, lossHousing: 86, lossAgri: 142.6, lossInfra: 84 },
    { affected: 940, relocated: 150, relocatedCentral: 150, relocatedDispersed: 0, sites: 1, severeRooms: 3, severeHouseholds: 2, cropAffected: 58, cropDamaged: 21, lossTotal: 96.4, lossHousing: 20.4, lossAgri: 76 },
    { affected: 620, relocated: 80, relocatedCentral: 0, relocatedDispersed: 80, cropAffected: 33.2, cropDamaged: 9.5, lossTotal: 41.8, lossAgri: 41.8 },
    { affected: 310, cropAffected: 12, lossTotal: 8.5, lossAgri: 8.5 },
  ];
  const rows = Object.fromEntries(towns.map((t, k) => [t.code, figures[k] ?? {}]));
  const fields = { disasterType: '洪涝', startedAt: started, statsUntil: started + 3 * H, description: '11月27日夜间至28日凌晨持续强降雨，东昌区多个街道低洼地段积水，部分农田被淹，群众已转移安置。', responseStarted: false, measures: '启动防汛应急响应，转移安置群众，调拨帐篷、棉被等救灾物资。' };
  const a = rng.pick(authors);
  const l = rng.pick(leaders);
  const sent = started + 1.5 * H;
  const initial = newId();
  stmt(db, `INSERT INTO reports (id, station_id, chain_id, incident_id, template_id, template_version, kind, stage, seq, title, no, data, status, author_id, author_name,
              submitted_at, signed_by, signed_by_name, signed_at, sent_at, sent_via, sent_to, sent_by, sent_by_name, due_at, created_at, updated_at)
            VALUES (?, ?, ?, NULL, 'disaster-quick', 1, 'disaster', 'initial', 0, '11·27 东昌区暴雨洪涝', ?, ?, 'sent', ?, ?, ?, ?, ?, ?, ?, 'fax', '通化市应急管理局', ?, ?, ?, ?, ?)`).run(
    initial, ctx.station.id, chain, `${ctx.station.name}灾情〔2026〕1号`, JSON.stringify({ fields, rows }), a.id, a.name, sent - 40 * 60_000, l.id, l.name,
    sent - 20 * 60_000, sent, a.id, a.name, started + 2 * H, started + H + 10 * 60_000, sent,
  );
  stmt(db, `INSERT INTO report_sends (id, station_id, report_id, chain_id, stage, seq, via, recipient, sent_at, by_id, by_name, created_at) VALUES (?, ?, ?, ?, 'initial', 0, 'fax', '通化市应急管理局', ?, ?, ?, ?)`)
    .run(newId(), ctx.station.id, initial, chain, sent, a.id, a.name, sent);
  stmt(db, `INSERT INTO report_timeliness (id, station_id, chain_id, report_id, rule_id, stage, seq, channel, due_at, met_at, late, created_at)
            VALUES (?, ?, ?, ?, 'disaster.initial', 'initial', 0, 'any', ?, ?, 0, ?)`).run(newId(), ctx.station.id, chain, initial, started + 2 * H, sent, sent);
  // 续报 in draft: figures grew overnight.
  const rows2 = structuredClone(rows) as Record<string, Record<string, number>>;
  const first = rows2[towns[0].code];
  first.affected = 2450;
  first.relocated = 560;
  first.relocatedCentral = 330;
  first.relocatedDispersed = 230;
  stmt(db, `INSERT INTO reports (id, station_id, chain_id, incident_id, template_id, template_version, kind, stage, seq, title, data, status, author_id, author_name, created_at, updated_at)
            VALUES (?, ?, ?, NULL, 'disaster-quick', 1, 'disaster', 'followup', 1, '11·27 东昌区暴雨洪涝', ?, 'draft', ?, ?, ?, ?)`).run(
    newId(), ctx.station.id, chain, JSON.stringify({ fields: { ...fields, statsUntil: ctx.now - H }, rows: rows2 }), a.id, a.name, ctx.now - 2 * H, ctx.now - 2 * H,
  );
}

export const reportsDemo: DemoPart = demoReports;
