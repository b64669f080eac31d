import { describe, expect, it } from 'vitest';
import { mapError } from '../../../src-main/core/api/dispatch';
import { translate } from '../../../src-main/core/i18n/messages';

const sqliteError = (code: string) => Object.assign(new Error(code), { code });

describe('storage failures reach the user as "nothing saved", not as INTERNAL', () => {
  it('I/O errors of the database file are UNAVAILABLE with a message a person can act on', () => {
    for (const code of ['SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_SHORT_READ', 'SQLITE_CANTOPEN', 'SQLITE_READONLY']) {
      const e = mapError(sqliteError(code));
      expect(e?.code, code).toBe('UNAVAILABLE');
      expect(e?.key).toBe('db.ioError');
    }
    expect(translate('zh-CN', 'db.ioError')).toMatch(/未保存/);
    expect(translate('en', 'db.ioError')).toMatch(/nothing was saved/);
  });
  it('full disk, busy and damage keep their own messages; other errors stay INTERNAL', () => {
    expect(mapError(sqliteError('SQLITE_FULL'))?.key).toBe('db.full');
    expect(mapError(sqliteError('SQLITE_BUSY'))?.key).toBe('db.busy');
    expect(mapError(sqliteError('SQLITE_CORRUPT'))?.key).toBe('db.corrupt');
    expect(mapError(new Error('boom'))).toBeNull();
  });
});
