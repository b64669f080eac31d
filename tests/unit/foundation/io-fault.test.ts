/**
 * A real I/O failure of the database file (issue 19), not a stand-in error object: this test
 * process's file-size limit (RLIMIT_FSIZE, set with util-linux `prlimit` on our own pid) is
 * lowered below the WAL's next frame, so SQLite's write() fails with EFBIG and the call meets
 * SQLITE_IOERR_WRITE. The caller must read "storage failed, nothing saved" in their language
 * (UNAVAILABLE, never INTERNAL), nothing may be half-written, and a retry with the same
 * idempotency key once the disk is back writes the record exactly once.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { translate } from '../../../src-main/core/i18n/messages';
import { call, counts } from '../incidents/fixtures';
import { setUpStation, testApp } from '../helpers';

const hasPrlimit = spawnSync('prlimit', ['--version']).status === 0 && process.platform === 'linux';
const setFsize = (soft: string) => {
  const r = spawnSync('prlimit', ['--pid', String(process.pid), `--fsize=${soft}:unlimited`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`prlimit failed: ${r.stderr}`);
};
// With the default action SIGXFSZ would end the process; ignored, write() returns EFBIG instead.
const ignoreXfsz = () => undefined;

afterEach(() => {
  if (hasPrlimit) setFsize('unlimited');
  process.off('SIGXFSZ', ignoreXfsz);
});

describe.skipIf(!hasPrlimit)('storage that fails mid-write (real EFBIG from the kernel)', () => {
  it('UNAVAILABLE "nothing saved" in both languages, nothing written, and the retried create is saved once', async () => {
    const t = testApp();
    const { admin, token } = await setUpStation(t);
    await admin.ok('incidents.create', call()); // warm: every statement prepared, tables touched
    t.db.pragma('wal_checkpoint(TRUNCATE)'); // the WAL restarts at 0 bytes: the next frame is past the limit
    const before = counts(t);
    const keyed = (locale: 'en' | 'zh-CN') => t.call('incidents.create', call({ summary: '磁盘故障期间的来电' }), { token, transport: 'test', locale, remote: 'test', idempotencyKey: 'io-fault-retry-0001' });

    process.on('SIGXFSZ', ignoreXfsz);
    setFsize('1024');
    const en = await keyed('en');
    const zh = await keyed('zh-CN');
    setFsize('unlimited');

    for (const [r, loc] of [[en, 'en'], [zh, 'zh-CN']] as const) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('UNAVAILABLE');
      expect(r.error.message).toBe(translate(loc, 'db.ioError'));
    }
    expect(en.ok ? '' : en.error.message).toMatch(/nothing was saved/);
    expect(zh.ok ? '' : zh.error.message).toMatch(/未保存/);
    expect(t.logs.lines.some((l) => l.level === 'error' && l.msg === 'internal error')).toBe(false);
    expect(counts(t)).toEqual(before); // rolled back: no incident, no entry, no audit row

    // The disk is back: the client's retry (same key) saves once, and a second retry writes nothing.
    const ok = await keyed('en');
    expect(ok.ok).toBe(true);
    const again = await keyed('en');
    expect(again).toEqual(ok);
    expect(counts(t).incidents).toBe(before.incidents + 1);
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
    t.close();
  });
});
