/**
 * The process never exits because logging or shutdown failed (issue 19): a refused stderr and a
 * failing close step are recorded and survived. Real failures: /dev/full refuses every write
 * with ENOSPC; a directory where the clean marker goes makes that write fail.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fileLogger } from '../../../src-main/core/util/logger';
import { closeCleanly } from '../../../src-main/core/db/open';
import { setUpStation, tempDir, testApp } from '../helpers';

describe('logging that cannot take the process down', () => {
  it.skipIf(!fs.existsSync('/dev/full'))('an echo stream on a full disk (ENOSPC) is survived and the log file still gets every line', async () => {
    const dir = tempDir();
    const full = fs.createWriteStream('/dev/full');
    const log = fileLogger(dir, true, full);
    for (let i = 0; i < 100; i++) log.error('refused write', { i });
    // The stream fails asynchronously; without the logger's guard this is an uncaught error.
    await new Promise((resolve) => full.on('close', () => resolve(null)));
    expect(full.errored).toBeTruthy();
    log.warn('after the failure');
    const lines = fs.readFileSync(path.join(dir, 'watchroom.log'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(101);
  });
});

describe('closing cleanly closes what it can', () => {
  const fresh = () => {
    const file = path.join(tempDir(), 'w.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)');
    return { db, file };
  };

  it('a clean close checkpoints, closes and leaves the marker', () => {
    const { db, file } = fresh();
    expect(closeCleanly(db)).toEqual({ ok: true, failures: [] });
    expect(db.open).toBe(false);
    expect(fs.existsSync(`${file}.clean`)).toBe(true);
  });

  it('a marker that cannot be written is reported, not thrown; the database is still closed', () => {
    const { db, file } = fresh();
    fs.mkdirSync(`${file}.clean`);
    const r = closeCleanly(db);
    expect(r.ok).toBe(false);
    expect(r.failures.join()).toMatch(/clean marker/);
    expect(db.open).toBe(false);
  });

  it('a failed checkpoint is reported and leaves no clean marker (the next start runs the full check)', () => {
    const { db, file } = fresh();
    db.close(); // the checkpoint on a closed connection fails
    const r = closeCleanly(db);
    expect(r.ok).toBe(false);
    expect(r.failures.join()).toMatch(/checkpoint/);
    expect(fs.existsSync(`${file}.clean`)).toBe(false);
  });
});

describe('calls after shutdown', () => {
  it('are refused as unavailable in words, not an internal error', async () => {
    const t = testApp();
    const { admin } = await setUpStation(t);
    t.close();
    const r = await admin.call('station.get', {});
    expect(r.ok || r.error).toMatchObject({ code: 'UNAVAILABLE', message: 'The station is shutting down; nothing was done.' });
    expect(t.logs.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
