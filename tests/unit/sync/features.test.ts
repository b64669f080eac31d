import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../src-main/server/http';
import { installCapture } from '../../../src-main/core/sync/capture';
import { isAcknowledged } from '../../../src-main/core/sync/link';
import { sha256 } from '../../../src-main/core/util/ids';
import { CODE_SCHEMA_VERSION } from '../../../src-main/core/db/migrations';
import { tempDir } from '../helpers';
import { addIncidents, enrollTown, pusher, startHub, startTown, tableDigest, type Hub, type Town } from './fixture';

let hub: Hub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub.srv.close();
  hub.t.close();
});

describe('transactional outbox (capture triggers)', () => {
  let town: Town;
  beforeAll(async () => {
    town = await startTown('双龙镇应急办', '220502111');
  });
  afterAll(() => town.t.close());
  const outbox = () => town.t.db.prepare('SELECT count(*) FROM sync_outbox').pluck().get() as number;

  it('the outbox row is written in the same transaction as the change: a rolled-back change leaves none', () => {
    const before = outbox();
    expect(() =>
      town.t.db.transaction(() => {
        addIncidents(town.t.db, town.stationId, town.adminId, 3);
        throw new Error('rollback');
      })(),
    ).toThrow('rollback');
    expect(outbox()).toBe(before);
    addIncidents(town.t.db, town.stationId, town.adminId, 3);
    expect(outbox()).toBe(before + 6);
    const row = town.t.db.prepare("SELECT pk, row FROM sync_outbox WHERE tbl = 'incidents' ORDER BY seq DESC LIMIT 1").get() as { pk: string; row: string };
    const snap = JSON.parse(row.row);
    expect(JSON.parse(row.pk)).toEqual([snap.id]);
    expect(snap.station_id).toBe(town.stationId);
    expect(snap.summary).toMatch(/村道塌方/);
  });

  it('drafts stay home: a ledger document travels only once posted', () => {
    const db = town.t.db;
    const now = Date.now();
    db.prepare("INSERT INTO mat_warehouses (id, station_id, code, name, tier, created_at, updated_at) VALUES ('w1', ?, 'W01', '双龙镇储备点', 'township', ?, ?)").run(town.stationId, now, now);
    const docs = () => db.prepare("SELECT count(*) FROM sync_outbox WHERE tbl = 'mat_docs'").pluck().get() as number;
    db.prepare(
      "INSERT INTO mat_docs (id, station_id, doc_no, kind, status, warehouse_id, created_by, created_at, updated_at) VALUES ('d1', ?, 'RK-1', 'receipt', 'draft', 'w1', ?, ?, ?)",
    ).run(town.stationId, town.adminId, now, now);
    expect(docs()).toBe(0);
    db.prepare("UPDATE mat_docs SET status = 'posted', posted_at = ? WHERE id = 'd1'").run(now);
    expect(docs()).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sync_outbox WHERE tbl = 'mat_warehouses'").pluck().get()).toBe(1);
  });

  it('installation is idempotent and backfills a table the first time it is captured; a listed table no migration made is refused', () => {
    const db = town.t.db;
    const again = installCapture(db, Date.now());
    expect(again.installed).toEqual([]);
    expect(again.reinstalled).toEqual([]);
    const triggers = () => db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_up_%'").pluck().get() as number;
    const n = triggers();
    db.exec("CREATE TABLE test_notes (id TEXT PRIMARY KEY, station_id TEXT NOT NULL, body TEXT) STRICT");
    db.prepare("INSERT INTO test_notes VALUES ('n1', ?, 'before capture')").run(town.stationId);
    db.prepare("INSERT INTO test_notes VALUES ('n2', 'someone-else', 'not ours')").run();
    const list = [{ table: 'test_notes', key: ['id'], owner: { column: 'station_id' }, area: 'incidents' as const }];
    // Every domain's tables always exist: a list naming one that does not is a mistake, refused, nothing changed.
    expect(() => installCapture(db, Date.now(), [...list, { table: 'not_yet_a_table', key: ['id'], owner: { column: 'station_id' }, area: 'incidents' as const }], [])).toThrow(/not_yet_a_table/);
    expect(triggers()).toBe(n);
    const r = installCapture(db, Date.now(), list, []);
    expect(r.backfilled).toEqual({ 'up:test_notes': 1 });
    expect(r.skipped).toEqual([]);
    expect(triggers()).toBe(2); // only this list's triggers remain
    db.prepare("INSERT INTO test_notes VALUES ('n3', ?, 'after')").run(town.stationId);
    expect(db.prepare("SELECT count(*) FROM sync_outbox WHERE tbl = 'test_notes'").pluck().get()).toBe(2);
    expect(installCapture(db, Date.now(), list, []).installed).toEqual([]);
    // back to the real list: the full set is restored, nothing lost
    installCapture(db, Date.now());
    expect(triggers()).toBe(n);
  });
});

