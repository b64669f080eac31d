import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers';
import { call } from '../incidents/fixtures';

const outbox = (db: { prepare(s: string): { get(): unknown } }) => (db.prepare('SELECT count(*) n FROM sync_outbox').get() as { n: number }).n;

async function station(level: 'district' | 'township', code: string) {
  const t = testApp();
  const r = await t.anon.ok('auth.setup', {
    station: { name: level === 'district' ? '东昌区应急管理局' : '东昌街道应急办', code, level, timeZone: 'Asia/Shanghai' },
    admin: { username: 'admin', displayName: '管理员', password: 'correct horse battery' },
  });
  return { t, admin: t.as(r.token) };
}

describe('capture by station level', () => {
  it('the district hub has no parent: its own incidents never enter an outbox', async () => {
    const { t, admin } = await station('district', '220502');
    await admin.ok('incidents.create', call());
    expect(outbox(t.db)).toBe(0);
    t.close();
  });

  it('a township captures the same change in the same transaction', async () => {
    const { t, admin } = await station('township', '220502001');
    await admin.ok('incidents.create', call());
    expect(outbox(t.db)).toBeGreaterThan(0);
    t.close();
  });
});
