/**
 * Durability (issue 8):
 *  - crash: a child process (`node out/main/cli.js crash-writer`) writes bursts through the
 *    registry and prints every acknowledged write; it is killed with SIGKILL at random points.
 *    Every acknowledged write must be there and `PRAGMA integrity_check` ok. CRASH_ROUNDS
 *    (default 25; the full form is CRASH_ROUNDS=200), CRASH_SEED replays a run.
 *  - full disk (max_page_count): a clear UNAVAILABLE in both languages, nothing half-written,
 *    every read keeps working, writes resume once there is room.
 *  - corrupt file: refused with db.corrupt, the file left byte-for-byte as it was, and web mode
 *    names the latest good backup and the restore command.
 * Needs the built app (npm test builds first; alone: `npx electron-vite build`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src-main/core/app';
import { verifyAudit } from '../../../src-main/core/audit/chain';
import { translate } from '../../../src-main/core/i18n/messages';
import { ApiError } from '../../../src-main/core/util/errors';
import { memoryLogger } from '../../../src-main/core/util/logger';
import { Rng } from '../../../src-main/core/devtools/rng';
import { ERROR_CODES } from '../../../src-main/contract/errors';
import { setUpStation, tempDir, testApp } from '../helpers';
import { dbDigest, envInt, fileHash, registry, snapshotBuild } from './lib';

const ROUNDS = envInt('CRASH_ROUNDS', 25);
const PASSWORD = 'crash-writer-pass-1';

let built: ReturnType<typeof snapshotBuild> = null;
function requireBuild(): NonNullable<typeof built> {
  built ??= snapshotBuild('crash-writer');
  if (!built) throw new Error('out/main/cli.js is missing or older than the crash-writer command: run `npx electron-vite build` (npm test builds first)');
  return built;
}

interface Ack {
  version: number;
  digest: string;
}

/** One round: start the writer, let it run `ms` after it is ready, SIGKILL it, collect complete ack lines. */
function crashRound(dataDir: string, ms: number): Promise<{ acks: Ack[]; errors: string[] }> {
  return new Promise((resolve, reject) => {
    const b = requireBuild();
    const child = spawn(process.execPath, [b.cli, 'crash-writer', '--data-dir', dataDir, '--admin-password', PASSWORD], { stdio: ['ignore', 'pipe', 'pipe'], env: b.env });
    const acks: Ack[] = [];
    const errors: string[] = [];
    let buf = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`crash-writer never became ready: ${stderr}`));
    }, 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const [kind, a, b] = line.split(' ');
        if (kind === 'ready' && !killed) {
          clearTimeout(timer);
          setTimeout(() => {
            killed = true;
            child.kill('SIGKILL');
          }, ms);
        } else if (kind === 'ack') acks.push({ version: Number(a), digest: b });
        else if (kind === 'error') errors.push(line);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    // 'close' fires after stdout is drained: every line the child wrote before it died is in.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (!killed) reject(new Error(`crash-writer exited by itself (${code ?? signal}): ${stderr}`));
      else resolve({ acks, errors });
    });
  });
}

