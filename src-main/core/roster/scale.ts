import type { DB } from '../db/open';
import { stmt } from '../db/stmt';
import { newId } from '../util/ids';
import type { ScaleContext, ScalePart } from '../devtools/scale';
import type { Rng } from '../devtools/rng';
import { addDays, localToUtc, localDate } from '../../contract/time';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['建华', '云飞', '敏', '丽', '强', '静', '昊', '磊', '雪', '冰', '峰', '燕', '伟', '芳', '军', '洋', '勇', '艳', '杰', '娟'];

/**
 * A district duty room over the period: 40 people (10 leaders, 30 operators), one 24-hour shift
 * from 08:30 with 1 leader + 2 operators, every month published, a sign-in per person and shift,
 * a handover and a couple of log entries per shift. Bulk inserts, deterministic from the Rng.
 */
export function generateRosterScale(db: DB, ctx: ScaleContext, rng: Rng, people = 40): { days: number; assignments: number } {
  const sid = ctx.station.id;
  const tz = ctx.station.timeZone;
  const now = ctx.to;
  const shiftId = newId();
  const leadPos = newId();
  const opPos = newId();
  const ids: { id: string; leader: boolean }[] = [];
  db.transaction(() => {
    stmt(db, 'INSERT INTO roster_shifts (id, station_id, name, start_minute, duration_minutes, sort, created_at, updated_at) VALUES (?, ?, ?, 510, 1440, 0, ?, ?)').run(shiftId, sid, '全天班', now, now);
    const pos = stmt(db, 'INSERT INTO roster_positions (id, station_id, name, duty_role, min_count, max_count, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    pos.run(leadPos, sid, '带班领导', 'leader', 1, 1, 0, now, now);
    pos.run(opPos, sid, '值班员', 'operator', 2, 2, 1, now, now);
    const ins = stmt(db,
      `INSERT INTO roster_people (id, station_id, name, unit, title, mobile, office_phone, duty_roles, sort, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < people; i++) {
      const leader = i < Math.max(3, Math.round(people / 4));
      const id = newId();
      ins.run(id, sid, rng.pick([...SURNAMES]) + rng.pick(GIVEN), leader ? '区应急管理局' : '区应急指挥中心', leader ? '副局长' : '值班员', `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`, '0435-8218110', JSON.stringify([leader ? 'leader' : 'operator']), i, now, now);
      ids.push({ id, leader });
    }
  }).immediate();
  const leaders = ids.filter((p) => p.leader);
  const ops = ids.filter((p) => !p.leader);
  const userId = ctx.adminId;
  const first = localDate(ctx.from, tz);
  const last = localDate(ctx.to, tz);
  const insA = stmt(db,
    `INSERT INTO roster_assignments (id, station_id, date, shift_id, position_id, slot, person_id, start_at, end_at, source, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'generated', ?, ?)`,
  );
  const insS = stmt(db,
    `INSERT INTO roster_signins (id, station_id, assignment_id, person_id, user_id, start_at, end_at, signed_in_at, signed_out_at, flagged)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const insH = stmt(db,
    `INSERT INTO roster_handovers (id, station_id, date, shift_id, start_at, end_at, situation, problems, tasks, open_matters, outgoing_user_id, incoming_user_id, acknowledged_at, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, 'acknowledged', ?, ?)`,
  );
  const insL = stmt(db, 'INSERT INTO roster_log_entries (id, station_id, date, shift_id, at, user_id, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insM = stmt(db, "INSERT OR IGNORE INTO roster_months (id, station_id, month, status, published_at, published_by, created_at, updated_at) VALUES (?, ?, ?, 'published', ?, ?, ?, ?)");
  let n = 0;
  let days = 0;
  let date = first;
  let batch = 0;
  db.exec('BEGIN IMMEDIATE');
  try {
    while (date <= last) {
      const start = localToUtc(date, 510, tz);
      const end = start + 86_400_000;
      insM.run(newId(), sid, date.slice(0, 7), start, userId, start, start);
      const crew = [
        { pos: leadPos, slot: 0, p: leaders[days % leaders.length] },
        { pos: opPos, slot: 0, p: ops[(days * 2) % ops.length] },
        { pos: opPos, slot: 1, p: ops[(days * 2 + 1) % ops.length] },
      ];
      for (const c of crew) {
        const aid = newId();
        insA.run(aid, sid, date, shiftId, c.pos, c.slot, c.p.id, start, end, userId, start - 20 * 86_400_000);
        insS.run(newId(), sid, aid, c.p.id, userId, start, end, start - rng.int(5, 40) * 60_000, end + rng.int(5, 30) * 60_000);
        n++;
      }
      insH.run(newId(), sid, date, shiftId, start, end, '全区总体平稳。', rng.chance(0.3) ? '部分路段积水。' : '无。', '跟进未结事项。', userId, userId, end + 600_000, end, end + 600_000);
      for (let k = 0; k < 2; k++) insL.run(newId(), sid, date, shiftId, start + rng.int(1, 23) * 3_600_000, userId, rng.pick(['转发气象预警至各镇街', '接市局通知，已报带班领导', '核实道路积水情况', '检查值班设备正常']));
      days++;
      date = addDays(date, 1);
      if (++batch >= 2000) {
        db.exec('COMMIT');
        db.exec('BEGIN IMMEDIATE');
        batch = 0;
      }
    }
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
  return { days, assignments: n };
}

export const rosterScale: ScalePart = {
  name: 'roster',
  run(db, ctx, rng) {
    const r = generateRosterScale(db, ctx, rng);
    ctx.log(`roster: ${r.days} shifts, ${r.assignments} assignments`);
  },
};
