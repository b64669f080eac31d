import { createHash, randomUUID } from 'node:crypto';
import type { DB } from '../db/open';
import type { DemoPart } from '../devtools/demo';
import type { ScalePart } from '../devtools/scale';
import type { Rng } from '../devtools/rng';
import { ensureMirror, mirrorWriter } from './mirror';
import { TRAVELLING } from './travelling';

/**
 * Demo and scale data for the district view: the district's townships registered as stations
 * (most enrolled and reporting, one waiting for its code, one revoked), with read-only copies of
 * the incidents they reported. Written straight into the hub's tables, as if they had synced.
 */
const SUMMARIES = [
  '村道山体塌方，交通中断，无人员伤亡',
  '民房因暴雨局部倒塌，转移群众12人',
  '河道水位上涨超警戒线0.3米，巡堤人员已到位',
  '林地起火，过火面积约2亩，已扑灭',
  '农用车侧翻，1人受伤送医',
  '大风吹倒广告牌，砸坏车辆2辆',
  '化工企业储罐泄漏，已疏散周边50人',
  '小学屋顶漏雨，暂停使用2间教室',
];
const fakeHash = (s: string) => createHash('sha256').update(s).digest('hex');

function townships(db: DB, n: number): { code: string; name: string }[] {
  return db.prepare("SELECT code, name FROM places WHERE level = 'township' ORDER BY sort, code LIMIT ?").all(n) as { code: string; name: string }[];
}

function seedStations(db: DB, now: number, by: string, rng: Rng, count: number, incidentsPerStation: number) {
  const towns = townships(db, count);
  const incDef = TRAVELLING.find((d) => d.table === 'incidents')!;
  const cols = ensureMirror(db, incDef);
  const write = mirrorWriter(db, incDef, cols);
  const ins = db.prepare(
    `INSERT INTO sync_stations (id, station_id, name, code, level, cred_hash, file_key, enrolled_at, revoked_at, revoked_by, revoke_reason, otc_hash, otc_expires_at,
       applied_seq, waiting, last_seen_at, last_push_at, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'township', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  towns.forEach((t, i) => {
    const stationId = randomUUID();
    const pending = i === towns.length - 1;
    const revoked = i === towns.length - 2 && towns.length > 3;
    const lastSeen = pending ? null : now - rng.int(1, i % 3 === 0 ? 40 * 3600 : 600) * 1000;
    const n = pending ? 0 : incidentsPerStation;
    ins.run(
      randomUUID(),
      pending ? null : stationId,
      `${t.name}应急办`,
      t.code,
      pending ? null : fakeHash(`demo-cred-${stationId}`),
      pending ? null : fakeHash(`demo-file-${stationId}`),
      pending ? null : now - 30 * 24 * 3600_000,
      revoked ? now - 3 * 24 * 3600_000 : null,
      revoked ? by : null,
      revoked ? '设备更换，旧电脑凭据作废' : null,
      pending ? fakeHash(`demo-otc-${t.code}`) : null,
      pending ? now + 48 * 3600_000 : null,
      n * 2,
      pending || revoked ? 0 : rng.int(0, 3) === 0 ? rng.int(1, 40) : 0,
      lastSeen,
      lastSeen,
      by,
      now - 31 * 24 * 3600_000,
      now,
    );
    for (let k = 0; k < n; k++) {
      const at = now - rng.int(1, 30 * 24 * 3600) * 1000;
      write(stationId, k + 1, now, {
        id: randomUUID(),
        station_id: stationId,
        year: new Date(at).getUTCFullYear(),
        seq: k + 1,
        received_at: at,
        source: 'phone',
        township_code: t.code,
        class_code: '1',
        type_code: '14',
        summary: rng.pick(SUMMARIES),
        dead: 0,
        injured: rng.int(0, 2),
        missing: 0,
        grade: rng.chance(0.2) ? 'IV' : null,
        status: rng.pick(['received', 'handling', 'closed']),
        created_at: at,
        updated_at: at,
      });
    }
  });
}

export const syncDemo: DemoPart = (db, ctx, rng) => {
  if (ctx.station.level !== 'district') return;
  seedStations(db, ctx.now, ctx.adminId, rng, 8, 6);
};

export const syncScale: ScalePart = {
  name: 'sync',
  run(db, ctx, rng) {
    if (ctx.station.level !== 'district') return;
    db.transaction(() => seedStations(db, ctx.to, ctx.adminId, rng, 12, Math.max(1, Math.round(2000 * ctx.scale * ctx.years))))();
  },
};
