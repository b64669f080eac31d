import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { snapshotBuild } from '../proving/lib';
import { requireDatabase } from '../../../src-main/core/db/backup';
import { ApiError } from '../../../src-main/core/util/errors';

/*
 * Issue 15 (CLI): `verify-audit`, `backup` and `restore` on a data folder without a database fail
 * with a clear message and create nothing — before, `verify-audit` on a mistyped path created an
 * empty database and reported ok. Runs the built CLI as a real process (npm run build first).
 */
const listing = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).sort() : []);

describe('CLI on a data folder without a database', () => {
  it('requireDatabase names the folder and the file', () => {
    const dir = tempDir('wr-nodb-');
    expect(() => requireDatabase(dir)).toThrow(ApiError);
    try {
      requireDatabase(dir);
    } catch (e) {
      expect((e as ApiError).key).toBe('cli.noDatabase');
      expect((e as ApiError).params).toEqual({ dir: path.resolve(dir), file: 'watchroom.sqlite' });
    }
    expect(listing(dir)).toEqual([]);
  });

  const build = snapshotBuild('requireDatabase');
  it('the built CLI is present (npm run build)', () => {
    expect(build, 'run `npm run build` first').not.toBeNull();
  });

  for (const cmd of [['verify-audit'], ['backup'], ['restore', 'some-backup.sqlite']]) {
    it(`${cmd[0]}: fails clearly, creates nothing (missing folder and empty folder)`, () => {
      if (!build) throw new Error('run `npm run build` first');
      const parent = tempDir('wr-nodb-');
      const missing = path.join(parent, 'mistyped');
      const empty = tempDir('wr-nodb-empty-');
      const backupFile = path.join(parent, 'some-backup.sqlite');
      fs.writeFileSync(backupFile, 'not used'); // restore must refuse for the folder before it looks at the file
      for (const dir of [missing, empty]) {
        const args = cmd[0] === 'restore' ? ['restore', backupFile] : cmd;
        const r = spawnSync(process.execPath, [build.cli, ...args, '--data-dir', dir], { env: build.env, encoding: 'utf8', timeout: 30_000 });
        expect(r.status, r.stderr).toBe(1);
        expect(r.stderr).toContain('中没有数据库（watchroom.sqlite），未作任何操作');
        expect(r.stderr).toContain(`There is no database (watchroom.sqlite) in the data folder ${path.resolve(dir)}`);
        expect(r.stdout).toBe('');
        expect(fs.existsSync(dir) ? listing(dir) : null).toEqual(dir === missing ? null : []);
      }
      expect(listing(parent)).toEqual(['some-backup.sqlite']);
    });
  }
});
