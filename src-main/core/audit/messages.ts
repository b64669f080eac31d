import type { MessageTables } from '../i18n/tables';

/** The audit chain's verdict as a person reads it (settings, the board, `verify-audit`, the log). */
export const auditMessages: MessageTables = {
  'zh-CN': {
    'audit.verdict.ok': '审计记录完整：共 {rows} 条，未发现篡改（已与 {anchors} 个库外锚点核对）。',
    'audit.verdict.hash': '审计记录第 {seq} 条被改动过：数据库文件可能在程序之外被编辑。',
    'audit.verdict.link': '审计记录在第 {seq} 条处断链（记录被调换或替换）：数据库文件可能在程序之外被编辑。',
    'audit.verdict.gap': '审计记录第 {seq} 条之前有记录缺失：数据库文件可能在程序之外被删改。',
    'audit.verdict.head': '审计记录末尾从第 {seq} 条起被截掉：数据库文件可能在程序之外被删改。',
    'audit.verdict.truncated': '审计记录末尾被截掉：第 {from}–{to} 条已不在数据库文件中，但库外锚点（数据目录或备份）证明它们存在过。可能是有人删除了最新的记录，或换上了旧的数据库副本。',
    'audit.verdict.anchor': '审计记录第 {seq} 条与库外锚点（数据目录或备份）保存的不一致：末尾的记录被改写过。',
    'audit.tail.cut': '启动检查：数据库文件中的审计记录只到第 {fileSeq} 条，而库外锚点（{source}）记录到第 {anchorSeq} 条——末尾的记录被截掉，或换上了旧的数据库副本。已记入审计记录，序号不会重复使用。',
    'audit.tail.diverged': '启动检查：审计记录第 {anchorSeq} 条与库外锚点（{source}）保存的不一致——末尾的记录被改写过。已记入审计记录。',
    'audit.anchor.folder': '数据目录中的锚点文件',
    'audit.anchor.backup': '备份 {name} 的锚点',
  },
  en: {
    'audit.verdict.ok': 'Audit record intact: {rows} rows, no tampering found (checked against {anchors} anchors kept outside the database).',
    'audit.verdict.hash': 'Audit row {seq} was altered: the database file may have been edited outside the application.',
    'audit.verdict.link': 'The audit record breaks at row {seq} (rows swapped or replaced): the database file may have been edited outside the application.',
    'audit.verdict.gap': 'Audit rows are missing before row {seq}: the database file may have been edited outside the application.',
    'audit.verdict.head': 'The audit record was cut off from row {seq}: the database file may have been edited outside the application.',
    'audit.verdict.truncated': 'The audit record was cut at its tail: rows {from}–{to} are no longer in the database file, but the anchors kept outside it (data folder or backups) prove they existed. The newest rows were deleted, or an older copy of the database was put in place.',
    'audit.verdict.anchor': 'Audit row {seq} differs from the copy kept outside the database (data folder or backups): the tail of the record was rewritten.',
    'audit.tail.cut': 'Start-up check: the database file\'s audit record ends at row {fileSeq}, but the anchor ({source}) records row {anchorSeq}; the newest rows were cut off, or an older copy of the database was put in place. This was written into the audit record; sequence numbers are not reused.',
    'audit.tail.diverged': 'Start-up check: audit row {anchorSeq} differs from the anchor ({source}); the tail of the record was rewritten. This was written into the audit record.',
    'audit.anchor.folder': 'the anchor file in the data folder',
    'audit.anchor.backup': 'the anchor of backup {name}',
  },
};
