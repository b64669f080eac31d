import { setUpStation, testApp, userWithRoles, type Caller, type TestApp } from '../helpers';
import type { InputOf } from '../../../src-main/contract';

export const MIN = 60_000;

/** A call as an operator would take it: a fire in 东昌街道 (an accident, so it is graded). */
export function call(over: Partial<InputOf<'incidents.create'>> = {}): InputOf<'incidents.create'> {
  return {
    source: 'phone',
    callerUnit: '东昌街道办事处',
    callerName: '李明',
    callerTitle: '安全员',
    callerPhone: '13904351234',
    townshipCode: '220502001',
    placeText: '新华社区商业街12号',
    classCode: '2',
    typeCode: '21',
    accidentType: '08',
    industry: 'industry_trade',
    summary: '一家小型仓库发生火灾，现场浓烟较大，消防队已出动。',
    casualties: { dead: 0, injured: 1, serious: 0, missing: 0, trapped: 2, evacuated: 30 },
    directLoss: 200_000,
    measures: '已疏散周边群众',
    informed: '已报119',
    trend: '火势得到初步控制',
    ...over,
  };
}

export interface World {
  t: TestApp;
  admin: Caller;
  op: Caller;
  leader: Caller;
  viewer: Caller;
}

export async function world(): Promise<World> {
  const t = testApp();
  const { admin } = await setUpStation(t);
  const op = (await userWithRoles(t, admin, 'op1', ['operator'])).caller;
  const leader = (await userWithRoles(t, admin, 'lead1', ['leader'])).caller;
  const viewer = (await userWithRoles(t, admin, 'view1', ['viewer'])).caller;
  return { t, admin, op, leader, viewer };
}

/** Row counts of every incidents table: "nothing changed" checks compare these. */
export function counts(t: TestApp) {
  const q = (s: string) => (t.db.prepare(s).get() as { c: number }).c;
  return {
    incidents: q('SELECT count(*) c FROM incidents'),
    entries: q('SELECT count(*) c FROM incident_entries'),
    attention: q('SELECT count(*) c FROM incident_attention'),
    attachments: q('SELECT count(*) c FROM incident_attachments'),
    audit: q('SELECT count(*) c FROM audit_log'),
  };
}
