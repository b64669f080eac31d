/**
 * Audit anchors outside the database (issue 19): cutting the chain's tail AND rewriting
 * `audit_head` in the same file leaves a chain consistent in itself; the anchors kept in the data
 * folder and beside every backup show it went backwards. Edited with a raw better-sqlite3
 * connection on the real file, as someone with the file and a SQLite tool would.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../src-main/core/audit/chain';
import { ANCHOR_FILE, readAnchorFile } from '../../../src-main/core/audit/anchor';
import { restoreBackup } from '../../../src-main/core/db/backup';
import { ADMIN_PASSWORD, setUpStation, testApp, type TestApp } from '../helpers';
import { snapshotBuild } from '../proving/lib';

const DB = 'watchroom.sqlite';

/** A station with a few dozen audited writes, closed. */
async function station(): Promise<{ dir: string; rows: number }> {
  const t = testApp();
  const { admin } = await setUpStation(t);
  for (let i = 0; i < 12; i++) {
    t.clock.advance(1000);
    await admin.ok('auth.setLocale', { locale: i % 2 ? 'en' : 'zh-CN' });
  }
  t.close();
  return { dir: t.dir, rows: maxSeq(t.dir) };
}

function maxSeq(dir: string): number {
  const db = new Database(path.join(dir, DB), { readonly: true });
  try {
    return (db.prepare('SELECT max(seq) m FROM audit_log').get() as { m: number }).m;
  } finally {
    db.close();
  }
}

