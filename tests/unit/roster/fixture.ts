import { setUpStation, testApp, userWithRoles, type Caller, type TestApp } from '../helpers';
import type { PersonRow, PositionDef, ShiftDef } from '../../../src-main/contract/roster';
import type { AppOptions } from '../../../src-main/core/app';

export interface RosterFixture {
  t: TestApp;
  admin: Caller;
  /** The admin's session, to call in another locale (`t.as(token, 'zh-CN')`). */
  token: string;
  shift: ShiftDef;
  leaderPos: PositionDef;
  opPos: PositionDef;
  leaders: PersonRow[];
  ops: PersonRow[];
}

/** A station with one 24-hour shift from 08:30, 1 带班领导 + 1–2 值班员, 3 leaders and 4 operators. */
export async function rosterFixture(opts: { leaders?: number; ops?: number; app?: Partial<AppOptions> } = {}): Promise<RosterFixture> {
  const t = testApp(undefined, opts.app);
  const { admin, token } = await setUpStation(t);
  const shift = await admin.ok('roster.shifts.create', { name: '全天', startMinute: 510, durationMinutes: 1440 });
  const leaderPos = await admin.ok('roster.positions.create', { name: '带班领导', dutyRole: 'leader', minCount: 1, maxCount: 1 });
  const opPos = await admin.ok('roster.positions.create', { name: '值班员', dutyRole: 'operator', minCount: 1, maxCount: 2 });
  const leaders: PersonRow[] = [];
  const ops: PersonRow[] = [];
  const ln = ['王建华', '刘云飞', '赵敏', '钱峰', '孙立'];
  const on = ['陈丽', '孙强', '周静', '吴昊', '郑磊', '冯雪', '韩冰'];
  for (let i = 0; i < (opts.leaders ?? 3); i++) {
    leaders.push(await admin.ok('roster.people.create', { name: ln[i], unit: '局领导', mobile: `1390635000${i}`, dutyRoles: ['leader'] }));
  }
  for (let i = 0; i < (opts.ops ?? 4); i++) {
    ops.push(await admin.ok('roster.people.create', { name: on[i], unit: '应急指挥中心', mobile: `1380635000${i}`, officePhone: '0635-8888110', dutyRoles: ['operator'] }));
  }
  return { t, admin, token, shift, leaderPos, opPos, leaders, ops };
}

/** A signed-in user linked to a duty person. */
export async function linkedUser(f: RosterFixture, username: string, person: PersonRow, roles: ('operator' | 'leader')[] = ['operator']) {
  const u = await userWithRoles(f.t, f.admin, username, roles);
  await f.admin.ok('roster.people.update', { id: person.id, version: person.version, userId: u.user.id });
  return u;
}

export const countRows = (t: TestApp, table: string) => (t.db.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;
