import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open';
import { migrate, schemaVersion } from '../../../src-main/core/db/migrate';
import { CODE_SCHEMA_VERSION, MIGRATIONS } from '../../../src-main/core/db/migrations';
import { ApiError } from '../../../src-main/core/util/errors';
import { sha256 } from '../../../src-main/core/util/ids';
import { createApp } from '../../../src-main/core/app';
import { memoryLogger } from '../../../src-main/core/util/logger';
import { setUpStation, tempDir, testApp } from '../helpers';

const fileHash = (f: string) => sha256(fs.readFileSync(f));

function expectApiError(fn: () => unknown, key: string) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).key).toBe(key);
    return e as ApiError;
  }
  throw new Error(`expected ApiError ${key}`);
}

describe('database', () => {
  it('opens with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const db = openDatabase(path.join(tempDir(), 'a.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('creates every table STRICT and records the schema version', () => {
    const db = openDatabase(path.join(tempDir(), 'a.sqlite'));
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
      strict: number;
    }[];
    const virtualShadow = (n: string) => /_(data|idx|docsize|config|content)$/.test(n); // FTS5 shadow tables
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tables.filter((t) => !virtualShadow(t.name))) expect({ table: t.name, strict: t.strict }).toEqual({ table: t.name, strict: 1 });
    expect(schemaVersion(db)).toBe(CODE_SCHEMA_VERSION);
    expect(MIGRATIONS.map((m) => m.id)).toEqual([...new Set(MIGRATIONS.map((m) => m.id))].sort((a, b) => a - b));
    db.close();
  });

  it('applies pending migrations in one transaction: a failing one leaves nothing behind', () => {
    const db = new Database(path.join(tempDir(), 'm.sqlite'));
    const bad = [
      { id: 1, name: 'one', sql: 'CREATE TABLE t1 (x INTEGER) STRICT;' },
      { id: 2, name: 'two', sql: 'CREATE TABLE t2 (x INTEGER) STRICT; INSERT INTO nope VALUES (1);' },
    ];
    expect(() => migrate(db, bad)).toThrow();
    expect(db.prepare("SELECT count(*) n FROM sqlite_master WHERE name IN ('t1','t2','schema_migrations')").get()).toEqual({ n: 0 });
    expect(migrate(db, bad.slice(0, 1)).applied).toEqual([1]);
    expect(migrate(db, bad.slice(0, 1)).applied).toEqual([]);
    db.close();
  });

  it('refuses a database newer than the code and leaves it untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'watchroom.sqlite');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (9999, ?, 0)').run('from_the_future');
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = fileHash(file);
    const e = expectApiError(() => openDatabase(file), 'db.newerThanCode');
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.params.dbVersion).toBe(9999);
    expect(fileHash(file)).toBe(before);
    // And through the app: the same refusal, with a readable message in both languages.
    expect(() => createApp({ dataDir: dir, log: memoryLogger(), autoBackup: false })).toThrow(ApiError);
    expect(fileHash(file)).toBe(before);
  });

  it('refuses a file that is not SQLite, without writing to it', () => {
    const file = path.join(tempDir(), 'watchroom.sqlite');
    fs.writeFileSync(file, 'name,phone\n张三,13800000000\n');
    const before = fileHash(file);
    expectApiError(() => openDatabase(file), 'db.notSqlite');
    expect(fileHash(file)).toBe(before);
    expect(fs.existsSync(file + '-wal')).toBe(false);
  });

  it('refuses a damaged database (quick_check) and does not modify it', async () => {
    const t = testApp();
    await setUpStation(t, true);
    t.close();
    const file = path.join(t.dir, 'watchroom.sqlite');
    const buf = fs.readFileSync(file);
    const pageSize = buf.readUInt16BE(16) === 1 ? 65536 : buf.readUInt16BE(16);
    // Scribble over the middle pages (b-tree pages of the tables), leave the header intact.
    for (let p = 2; p * pageSize < buf.length - pageSize; p += 2) buf.fill(0x5a, p * pageSize + 8, p * pageSize + 200);
    fs.writeFileSync(file, buf);
    const before = fileHash(file);
    expectApiError(() => openDatabase(file), 'db.corrupt');
    expect(fileHash(file)).toBe(before);
  });

  it('start-up check: a large file skips the full quick_check only after a clean close', async () => {
    const t = testApp();
    await setUpStation(t, true);
    t.close(); // clean: leaves the marker
    const file = path.join(t.dir, 'watchroom.sqlite');
    expect(fs.existsSync(`${file}.clean`)).toBe(true);
    const buf = fs.readFileSync(file);
    const pageSize = buf.readUInt16BE(16);
    // Damage a page far from the schema: the full check sees it, a clean-marker start does not.
    const last = Math.floor(buf.length / pageSize) - 1;
    buf.fill(0x5a, last * pageSize + 8, last * pageSize + 200);
    fs.writeFileSync(file, buf);
    const opened = openDatabase(file, { fullCheckMaxBytes: 0 });
    expect(fs.existsSync(`${file}.clean`)).toBe(false); // consumed: a crash now means a full check next time
    opened.close(); // not a clean close through the app
    expectApiError(() => openDatabase(file, { fullCheckMaxBytes: 0 }), 'db.corrupt');
  });
});