/** Deletes the newest `k` rows and rewrites the head to the row left last: the cut the head alone cannot see. */
function cutTail(dir: string, k: number): void {
  const db = new Database(path.join(dir, DB));
  const top = (db.prepare('SELECT max(seq) m FROM audit_log').get() as { m: number }).m;
  db.prepare('DELETE FROM audit_log WHERE seq > ?').run(top - k);
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
  db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE singleton = 1').run(last.seq, last.hash);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** What the file alone says (no anchors): the hole this closes. */
function fileAlone(dir: string) {
  const db = new Database(path.join(dir, DB), { readonly: true });
  try {
    return verifyAudit(db);
  } finally {
    db.close();
  }
}

async function signIn(t: TestApp, locale: 'en' | 'zh-CN' = 'en') {
  const r = await t.anon.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
  return t.as(r.token, locale);
}

describe('audit anchors: a cut tail is found even when audit_head was rewritten too', () => {
  it('start-up and audit.verify report the cut in words; the cut numbers are never handed out again', async () => {
    const { dir, rows } = await station();
    expect(readAnchorFile(path.join(dir, ANCHOR_FILE))).toMatchObject({ seq: rows });
    cutTail(dir, 4);
    expect(fileAlone(dir).ok).toBe(true); // the file by itself looks intact

    const t = testApp(dir);
    const logged = t.logs.lines.find((l) => l.level === 'error');
    expect(logged?.msg).toContain(`只到第 ${rows - 4} 条`);
    expect(String(logged?.data?.en)).toContain(`records row ${rows}`);

    const admin = await signIn(t);
    const v = await admin.ok('audit.verify');
    expect(v).toMatchObject({ ok: false, firstBreak: { seq: rows - 3, reason: 'truncated' }, missing: { from: rows - 3, to: rows } });
    expect(v.message).toContain(`rows ${rows - 3}–${rows} are no longer in the database file`);
    const zh = await (await signIn(t, 'zh-CN')).ok('audit.verify');
    expect(zh.message).toContain(`第 ${rows - 3}–${rows} 条已不在数据库文件中`);

    // The marker row sits past the anchor; every later row after it (no number reused).
    const list = await admin.ok('audit.list', { limit: 500 });
    const seqs = list.map((r) => r.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    const marker = list.find((r) => r.method === 'audit.anchorMismatch')!;
    expect(marker.seq).toBe(rows + 1);
    expect(marker.text).toMatch(/cut or rewritten/);
    expect(Math.min(...list.filter((r) => r.seq > rows - 4 && r !== marker).map((r) => r.seq))).toBeGreaterThan(rows + 1);
    t.close();

    // The next start does not record the same cut twice, and still reports it.
    const t2 = testApp(dir);
    expect(t2.logs.lines.filter((l) => l.level === 'error')).toEqual([]);
    const v2 = await (await signIn(t2)).ok('audit.verify');
    expect(v2.firstBreak?.reason).toBe('truncated');
    t2.close();
  });

  it("a backup's sidecar anchors the chain when the data folder's anchor was removed as well", async () => {
    const { dir } = await station();
    const t = testApp(dir);
    const admin = await signIn(t);
    const b = await admin.ok('system.backup');
    const side = JSON.parse(fs.readFileSync(path.join(dir, 'backups', `${b.file}.anchor.json`), 'utf8')) as { seq: number };
    t.close();
    expect(side.seq).toBeGreaterThan(0);
    cutTail(dir, 3);
    fs.rmSync(path.join(dir, ANCHOR_FILE));
    const t2 = testApp(dir);
    expect(t2.logs.lines.find((l) => l.level === 'error')?.msg).toContain(b.file);
    const v = await (await signIn(t2)).ok('audit.verify');
    expect(v).toMatchObject({ ok: false, firstBreak: { reason: 'truncated' }, missing: { to: side.seq } });
    t2.close();
  });

  it('a tail cut and then written over (numbers reused) is reported as rewritten', async () => {
    const { dir, rows } = await station();
    const anchor = fs.readFileSync(path.join(dir, ANCHOR_FILE));
    cutTail(dir, 3);
    fs.rmSync(path.join(dir, ANCHOR_FILE)); // hidden from this start: new rows take the cut numbers
    const t = testApp(dir);
    const admin = await signIn(t);
    await admin.ok('auth.setLocale', { locale: 'zh-CN' });
    await admin.ok('auth.setLocale', { locale: 'en' });
    t.close();
    expect(maxSeq(dir)).toBeGreaterThanOrEqual(rows);
    fs.writeFileSync(path.join(dir, ANCHOR_FILE), anchor); // a copy of the anchor was kept
    const t2 = testApp(dir);
    expect(t2.logs.lines.find((l) => l.level === 'error')?.data?.en).toMatch(new RegExp(`audit row ${rows} differs`));
    const v = await (await signIn(t2)).ok('audit.verify');
    expect(v).toMatchObject({ ok: false, firstBreak: { seq: rows, reason: 'anchor' } });
    expect(v.message).toMatch(/rewritten/);
    t2.close();
  });

  it('a restore moves the chain back on purpose: not reported as a cut, later backups are not evidence', async () => {
    const { dir } = await station();
    const t = testApp(dir);
    const admin = await signIn(t);
    const early = await admin.ok('system.backup');
    for (let i = 0; i < 5; i++) await admin.ok('auth.setLocale', { locale: i % 2 ? 'en' : 'zh-CN' });
    t.clock.advance(2000);
    await admin.ok('system.backup'); // a backup of the branch the restore leaves
    t.close();
    restoreBackup(dir, path.join(dir, 'backups', early.file), t.clock.now() + 5000);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('audit-anchor.before-restore-'))).toBe(true);
    const t2 = testApp(dir);
    expect(t2.logs.lines.filter((l) => l.level === 'error')).toEqual([]);
    const v = await (await signIn(t2)).ok('audit.verify');
    expect(v).toMatchObject({ ok: true, firstBreak: null });
    // Only the folder's anchor counts now: both backups predate the restore (the next backup adds one).
    expect(v.anchors).toBe(1);
    t2.close();
  });

  it('the untouched station verifies against its anchors', async () => {
    const { dir, rows } = await station();
    const t = testApp(dir);
    const v = await (await signIn(t)).ok('audit.verify');
    expect(v).toMatchObject({ ok: true, anchors: 1 });
    expect(v.rows).toBe(rows + 1);
    expect(v.message).toMatch(/intact/);
    t.close();
  });

  it('verify-audit says so in words and exits 3 (built CLI, where the build exists)', async () => {
    const built = snapshotBuild('anchorMismatch');
    if (!built) return; // npm test builds first; a unit run without a build covers the rest above
    const { dir, rows } = await station();
    cutTail(dir, 2);
    const p = spawnSync(process.execPath, [built.cli, 'verify-audit', '--data-dir', dir], { encoding: 'utf8', env: built.env });
    expect(p.status, p.stdout + p.stderr).toBe(3);
    expect(p.stdout).toContain(`第 ${rows - 1}–${rows} 条已不在数据库文件中`);
    expect(p.stdout).toContain(`rows ${rows - 1}–${rows} are no longer in the database file`);
    expect(JSON.parse(p.stdout.trim().split('\n').pop()!)).toMatchObject({ ok: false, firstBreak: { reason: 'truncated' } });
  });
});
