import type { DB } from '../db/open';
import { stmt } from '../db/stmt';
import { newId } from '../util/ids';
import { DEMO_PEOPLE, type DemoPart } from '../devtools/demo';
import { userByName } from '../users/repo';
import { insertPerson } from './repo';
import { generateMonth } from './generate';
import { addDays, localDate } from '../../contract/time';

const HOTLINES: [string, string, string][] = [
  ['hotline', '火警', '119'],
  ['hotline', '急救中心', '120'],
  ['hotline', '报警', '110'],
  ['hotline', '政务服务便民热线', '12345'],
  ['unit', '通化市应急管理局值班室', '0435-8210110'],
  ['unit', '东昌区气象局', '0435-8228121'],
  ['unit', '东昌区水利局防汛值班室', '0435-8212340'],
  ['unit', '东昌区消防救援大队', '0435-8233119'],
];

/** Dongchang duty room: the demo staff on the roster, township offices as contacts, this month published. */
/** People linked to the demo accounts, shifts, positions and a generated month around today. */
export const rosterDemo: DemoPart = (db: DB, ctx, rng) => {
  const sid = ctx.station.id;
  const now = ctx.now;
  if (stmt(db, 'SELECT 1 FROM roster_shifts WHERE station_id = ? LIMIT 1').get(sid)) return;
  stmt(db, "INSERT INTO roster_shifts (id, station_id, name, start_minute, duration_minutes, sort, created_at, updated_at) VALUES (?, ?, '全天班', 510, 1440, 0, ?, ?)").run(newId(), sid, now, now);
  const pos = stmt(db, 'INSERT INTO roster_positions (id, station_id, name, duty_role, min_count, max_count, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  pos.run(newId(), sid, '带班领导', 'leader', 1, 1, 0, now, now);
  pos.run(newId(), sid, '值班员', 'operator', 1, 2, 1, now, now);
  const ids: string[] = [];
  DEMO_PEOPLE.filter((p) => p.roles.includes('leader') || p.roles.includes('operator')).forEach((p, i) => {
    const leader = p.roles.includes('leader');
    const id = newId();
    insertPerson(db, {
      id,
      stationId: sid,
      name: p.name,
      unit: leader ? '东昌区应急管理局' : '区应急指挥中心',
      title: leader ? (i === 0 ? '局长' : '副局长') : '值班员',
      mobile: `1390435${String(1000 + i * 37).padStart(4, '0')}`,
      officePhone: leader ? '0435-8218100' : '0435-8218110',
      dutyRoles: [leader ? 'leader' : 'operator'],
      userId: userByName(db, p.username)?.id ?? null,
      note: '',
    }, now);
    ids.push(id);
  });
  const towns = stmt(db, "SELECT name FROM places WHERE level = 'township' ORDER BY sort, code").all() as { name: string }[];
  const insC = stmt(db, 'INSERT INTO roster_contacts (id, station_id, category, org, name, title, phone, mobile, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  towns.forEach((t, i) => insC.run(newId(), sid, 'unit', `${t.name}应急办`, '', '值班室', `0435-83${String(10_000 + i * 113).slice(-5)}`, `1384351${String(rng.int(0, 9999)).padStart(4, '0')}`, now, now));
  for (const [cat, org, phone] of HOTLINES) insC.run(newId(), sid, cat, org, '', '', phone, '', now, now);
  // 周静 is on training next week.
  const today = localDate(now, ctx.station.timeZone);
  stmt(db, "INSERT INTO roster_leave (id, station_id, person_id, from_date, to_date, kind, note, created_at) VALUES (?, ?, ?, ?, ?, 'training', '省应急厅值班业务培训', ?)").run(
    newId(), sid, ids[5], addDays(today, 7), addDays(today, 9), now,
  );
  const month = today.slice(0, 7);
  const next = localDate(Date.parse(`${month}-28T00:00:00Z`) + 5 * 86_400_000, 'UTC').slice(0, 7);
  generateMonth(db, ctx.station, month, ids, ctx.adminId, now);
  stmt(db, "INSERT INTO roster_months (id, station_id, month, status, published_at, published_by, created_at, updated_at) VALUES (?, ?, ?, 'published', ?, ?, ?, ?)").run(newId(), sid, month, now, ctx.adminId, now, now);
  generateMonth(db, ctx.station, next, ids, ctx.adminId, now);
};
