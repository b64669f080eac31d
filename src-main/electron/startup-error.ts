import path from 'node:path';
import type { Dialog } from 'electron';
import { ApiError } from '../core/util/errors';
import { translate } from '../core/i18n/messages';
import { latestGoodBackup, restoreBackup } from '../core/db/backup';
import { DEFAULT_TIME_ZONE, formatDateTime } from '../contract/time';

/**
 * The desktop's answer when the database cannot be opened: the reason in both languages, and —
 * for a damaged file — the newest good backup, restored only if the user says so (the damaged file
 * is kept beside it). Returns true when a restore was done and the app should relaunch.
 */
export function handleStartupError(e: unknown, dataDir: string, dialog: Pick<Dialog, 'showMessageBoxSync' | 'showErrorBox'>): boolean {
  if (!(e instanceof ApiError)) {
    dialog.showErrorBox('Watchroom 应急值守台', String(e instanceof Error ? e.message : e));
    return false;
  }
  const text = `${translate('zh-CN', e.key, e.params)}\n\n${translate('en', e.key, e.params)}`;
  const damaged = e.key === 'db.corrupt' || e.key === 'db.notSqlite';
  const backup = damaged ? latestGoodBackup(path.join(dataDir, 'backups')) : null;
  if (!backup) {
    dialog.showErrorBox('Watchroom 应急值守台', text);
    return false;
  }
  const when = formatDateTime(backup.createdAt, DEFAULT_TIME_ZONE, 'zh-CN');
  const choice = dialog.showMessageBoxSync({
    type: 'error',
    title: 'Watchroom 应急值守台',
    message: text,
    detail: `最近一份完好的备份：${backup.file}（${when}）。恢复后，损坏的文件会保留在数据目录中。\nLatest good backup: ${backup.file}. The damaged file is kept in the data folder.`,
    buttons: ['恢复此备份 Restore this backup', '退出 Quit'],
    defaultId: 1,
    cancelId: 1,
  });
  if (choice !== 0) return false;
  restoreBackup(dataDir, backup.path, Date.now());
  return true;
}
