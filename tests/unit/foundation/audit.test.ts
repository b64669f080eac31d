import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { setUpStation, testApp, userWithRoles } from '../helpers';

/** A station with a dozen audited mutations, closed so the file can be edited behind its back. */
async function auditedStation() {
  const t = testApp();
  const { admin } = await setUpStation(t);
  for (let i = 0; i < 5; i++) await admin.ok('auth.setLocale', { locale: i % 2 ? 'en' : 'zh-CN' });
  await userWithRoles(t, admin, 'chenli', ['operator']);
  const v = await admin.ok('audit.verify');
  expect(v.ok).toBe(true);
  expect(v.rows).toBeGreaterThanOrEqual(10);
  t.close();
  return t.dir;
}

async function verifyAfter(dir: string, edit: (db: Database.Database) => void) {
  const raw = new Database(path.join(dir, 'watchroom.sqlite'));
  edit(raw);
  raw.close();
  const t = testApp(dir);
  const r = await t.anon.ok('auth.login', { username: 'admin', password: 'correct horse battery' });
  const v = await t.as(r.token).ok('audit.verify');
  t.close();
  return v;
}

describe('audit chain', () => {
  it('every mutation appends a row naming who, what and which record', async () => {
    const t = testApp();
    const { admin, user } = await setUpStation(t);
    const created = await admin.ok('users.create', { username: 'sunqiang', displayName: '孙强', password: 'initial-pass-1', roles: ['operator'] });
    const rows = await admin.ok('audit.list', { limit: 10 });
    expect(rows[0]).toMatchObject({ method: 'users.create', username: user.username, entity: 'user', entityId: created.id });
    // Reads are not audited; rejected calls write nothing.
    await admin.ok('users.list');
    await admin.call('users.create', { username: 'sunqiang', displayName: 'x', password: 'initial-pass-1', roles: ['operator'] });
    expect((await admin.ok('audit.list', { limit: 10 }))[0].seq).toBe(rows[0].seq);
    t.close();
  });

  it('detects an edited row (changed directly in the SQLite file)', async () => {
    const dir = await auditedStation();
    const v = await verifyAfter(dir, (db) => db.prepare("UPDATE audit_log SET username = 'someone-else' WHERE seq = 4").run());
    expect(v).toMatchObject({ ok: false, firstBreak: { seq: 4, reason: 'hash' } });
  });

  it('detects a deleted row', async () => {
    const dir = await auditedStation();
    const v = await verifyAfter(dir, (db) => db.prepare('DELETE FROM audit_log WHERE seq = 3').run());
    expect(v.ok).toBe(false);
    expect(v.firstBreak).toMatchObject({ seq: 4, reason: 'gap' });
  });

  it('detects reordered rows (contents swapped between two positions)', async () => {
    const dir = await auditedStation();
    const v = await verifyAfter(dir, (db) => {
      const cols = 'at, user_id, username, method, entity, entity_id, input_digest, before_digest, after_digest, prev_hash, hash';
      const a = db.prepare(`SELECT ${cols} FROM audit_log WHERE seq = 5`).get() as Record<string, unknown>;
      const b = db.prepare(`SELECT ${cols} FROM audit_log WHERE seq = 6`).get() as Record<string, unknown>;
      const set = db.prepare(`UPDATE audit_log SET ${cols.split(', ').map((c) => `${c} = @${c}`).join(', ')} WHERE seq = @seq`);
      set.run({ ...b, seq: 5 });
      set.run({ ...a, seq: 6 });
    });
    expect(v).toMatchObject({ ok: false, firstBreak: { seq: 5, reason: 'link' } });
  });

  it('detects a truncated tail', async () => {
    const dir = await auditedStation();
    const v = await verifyAfter(dir, (db) => db.prepare('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)').run());
    // The anchor in the data folder still names the deleted row: start-up records the cut, and
    // the verdict names the missing row (audit-anchor.test.ts covers a rewritten head too).
    expect(v).toMatchObject({ ok: false, firstBreak: { reason: 'truncated' } });
    expect(v.missing!.from).toBe(v.missing!.to);
  });
});
