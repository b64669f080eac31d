import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ratio, timeIt, type BenchRow, type BenchSuite } from '../harness';
import { addIncidents, enrollTown, pusher, startHub, startTown } from '../../unit/sync/fixture';
import { readBatch, versions } from '../../../src-main/core/sync/link';
import { newId } from '../../../src-main/core/util/ids';

/**
 * Sync: pushing 10k records to a hub on loopback (pusher → HTTP → apply into copies) vs the floor
 * of POSTing the same batch bodies to a server that only reads them; catch-up after a day offline
 * at a busy station (1 day vs 10 days); the capture triggers' cost on writes; the district view.
 */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function sinkServer() {
  const srv = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true,"value":{}}');
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

/** A busy station's day: 150 incidents with 12 timeline entries each, 1 950 records. */
function busyDay(db: Parameters<typeof addIncidents>[0], stationId: string, userId: string, day: number) {
  const ids = addIncidents(db, stationId, userId, 150, day * 150);
  const ent = db.prepare(
    `INSERT INTO incident_entries (id, station_id, incident_id, kind, at, body, author_id, author_name, created_at) VALUES (?, ?, ?, 'followup', ?, ?, ?, '值班员', ?)`,
  );
  db.transaction(() => {
    for (const id of ids) for (let k = 0; k < 11; k++) ent.run(newId(), stationId, id, Date.now(), `续报：现场处置进展第${k + 1}次，道路已部分恢复通行`, userId, Date.now());
  })();
}

export const suite: BenchSuite = {
  name: 'sync',
  async run() {
    const rows: BenchRow[] = [];

    // 1. 10k records to a hub on loopback vs raw HTTP POST of the same batches.
    const pushTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let rep = 0; rep < 3; rep++) {
      const hub = await startHub();
      const town = await startTown();
      await enrollTown(hub, town);
      addIncidents(town.t.db, town.stationId, town.adminId, 5000);
      const bodies: string[] = [];
      let after = 0;
      for (;;) {
        const records = readBatch(town.t.db, after, 500);
        if (!records.length) break;
        const toSeq = records[records.length - 1][0];
        bodies.push(JSON.stringify({ ...versions(), stationId: town.stationId, batchId: `${town.stationId}:${after + 1}-${toSeq}`, fromSeq: after + 1, toSeq, waiting: 0, records }));
        after = toSeq;
      }
      const sink = await sinkServer();
      let t0 = performance.now();
      for (const b of bodies) await fetch(`${sink.url}/api/sync/push`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: b }).then((r) => r.json());
      rawTimes.push(performance.now() - t0);
      await sink.close();
      t0 = performance.now();
      const r = await pusher(town.t).syncNow();
      pushTimes.push(performance.now() - t0);
      if (r.state !== 'ok') throw new Error(`push failed: ${r.errorKey}`);
      await hub.srv.close();
      hub.t.close();
      town.t.close();
    }
    const push = median(pushTimes);
    const raw = median(rawTimes);
    rows.push({ suite: 'sync', name: 'POST 10k records raw (floor)', value: raw, unit: 'ms', note: '20 batches of 500 to a server that only parses them' });
    rows.push({ suite: 'sync', name: 'push 10k records to hub (loopback)', value: push, unit: 'ms', ratio: ratio(push, raw), baseline: 'raw POST', note: `${Math.round(10_000 / (push / 1000))} records/s applied into copies, synchronous=FULL` });

    // 2. Catch-up after a day offline at a busy station (and after ten days: 10x data).
    const catchUp: Record<number, number> = {};
    for (const days of [1, 10]) {
      const hub = await startHub();
      const town = await startTown();
      await enrollTown(hub, town);
      for (let d = 0; d < days; d++) busyDay(town.t.db, town.stationId, town.adminId, d);
      const waiting = (await town.admin.ok('sync.status')).waiting;
      const t0 = performance.now();
      const r = await pusher(town.t).syncNow();
      catchUp[days] = performance.now() - t0;
      if (r.state !== 'ok') throw new Error('catch-up failed');
      rows.push({
        suite: 'sync',
        name: `catch-up after ${days} day${days > 1 ? 's' : ''} offline (busy station)`,
        value: catchUp[days] / 1000,
        unit: 's',
        ...(days === 10 ? { ratio: ratio(catchUp[10], catchUp[1]), baseline: '1 day (10x data)' } : {}),
        note: `${waiting} records`,
      });
      // 4. The district view over these copies.
      const ov = await timeIt(() => hub.admin.ok('sync.district.overview'), { minIters: 10, minMs: 200 });
      rows.push({ suite: 'sync', name: `district overview, ${days === 1 ? '1x' : '10x'} copies`, value: ov, unit: 'ms', note: `${waiting} copies` });
      await hub.srv.close();
      hub.t.close();
      town.t.close();
    }

    // 3. What capture costs a write: 200 incidents (+ entries) with the triggers vs without.
    const town = await startTown();
    let next = 0;
    const batch = () => addIncidents(town.t.db, town.stationId, town.adminId, 200, (next += 200));
    const withTrig = await timeIt(batch, { minIters: 5, minMs: 200, warmup: 1 });
    const trig = town.t.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_up_incident%'").all() as { name: string; sql: string }[];
    for (const x of trig) town.t.db.exec(`DROP TRIGGER "${x.name}"`);
    const without = await timeIt(batch, { minIters: 5, minMs: 200, warmup: 1 });
    for (const x of trig) town.t.db.exec(x.sql);
    town.t.close();
    rows.push({ suite: 'sync', name: 'write 200 incidents + entries, no capture (floor)', value: without, unit: 'ms' });
    rows.push({ suite: 'sync', name: 'write 200 incidents + entries, with capture triggers', value: withTrig, unit: 'ms', ratio: ratio(withTrig, without), baseline: 'no capture', note: 'outbox row in the same transaction' });
    return rows;
  },
};
