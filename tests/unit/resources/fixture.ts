import { setUpStation, testApp, userWithRoles, type Caller, type TestApp } from '../helpers';
import type { InputOf } from '../../../src-main/contract';

/** A district station (Dongchang) with an operator and a viewer. */
export async function world(): Promise<{ t: TestApp; admin: Caller; op: Caller; viewer: Caller; stationId: string }> {
  const t = testApp();
  const s = await setUpStation(t);
  const op = await userWithRoles(t, s.admin, 'op1', ['operator']);
  const viewer = await userWithRoles(t, s.admin, 'view1', ['viewer']);
  return { t, admin: s.admin, op: op.caller, viewer: viewer.caller, stationId: s.station.id };
}

type Save = InputOf<'resources.save'>;

export const team = (name: string, o: Record<string, unknown> = {}): Save =>
  ({ list: 'teams', values: { name, kind: 'professional', strength: 30, leader: '张队长', phone: '0435-3210001', ...o } }) as Save;

export const shelter = (name: string, o: Record<string, unknown> = {}): Save =>
  ({ list: 'shelters', values: { name, kind: 'indoor', status: 'ready', capacity: 500, manager: '李管理', phone: '13900000001', address: '东昌区某路1号', ...o } }) as Save;

export const plan = (name: string, o: Record<string, unknown> = {}): Save =>
  ({ list: 'plans', values: { name, level: 'district', category: 'special', classCode: '1', ownerUnit: '东昌区应急管理局', planVersion: '2024版', approvedOn: '2024-03-01', ...o } }) as Save;
