/**
 * Audit chain (issue 8): edits made behind the application's back, directly in the SQLite
 * file, are found — altering any column of any row, deleting any row, reordering any two
 * rows, truncating the tail. Property-based over rows and columns; each kind is also checked
 * through the registry (audit.verify) and the CLI's verify-audit where the build exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../src-main/core/audit/chain';
import { setUpStation, tempDir, testApp } from '../helpers';
import { envInt, snapshotBuild } from './lib';

const RUNS = envInt('AUDIT_RUNS', 60);

let source: string; // a closed database with a few dozen audit rows
let token: string;
let rows: number;

type Row = Record<string, string | number | null>;
const COLUMNS = ['at', 'user_id', 'username', 'method', 'entity', 'entity_id', 'input_digest', 'before_digest', 'after_digest', 'prev_hash', 'hash'] as const;

beforeAll(async () => {
  const t = testApp();
  const s = await setUpStation(t, true);
  token = s.token;
  for (let i = 0; i < 30; i++) {
    t.clock.advance(1000);
    await s.admin.ok('auth.setLocale', { locale: i % 2 ? 'en' : 'zh-CN' });
  }
  const st = await s.admin.ok('station.get');
  await s.admin.ok('station.update', { name: '东昌区应急管理局（值班室）', version: st.version });
  t.close();
  source = path.join(t.dir, 'watchroom.sqlite');
  const db = new Database(source, { readonly: true });
  rows = (db.prepare('SELECT count(*) n FROM audit_log').get() as { n: number }).n;
  db.close();
}, 60_000);

/** A copy of the source database edited by `edit`; returns its directory. */
function tampered(edit: (db: Database.Database) => void): string {
  const dir = tempDir('wr-audit-');
  fs.copyFileSync(source, path.join(dir, 'watchroom.sqlite'));
  const db = new Database(path.join(dir, 'watchroom.sqlite'));
  edit(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return dir;
}

function verdict(dir: string) {
  const db = new Database(path.join(dir, 'watchroom.sqlite'), { readonly: true });
  try {
    return verifyAudit(db);
  } finally {
    db.close();
  }
}

const getRow = (db: Database.Database, seq: number) => db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as Row;
function putRow(db: Database.Database, r: Row) {
  const cols = Object.keys(r);
  db.prepare(`INSERT INTO audit_log (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`).run(...cols.map((c) => r[c]));
}

function altered(v: string | number | null, salt: number): string | number | null {
  if (typeof v === 'number') return v + 1 + (salt % 1000);
  if (v === null) return salt % 2 ? 'x' : '';
  if (v.length === 0) return 'x';
  // Flip one character: the smallest edit.
  const i = salt % v.length;
  const c = v[i] === 'a' ? 'b' : 'a';
  return v.slice(0, i) + c + v.slice(i + 1);
}

describe('audit chain: edits in the file are detected', () => {
  it('the untouched chain verifies', () => {
    expect(rows).toBeGreaterThan(30);
    expect(verdict(tampered(() => {}))).toMatchObject({ ok: true, rows });
  });

  it('altering any column of any row', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(...COLUMNS), fc.nat(), (k, col, salt) => {
        const seq = 1 + (k % rows);
        const dir = tampered((db) => {
          const r = getRow(db, seq);
          db.prepare(`UPDATE audit_log SET ${col} = ? WHERE seq = ?`).run(altered(r[col], salt), seq);
        });
        const v = verdict(dir);
        expect(v.ok, `${col} of row ${seq}`).toBe(false);
        expect(v.firstBreak!.seq).toBeLessThanOrEqual(seq + 1);
      }),
      { numRuns: RUNS },
    );
  });

  it('altering any row, exhaustively (time moved by 1 ms)', () => {
    for (let seq = 1; seq <= rows; seq++) {
      const v = verdict(tampered((db) => db.prepare('UPDATE audit_log SET at = at + 1 WHERE seq = ?').run(seq)));
      expect(v.ok, `row ${seq}`).toBe(false);
      expect(v.firstBreak).toMatchObject({ seq, reason: 'hash' });
    }
  });

  it('deleting any row', () => {
    for (let seq = 1; seq <= rows; seq++) {
      const v = verdict(tampered((db) => db.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq)));
      expect(v.ok, `delete row ${seq}`).toBe(false);
    }
  });

  it('reordering any two rows (contents swapped between positions, or sequence numbers moved)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (x, y, moveSeq) => {
        const a = 1 + (x % rows);
        let b = 1 + (y % rows);
        if (a === b) b = a === rows ? 1 : a + 1;
        const dir = tampered((db) => {
          const ra = getRow(db, a);
          const rb = getRow(db, b);
          db.prepare('DELETE FROM audit_log WHERE seq IN (?, ?)').run(a, b);
          if (moveSeq) {
            // Rows keep their own content but are re-inserted after everything else, the later
            // one first: otherwise, when a and b are the two newest rows, the "move" puts them
            // back exactly where they were and nothing was tampered with.
            const top = (db.prepare('SELECT max(seq) m FROM audit_log').get() as { m: number }).m;
            const [earlier, later] = a < b ? [ra, rb] : [rb, ra];
            putRow(db, { ...later, seq: top + 1 });
            putRow(db, { ...earlier, seq: top + 2 });
          } else {
            putRow(db, { ...rb, seq: a });
            putRow(db, { ...ra, seq: b });
          }
        });
        expect(verdict(dir).ok, `swap ${a} and ${b} (${moveSeq ? 'moved' : 'swapped'})`).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('truncating the tail (any number of newest rows)', () => {
    for (let k = 1; k < rows; k++) {
      const v = verdict(tampered((db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(rows - k)));
      expect(v.ok, `truncate ${k}`).toBe(false);
      expect(v.firstBreak!.reason).toBe('head');
    }
  });

  it('each kind is reported through the registry (audit.verify) and the CLI (verify-audit exits 3)', async () => {
    const kinds: [string, (db: Database.Database) => void][] = [
      ['alter', (db) => db.prepare("UPDATE audit_log SET username = 'mallory' WHERE seq = 3").run()],
      ['delete', (db) => db.prepare('DELETE FROM audit_log WHERE seq = 5').run()],
      ['reorder', (db) => {
        const r4 = getRow(db, 4);
        const r6 = getRow(db, 6);
        db.prepare('DELETE FROM audit_log WHERE seq IN (4, 6)').run();
        putRow(db, { ...r6, seq: 4 });
        putRow(db, { ...r4, seq: 6 });
      }],
      ['truncate', (db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(rows - 2)],
    ];
    const built = snapshotBuild('verify-audit');
    for (const [kind, edit] of kinds) {
      const dir = tampered(edit);
      const t = testApp(dir);
      const r = await t.as(token).ok('audit.verify');
      expect(r.ok, kind).toBe(false);
      t.close();
      if (built) {
        const p = spawnSync(process.execPath, [built.cli, 'verify-audit', '--data-dir', dir], { encoding: 'utf8', env: built.env });
        expect(p.status, `${kind}: ${p.stdout}${p.stderr}`).toBe(3);
        expect(JSON.parse(p.stdout.trim().split('\n').pop()!).ok).toBe(false);
      }
    }
  });
});
