import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { bumpVersion, updateVersioned } from '../../../src-main/core/db/versioned';
import { ApiError } from '../../../src-main/core/util/errors';

function db() {
  const d = new Database(':memory:');
  d.exec("CREATE TABLE t (id TEXT PRIMARY KEY, name TEXT, retired_at INTEGER, version INTEGER NOT NULL, updated_at INTEGER NOT NULL) STRICT; INSERT INTO t VALUES ('a', 'x', NULL, 1, 0)");
  return d;
}
const row = (d: Database.Database) => d.prepare("SELECT * FROM t WHERE id = 'a'").get();

describe('core/db/versioned: the one optimistic-concurrency write', () => {
  it('writes the patch, moves the version and the time', () => {
    const d = db();
    updateVersioned(d, 't', 'a', 1, { name: 'y', retired_at: undefined }, 5);
    expect(row(d)).toEqual({ id: 'a', name: 'y', retired_at: null, version: 2, updated_at: 5 });
  });
  it('a stale version is CONFLICT and changes nothing', () => {
    const d = db();
    updateVersioned(d, 't', 'a', 1, { name: 'y' }, 5);
    expect(() => updateVersioned(d, 't', 'a', 1, { name: 'z' }, 6)).toThrow(ApiError);
    try {
      updateVersioned(d, 't', 'a', 1, { name: 'z' }, 6);
    } catch (e) {
      expect((e as ApiError).code).toBe('CONFLICT');
    }
    expect(row(d)).toMatchObject({ name: 'y', version: 2 });
  });
  it('a failed guard is CONFLICT with the caller’s message', () => {
    const d = db();
    updateVersioned(d, 't', 'a', 1, { retired_at: 9 }, 9);
    expect(() => updateVersioned(d, 't', 'a', 2, { name: 'q' }, 10, { guard: 'retired_at IS NULL', conflictKey: 'retired' })).toThrow(/retired/);
    expect(row(d)).toMatchObject({ name: 'x', version: 2 });
  });
  it('names that are not identifiers never become SQL', () => {
    const d = db();
    expect(() => updateVersioned(d, 't; DROP TABLE t', 'a', 1, {}, 1)).toThrow(/bad table/);
    expect(() => updateVersioned(d, 't', 'a', 1, { 'name = 1, id': 'x' }, 1)).toThrow(/bad column/);
  });
  it('bumpVersion moves the version without a check', () => {
    const d = db();
    bumpVersion(d, 't', 'a', 7);
    expect(row(d)).toMatchObject({ version: 2, updated_at: 7 });
  });
  it('a composite key (e.g. station + date) is matched column by column, version-checked or bumped', () => {
    const d = new Database(':memory:');
    d.exec("CREATE TABLE c (station_id TEXT, date TEXT, kind TEXT, version INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (station_id, date)) STRICT");
    d.exec("INSERT INTO c VALUES ('s', '2026-01-01', 'auto', 1, 0), ('s', '2026-01-02', 'auto', 1, 0), ('o', '2026-01-01', 'auto', 1, 0)");
    const get = (st: string, date: string) => d.prepare('SELECT kind, version, updated_at FROM c WHERE station_id = ? AND date = ?').get(st, date);
    updateVersioned(d, 'c', { station_id: 's', date: '2026-01-01' }, 1, { kind: 'holiday' }, 3);
    expect(get('s', '2026-01-01')).toEqual({ kind: 'holiday', version: 2, updated_at: 3 });
    expect(get('s', '2026-01-02')).toEqual({ kind: 'auto', version: 1, updated_at: 0 });
    expect(get('o', '2026-01-01')).toEqual({ kind: 'auto', version: 1, updated_at: 0 });
    expect(() => updateVersioned(d, 'c', { station_id: 's', date: '2026-01-01' }, 1, { kind: 'workday' }, 4)).toThrow(ApiError);
    bumpVersion(d, 'c', { station_id: 'o', date: '2026-01-01' }, 5, { kind: 'makeup' });
    expect(get('o', '2026-01-01')).toEqual({ kind: 'makeup', version: 2, updated_at: 5 });
    expect(() => updateVersioned(d, 'c', { 'date = date OR 1': 'x' }, 1, {}, 1)).toThrow(/bad column/);
    expect(() => updateVersioned(d, 'c', {}, 1, {}, 1)).toThrow(/empty row key/);
  });
});
