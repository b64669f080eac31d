import type { DB } from '../db/open';
import type { StationInfo } from '../../contract/station';
import { newId } from '../util/ids';
import { insertUser, userByName } from '../users/repo';
import type { Role } from '../../contract/roles';
import type { Rng } from './rng';

export interface DemoContext {
  station: StationInfo;
  adminId: string;
  now: number;
  seed: number;
}

/** One domain's demo data; the parts run in order (devtools/parts.ts), in the caller's transaction. */
export type DemoPart = (db: DB, ctx: DemoContext, rng: Rng) => void;

/** Loads a demo station's data (the setup screen's checkbox, `npm run demo`); supplied by the entry point. */
export type DemoLoader = (db: DB, ctx: DemoContext) => void;

export const DEMO_PEOPLE: { username: string; name: string; roles: Role[] }[] = [
  { username: 'wangjh', name: '王建华', roles: ['leader'] },
  { username: 'liuyf', name: '刘云飞', roles: ['leader'] },
  { username: 'zhaomin', name: '赵敏', roles: ['leader'] },
  { username: 'chenli', name: '陈丽', roles: ['operator'] },
  { username: 'sunqiang', name: '孙强', roles: ['operator'] },
  { username: 'zhoujing', name: '周静', roles: ['operator'] },
  { username: 'wuhao', name: '吴昊', roles: ['operator'] },
  { username: 'zhenglei', name: '郑磊', roles: ['operator'] },
  { username: 'heping', name: '何平', roles: ['keeper'] },
  { username: 'gaoyan', name: '高燕', roles: ['keeper'] },
  { username: 'linfeng', name: '林峰', roles: ['viewer'] },
];

/**
 * Accounts for the demo staff. They carry no usable password ('!' never verifies): an
 * administrator sets one with users.resetPassword. There is no default password anywhere.
 */
export function demoAccounts(db: DB, ctx: DemoContext): void {
  for (const p of DEMO_PEOPLE) {
    if (userByName(db, p.username)) continue;
    insertUser(
      db,
      { id: newId(), stationId: ctx.station.id, username: p.username, displayName: p.name, passwordHash: '!', roles: p.roles, mustChange: true },
      ctx.now,
    );
  }
}