describe('enrollment, credentials, revocation', () => {
  it('a one-time code is exchanged once for a credential; the hub stores only hashes', async () => {
    const town = await startTown('金厂镇应急办', '220502112');
    const reg = await hub.admin.ok('sync.stations.register', { name: '金厂镇应急办', code: '220502112' });
    expect(reg.oneTimeSecret).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(reg.station.state).toBe('pending');
    const st = await town.admin.ok('sync.enroll', { hubUrl: hub.srv.url, oneTimeSecret: reg.oneTimeSecret.toLowerCase().replace(/-/g, ' ') });
    expect(st).toMatchObject({ mode: 'station', hubName: '东昌区应急管理局' });
    const cred = town.t.db.prepare('SELECT credential FROM sync_link').pluck().get() as string;
    const row = hub.t.db.prepare('SELECT * FROM sync_stations WHERE id = ?').get(reg.station.id) as Record<string, unknown>;
    expect(row.cred_hash).toBe(sha256(cred));
    expect(row.otc_hash).toBeNull();
    const dump = JSON.stringify(hub.t.db.prepare('SELECT * FROM sync_stations').all());
    expect(dump).not.toContain(cred);
    expect(dump).not.toContain(reg.oneTimeSecret);
    // the code is spent
    const other = await startTown('另一镇', '220502113');
    const again = await other.admin.call('sync.enroll', { hubUrl: hub.srv.url, oneTimeSecret: reg.oneTimeSecret });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toMatch(/wrong, used or expired/);
    expect(other.t.db.prepare('SELECT credential FROM sync_link').pluck().get()).toBeNull();
    other.t.close();

    // revoked: pushes are refused in plain words; nothing applied
    const hubReg = (await hub.admin.ok('sync.stations.list')).find((s) => s.id === reg.station.id)!;
    await hub.admin.ok('sync.stations.revoke', { id: hubReg.id, version: hubReg.version, reason: '设备遗失' });
    addIncidents(town.t.db, town.stationId, town.adminId, 2);
    const r = await pusher(town.t).syncNow();
    expect(r).toMatchObject({ state: 'error', errorKey: 'sync.revoked' });
    expect((await town.admin.ok('sync.status')).lastError).toMatch(/revoked by the district/);
    expect(tableDigest(hub.t.db, 'incidents', ['id'], town.stationId).count).toBe(0);
    town.t.close();
  });

  it('bad input changes nothing: wrong roles, bad code, a township cannot register stations', async () => {
    const town = await startTown('小镇', '220502114');
    const r = await town.admin.call('sync.stations.register', { name: 'x', code: '220502114' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    const bad = await hub.admin.call('sync.stations.register', { name: '', code: '12' });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION');
    const n = hub.t.db.prepare('SELECT count(*) FROM sync_stations').pluck().get();
    const e = await town.admin.call('sync.enroll', { hubUrl: hub.srv.url, oneTimeSecret: 'AAAA-BBBB-CCCC' });
    expect(!e.ok && e.error.code).toBe('CONFLICT');
    expect(hub.t.db.prepare('SELECT count(*) FROM sync_stations').pluck().get()).toBe(n);
    const plain = await town.admin.call('sync.enroll', { hubUrl: 'http://10.1.2.3:5180', oneTimeSecret: 'AAAA-BBBB-CCCC' });
    expect(!plain.ok && plain.error.message).toMatch(/plain HTTP; refused/);
    town.t.close();
  });
});

describe('file export/import (no network at all)', () => {
  it('checksummed + HMAC with the station credential; importing the same file twice changes nothing; tampering is refused', async () => {
    const town = await startTown('高坡镇应急办', '220502121');
    await enrollTown(hub, town);
    town.t.db.prepare("UPDATE sync_link SET hub_url = 'http://127.0.0.1:9'").run(); // ... then the line is gone for good
    expect((await pusher(town.t).syncNow()).state).toBe('error');
    addIncidents(town.t.db, town.stationId, town.adminId, 25);
    const f = await town.admin.ok('sync.exportFile');
    expect(f.records).toBe(50);
    const parsed = JSON.parse(f.content);
    expect(parsed.checksum).toMatch(/^[0-9a-f]{64}$/);

    const tampered = { ...parsed, records: parsed.records.slice(1) };
    const t1 = await hub.admin.call('sync.importFile', { content: JSON.stringify(tampered) });
    expect(!t1.ok && t1.error.message).toMatch(/checksum does not match/);
    const forged = { ...parsed, hmac: 'a'.repeat(64) };
    const t2 = await hub.admin.call('sync.importFile', { content: JSON.stringify(forged) });
    expect(!t2.ok && t2.error.message).toMatch(/signature does not match/);
    const ver = await hub.admin.call('sync.importFile', { content: JSON.stringify({ ...parsed, schemaVersion: CODE_SCHEMA_VERSION + 1 }) });
    expect(!ver.ok && ver.error.message).toMatch(/schema versions differ/);
    expect(tableDigest(hub.t.db, 'incidents', ['id'], town.stationId).count).toBe(0);

    const first = await hub.admin.ok('sync.importFile', { content: f.content });
    expect(first).toMatchObject({ records: 50, applied: 50, duplicate: false, appliedSeq: parsed.toSeq });
    const snap = tableDigest(hub.t.db, 'incidents', ['id'], town.stationId);
    expect(snap).toEqual(tableDigest(town.t.db, 'incidents', ['id']));
    const second = await hub.admin.ok('sync.importFile', { content: f.content });
    expect(second).toMatchObject({ applied: 0, duplicate: true });
    expect(tableDigest(hub.t.db, 'incidents', ['id'], town.stationId)).toEqual(snap);
    town.t.close();
  });
});

describe('down-flow: master data and dispatch orders', () => {
  it('a dispatch order reaches the township as an expected inbound transfer; catalogue rows arrive as master data', async () => {
    const town = await startTown('东风镇应急办', '220502131');
    const reg = await enrollTown(hub, town);
    const now = hub.t.clock.now();
    hub.t.db
      .prepare(
        "INSERT INTO mat_items (id, station_id, code, class_code, name, unit, integer_unit, category, created_at, updated_at) VALUES ('i1', ?, '1010101', '1010101', '帐篷', '顶', 1, 'relief', ?, ?)",
      )
      .run(hub.stationId, now, now);
    const d = await hub.admin.ok('sync.dispatch.create', {
      toRegId: reg.station.id,
      fromName: '东昌区救灾物资储备库',
      deadlineAt: now + 12 * 3600_000,
      lines: [{ itemCode: '1010101', itemName: '帐篷', unit: '顶', qty: 20 }],
    });
    expect(d.orderNo).toMatch(/^DB2026-0001$/);
    expect(d.delivered).toBe(false);
    expect((await pusher(town.t).syncNow()).state).toBe('ok');
    const inbound = await town.admin.ok('sync.inbound.list');
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({ orderNo: d.orderNo, status: 'expected', fromName: '东昌区救灾物资储备库', originName: '东昌区应急管理局' });
    expect(town.t.db.prepare("SELECT count(*) FROM sync_master WHERE kind = 'catalogue'").pluck().get()).toBe(1);
    expect((await hub.admin.ok('sync.dispatch.list'))[0].delivered).toBe(true);
    // pulling again changes nothing
    await pusher(town.t).syncNow();
    expect(await town.admin.ok('sync.inbound.list')).toHaveLength(1);
    const ov = await hub.admin.ok('sync.district.overview');
    expect(ov.inTransit.find((r) => r.no === d.orderNo)).toMatchObject({ kind: 'dispatch', delivered: true, originName: '东昌区应急管理局' });
    town.t.close();
  });

  it('a report is "sent" once the hub acknowledged it (isAcknowledged)', async () => {
    const town = await startTown('云集镇应急办', '220502132');
    await enrollTown(hub, town);
    const [id] = addIncidents(town.t.db, town.stationId, town.adminId, 1);
    expect(isAcknowledged(town.t.db, 'incidents', [id])).toBe(false);
    await pusher(town.t).syncNow();
    expect(isAcknowledged(town.t.db, 'incidents', [id])).toBe(true);
    expect(isAcknowledged(town.t.db, 'incidents', ['nope'])).toBeNull();
    town.t.close();
  });
});

describe('transport security', () => {
  it('sync endpoints over plain HTTP only on loopback (or with the explicit flag); HTTPS with a configured certificate', async () => {
    const open = await startServer({ app: hub.t, host: '0.0.0.0', port: 0 });
    const r = await fetch(`http://127.0.0.1:${open.port}/api/sync/pull`, { method: 'POST', body: '{}', headers: { 'X-Watchroom-Locale': 'en' } });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/HTTPS/);
    await open.close();
    const flagged = await startServer({ app: hub.t, host: '0.0.0.0', port: 0, allowPlainHttp: true });
    expect((await fetch(`http://127.0.0.1:${flagged.port}/api/sync/pull`, { method: 'POST', body: '{}' })).status).toBe(401); // past the transport check: asks for a credential
    await flagged.close();

    const dir = tempDir('wr-tls-');
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
    const tls = await startServer({ app: hub.t, host: '0.0.0.0', port: 0, tls: { cert: fs.readFileSync(cert), key: fs.readFileSync(key) } });
    expect(tls.url).toMatch(/^https:/);
    const status = await new Promise<number>((resolve, reject) => {
      const req = https.request({ host: '127.0.0.1', port: tls.port, path: '/api/sync/pull', method: 'POST', ca: fs.readFileSync(cert), headers: { 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(401); // reached the sync route over TLS (and was asked for a station credential)
    await tls.close();
  });
});