describe('durability', () => {
  it(`crash: SIGKILL at random points, ${ROUNDS} rounds — every acknowledged write survives, integrity_check ok`, async () => {
    requireBuild();
    const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Date.now() % 1_000_000;
    const rng = new Rng(seed);
    const dir = tempDir('wr-crash-');
    const file = path.join(dir, 'watchroom.sqlite');
    let total = 0;
    let lastVersion = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const ms = rng.chance(0.15) ? 0 : rng.int(1, 150);
      const { acks, errors } = await crashRound(dir, ms);
      expect(errors, `round ${round} (seed ${seed})`).toEqual([]);
      total += acks.length;
      const db = new Database(file); // opening replays the WAL, as the app would at its next start
      try {
        expect(db.pragma('integrity_check', { simple: true }), `round ${round} (seed ${seed})`).toBe('ok');
        const found = db.prepare("SELECT 1 FROM audit_log WHERE method = 'station.update' AND after_digest = ?");
        for (const a of acks) expect(found.get(a.digest), `round ${round} (seed ${seed}): acknowledged version ${a.version} lost`).toBeTruthy();
        const station = db.prepare('SELECT version FROM station').get() as { version: number };
        const maxAck = acks.length ? acks[acks.length - 1].version : lastVersion;
        expect(station.version, `round ${round} (seed ${seed})`).toBeGreaterThanOrEqual(maxAck);
        lastVersion = station.version;
        expect(verifyAudit(db), `round ${round} (seed ${seed})`).toMatchObject({ ok: true });
      } finally {
        db.close();
      }
    }
    console.log(`[crash] ${ROUNDS} rounds (seed ${seed}), ${total} acknowledged writes, all present; final version ${lastVersion}`);
    expect(total).toBeGreaterThan(0);
  }, Math.max(120_000, ROUNDS * 3_000));

  it('full disk (max_page_count): UNAVAILABLE db.full in both languages, nothing half-written, reads keep working', async () => {
    const t = testApp();
    const { admin, token } = await setUpStation(t, true);
    t.db.pragma(`max_page_count = ${t.db.pragma('page_count', { simple: true }) as number}`);
    // Fill it up, alternating the caller's language, until both languages have seen the error.
    const seen: Record<string, { code: string; message: string }> = {};
    for (let i = 0; i < 600 && Object.keys(seen).length < 2; i++) {
      const locale = i % 2 ? 'zh-CN' : 'en';
      const before = dbDigest(t.db);
      const r = await t.as(token, locale).call('users.create', { username: `filler${i}`, displayName: '填充'.repeat(20), password: 'filler-pass-1', roles: ['viewer'] });
      if (r.ok) continue;
      seen[locale] = r.error;
      expect(dbDigest(t.db), 'a failed write left something behind').toBe(before);
    }
    expect(Object.keys(seen).sort(), 'the disk never filled').toEqual(['en', 'zh-CN']);
    expect(seen.en.code).toBe('UNAVAILABLE');
    expect(seen.en.message).toBe(translate('en', 'db.full'));
    expect(seen['zh-CN'].code).toBe('UNAVAILABLE');
    expect(seen['zh-CN'].message).toBe(translate('zh-CN', 'db.full'));
    expect(seen['zh-CN'].message).toMatch(/磁盘空间已满/);
    // Every read the registry has keeps working — also after the sliding-session write point.
    t.clock.advance(5 * 60_000);
    for (const m of registry().filter((x) => !x.mutates)) {
      const r = await admin.raw(m.name, {});
      if (!r.ok) {
        expect(ERROR_CODES).toContain(r.error.code);
        expect([r.error.code, m.name]).not.toEqual(['INTERNAL', m.name]);
        expect([r.error.code, m.name]).not.toEqual(['UNAVAILABLE', m.name]);
      }
    }
    expect((await admin.ok('auth.me')).user.username).toBe('admin');
    expect((await admin.ok('audit.verify')).ok).toBe(true);
    // Room again: writes resume, nothing was lost.
    t.db.pragma('max_page_count = 1073741823');
    await admin.ok('users.create', { username: 'after-full', displayName: '恢复', password: 'filler-pass-1', roles: ['viewer'] });
    expect((await admin.ok('audit.verify')).ok).toBe(true);
    expect(t.logs.lines.filter((l) => l.msg === 'internal error')).toEqual([]);
    t.close();
  }, 120_000);

  const damages: [string, (buf: Buffer, pageSize: number, rng: Rng) => Buffer][] = [
    [
      'garbage over pages in the middle',
      (buf, ps, rng) => {
        const pages = buf.length / ps;
        for (let p = Math.max(2, Math.floor(pages / 3)); p < Math.floor((2 * pages) / 3); p += 2) {
          for (let i = 0; i < ps; i++) buf[p * ps + i] = rng.int(0, 255);
        }
        return buf;
      },
    ],
    [
      'zeroed b-tree pages',
      (buf, ps) => {
        const pages = buf.length / ps;
        for (let p = 2; p < pages; p += 3) buf.fill(0, p * ps, (p + 1) * ps);
        return buf;
      },
    ],
    ['truncated to 60 %', (buf, ps) => buf.subarray(0, Math.floor((buf.length / ps) * 0.6) * ps)],
  ];

  for (const [name, damage] of damages) {
    it(`corrupt file (${name}): refused with db.corrupt, left untouched, the latest good backup is offered`, async () => {
      const t = testApp();
      const { admin } = await setUpStation(t, true);
      for (let i = 0; i < 40; i++) await admin.ok('auth.setLocale', { locale: i % 2 ? 'en' : 'zh-CN' });
      const backup = await admin.ok('system.backup');
      t.close();
      const file = path.join(t.dir, 'watchroom.sqlite');
      for (const ext of ['-wal', '-shm']) fs.rmSync(file + ext, { force: true });
      const buf = fs.readFileSync(file);
      const ps = buf.readUInt16BE(16) === 1 ? 65536 : buf.readUInt16BE(16);
      fs.writeFileSync(file, damage(Buffer.from(buf), ps, new Rng(7)));
      const damaged = fileHash(file);

      let err: unknown = null;
      try {
        createApp({ dataDir: t.dir, autoBackup: false, log: memoryLogger() }).close();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe('UNAVAILABLE');
      expect((err as ApiError).key).toBe('db.corrupt');
      expect(fileHash(file), 'the damaged file was modified').toBe(damaged);

      if (name.startsWith('garbage')) {
        const b = requireBuild();
        // Web mode refuses to start and names the newest good backup and how to restore it.
        const out = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const p = spawn(process.execPath, [b.launcher, '--web', '--port', '0', '--data-dir', t.dir], { stdio: ['ignore', 'pipe', 'pipe'], env: b.env });
          let stderr = '';
          p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
          p.on('close', (code) => resolve({ code, stderr }));
        });
        expect(out.code).toBe(2);
        expect(out.stderr).toContain(translate('zh-CN', 'db.corrupt'));
        expect(out.stderr).toContain(translate('en', 'db.corrupt'));
        expect(out.stderr).toContain(backup.file);
        expect(out.stderr).toContain(`npm run cli -- restore ${backup.file}`);
        expect(fileHash(file), 'starting web mode modified the damaged file').toBe(damaged);
        // The offered command works and keeps the damaged file.
        const restored = await new Promise<number | null>((resolve) => {
          spawn(process.execPath, [b.cli, 'restore', backup.file, '--data-dir', t.dir], { stdio: 'ignore', env: b.env }).on('close', resolve);
        });
        expect(restored).toBe(0);
        const kept = fs.readdirSync(t.dir).find((f) => f.startsWith('watchroom.sqlite.before-restore-') && !f.endsWith('-wal') && !f.endsWith('-shm'));
        expect(kept).toBeTruthy();
        expect(fileHash(path.join(t.dir, kept!))).toBe(damaged);
        const back = createApp({ dataDir: t.dir, autoBackup: false, log: memoryLogger() });
        expect(verifyAudit(back.db).ok).toBe(true);
        back.close();
      }
    }, 60_000);
  }
});
